"""Competency questions for the peripheral layer (plexus -> nerve -> muscle), checked against sources.

The expected rows are written from the sources (MRC Aids to the Examination of the Peripheral Nervous
System, Memorandum 45; SUNY Downstate Human Anatomy Online; StatPearls; Medscape; Elsevier Complete
Anatomy), not from the generated graph: each asserts the edge on both sides AND that its owl:Axiom
cites the named source.
"""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, OWL

from spinekg.namespaces import SKG

SIDES = ("left", "right")
MRC, DS24, DS40 = "src_mrc1976_aids", "src_downstate_brachial_plexus", "src_downstate_lumbar_plexus"
SPH, SPP, MSM = "src_statpearls_hand_compression", "src_statpearls_peroneal_injury", \
    "src_medscape_median_neuropathy"
ELS, MER, OA = "src_elsevier_ca_upper_limb_nerves", "src_medscape_meralgia", \
    "src_openanesthesia_sensory"


def _axiom(g, s, p, o):
    axs = [a for a in g.subjects(OWL.annotatedSource, s)
           if (a, OWL.annotatedProperty, p) in g and (a, OWL.annotatedTarget, o) in g]
    assert len(axs) == 1, (s, p, o, axs)
    return axs[0]


def _check(g, s, p, o, source, rank=None):
    for side in SIDES:
        subj = SKG[f"{s}_{side}"] if not s.startswith("site_") else SKG[f"{s}_{side}"]
        obj = SKG[f"{o}_{side}"]
        assert (subj, SKG[p], obj) in g, f"missing {s}_{side} {p} {o}_{side}"
        ax = _axiom(g, subj, SKG[p], obj)
        assert SKG[source] in set(g.objects(ax, DCTERMS.source)), (s, p, o, source)
        if rank:
            assert (ax, SKG.evidenceRank, Literal(rank)) in g, (s, p, o, rank)


# (muscle, nerve, source) -- MRC Memorandum 45 figure captions; StatPearls hand compression
INNERVATION = [
    ("rhomboids", "dorsal_scapular", DS24), ("serratus_anterior", "long_thoracic", DS24),
    ("supraspinatus", "suprascapular", DS24), ("infraspinatus", "suprascapular", DS24),
    ("deltoid", "axillary", MRC), ("teres_minor", "axillary", MRC),
    ("latissimus_dorsi", "thoracodorsal", MRC), ("biceps_brachii", "musculocutaneous", MRC),
    ("brachialis", "musculocutaneous", MRC), ("triceps_brachii", "radial", MRC),
    ("brachioradialis", "radial", MRC), ("ecrl", "radial", MRC),
    ("supinator", "posterior_interosseous", MRC), ("extensor_digitorum", "posterior_interosseous", MRC),
    ("ecu", "posterior_interosseous", MRC), ("epl", "posterior_interosseous", MRC),
    ("pronator_teres", "median", SPH), ("fcr", "median", SPH), ("fds", "median", SPH),
    ("fpl", "anterior_interosseous", SPH), ("fdp_index_middle", "anterior_interosseous", SPH),
    ("pronator_quadratus", "anterior_interosseous", SPH), ("apb", "median", SPH),
    ("opponens_pollicis", "median", SPH), ("fcu", "ulnar", MRC), ("fdp_ring_little", "ulnar", MRC),
    ("adm", "ulnar", MRC), ("fdi", "ulnar", MRC), ("adductor_pollicis", "ulnar", MRC),
    ("iliopsoas", "femoral", MRC), ("quadriceps_femoris", "femoral", MRC),
    ("adductor_longus", "obturator", DS40), ("gracilis", "obturator", MRC),
    ("gluteus_medius", "superior_gluteal", MRC), ("tfl", "superior_gluteal", MRC),
    ("gluteus_maximus", "inferior_gluteal", MRC),
    ("biceps_femoris_long_head", "sciatic_tibial_division", MRC),
    ("biceps_femoris_short_head", "sciatic_fibular_division", MRC),
    ("semitendinosus", "sciatic_tibial_division", MRC),
    ("tibialis_anterior", "deep_fibular", SPP), ("ehl", "deep_fibular", SPP),
    ("edl", "deep_fibular", MRC), ("fibularis_longus", "superficial_fibular", SPP),
    ("fibularis_brevis", "superficial_fibular", MRC), ("tibialis_posterior", "tibial", MRC),
    ("gastrocnemius", "tibial", MRC), ("soleus", "tibial", MRC), ("fhl", "tibial", MRC),
    ("abductor_hallucis", "medial_plantar", MRC), ("abductor_digiti_minimi_pedis", "lateral_plantar", MRC),
]


@pytest.mark.parametrize("muscle,nerve,source", INNERVATION)
def test_muscle_is_innervated_by_its_nerve(g, muscle, nerve, source):
    _check(g, f"muscle_{muscle}", "innervatedBy", f"nerve_{nerve}", source)


def test_innervated_by_is_also_ro_innervated_by(g):
    """Declared for OWL tools (which infer the RO edge), not written again on every edge."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS
    ro = URIRef("http://purl.obolibrary.org/obo/RO_0002005")
    assert (SKG.innervatedBy, RDFS.subPropertyOf, ro) in g
    assert (SKG.muscle_deltoid_left, SKG.innervatedBy, SKG.nerve_axillary_left) in g
    assert (SKG.muscle_deltoid_left, ro, SKG.nerve_axillary_left) not in g


# (muscle, root, rank, source): MRC root values; main root primary, contributing roots alternative
ROOTS = [
    ("rhomboids", "C5", "primary", DS24), ("rhomboids", "C4", "alternative", MRC),
    ("serratus_anterior", "C5", "primary", MRC), ("serratus_anterior", "C6", "primary", MRC),
    ("serratus_anterior", "C7", "primary", MRC), ("deltoid", "C5", "primary", MRC),
    ("deltoid", "C6", "alternative", MRC), ("biceps_brachii", "C5", "primary", MRC),
    ("biceps_brachii", "C6", "primary", MRC), ("triceps_brachii", "C7", "primary", MRC),
    ("brachioradialis", "C6", "primary", MRC), ("apb", "T1", "primary", MRC),
    ("apb", "C8", "primary", MRC), ("fpl", "C8", "primary", MRC), ("fcu", "C8", "primary", MRC),
    ("fdi", "T1", "primary", MRC), ("quadriceps_femoris", "L3", "primary", MRC),
    ("quadriceps_femoris", "L4", "primary", MRC), ("adductor_longus", "L2", "primary", MRC),
    ("adductor_longus", "L3", "primary", MRC), ("adductor_longus", "L4", "primary", MRC),
    ("gluteus_medius", "L5", "primary", MRC), ("gluteus_medius", "L4", "alternative", MRC),
    ("gluteus_medius", "S1", "alternative", MRC), ("tibialis_anterior", "L4", "primary", MRC),
    ("tibialis_anterior", "L5", "alternative", MRC), ("ehl", "L5", "primary", MRC),
    ("tibialis_posterior", "L5", "primary", MRC), ("tibialis_posterior", "L4", "alternative", MRC),
    ("fibularis_longus", "L5", "primary", MRC), ("fibularis_longus", "S1", "primary", MRC),
    ("gastrocnemius", "S1", "primary", MRC), ("gastrocnemius", "S2", "alternative", MRC),
]


@pytest.mark.parametrize("muscle,root,rank,source", ROOTS)
def test_muscle_root_supply(g, muscle, root, rank, source):
    _check(g, f"muscle_{muscle}", "rootSupply", f"root_{root}", source, rank)


# (muscle, action): the existing muscle actions (ISNCSCI key muscles among them)
TESTED = [("deltoid", "shoulder_abduction"), ("biceps_brachii", "elbow_flexion"),
          ("triceps_brachii", "elbow_extension"), ("ecrl", "wrist_extension"),
          ("fds", "finger_flexion"), ("adm", "little_finger_abduction"),
          ("iliopsoas", "hip_flexion"), ("quadriceps_femoris", "knee_extension"),
          ("tibialis_anterior", "ankle_dorsiflexion"), ("ehl", "great_toe_extension"),
          ("gastrocnemius", "ankle_plantar_flexion"), ("tibialis_posterior", "foot_inversion"),
          ("gluteus_medius", "hip_abduction"), ("adductor_longus", "hip_adduction"),
          ("fibularis_longus", "foot_eversion"), ("rhomboids", "scapular_retraction"),
          ("serratus_anterior", "scapular_protraction")]


@pytest.mark.parametrize("muscle,action", TESTED)
def test_muscle_tested_by_action(g, muscle, action):
    _check(g, f"muscle_{muscle}", "testedBy", f"action_{action}", MRC)


# (nerve, parent it branches from, source)
BRANCHES = [
    ("suprascapular", "trunk_upper", DS24), ("axillary", "cord_posterior", ELS),
    ("radial", "cord_posterior", ELS), ("thoracodorsal", "cord_posterior", ELS),
    ("musculocutaneous", "cord_lateral", ELS), ("median", "cord_lateral", MSM),
    ("median", "cord_medial", MSM), ("ulnar", "cord_medial", ELS),
    ("anterior_interosseous", "nerve_median", SPH), ("palmar_cutaneous_median", "nerve_median", MSM),
    ("femoral", "plexus_lumbar", DS40), ("obturator", "plexus_lumbar", DS40),
    ("lateral_femoral_cutaneous", "plexus_lumbar", DS40), ("genitofemoral", "plexus_lumbar", DS40),
    ("tibial", "nerve_sciatic_tibial_division", SPP),
    ("common_fibular", "nerve_sciatic_fibular_division", SPP),
    ("deep_fibular", "nerve_common_fibular", SPP), ("superficial_fibular", "nerve_common_fibular", SPP),
]


@pytest.mark.parametrize("nerve,parent,source", BRANCHES)
def test_nerve_branch_of(g, nerve, parent, source):
    _check(g, f"nerve_{nerve}", "branchOf", parent, source)


# (root, nerve or plexus part, rank, source): what each root's fibres run into
CONTRIBUTES = [
    ("C5", "trunk_upper", "primary", MRC), ("C6", "trunk_upper", "primary", MRC),
    ("C7", "trunk_middle", "primary", MRC), ("C8", "trunk_lower", "primary", MRC),
    ("T1", "trunk_lower", "primary", MRC), ("C5", "nerve_dorsal_scapular", "primary", DS24),
    ("C5", "nerve_long_thoracic", "primary", DS24), ("C7", "nerve_long_thoracic", "primary", DS24),
    ("C5", "nerve_suprascapular", "primary", DS24), ("C8", "nerve_median", "primary", MSM),
    ("L2", "nerve_lateral_femoral_cutaneous", "primary", DS40),
    ("L3", "nerve_lateral_femoral_cutaneous", "primary", DS40),
    ("L2", "nerve_femoral", "primary", DS40), ("L4", "nerve_femoral", "primary", DS40),
    ("L2", "nerve_obturator", "primary", DS40), ("L4", "nerve_obturator", "primary", DS40),
    ("L1", "nerve_genitofemoral", "primary", DS40), ("L4", "trunk_lumbosacral", "primary", DS40),
    ("L5", "trunk_lumbosacral", "primary", DS40), ("L4", "nerve_common_fibular", "primary", SPP),
    ("S2", "nerve_common_fibular", "primary", SPP),
]


@pytest.mark.parametrize("root,target,rank,source", CONTRIBUTES)
def test_root_contributes_to(g, root, target, rank, source):
    _check(g, f"root_{root}", "contributesTo", target, source, rank)


# (nerve, body area, source)
TERRITORY = [
    ("median", "area_thumb", SPH), ("median", "area_index_finger", SPH),
    ("palmar_cutaneous_median", "area_thenar_eminence", MSM), ("ulnar", "area_little_finger", MRC),
    ("axillary", "area_lateral_arm", MRC), ("musculocutaneous", "area_lateral_forearm", MRC),
    ("lateral_femoral_cutaneous", "area_lateral_thigh", OA),
    ("lateral_femoral_cutaneous", "area_lateral_thigh", MER),
    ("common_fibular", "area_lateral_leg", SPP), ("superficial_fibular", "area_dorsum_of_foot", SPP),
    ("deep_fibular", "area_first_web_space", SPP), ("saphenous", "area_medial_leg", MRC),
    ("posterior_femoral_cutaneous", "area_posterior_thigh", OA), ("obturator", "area_medial_thigh", MRC),
]


@pytest.mark.parametrize("nerve,area,source", TERRITORY)
def test_cutaneous_territory(g, nerve, area, source):
    _check(g, f"nerve_{nerve}", "cutaneousTerritory", area, source)


# (site, nerve, source)
SITES = [("fibular_head", "common_fibular", SPP), ("carpal_tunnel", "median", MSM),
         ("cubital_tunnel", "ulnar", "src_lee2023_fcu_branches"), ("guyon_canal", "ulnar", MRC),
         ("spiral_groove", "radial", MRC), ("inguinal_ligament_lfcn", "lateral_femoral_cutaneous", MER),
         ("tarsal_tunnel", "tibial", "src_inthasan2019_tarsal_tunnel"),
         ("supinator_arcade", "posterior_interosseous", MRC)]


@pytest.mark.parametrize("site,nerve,source", SITES)
def test_entrapment_site_of(g, site, nerve, source):
    _check(g, f"site_{site}", "entrapmentSiteOf", f"nerve_{nerve}", source)


# ---- what a lesion at a site affects, derived by the documented rule ---------------------------
def _below(kg, site):
    """(affected muscles, affected areas) of a lesion at ``site`` by the README rule."""
    ix = kg.index
    [nerve] = ix.objects(site, "skg:entrapmentSiteOf")
    spared_branches = set(ix.objects(site, "skg:sparesBranch"))
    spared = set()
    for b in spared_branches:
        spared |= {b, *ix.closure("skg:branchOf", inverse=True).get(b, ())}
    nerves = ({nerve} | set(ix.closure("skg:branchOf", inverse=True).get(nerve, ()))) - spared
    muscles = {m for n in nerves for m in ix.subjects(n, "skg:innervatedBy")}
    muscles -= set(ix.objects(site, "skg:sparesMuscle"))
    areas = {a for n in nerves for a in ix.objects(n, "skg:cutaneousTerritory")}
    return muscles, areas


SITE_EFFECTS = [
    # Fibular head: foot drop and eversion weakness, inversion (tibialis posterior, tibial nerve) and
    # the short head of biceps (fibular division of the sciatic, above the knee) spared (StatPearls; MRC).
    ("fibular_head", {"tibialis_anterior", "ehl", "edl", "fibularis_longus", "fibularis_brevis"},
     {"tibialis_posterior", "biceps_femoris_short_head", "gastrocnemius", "gluteus_medius"},
     {"area_dorsum_of_foot", "area_first_web_space", "area_lateral_leg"}, {"area_lateral_foot"}),
    # Spiral groove: wrist drop, brachioradialis weak, triceps spared (MRC).
    ("spiral_groove", {"brachioradialis", "ecrl", "extensor_digitorum", "supinator"},
     {"triceps_brachii", "deltoid", "biceps_brachii"}, {"area_first_dorsal_web_space"},
     {"area_posterior_arm"}),
    # Arcade of Frohse: finger drop without wrist drop (ECRL, brachioradialis spared), no sensory loss.
    ("supinator_arcade", {"extensor_digitorum", "ecu", "epl"}, {"ecrl", "brachioradialis"},
     set(), {"area_first_dorsal_web_space"}),
    # Carpal tunnel: APB and opponens weak; forearm median muscles and thenar skin spared (Medscape).
    ("carpal_tunnel", {"apb", "opponens_pollicis"},
     {"fpl", "fdp_index_middle", "pronator_teres", "fcr", "fds", "pronator_quadratus"},
     {"area_thumb", "area_index_finger"}, {"area_thenar_eminence"}),
    # Cubital tunnel: FCU (branches at or below the tunnel, Lee 2023) and ulnar FDP with the hand.
    ("cubital_tunnel", {"fcu", "fdp_ring_little", "fdi", "adm"}, {"apb", "fpl"},
     {"area_little_finger", "area_dorsal_ulnar_hand"}, set()),
    # Guyon canal: hand muscles only; FCU, ulnar FDP and the back of the hand spared.
    ("guyon_canal", {"fdi", "adm", "adductor_pollicis"}, {"fcu", "fdp_ring_little"},
     {"area_little_finger"}, {"area_dorsal_ulnar_hand"}),
    # Meralgia paraesthetica: purely sensory (Medscape: motor strength normal).
    ("inguinal_ligament_lfcn", set(), {"quadriceps_femoris", "iliopsoas", "adductor_longus"},
     {"area_lateral_thigh"}, set()),
    # Tarsal tunnel: sole muscles only; calf muscles and tibialis posterior spared.
    ("tarsal_tunnel", {"abductor_hallucis", "abductor_digiti_minimi_pedis"},
     {"gastrocnemius", "soleus", "tibialis_posterior"}, {"area_medial_sole", "area_lateral_sole"},
     {"area_lateral_foot"}),
]


@pytest.mark.parametrize("site,weak,spared,numb,spared_areas", SITE_EFFECTS,
                         ids=[row[0] for row in SITE_EFFECTS])
@pytest.mark.parametrize("side", SIDES)
def test_entrapment_site_affects_only_what_branches_below(kg, site, weak, spared, numb,
                                                         spared_areas, side):
    muscles, areas = _below(kg, f"skg:site_{site}_{side}")
    names = {m.removeprefix("skg:muscle_").removesuffix(f"_{side}") for m in muscles}
    area_names = {a.removeprefix("skg:").removesuffix(f"_{side}") for a in areas}
    assert weak <= names, weak - names
    assert not (spared & names), spared & names
    assert numb <= area_names, numb - area_names
    assert not (spared_areas & area_names), spared_areas & area_names
    if site == "inguinal_ligament_lfcn":
        assert not muscles  # purely sensory


# ---- the classic discriminating pairs, as graph facts --------------------------------------------
def _root_not_nerve(kg, root, nerve, action):
    """Muscles tested by ``action`` that ``root`` supplies (primary) through a nerve outside ``nerve``."""
    q = """SELECT DISTINCT ?muscle ?via WHERE {
      ?muscle skg:rootSupply ?root ; skg:innervatedBy ?via ; skg:testedBy ?action .
      ?ax owl:annotatedSource ?muscle ; owl:annotatedProperty skg:rootSupply ;
          owl:annotatedTarget ?root ; skg:evidenceRank "primary" .
    }"""
    rows = kg.sparql(q, root=kg.term(root), action=kg.term(action))
    lesioned = kg.term(nerve).curie
    up = kg.index.closure("skg:branchOf")
    out = set()
    for muscle, via in ((r["muscle"], r["via"]) for r in rows):
        if via != lesioned and lesioned not in up.get(via, ()):
            out.add((muscle.removeprefix("skg:"), via.removeprefix("skg:")))
    return out


PAIRS = [
    # L5 root vs common fibular nerve: inversion (tibialis posterior, tibial) and hip abduction
    # (gluteus medius, superior gluteal) are L5 but outside the common fibular nerve.
    ("left L5", "left common fibular nerve", "left foot inversion",
     ("muscle_tibialis_posterior_left", "nerve_tibial_left")),
    ("left L5", "left common fibular nerve", "left hip abduction",
     ("muscle_gluteus_medius_left", "nerve_superior_gluteal_left")),
    # L3/L4 vs femoral nerve: hip adduction (obturator).
    ("right L3", "right femoral nerve", "right hip adduction",
     ("muscle_adductor_longus_right", "nerve_obturator_right")),
    ("right L4", "right femoral nerve", "right hip adduction",
     ("muscle_adductor_longus_right", "nerve_obturator_right")),
    # C5 vs upper trunk: rhomboids (dorsal scapular) and serratus anterior (long thoracic) leave
    # the roots above the trunk.
    ("left C5", "left upper trunk of the brachial plexus", "left scapular retraction",
     ("muscle_rhomboids_left", "nerve_dorsal_scapular_left")),
    ("left C5", "left upper trunk of the brachial plexus", "left scapular protraction",
     ("muscle_serratus_anterior_left", "nerve_long_thoracic_left")),
    # C8 vs ulnar nerve: thumb abduction (APB) and thumb flexion (FPL) are C8 through the median.
    ("left C8", "left ulnar nerve", "left thumb abduction", ("muscle_apb_left", "nerve_median_left")),
    ("left C8", "left ulnar nerve", "left thumb flexion",
     ("muscle_fpl_left", "nerve_anterior_interosseous_left")),
]


@pytest.mark.parametrize("root,nerve,action,expected", PAIRS)
def test_discriminating_pairs_are_graph_facts(kg, root, nerve, action, expected):
    assert expected in _root_not_nerve(kg, root, nerve, action)


def test_tibialis_posterior_is_l5_through_tibial_not_common_fibular(kg):
    """Tibialis posterior: L5 (primary) through the tibial nerve, which L5 reaches and which is not
    a branch of the common fibular nerve (MRC)."""
    q = """SELECT ?n WHERE {
      ?m skg:innervatedBy ?n ; skg:rootSupply ?r .
      ?ax owl:annotatedSource ?m ; owl:annotatedProperty skg:rootSupply ; owl:annotatedTarget ?r ;
          skg:evidenceRank "primary" .
      ?r skg:contributesTo ?n .
    }"""
    rows = kg.sparql(q, m=kg.term("left tibialis posterior"), r=kg.term("left L5"))
    assert [r["n"] for r in rows] == ["skg:nerve_tibial_left"]
    up = kg.index.closure("skg:branchOf")["skg:nerve_tibial_left"]
    assert "skg:nerve_common_fibular_left" not in up
    assert "skg:nerve_sciatic_left" in up and "skg:plexus_sacral_left" in up


def test_lfcn_is_purely_sensory(kg):
    for side in SIDES:
        lfcn = f"skg:nerve_lateral_femoral_cutaneous_{side}"
        below = {lfcn, *kg.index.closure("skg:branchOf", inverse=True).get(lfcn, ())}
        assert not [m for n in below for m in kg.index.subjects(n, "skg:innervatedBy")]
        assert kg.index.objects(lfcn, "skg:cutaneousTerritory")


# (reflex, nerve, source): O'Brien 2010 commonly tested movements (root, reflex, nerve, muscle)
REFLEXES = [("biceps", "musculocutaneous"), ("brachioradialis", "radial"), ("triceps", "radial"),
            ("patellar", "femoral"), ("achilles", "tibial")]


@pytest.mark.parametrize("reflex,nerve", REFLEXES)
def test_reflex_nerve(g, reflex, nerve):
    _check(g, f"reflex_{reflex}", "reflexNerve", f"nerve_{nerve}", "src_obrien_2010")


@pytest.mark.parametrize("text,curie", [
    ("left tibialis anterior", "skg:muscle_tibialis_anterior_left"),
    ("right common peroneal nerve", "skg:nerve_common_fibular_right"),
    ("left upper trunk of the brachial plexus", "skg:trunk_upper_left"),
    ("left EHL", "skg:muscle_ehl_left"), ("right peroneals", "skg:muscle_fibulares_right"),
    ("left glut med", "skg:muscle_gluteus_medius_left"), ("left VMO", "skg:muscle_vastus_medialis_left"),
    ("right deep peroneal nerve", "skg:nerve_deep_fibular_right"),
    ("left meralgia paresthetica site", "skg:site_inguinal_ligament_lfcn_left"),
    ("left deltoid", "skg:muscle_deltoid_left"),
])
def test_names_resolve(kg, text, curie):
    assert kg.term(text).curie == curie


def test_median_nerve_with_side(kg):
    assert kg.term("median nerve", side="left").curie == "skg:nerve_median_left"


def test_at_least_sixty_muscles_and_thirty_nerves_per_side(kg):
    muscles = [m for m in kg.index.instances("skg:Muscle") if m.endswith("_left")]
    nerves = [n for n in kg.index.instances("skg:PeripheralNerve") if n.endswith("_left")]
    assert len(muscles) >= 60 and len(nerves) >= 30


def test_mrc_source_carries_the_credit(g):
    assert "Used with the permission of the Medical Research Council" in str(
        g.value(SKG.src_mrc1976_aids, SKG.citation))
