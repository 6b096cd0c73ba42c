"""Competency questions of the coded mappings added for issue 21: ICD-10-CM codes of spondylosis,
spondylolisthesis, sciatica and the side-coded mimics and nerve entrapments; UBERON and FMA ids of
the peripheral nerves, the brachial plexus and the muscles (the MONDO and DOID ids are in
test_competency_codes_mondo.py).

Each expected value is copied from the source named next to it, not from what the build outputs:
the ICD-10-CM Tabular List FY2026 (April 1, 2026 update, as shipped in simple-icd-10-cm 1.5.0;
``src_icd10cm_fy2026_tabular``), the Uberon bridge to FMA (obophenotype/uberon,
bridge/uberon-bridge-to-fma.obo at commit 064bef5271f50fce7c3c7c0d03de09bac82f4e5e, data-version
2013-11-12; ``src_uberon_fma_bridge``) and its later version (src/ontology/bridge/uberon-bridge-to-fma.obo
at commit d72ccbedf2391c3ab6c77079068d02880056cd9e, data-version 2022-09-30; ``src_uberon_fma_bridge_2022``).
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from spinekg.clinical.coding import NoCodeError
from spinekg.errors import AmbiguousTermError
from spinekg.namespaces import SKG

OBO = "http://purl.obolibrary.org/obo/"
SIDES = ("left", "right")

# (code, the Tabular List title, the condition it codes, the side the code names or None)
TABULAR = [
    ("M47.12", "Other spondylosis with myelopathy, cervical region", "spondylosis", None),
    ("M47.16", "Other spondylosis with myelopathy, lumbar region", "spondylosis", None),
    ("M47.22", "Other spondylosis with radiculopathy, cervical region", "spondylosis", None),
    ("M47.26", "Other spondylosis with radiculopathy, lumbar region", "spondylosis", None),
    ("M47.27", "Other spondylosis with radiculopathy, lumbosacral region", "spondylosis", None),
    ("M47.812", "Spondylosis without myelopathy or radiculopathy, cervical region",
     "spondylosis", None),
    ("M47.816", "Spondylosis without myelopathy or radiculopathy, lumbar region",
     "spondylosis", None),
    ("M47.817", "Spondylosis without myelopathy or radiculopathy, lumbosacral region",
     "spondylosis", None),
    ("M47.9", "Spondylosis, unspecified", "spondylosis", None),
    ("M43.16", "Spondylolisthesis, lumbar region", "spondylolisthesis", None),
    ("M43.17", "Spondylolisthesis, lumbosacral region", "spondylolisthesis", None),
    ("M54.30", "Sciatica, unspecified side", "sciatica_nos", None),
    ("M54.31", "Sciatica, right side", "sciatica_nos", "Right"),
    ("M54.32", "Sciatica, left side", "sciatica_nos", "Left"),
    ("M54.41", "Lumbago with sciatica, right side", "lumbago_with_sciatica", "Right"),
    ("M54.42", "Lumbago with sciatica, left side", "lumbago_with_sciatica", "Left"),
    ("M16.11", "Unilateral primary osteoarthritis, right hip", "hip_osteoarthritis", "Right"),
    ("M16.12", "Unilateral primary osteoarthritis, left hip", "hip_osteoarthritis", "Left"),
    ("M16.0", "Bilateral primary osteoarthritis of hip", "hip_osteoarthritis", "Bilateral"),
    ("M70.61", "Trochanteric bursitis, right hip", "trochanteric_bursitis", "Right"),
    ("M70.62", "Trochanteric bursitis, left hip", "trochanteric_bursitis", "Left"),
    ("M76.01", "Gluteal tendinitis, right hip", "gluteal_tendinopathy", "Right"),
    ("M76.02", "Gluteal tendinitis, left hip", "gluteal_tendinopathy", "Left"),
    ("I70.211", "Atherosclerosis of native arteries of extremities with intermittent "
     "claudication, right leg", "peripheral_arterial_disease", "Right"),
    ("I70.213", "Atherosclerosis of native arteries of extremities with intermittent "
     "claudication, bilateral legs", "peripheral_arterial_disease", "Bilateral"),
    ("G56.01", "Carpal tunnel syndrome, right upper limb", "carpal_tunnel_syndrome", "Right"),
    ("G56.02", "Carpal tunnel syndrome, left upper limb", "carpal_tunnel_syndrome", "Left"),
    ("G56.22", "Lesion of ulnar nerve, left upper limb", "ulnar_nerve_lesion", "Left"),
    ("G57.31", "Lesion of lateral popliteal nerve, right lower limb",
     "common_fibular_nerve_lesion", "Right"),
    ("G57.12", "Meralgia paresthetica, left lower limb", "meralgia_paresthetica", "Left"),
    ("G57.13", "Meralgia paresthetica, bilateral lower limbs", "meralgia_paresthetica",
     "Bilateral"),
]

NEW_CONDITIONS = ("spondylosis", "spondylolisthesis", "sciatica_nos", "lumbago_with_sciatica",
                  "carpal_tunnel_syndrome", "ulnar_nerve_lesion", "common_fibular_nerve_lesion",
                  "meralgia_paresthetica", "hip_osteoarthritis", "trochanteric_bursitis",
                  "gluteal_tendinopathy", "peripheral_arterial_disease")


def _assignments(g, code: str) -> list[URIRef]:
    return [a for a in g.subjects(SKG.assignedCode, Literal(code))
            if (a, RDF.type, SKG.Icd10cmAssignment) in g]


def _sided(g, condition: str, side: str | None) -> set[URIRef]:
    base = SKG[f"condition_{condition}"]
    if (base, RDF.type, OWL.NamedIndividual) in g:
        return {base}
    if side in ("Left", "Right"):
        return {SKG[f"condition_{condition}_{side.lower()}"]}
    return {SKG[f"condition_{condition}_{s}"] for s in SIDES}


@pytest.mark.parametrize(("code", "title", "condition", "side"), TABULAR)
def test_the_code_row_holds_the_tabulars_title_and_side(g, code, title, condition, side):
    rows = _assignments(g, code)
    assert rows, code
    for a in rows:
        assert str(g.value(a, SKG.icd10cmTitle)) == title
        assert g.value(a, SKG.billable).toPython() is True
        assert set(g.objects(a, SKG.codeFor)) == _sided(g, condition, side)
        coded = g.value(a, SKG.hasSide)
        assert (coded.rsplit("/", 1)[-1] if coded else None) == side
        assert SKG.src_icd10cm_fy2026_tabular in set(g.objects(a, DCTERMS.source))


@pytest.mark.parametrize(("code", "title"), [(c, t) for c, t, _, _ in TABULAR])
def test_the_title_is_the_tabulars(code, title):
    cm = pytest.importorskip("simple_icd_10_cm")
    assert cm.get_description(code) == title
    assert cm.is_leaf(code)


def test_spondylosis_with_myelopathy_has_no_lumbosacral_code():
    # Tabular: M47.1 subcodes run M47.10-M47.16; M47.2 and M47.81 have lumbosacral ones
    cm = pytest.importorskip("simple_icd_10_cm")
    assert not cm.is_valid_item("M47.17")
    assert cm.get_description("M47.27") == "Other spondylosis with radiculopathy, lumbosacral region"


@pytest.mark.parametrize(("code", "note"), [
    ("M54.1", "radiculopathy with spondylosis (M47.2-)"),
    ("M54.3", "sciatica due to intervertebral disc disorder (M51.1-)"),
    ("M54.3", "sciatica with lumbago (M54.4-)"),
    ("M54.4", "lumbago with sciatica due to intervertebral disc disorder (M51.1-)"),
])
def test_the_excludes1_notes_are_the_tabulars(code, note):
    cm = pytest.importorskip("simple_icd_10_cm")
    assert note in cm.get_excludes1(code)


@pytest.mark.parametrize(("subject", "excluded"), [
    ("radiculopathy", "spondylosis"),             # M54.1 Excludes1 (M47.2-)
    ("myelopathy", "spondylosis"),                # G99.2 Excludes1 (M47.0-, M47.1-)
    ("myelopathy", "disc_herniation"),            # G99.2 Excludes1 (M50.0-, M51.0-)
    ("sciatica_nos", "disc_herniation"),          # M54.3 Excludes1 (M51.1-)
    ("lumbago_with_sciatica", "disc_herniation"),  # M54.4 Excludes1 (M51.1-)
])
def test_the_excludes1_edges_are_sourced_to_the_tabular(g, subject, excluded):
    s, o = SKG[f"condition_{subject}"], SKG[f"condition_{excluded}"]
    assert (s, SKG.icd10cmExcludes1, o) in g
    sources = {src for ax in g.subjects(OWL.annotatedSource, s)
               if (ax, OWL.annotatedTarget, o) in g for src in g.objects(ax, DCTERMS.source)}
    assert SKG.src_icd10cm_fy2026_tabular in sources


# kg.icd10cm: the expected code and its title from the Tabular List
@pytest.mark.parametrize(("condition", "kw", "code"), [
    # M51.17 'Intervertebral disc disorders with radiculopathy, lumbosacral region'
    ("lumbar disc herniation", {"level": "L5-S1", "also": "radiculopathy"}, "M51.17"),
    ("lumbar radiculopathy", {"level": "L5-S1", "also": "lumbar disc herniation"}, "M51.17"),
    # M51.27 'Other intervertebral disc displacement, lumbosacral region' (no radiculopathy)
    ("lumbar disc herniation", {"level": "L5-S1"}, "M51.27"),
    # M54.1 Excludes1 'radiculopathy with spondylosis (M47.2-)'
    ("radiculopathy", {"level": "C5-C6", "also": "spondylosis"}, "M47.22"),
    ("lumbar radiculopathy", {"level": "L4-L5", "also": "spondylosis"}, "M47.26"),
    ("spondylosis", {"level": "L5-S1", "also": "radiculopathy"}, "M47.27"),
    # G99.2 Excludes1: myelopathy in spondylosis is M47.1-, in disc disease M50.0-
    ("myelopathy", {"level": "C5-C6", "also": "spondylosis"}, "M47.12"),
    ("myelopathy", {"level": "C5-C6", "also": "cervical disc herniation"}, "M50.022"),
    ("spondylosis", {"level": "C7-T1", "also": "myelopathy"}, "M47.13"),
    ("spondylosis", {"level": "L4-L5"}, "M47.816"),
    ("spondylosis", {"level": "T12-L1"}, "M47.815"),
    ("spondylosis", {}, "M47.9"),
    ("spondylolisthesis", {"level": "L4-L5"}, "M43.16"),
    ("spondylolisthesis", {"level": "L5-S1"}, "M43.17"),
    ("spondylolisthesis", {"level": "C5-C6"}, "M43.12"),
    # M54.3- Sciatica, by side; M54.3 Excludes1: disc-caused sciatica is M51.1-
    ("sciatica NOS", {"side": "left"}, "M54.32"),
    ("sciatica NOS", {}, "M54.30"),
    ("sciatica NOS", {"level": "L5-S1", "also": "lumbar disc herniation"}, "M51.17"),
    ("lumbago with sciatica", {"side": "right"}, "M54.41"),
    ("lumbago with sciatica", {"level": "L4-L5", "also": "lumbar disc herniation"}, "M51.16"),
    # the side-coded mimics and nerve entrapments
    ("hip osteoarthritis", {"side": "right"}, "M16.11"),
    ("left hip osteoarthritis", {}, "M16.12"),
    ("hip osteoarthritis", {}, "M16.10"),
    ("hip osteoarthritis", {"side": "both"}, "M16.0"),
    ("trochanteric bursitis", {"side": "left"}, "M70.62"),
    ("gluteal tendinopathy", {"side": "right"}, "M76.01"),
    ("lower-limb peripheral arterial disease",
     {"side": "left", "also": "vascular claudication"}, "I70.212"),
    ("lower-limb peripheral arterial disease",
     {"side": "both", "also": "vascular claudication"}, "I70.213"),
    ("carpal tunnel syndrome", {"side": "right"}, "G56.01"),
    ("carpal tunnel syndrome", {"side": "both"}, "G56.03"),
    ("ulnar neuropathy", {"side": "left"}, "G56.22"),
    ("peroneal nerve palsy", {"side": "right"}, "G57.31"),
    ("meralgia paresthetica", {"side": "left"}, "G57.12"),
])
def test_icd10cm_codes_the_new_conditions(kg, condition, kw, code):
    cm = pytest.importorskip("simple_icd_10_cm")
    result = kg.icd10cm(condition, **kw)
    assert result.code == code
    assert result.label == cm.get_description(code)
    assert result.billable is True


def test_icd10cm_names_the_side_it_coded(kg):
    result = kg.icd10cm("carpal tunnel syndrome", side="left")
    assert result.side == "left"
    assert "side left: the code names it" in result.rule
    assert kg.icd10cm("lumbar radiculopathy", side="left").code == "M54.16"  # no side in M54.16


@pytest.mark.parametrize(("condition", "kw"), [
    ("trochanteric bursitis", {"side": "both"}),   # M70.6 has no bilateral code
    ("sciatica NOS", {"side": "both"}),            # M54.3 has no bilateral code
    ("lower-limb peripheral arterial disease", {"side": "left"}),  # I70.21- needs claudication
    ("spondylolisthesis", {"level": "L4"}),
])
def test_icd10cm_combinations_without_a_code(kg, condition, kw):
    with pytest.raises((NoCodeError, ValueError)):
        kg.icd10cm(condition, **kw)


def test_every_new_code_resolves_to_its_condition(kg, g):
    conditions = {str(SKG[f"condition_{c}"]) for c in NEW_CONDITIONS}
    seen = 0
    for a in g.subjects(RDF.type, SKG.Icd10cmAssignment):
        coded = {str(c) for c in g.objects(a, SKG.codeFor)}
        if not any(c.startswith(tuple(conditions)) for c in coded):
            continue
        code = str(g.value(a, SKG.assignedCode))
        try:
            hits = {kg.term(code).iri}
        except AmbiguousTermError as err:  # a code for both sides: the two sided terms
            hits = {c.iri for c in err.choices}
        assert hits <= {str(c) for s in coded for c in
                        [s, *g.objects(URIRef(s), SKG.lateralCounterpart)]}, code
        seen += 1
    assert seen >= 100


@pytest.mark.parametrize(("code", "side", "expected"), [
    ("M16.11", None, "skg:condition_hip_osteoarthritis_right"),
    ("ICD10CM:M16.12", None, "skg:condition_hip_osteoarthritis_left"),
    ("M16.10", "left", "skg:condition_hip_osteoarthritis_left"),
    ("G5601", None, "skg:condition_carpal_tunnel_syndrome_right"),
    ("M47.26", None, "skg:condition_spondylosis"),
    ("M43.17", None, "skg:condition_spondylolisthesis"),
    ("M54.32", None, "skg:condition_sciatica_nos"),
    ("UBERON:0001267", "left", "skg:nerve_femoral_left"),
    ("http://purl.obolibrary.org/obo/UBERON_0001494", "right", "skg:nerve_ulnar_right"),
    ("FMA:19034", "left", "skg:nerve_sciatic_left"),
    ("FMA:5906", "right", "skg:plexus_brachial_right"),
    ("UBERON:0001388", "left", "skg:muscle_gastrocnemius_left"),
    ("UBERON:0005465", "left", "skg:nerve_obturator_left"),
    ("http://purl.obolibrary.org/obo/FMA_37064", "right", "skg:nerve_musculocutaneous_right"),
    ("FMA:37449", "left", "skg:muscle_fhb_left"),
    ("UBERON:0001523", "right", "skg:muscle_fdp_right"),  # the exact class wins over the parts
    ("MONDO:0005965", None, "skg:condition_spinal_stenosis"),
    ("http://purl.obolibrary.org/obo/MONDO_0005965", None, "skg:condition_spinal_stenosis"),
])
def test_term_resolves_the_new_codes(kg, code, side, expected):
    assert kg.term(code, side=side).curie == expected


def test_a_code_for_an_undocumented_side_names_both_sides(kg):
    with pytest.raises(AmbiguousTermError) as err:
        kg.term("M16.10")
    assert {c.curie for c in err.value.choices} == {
        "skg:condition_hip_osteoarthritis_left", "skg:condition_hip_osteoarthritis_right"}


# Uberon bridge to FMA (2013-11-12): 'id: FMA:<n>' with IAO:0000589 "<label> (post-embryonic
# human)" and 'intersection_of: UBERON:<n> ! <label>'. (subject, predicate, UBERON, FMA, label)
BRIDGE = [
    ("nerve_median", "exactMatch", "0001148", "14385", "median nerve"),
    ("nerve_femoral", "exactMatch", "0001267", "16486", "femoral nerve"),
    ("nerve_sciatic", "exactMatch", "0001322", "19034", "sciatic nerve"),
    ("nerve_tibial", "exactMatch", "0001323", "19035", "tibial nerve"),
    ("nerve_common_fibular", "exactMatch", "0001324", "19039", "common fibular nerve"),
    ("nerve_radial", "exactMatch", "0001492", "37069", "radial nerve"),
    ("nerve_axillary", "exactMatch", "0001493", "37072", "axillary nerve"),
    ("nerve_ulnar", "exactMatch", "0001494", "37319", "ulnar nerve"),
    ("plexus_brachial", "exactMatch", "0001814", "5906", "brachial nerve plexus"),
    ("muscle_latissimus_dorsi", "exactMatch", "0001112", "13357", "latissimus dorsi muscle"),
    ("muscle_serratus_anterior", "closeMatch", "0001125", "13397", "serratus ventralis"),
    ("muscle_iliopsoas", "exactMatch", "0001999", "64918", "iliopsoas"),
    ("muscle_gluteus_maximus", "exactMatch", "0001370", "22314", "gluteus maximus"),
    ("muscle_gluteus_medius", "exactMatch", "0001371", "22315", "gluteus medius"),
    ("muscle_sartorius", "exactMatch", "0001373", "22353", "sartorius muscle"),
    ("muscle_semitendinosus", "exactMatch", "0001375", "22357", "semitendinosus"),
    ("muscle_tfl", "exactMatch", "0001376", "22423", "tensor fasciae latae muscle"),
    ("muscle_quadriceps_femoris", "exactMatch", "0001377", "22428", "quadriceps femoris"),
    ("muscle_vastus_medialis", "exactMatch", "0001380", "22432", "vastus medialis"),
    ("muscle_semimembranosus", "exactMatch", "0001381", "22438", "semimembranosus muscle"),
    ("muscle_tibialis_anterior", "exactMatch", "0001385", "22532", "tibialis anterior"),
    ("muscle_edl", "exactMatch", "0001386", "22534", "extensor digitorum longus"),
    ("muscle_fibularis_longus", "exactMatch", "0001387", "22539", "fibularis longus"),
    ("muscle_gastrocnemius", "exactMatch", "0001388", "22541", "gastrocnemius"),
    ("muscle_soleus", "exactMatch", "0001389", "22542", "soleus muscle"),
    ("muscle_fhl", "exactMatch", "0001392", "22593", "flexor hallucis longus"),
    ("muscle_deltoid", "exactMatch", "0001476", "32521", "deltoid"),
    ("muscle_infraspinatus", "exactMatch", "0001477", "32546", "infraspinatus muscle"),
    ("muscle_brachialis", "exactMatch", "0001506", "37667", "brachialis muscle"),
    ("muscle_biceps_brachii", "exactMatch", "0001507", "37670", "biceps brachii"),
    ("muscle_triceps_brachii", "exactMatch", "0001509", "37688", "triceps brachii"),
    ("muscle_pronator_teres", "exactMatch", "0001520", "38450", "pronator teres"),
    ("muscle_fcr", "exactMatch", "0001521", "38459", "flexor carpi radialis muscle"),
    ("muscle_fcu", "exactMatch", "0001522", "38465", "flexor carpi ulnaris muscle"),
    ("muscle_fdp", "exactMatch", "0001523", "38478", "flexor digitorum profundus"),
    ("muscle_ecrl", "exactMatch", "0001524", "38494", "extensor carpi radialis longus muscle"),
    ("muscle_ecu", "exactMatch", "0001526", "38506", "extensor carpi ulnaris muscle"),
    ("muscle_fdi", "broadMatch", "0001503", "37418", "dorsal interosseous of manus"),
    ("nerve_obturator", "exactMatch", "0005465", "16487", "obturator nerve"),
    ("nerve_musculocutaneous", "exactMatch", "0003724", "37064", "musculocutaneous nerve"),
    ("muscle_fds", "exactMatch", "0003222", "38469", "flexor digitorum superficialis"),
    ("muscle_epl", "exactMatch", "0003234", "38521", "extensor pollicis longus muscle"),
    ("muscle_teres_minor", "exactMatch", "0010496", "32550", "teres minor muscle"),
    ("muscle_fibularis_brevis", "exactMatch", "0010526", "22540", "fibularis brevis"),
    ("muscle_fhb", "exactMatch", "0011022", "37449", "flexor hallucis brevis muscle"),
    ("muscle_fdp_index_middle", "broadMatch", "0001523", "38478", "flexor digitorum profundus"),
    ("muscle_fdp_ring_little", "broadMatch", "0001523", "38478", "flexor digitorum profundus"),
]


# The later bridge (src/ontology/bridge/uberon-bridge-to-fma.obo at commit d72ccbed, data-version
# 2022-09-30; ``src_uberon_fma_bridge_2022``), same entry form. (subject, predicate, UBERON, FMA, label)
BRIDGE_2022 = [
    ("plexus_lumbar", "exactMatch", "0034987", "5908", "lumbar nerve plexus"),
    ("plexus_sacral", "exactMatch", "0034986", "5909", "sacral nerve plexus"),
    ("nerve_deep_fibular", "exactMatch", "0035207", "44771", "deep fibular nerve"),
    ("nerve_superficial_fibular", "exactMatch", "0035526", "44699", "superficial fibular nerve"),
    ("nerve_medial_plantar", "exactMatch", "0035111", "44716", "medial plantar nerve"),
    ("nerve_lateral_plantar", "exactMatch", "0035110", "44724", "lateral plantar nerve"),
    ("muscle_adm", "exactMatch", "0036173", "37382", "abductor digiti minimi of hand"),
    ("muscle_adductor_longus", "exactMatch", "0000303", "22441", "adductor longus"),
    ("muscle_adductor_brevis", "exactMatch", "0000368", "22442", "adductor brevis"),
    ("muscle_adductor_magnus", "exactMatch", "0000370", "22443", "adductor magnus"),
    ("muscle_edb", "closeMatch", "0000372", "51140", "extensor digitorum brevis pes"),
    ("muscle_gracilis", "exactMatch", "0000950", "43882", "gracilis"),
    ("muscle_fdl", "exactMatch", "0001666", "51071", "flexor digitorum longus"),
    ("muscle_tibialis_posterior", "exactMatch", "0001667", "51099", "tibialis posterior"),
    ("muscle_supraspinatus", "exactMatch", "0002383", "9629", "supraspinatus muscle"),
    ("nerve_saphenous", "exactMatch", "0002475", "45262", "saphenous nerve"),
    ("muscle_adductor_pollicis", "exactMatch", "0002962", "37380", "adductor pollicis muscle"),
    ("muscle_extensor_digitorum", "exactMatch", "0007612", "38500", "extensor digitorum communis"),
    ("muscle_fpl", "exactMatch", "0008446", "38481", "flexor pollicis longus muscle"),
    ("muscle_abductor_hallucis", "exactMatch", "0008464", "37448", "abductor hallucis muscle"),
    ("muscle_apb", "exactMatch", "0008465", "37373", "abductor pollicis brevis muscle"),
    ("muscle_gluteus_minimus", "exactMatch", "0008521", "22317", "gluteus minimus"),
    ("muscle_brachioradialis", "exactMatch", "0011011", "38485", "brachioradialis"),
    ("nerve_pudendal", "exactMatch", "0011390", "19037", "pudendal nerve"),
    ("nerve_sural", "exactMatch", "0015488", "44688", "sural nerve"),
    ("nerve_palmar_cutaneous_median", "closeMatch", "0016430", "44836", "palmar branch of median nerve"),
    ("muscle_epb", "exactMatch", "0017618", "38518", "extensor pollicis brevis muscle"),
]


def _note(g, s: URIRef, p: URIRef, o: URIRef) -> tuple[str, set[URIRef]]:
    for ax in g.subjects(OWL.annotatedSource, s):
        if (ax, OWL.annotatedProperty, p) in g and (ax, OWL.annotatedTarget, o) in g:
            return str(g.value(ax, RDFS.comment) or ""), set(g.objects(ax, DCTERMS.source))
    return "", set()


@pytest.mark.parametrize(("subject", "pred", "uberon", "fma", "label", "source"),
                         [(*row, "src_uberon_fma_bridge") for row in BRIDGE]
                         + [(*row, "src_uberon_fma_bridge_2022") for row in BRIDGE_2022])
def test_peripheral_anatomy_maps_to_the_bridges_classes(g, subject, pred, uberon, fma, label,
                                                        source):
    p = SKOS[pred]
    for side in SIDES:
        s = SKG[f"{subject}_{side}"]
        for target in (URIRef(f"{OBO}UBERON_{uberon}"), URIRef(f"{OBO}FMA_{fma}")):
            assert (s, p, target) in g, (s, target)
            note, sources = _note(g, s, p, target)
            assert note.startswith(f"'{label}'"), note  # the class's name as the bridge gives it
            assert SKG[source] in sources


def test_the_2022_bridge_source_lists_the_entries_read(g):
    cite = str(g.value(SKG.src_uberon_fma_bridge_2022, SKG.citation))
    for _s, _p, uberon, fma, label in BRIDGE_2022:
        assert f"FMA:{fma} '{label}' = UBERON:{uberon}" in cite
    assert "d72ccbedf2391c3ab6c77079068d02880056cd9e" in str(
        g.value(SKG.src_uberon_fma_bridge_2022, SKG.url))


@pytest.mark.parametrize(("code", "side", "expected"), [
    ("UBERON:0034987", "left", "skg:plexus_lumbar_left"),
    ("FMA:5909", "right", "skg:plexus_sacral_right"),
    ("http://purl.obolibrary.org/obo/UBERON_0035207", "left", "skg:nerve_deep_fibular_left"),
    ("FMA:44699", "right", "skg:nerve_superficial_fibular_right"),
    ("UBERON:0035110", "left", "skg:nerve_lateral_plantar_left"),
    ("FMA:37382", "right", "skg:muscle_adm_right"),
    ("FMA:44688", "left", "skg:nerve_sural_left"),
    ("UBERON:0002475", "right", "skg:nerve_saphenous_right"),
    ("FMA:19037", "left", "skg:nerve_pudendal_left"),
    ("UBERON:0002383", "left", "skg:muscle_supraspinatus_left"),
    ("FMA:38481", "right", "skg:muscle_fpl_right"),
    ("UBERON:0000370", "left", "skg:muscle_adductor_magnus_left"),
    ("FMA:22317", "right", "skg:muscle_gluteus_minimus_right"),
    ("UBERON:0016430", "left", "skg:nerve_palmar_cutaneous_median_left"),
])
def test_term_resolves_the_2022_bridge_ids(kg, code, side, expected):
    assert kg.term(code, side=side).curie == expected


def test_biceps_femoris_heads_take_the_fma_class_too(g):
    # bridge: FMA:22356 "biceps femoris (post-embryonic human)" = UBERON:0001374 ! biceps femoris
    for head in ("long", "short"):
        s = SKG[f"muscle_biceps_femoris_{head}_head_left"]
        assert (s, SKOS.broadMatch, URIRef(f"{OBO}FMA_22356")) in g


def test_the_sssom_release_carries_the_new_mappings(g):
    from spinekg.adapters.release import mappings

    rows = {(r["subject_id"], r["object_id"]) for r in mappings(g)}
    assert ("skg:nerve_femoral_left", "UBERON:0001267") in rows
    assert ("skg:muscle_fhb_left", "FMA:37449") in rows
