"""Competency questions for the anatomy layer (roots, foramina, dermatomes, myotomes, reflexes).

Each expectation below is the sourced reading written in ``ontology/templates`` and is
checked against the built graph (fixture ``g``: header, TBox and generated ABox).
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from spinekg.namespaces import SKG

ROOT_LEVELS = ([f"C{i}" for i in range(1, 9)] + [f"T{i}" for i in range(1, 13)]
               + [f"L{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 6)] + ["Co1"])
VERTEBRA_LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
                   + [f"L{i}" for i in range(1, 6)])


def _expected_exit(level: str) -> str:
    """Exit rule of StatPearls 'Anatomy, Skin, Dermatomes' (article 29335) and Kirshblum 2011:
    C1-C7 exit above their vertebra, C8 between C7 and T1, all others below their vertebra;
    S1-S4 through the sacral foramina, S5 and Co1 through the sacral hiatus (Gray 1918)."""
    if level == "C1":
        return "foramen_Oc_C1"
    if level in ("S5", "Co1"):
        return "sacral_hiatus"
    if level == "C8":
        return "foramen_C7_T1"
    kind, n = level[0], int(level[1:])
    if kind == "C":
        return f"foramen_C{n - 1}_C{n}"
    if kind == "S":
        return f"foramen_S{n}"
    column = VERTEBRA_LEVELS + ["S1"]
    return f"foramen_{level}_{column[column.index(level) + 1]}"


# (1) the rule spelled out for the levels the sources quote, then every root
QUOTED_EXITS = [
    ("C6", "foramen_C5_C6"),  # Kirshblum 2011: C6 passes between C5 and C6
    ("C8", "foramen_C7_T1"),  # StatPearls 29335 / Kirshblum 2011: C8 between C7 and T1
    ("C7", "foramen_C6_C7"),  # Harrison, Back and Neck Pain: C7 at C6-C7
    ("T1", "foramen_T1_T2"),  # Harrison, Back and Neck Pain: T1 at T1-T2
    ("L4", "foramen_L4_L5"),  # StatPearls 29335: remaining nerves exit below their vertebra
    ("L5", "foramen_L5_S1"),  # StatPearls 29335: remaining nerves exit below their vertebra
    ("S1", "foramen_S1"),     # Gray 1918: upper four sacral nerves through the sacral foramina
    ("S5", "sacral_hiatus"),  # Gray 1918: the fifth through the hiatus sacralis
    ("Co1", "sacral_hiatus"),  # Gray 1918: coccygeal nerve emerges through the hiatus
]


@pytest.mark.parametrize("level,foramen", QUOTED_EXITS)
def test_quoted_exit_matches_rule(level, foramen):
    assert _expected_exit(level) == foramen


@pytest.mark.parametrize("level", ROOT_LEVELS)
@pytest.mark.parametrize("side", ["left", "right"])
def test_root_exit_foramen(g, level, side):
    root = SKG[f"root_{level}_{side}"]
    exits = set(g.objects(root, SKG.exitsThrough))
    expected = _expected_exit(level)
    target = SKG[expected] if expected == "sacral_hiatus" else SKG[f"{expected}_{side}"]
    assert exits == {target}


# (2) ISNCSCI key sensory points (ASIA/ISCoS 2008 sheet; Chin 2018; Spinal Cord 2016 for L4/L5/S1)
KEY_POINT_AREAS = [
    ("C2", "C2", "area_occiput"),
    ("C3", "C3", "area_supraclavicular_fossa"),
    ("C4", "C4", "area_top_of_shoulder"),
    ("C5", "C5", "area_lateral_antecubital_fossa"),
    ("C6", "C6", "area_thumb"),
    ("C7", "C7", "area_middle_finger"),
    ("C8", "C8", "area_little_finger"),
    ("T1", "T1", "area_medial_antecubital_fossa"),
    ("T2", "T2", "area_axilla"),
    ("T4", "T4", "area_nipple_line_chest"),
    ("T6", "T6", "area_xiphoid_level"),
    ("T10", "T10", "area_umbilicus_level"),
    ("T12", "T12", "area_inguinal_region"),
    ("L3", "L3", "area_medial_knee"),
    ("L4", "L4", "area_medial_malleolus"),
    ("L5", "L5", "area_dorsum_of_foot"),
    ("S1", "S1", "area_heel"),
    ("S2", "S2", "area_popliteal_fossa"),
    ("S3", "S3", "area_infragluteal_region"),
    ("S4", "S4_S5", "area_perianal"),
    ("S5", "S4_S5", "area_perianal"),
]


def _area(g, name: str, side: str) -> URIRef:
    """The sided area individual, or the midline one when the area has no sides."""
    sided = SKG[f"{name}_{side}"]
    return sided if (sided, None, None) in g else SKG[name]


@pytest.mark.parametrize("level,ksp,area", KEY_POINT_AREAS)
def test_key_sensory_point_area(g, level, ksp, area):
    for side in ("left", "right"):
        derm = SKG[f"dermatome_{level}_{side}"]
        points = set(g.objects(derm, SKG.hasKeySensoryPoint))
        assert points == {SKG[f"ksp_{ksp}_{side}"]}
        (point,) = points
        assert (point, SKG.partOf, _area(g, area, side)) in g
        # the key point is also a covered area (sub-property)
        assert (derm, SKG.coversArea, point) in g


# (3) ISNCSCI key muscles (ASIA/ISNCSCI key muscle list; Rupp 2021)
KEY_MUSCLES = [
    ("C5", "action_elbow_flexion"),
    ("C6", "action_wrist_extension"),
    ("C7", "action_elbow_extension"),
    ("C8", "action_finger_flexion"),
    ("T1", "action_little_finger_abduction"),
    ("L2", "action_hip_flexion"),
    ("L3", "action_knee_extension"),
    ("L4", "action_ankle_dorsiflexion"),
    ("L5", "action_great_toe_extension"),
    ("S1", "action_ankle_plantar_flexion"),
]


@pytest.mark.parametrize("level,action", KEY_MUSCLES)
def test_key_muscle_action(g, level, action):
    q = """SELECT ?act WHERE { ?root skg:levelName ?lvl ; skg:hasSide skg:Left ; skg:hasMyotome ?m .
                              ?m skg:hasKeyMuscleAction ?act }"""
    found = {row.act for row in g.query(q, initNs={"skg": SKG}, initBindings={"lvl": Literal(level)})}
    assert found == {SKG[f"{action}_left"]}
    assert (SKG[f"myotome_{level}_right"], SKG.includesAction, SKG[f"{action}_right"]) in g


def test_heel_walking_finds_ankle_dorsiflexion(g):
    q = """SELECT ?a WHERE { ?a skos:altLabel "left heel walking"@en }"""
    found = {row.a for row in g.query(q, initNs={"skos": URIRef("http://www.w3.org/2004/02/skos/core#")})}
    assert found == {SKG.action_ankle_dorsiflexion_left}


# (4) reflexes: primary readings and the sourced alternatives
PRIMARY_REFLEXES = [
    ("C5", "reflex_biceps"),           # Asian Spine J 2020, Table 3
    ("C6", "reflex_brachioradialis"),  # Asian Spine J 2020, Table 3; O'Brien
    ("C7", "reflex_triceps"),          # Asian Spine J 2020; O'Brien
    ("L4", "reflex_patellar"),         # Harrison 19e table
    ("S1", "reflex_achilles"),         # Harrison 19e table; MSD
]
ALTERNATIVE_REFLEXES = [
    ("C6", "reflex_biceps"),     # StatPearls DTR C5-C6
    ("C5", "reflex_brachioradialis"),  # StatPearls DTR C5-C6
    ("C8", "reflex_triceps"),    # StatPearls DTR C7-C8
    ("C6", "reflex_triceps"),    # McGraw-Hill guide C6-C7
    ("L3", "reflex_patellar"),   # O'Brien; MSD
    ("L2", "reflex_patellar"),   # StatPearls DTR L2-L4
    ("S2", "reflex_achilles"),   # StatPearls DTR S1-S2; O'Brien
]


def _axioms(g, s, p, o):
    return [ax for ax in g.subjects(OWL.annotatedSource, s)
            if (ax, OWL.annotatedProperty, p) in g and (ax, OWL.annotatedTarget, o) in g]


def _ranks(g, s, p, o):
    return {str(r) for ax in _axioms(g, s, p, o) for r in g.objects(ax, SKG.evidenceRank)}


@pytest.mark.parametrize("level,reflex", PRIMARY_REFLEXES)
def test_primary_reflex(g, level, reflex):
    for side in ("left", "right"):
        s, o = SKG[f"root_{level}_{side}"], SKG[f"{reflex}_{side}"]
        assert (s, SKG.mediatesReflex, o) in g
        assert _ranks(g, s, SKG.mediatesReflex, o) == {"primary"}
    # the primary reading is unique for the reflex
    primaries = {s for s, o in g.subject_objects(SKG.mediatesReflex)
                 if o == SKG[f"{reflex}_left"]
                 and "primary" in _ranks(g, s, SKG.mediatesReflex, o)}
    assert primaries == {SKG[f"root_{level}_left"]}


@pytest.mark.parametrize("level,reflex", ALTERNATIVE_REFLEXES)
def test_alternative_reflex(g, level, reflex):
    s, o = SKG[f"root_{level}_left"], SKG[f"{reflex}_left"]
    assert (s, SKG.mediatesReflex, o) in g
    axioms = _axioms(g, s, SKG.mediatesReflex, o)
    assert len(axioms) == 1
    assert _ranks(g, s, SKG.mediatesReflex, o) == {"alternative"}
    assert set(g.objects(axioms[0], DCTERMS.source))


@pytest.mark.parametrize("area,primary,alternative", [
    ("area_great_toe", "L5", "L4"),        # Harrison/GPnotebook vs Netter
    ("area_inguinal_region", "L1", "T12"),  # Netter/Medscape vs ISNCSCI
])
def test_dermatome_disagreement(g, area, primary, alternative):
    o = SKG[f"{area}_left"]
    assert _ranks(g, SKG[f"dermatome_{primary}_left"], SKG.coversArea, o) == {"primary"}
    assert _ranks(g, SKG[f"dermatome_{alternative}_left"], SKG.coversArea, o) == {"alternative"}


def test_ankle_dorsiflexion_l5_primary_l4_contributing(g):
    """Harrison lists tibialis anterior under L5 and Ross: foot drop is most often an L5
    root lesion, so the weakness ranks L5 primary and L4 contributing (alternative); the
    ISNCSCI key muscle of L4 stays ankle dorsiflexion (test_key_muscle_action)."""
    act = SKG.action_ankle_dorsiflexion_left
    assert _ranks(g, SKG.myotome_L5_left, SKG.includesAction, act) == {"primary"}
    assert _ranks(g, SKG.myotome_L4_left, SKG.includesAction, act) == {"alternative"}


# (5) lateral symmetry
def _mirror(node):
    if isinstance(node, URIRef) and str(node).startswith(str(SKG)):
        text = str(node)
        if text.endswith("_left"):
            return URIRef(text[:-5] + "_right")
    return node


ANATOMY_PREFIXES = ("root_", "dermatome_", "myotome_", "ksp_", "area_", "foramen_",
                    "lateral_recess_", "action_", "reflex_")


def _anatomy_left_subjects(g):
    for s in set(g.subjects()):
        if isinstance(s, URIRef) and str(s).startswith(str(SKG)) and str(s).endswith("_left"):
            if str(s)[len(str(SKG)):].startswith(ANATOMY_PREFIXES):
                yield s


def test_left_right_mirrored(g):
    missing = []
    for s in _anatomy_left_subjects(g):
        for p, o in g.predicate_objects(s):
            if p in (SKG.hasSide, SKG.lateralCounterpart, DCTERMS.source):
                continue
            if p.startswith(str(SKG)) or p == RDF.type:
                if (_mirror(s), p, _mirror(o)) not in g:
                    missing.append((s, p, o))
    assert not missing, missing[:5]


def _crossing_predicates(g):
    """Predicates the TBox marks skg:crossesMidline true (the decussations)."""
    return set(g.subjects(SKG.crossesMidline, Literal(True)))


def test_no_edge_crosses_sides(g):
    allowed = _crossing_predicates(g) | {SKG.lateralCounterpart}
    crossing = [(s, p, o) for s, p, o in g
                if str(s).endswith("_left") and str(o).endswith("_right")
                and str(p).startswith(str(SKG)) and p not in allowed]
    crossing += [(s, p, o) for s, p, o in g
                 if str(s).endswith("_right") and str(o).endswith("_left")
                 and str(p).startswith(str(SKG)) and p not in allowed]
    assert not crossing, crossing[:5]


# (6) every sourced edge carries an axiom with a cited source
def test_required_sources(g):
    props = set(g.subjects(SKG.requiresSource, Literal(True)))
    assert SKG.exitsThrough in props and SKG.mediatesReflex in props
    unsourced = []
    for p in props:
        for s, o in g.subject_objects(p):
            if not str(s).startswith(str(SKG)):
                continue
            ok = False
            for ax in _axioms(g, s, p, o):
                for src in g.objects(ax, DCTERMS.source):
                    if (src, RDF.type, SKG.Source) in g and g.value(src, SKG.citation):
                        ok = True
            if not ok:
                unsourced.append((s, p, o))
    assert not unsourced, unsourced[:5]


# (7) the 62 roots
def test_sixty_two_roots(g):
    roots = set(g.subjects(RDF.type, SKG.SpinalNerveRoot))
    assert len(roots) == 62
    for root in roots:
        assert g.value(root, SKG.levelName) is not None
        assert g.value(root, SKG.inRegion) is not None
        assert g.value(root, SKG.hasSide) in (SKG.Left, SKG.Right)
        assert len(set(g.objects(root, SKG.exitsThrough))) == 1
    levels = {str(g.value(r, SKG.levelName)) for r in roots}
    assert levels == set(ROOT_LEVELS)


@pytest.mark.parametrize("level,region", [("C8", "region_cervical"), ("T12", "region_thoracic"),
                                          ("L5", "region_lumbar"), ("S1", "region_sacral"),
                                          ("Co1", "region_coccygeal")])
def test_root_region(g, level, region):
    assert g.value(SKG[f"root_{level}_left"], SKG.inRegion) == SKG[region]


# (8) a left root stays on the left
def test_left_l4_dermatome_stays_left(g):
    root = SKG.root_L4_left
    assert g.value(root, SKG.hasSide) == SKG.Left
    (derm,) = set(g.objects(root, SKG.hasDermatome))
    areas = set(g.objects(derm, SKG.coversArea))
    assert SKG.area_medial_malleolus_left in areas and SKG.area_medial_leg_left in areas
    for area in areas:
        assert g.value(area, SKG.hasSide) in (SKG.Left, SKG.Midline), area


def test_left_s3_reaches_midline_perineum(g):
    areas = set(g.objects(SKG.dermatome_S3_left, SKG.coversArea))
    assert SKG.area_perineum in areas
    assert g.value(SKG.area_perineum, SKG.hasSide) == SKG.Midline


# (9) partOf chains reach the vertebral column
def _reaches_column(g, node):
    q = "ASK { ?x skg:partOf+ skg:vertebral_column }"
    return bool(g.query(q, initNs={"skg": SKG}, initBindings={"x": node}).askAnswer)


def test_vertebrae_part_of_column(g):
    vertebrae = set(g.subjects(RDF.type, SKG.Vertebra)) | set(g.subjects(RDF.type, SKG.FusedVertebralSegment))
    assert len(vertebrae) == 24 + 1 + 5 + 1
    for v in vertebrae:
        assert _reaches_column(g, v), v


def test_discs_part_of_column(g):
    discs = set(g.subjects(RDF.type, SKG.IntervertebralDisc))
    assert len(discs) == 23  # C2-C3 ... L5-S1
    for d in discs:
        assert _reaches_column(g, d), d
        assert g.value(d, SKG.upperVertebra) is not None and g.value(d, SKG.lowerVertebra) is not None


def test_disc_labels(g):
    from rdflib.namespace import SKOS
    alts = {str(a) for a in g.objects(SKG.disc_L4_L5, SKOS.altLabel)}
    assert {"L4-L5 disc", "L4/5 disc", "L4-5 disc"} <= alts
    assert str(g.value(SKG.disc_L4_L5, SKG.levelName)) == "L4-L5"


def test_great_toe_in_foot_in_lower_limb(g):
    q = "ASK { skg:area_great_toe_left skg:partOf+ skg:area_lower_limb_left }"
    assert g.query(q, initNs={"skg": SKG}).askAnswer
