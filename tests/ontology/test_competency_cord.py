"""Competency questions of the spinal cord layer, answered from the bundled ontology.

Each expected value is written from the source named next to it (rows of
``ontology/templates/sources.tsv`` and ``sources_clinical.tsv``); each edge must exist and
carry that source in its owl:Axiom.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from spinekg.namespaces import SKG


def _axioms(g, s: URIRef, p: URIRef, o: URIRef) -> list[URIRef]:
    return [
        ax
        for ax in g.subjects(OWL.annotatedSource, s)
        if (ax, OWL.annotatedProperty, p) in g and (ax, OWL.annotatedTarget, o) in g
    ]


def _sourced(g, s: str, p: str, o: str, source: str) -> None:
    s_, p_, o_ = SKG[s], SKG[p], SKG[o]
    assert (s_, p_, o_) in g, f"missing edge {s} {p} {o}"
    sources = {src for ax in _axioms(g, s_, p_, o_) for src in g.objects(ax, DCTERMS.source)}
    assert SKG[source] in sources, f"{s} {p} {o} does not cite {source} (cites {sources})"


def _rank(g, s: str, p: str, o: str) -> set[str]:
    return {str(r) for ax in _axioms(g, SKG[s], SKG[p], SKG[o]) for r in g.objects(ax, SKG.evidenceRank)}


SEGMENTS = (
    [f"C{i}" for i in range(1, 9)]
    + [f"T{i}" for i in range(1, 13)]
    + [f"L{i}" for i in range(1, 6)]
    + [f"S{i}" for i in range(1, 6)]
    + ["Co1"]
)


# -- segments, halves and roots ------------------------------------------------------------
def test_every_segment_has_two_halves_giving_their_own_roots(g):
    for i, s in enumerate(SEGMENTS, 1):
        whole = SKG[f"cord_{s}"]
        assert (whole, RDF.type, SKG.SpinalCordSegment) in g, s
        assert g.value(whole, SKG.segmentIndex) == Literal(i), s
        for side, Side in (("left", SKG.Left), ("right", SKG.Right)):
            half = SKG[f"cord_{s}_half_{side}"]
            assert (half, RDF.type, SKG.SpinalCordHalfSegment) in g
            assert (half, SKG.hasSide, Side) in g
            assert (half, SKG.partOf, whole) in g
            assert set(g.objects(half, SKG.givesRoot)) == {SKG[f"root_{s}_{side}"]}
        assert set(g.objects(whole, SKG.givesRoot)) == {SKG[f"root_{s}_left"], SKG[f"root_{s}_right"]}


# -- the crossing -----------------------------------------------------------------------------
# Family Practice Notebook, spinal cord hemisection (src_fpnotebook_hemisection): ipsilateral
# motor weakness (corticospinal) and proprioception/vibration loss (dorsal columns), contralateral
# pain and temperature loss (spinothalamic) "starting two levels below the lesion".
# University of Wisconsin, pyramids (src_uw_corticospinal): corticospinal fibres decussate in the
# caudal medulla; a cord lesion gives ipsilateral hemiplegia and Babinski.
SERVES = [
    ("tract_lateral_corticospinal_left", "Left", "src_uw_corticospinal"),
    ("tract_lateral_corticospinal_right", "Right", "src_uw_corticospinal"),
    ("tract_lateral_corticospinal_left", "Left", "src_fpnotebook_hemisection"),
    ("tract_dorsal_column_left", "Left", "src_fpnotebook_hemisection"),
    ("tract_dorsal_column_right", "Right", "src_fpnotebook_hemisection"),
    ("tract_spinothalamic_left", "Right", "src_fpnotebook_hemisection"),
    ("tract_spinothalamic_right", "Left", "src_fpnotebook_hemisection"),
]


@pytest.mark.parametrize(("tract", "side", "source"), SERVES)
def test_tract_serves_its_side(g, tract, side, source):
    _sourced(g, tract, "servesSide", side, source)
    assert len(set(g.objects(SKG[tract], SKG.servesSide))) == 1


@pytest.mark.parametrize("side", ["left", "right"])
def test_each_half_carries_its_own_three_tracts(g, side):
    for s in SEGMENTS:
        tracts = set(g.objects(SKG[f"cord_{s}_half_{side}"], SKG.carriesTract))
        assert tracts == {
            SKG[f"tract_{t}_{side}"] for t in ("lateral_corticospinal", "dorsal_column", "spinothalamic")
        }, s


@pytest.mark.parametrize(("lower", "upper"), [("T6", "T4"), ("C7", "C5"), ("L1", "T11"), ("S3", "S1")])
@pytest.mark.parametrize(("a", "b"), [("left", "right"), ("right", "left")])
def test_spinothalamic_fibres_cross_two_segments_up(g, lower, upper, a, b):
    _sourced(
        g, f"cord_{lower}_half_{a}", "decussatesTo", f"cord_{upper}_half_{b}", "src_fpnotebook_hemisection"
    )
    assert (SKG[f"cord_{lower}_half_{a}"], SKG.decussatesTo, SKG[f"cord_{upper}_half_{a}"]) not in g


def test_crossing_predicates_are_declared_and_only_decussation_crosses(g):
    crossing = set(g.subjects(SKG.crossesMidline, Literal(True)))
    assert crossing == {SKG.decussatesTo}
    assert g.value(SKG.tract_spinothalamic_left, SKG.crossingSegmentsAbove) == Literal(2)


def test_every_left_right_edge_is_a_declared_crossing(g):
    """The QC rule in words: an edge between a left and a right entity is either
    lateralCounterpart or a predicate marked skg:crossesMidline; and a crossing predicate
    always joins opposite sides."""
    crossing = set(g.subjects(SKG.crossesMidline, Literal(True)))
    bad, used = [], 0
    for s, p, o in g:
        a, b = g.value(s, SKG.hasSide), g.value(o, SKG.hasSide)
        if p in crossing:
            used += 1
            if not (a in (SKG.Left, SKG.Right) and b in (SKG.Left, SKG.Right) and a != b):
                bad.append((s, p, o))
        elif (
            a in (SKG.Left, SKG.Right)
            and b in (SKG.Left, SKG.Right)
            and a != b
            and p != SKG.lateralCounterpart
        ):
            bad.append((s, p, o))
    assert used >= 2 * 29
    assert not bad, bad[:5]


def test_crossed_sides_qc_allows_declared_crossing_only():
    from rdflib import Graph

    from spinekg.pipeline.build import ontology_dir
    from spinekg.pipeline.validate import qc_queries

    text = qc_queries()["crossed-sides"]
    g = Graph()
    for path in sorted((ontology_dir() / "tbox").glob("*.ttl")):
        g.parse(path, format="turtle")
    g.parse(
        data="""@prefix skg: <https://w3id.org/spinekg/> .
        skg:x_left skg:hasSide skg:Left ; skg:decussatesTo skg:y_right ; skg:givesRoot skg:z_right .
        skg:y_right skg:hasSide skg:Right . skg:z_right skg:hasSide skg:Right .""",
        format="turtle",
    )
    rows = list(g.query(text, initNs={"skg": SKG}))
    assert [(str(r[1])) for r in rows] == [str(SKG.givesRoot)]


# -- segment <-> vertebra (adult) ---------------------------------------------------------------
# Palacky University (src_upol_vertebromedullary): cervical segments lie above the vertebra of
# the same number, thoracic ones two above, lumbar at T10-T12, sacral and coccygeal at L1.
# Arslan (src_arslan_spinal_cord): rule of 2 for the T1-T10 vertebrae; T11-T12 = lumbar segments.
LIES_AT = [
    ("cord_C6", "vertebra_C5", "src_upol_vertebromedullary"),
    ("cord_C8", "vertebra_C7", "src_upol_vertebromedullary"),
    ("cord_T6", "vertebra_T4", "src_arslan_spinal_cord"),
    ("cord_T12", "vertebra_T10", "src_arslan_spinal_cord"),
    ("cord_L1", "vertebra_T11", "src_arslan_spinal_cord"),
    ("cord_L5", "vertebra_T12", "src_arslan_spinal_cord"),
    ("cord_S2", "vertebra_L1", "src_upol_vertebromedullary"),
    ("cord_Co1", "vertebra_L1", "src_upol_vertebromedullary"),
]


@pytest.mark.parametrize(("seg", "vertebra", "source"), LIES_AT)
def test_segment_lies_at_vertebra(g, seg, vertebra, source):
    _sourced(g, seg, "liesAtVertebra", vertebra, source)


def test_lower_thoracic_vertebrae_overlie_lumbar_segments(g):
    lumbar_at_t12 = {s for s in g.subjects(SKG.liesAtVertebra, SKG.vertebra_T12)}
    assert {SKG[f"cord_L{i}"] for i in range(1, 6)} <= lumbar_at_t12
    assert (SKG.cord_L3, SKG.liesAtVertebra, SKG.vertebra_L3) not in g


# -- the conus and its end ------------------------------------------------------------------------
# Saifuddin et al. 1998 (src_saifuddin1998_conus): mean lower third of L1, range middle third of
# T12 to upper third of L3. Karabulut et al. 2016: upper third of T12 to the L2-L3 disc.
def test_conus_ends_around_l1_with_its_range(g):
    _sourced(g, "conus_medullaris", "terminatesAt", "vertebra_L1", "src_saifuddin1998_conus")
    assert "primary" in _rank(g, "conus_medullaris", "terminatesAt", "vertebra_L1")
    _sourced(g, "conus_medullaris", "terminatesAt", "disc_L1_L2", "src_dawodu_medscape_ces_cms")
    assert "alternative" in _rank(g, "conus_medullaris", "terminatesAt", "disc_L1_L2")
    _sourced(g, "conus_medullaris", "terminationRangeUpper", "vertebra_T12", "src_saifuddin1998_conus")
    _sourced(g, "conus_medullaris", "terminationRangeLower", "vertebra_L3", "src_saifuddin1998_conus")
    _sourced(g, "conus_medullaris", "terminationRangeLower", "disc_L2_L3", "src_karabulut2016_conus")
    assert (SKG.cord_S3, SKG.partOf, SKG.conus_medullaris) in g


# -- compression reaches the cord, the conus or the cauda equina ---------------------------------
@pytest.mark.parametrize(
    ("disc", "structure", "source"),
    [
        ("disc_C5_C6", "cord_C6", "src_upol_vertebromedullary"),
        ("disc_C5_C6", "cord_C7", "src_upol_vertebromedullary"),
        ("disc_T6_T7", "cord_T8", "src_arslan_spinal_cord"),
        ("disc_T12_L1", "conus_medullaris", "src_statpearls_ces_cms"),
        ("disc_L1_L2", "conus_medullaris", "src_statpearls_ces_cms"),
        ("disc_L4_L5", "cauda_equina", "src_statpearls_ces_cms"),
        ("disc_L5_S1", "cauda_equina", "src_dawodu_medscape_ces_cms"),
    ],
)
def test_central_lesion_reaches(g, disc, structure, source):
    _sourced(g, disc, "overlies", structure, source)


def test_lumbar_discs_below_l2_do_not_reach_the_cord(g):
    for d in ("disc_L2_L3", "disc_L3_L4", "disc_L4_L5", "disc_L5_S1"):
        reached = set(g.objects(SKG[d], SKG.overlies))
        assert reached == {SKG.cauda_equina}, d


@pytest.mark.parametrize(
    ("node", "warning"),
    [("cord_C6", "myelopathy"), ("conus_medullaris", "conus medullaris"), ("cauda_equina", "cauda equina")],
)
def test_compression_warning_words(g, node, warning):
    assert str(g.value(SKG[node], SKG.compressionWarning)) == warning


@pytest.mark.parametrize(
    ("node", "syndrome", "source"),
    [
        ("cord_C6", "condition_degenerative_cervical_myelopathy", "src_hilton2018_dcm_assessment"),
        ("cord_T4_half_left", "condition_brown_sequard_syndrome", "src_fpnotebook_hemisection"),
        ("conus_medullaris", "condition_conus_medullaris_syndrome", "src_statpearls_ces_cms"),
        ("cauda_equina", "condition_cauda_equina_syndrome", "src_statpearls_ces_cms"),
    ],
)
def test_compression_causes_syndrome(g, node, syndrome, source):
    _sourced(g, node, "compressionCausesSyndrome", syndrome, source)


# -- each syndrome's defining findings --------------------------------------------------------------
DEFINING = [
    # Fehlings 2017 scope: paresthesia, abnormal gait, decreased hand dexterity, hyperreflexia,
    # increased tone; Hilton 2018: Hoffmann reflex, extensor plantar reflex, spasticity.
    ("condition_degenerative_cervical_myelopathy", "symptom_hand_clumsiness", "src_fehlings2017_dcm_scope"),
    ("condition_degenerative_cervical_myelopathy", "symptom_gait_disturbance", "src_fehlings2017_dcm_scope"),
    ("condition_degenerative_cervical_myelopathy", "sign_hyperreflexia", "src_fehlings2017_dcm_scope"),
    ("condition_degenerative_cervical_myelopathy", "sign_spasticity", "src_fehlings2017_dcm_scope"),
    ("condition_degenerative_cervical_myelopathy", "sign_hoffmann", "src_hilton2018_dcm_assessment"),
    ("condition_degenerative_cervical_myelopathy", "sign_babinski", "src_hilton2018_dcm_assessment"),
    (
        "condition_degenerative_cervical_myelopathy",
        "sign_lhermitte",
        "src_medscape_cervical_spondylosis_exam",
    ),
    (
        "condition_degenerative_cervical_myelopathy",
        "sign_broad_based_gait",
        "src_medscape_cervical_spondylosis_exam",
    ),
    (
        "condition_degenerative_cervical_myelopathy",
        "sign_inverted_supinator",
        "src_gpnotebook_inverted_supinator",
    ),
    # StatPearls central cord: upper > lower limb motor deficit, retention.
    ("condition_central_cord_syndrome", "symptom_weakness", "src_statpearls_central_cord"),
    ("condition_central_cord_syndrome", "sign_urinary_retention", "src_statpearls_central_cord"),
    # StatPearls anterior cord: motor deficits, pain and temperature loss, neurogenic bladder.
    ("condition_anterior_cord_syndrome", "symptom_weakness", "src_statpearls_anterior_cord"),
    ("condition_anterior_cord_syndrome", "sign_pain_temperature_loss", "src_statpearls_anterior_cord"),
    # FP Notebook hemisection.
    ("condition_brown_sequard_syndrome", "symptom_weakness", "src_fpnotebook_hemisection"),
    ("condition_brown_sequard_syndrome", "sign_proprioception_loss", "src_fpnotebook_hemisection"),
    ("condition_brown_sequard_syndrome", "sign_pain_temperature_loss", "src_fpnotebook_hemisection"),
    # Dawodu (Medscape), Table 1: conus - early retention, atonic sphincter, overflow,
    # symmetric perianal numbness, hyperreflexic distal paresis, ankle jerks affected.
    ("condition_conus_medullaris_syndrome", "sign_urinary_retention", "src_dawodu_medscape_ces_cms"),
    ("condition_conus_medullaris_syndrome", "sign_overflow_incontinence", "src_dawodu_medscape_ces_cms"),
    ("condition_conus_medullaris_syndrome", "sign_reduced_anal_tone", "src_dawodu_medscape_ces_cms"),
    ("condition_conus_medullaris_syndrome", "symptom_saddle_anaesthesia", "src_dawodu_medscape_ces_cms"),
    ("condition_conus_medullaris_syndrome", "sign_hyperreflexia", "src_dawodu_medscape_ces_cms"),
    ("condition_conus_medullaris_syndrome", "symptom_reflex_change", "src_dawodu_medscape_ces_cms"),
    # AJEM 2019: painless retention, loss of anal tone, bilateral sciatica; Lavy 2022: CESR.
    ("condition_cauda_equina_syndrome", "sign_urinary_retention", "src_c_ajem_ces"),
    ("condition_cauda_equina_syndrome", "sign_reduced_anal_tone", "src_c_ajem_ces"),
    ("condition_cauda_equina_syndrome", "symptom_radicular_pain", "src_c_ajem_ces"),
    (
        "condition_cauda_equina_syndrome_retention",
        "sign_urinary_retention",
        "src_lavy2022_ces_classification",
    ),
]


@pytest.mark.parametrize(("condition", "finding", "source"), DEFINING)
def test_syndrome_defining_finding(g, condition, finding, source):
    _sourced(g, condition, "causesSymptom", finding, source)


def test_conus_and_cauda_equina_subtypes(g):
    for sub in ("condition_cauda_equina_syndrome_retention", "condition_cauda_equina_syndrome_incomplete"):
        assert (SKG[sub], SKG.subtypeOf, SKG.condition_cauda_equina_syndrome) in g
        assert g.value(SKG[sub], SKG.isRedFlag) == Literal(True)
    assert g.value(SKG.condition_conus_medullaris_syndrome, SKG.isRedFlag) == Literal(True)
    assert (SKG.condition_degenerative_cervical_myelopathy, SKG.subtypeOf, SKG.condition_myelopathy) in g


@pytest.mark.parametrize(
    ("cause", "syndrome", "source"),
    [
        (
            "condition_cervical_central_stenosis",
            "condition_degenerative_cervical_myelopathy",
            "src_houten2022_dcm_natural_history",
        ),
        (
            "condition_opll",
            "condition_degenerative_cervical_myelopathy",
            "src_houten2022_dcm_natural_history",
        ),
        (
            "condition_cervical_disc_herniation",
            "condition_degenerative_cervical_myelopathy",
            "src_c_statpearls_disk_herniation",
        ),
        (
            "condition_degenerative_cervical_myelopathy",
            "condition_central_cord_syndrome",
            "src_houten2022_dcm_natural_history",
        ),
        (
            "condition_central_disc_herniation",
            "condition_brown_sequard_syndrome",
            "src_fpnotebook_hemisection",
        ),
    ],
)
def test_causes_lead_to_cord_syndromes(g, cause, syndrome, source):
    _sourced(g, cause, "mayLeadTo", syndrome, source)


# -- signs: states, clinicians' words, localising value ----------------------------------------------
SIGNS = [
    "sign_hyperreflexia",
    "sign_hoffmann",
    "sign_babinski",
    "sign_ankle_clonus",
    "sign_patellar_clonus",
    "sign_inverted_supinator",
    "sign_spasticity",
    "sign_romberg",
    "sign_broad_based_gait",
    "sign_intrinsic_hand_wasting",
    "sign_lhermitte",
    "sign_sensory_level",
    "sign_urinary_retention",
    "sign_overflow_incontinence",
    "sign_reduced_anal_tone",
    "sign_absent_anal_wink",
    "sign_absent_bulbocavernosus",
]


@pytest.mark.parametrize("sign", SIGNS)
def test_sign_is_a_symptom_with_states(g, sign):
    s = SKG[sign]
    assert (s, RDF.type, SKG.ClinicalSign) in g and (s, RDF.type, SKG.Symptom) in g
    assert {str(v) for v in g.objects(s, SKG.acceptedState)} == {"positive", "negative", "present", "absent"}
    assert {str(v) for v in g.objects(s, SKG.abnormalState)} == {"positive", "present"}


@pytest.mark.parametrize(
    ("sign", "word"),
    [
        ("sign_babinski", "upgoing plantar"),
        ("sign_babinski", "positive babinski"),
        ("sign_hoffmann", "hoffmann's"),
        ("sign_ankle_clonus", "clonus"),
        ("sign_broad_based_gait", "broad based gait"),
        ("sign_intrinsic_hand_wasting", "myelopathy hand"),
    ],
)
def test_clinicians_words(g, sign, word):
    assert word in {str(a) for a in g.objects(SKG[sign], SKOS.altLabel)}


def test_inverted_supinator_points_to_c5_c6(g):
    # GPnotebook: indicative of a spinal cord lesion at C5 or C6.
    for seg in ("cord_C5", "cord_C6"):
        _sourced(g, "sign_inverted_supinator", "pointsToSegment", seg, "src_gpnotebook_inverted_supinator")
    assert (SKG.sign_inverted_supinator, SKG.concernsReflex, SKG.reflex_brachioradialis_left) in g


def test_saddle_anaesthesia_is_reused_not_duplicated(g):
    labels = [s for s in g.subjects(RDF.type, SKG.Symptom) if "saddle" in str(g.value(s, RDFS.label))]
    assert labels == [SKG.symptom_saddle_anaesthesia]


# -- DCM ladder by severity (Fehlings et al. 2017, AO Spine / CSRS) -------------------------------------
BANDS = [("mild", 15, 17), ("moderate", 12, 14), ("severe", 0, 11)]


@pytest.mark.parametrize(("name", "lo", "hi"), BANDS)
def test_mjoa_bands(g, name, lo, hi):
    band = SKG[f"severity_dcm_{name}"]
    assert str(g.value(band, SKG.severityName)) == name
    assert g.value(band, SKG.mjoaMin) == Literal(lo) and g.value(band, SKG.mjoaMax) == Literal(hi)
    _sourced(
        g,
        f"severity_dcm_{name}",
        "severityOf",
        "condition_degenerative_cervical_myelopathy",
        "src_fehlings2017_dcm_scope",
    )


def _recommendations(g, severity: str) -> set[tuple[str, str]]:
    out = set()
    for rec in g.subjects(SKG.atSeverity, SKG[f"severity_dcm_{severity}"]):
        if (rec, RDF.type, SKG.TreatmentRecommendation) not in g:
            continue
        assert (rec, SKG.recommendedFor, SKG.condition_degenerative_cervical_myelopathy) in g
        tier = str(g.value(rec, SKG.recommendsTier)).rsplit("/", 1)[1]
        out.add((tier, str(g.value(rec, SKG.recommendationStrength))))
        for p in (SKG.recommendsTier, SKG.recommends):
            for o in g.objects(rec, p):
                assert any(
                    SKG.src_fehlings2017_dcm_guideline in set(g.objects(ax, DCTERMS.source))
                    for ax in _axioms(g, rec, p, o)
                ), (rec, p, o)
    return out


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        ("severe", {("tier_surgical", "recommend")}),
        ("moderate", {("tier_surgical", "recommend")}),
        ("mild", {("tier_surgical", "suggest"), ("tier_conservative", "suggest")}),
    ],
)
def test_dcm_ladder_by_severity(g, severity, expected):
    assert _recommendations(g, severity) == expected


def test_mild_dcm_that_deteriorates_goes_to_surgery(g):
    rule = SKG.escalation_dcm_mild_deterioration
    assert (rule, SKG.forCondition, SKG.condition_degenerative_cervical_myelopathy) in g
    assert (rule, SKG.toTier, SKG.tier_surgical) in g
    _sourced(
        g,
        "escalation_dcm_mild_deterioration",
        "atSeverity",
        "severity_dcm_mild",
        "src_fehlings2017_dcm_guideline",
    )


@pytest.mark.parametrize(
    ("treatment", "tier", "source"),
    [
        ("treatment_structured_rehabilitation", "tier_conservative", "src_fehlings2017_dcm_guideline"),
        ("treatment_cord_decompression", "tier_surgical", "src_fehlings2017_dcm_guideline"),
        ("treatment_acdf", "tier_surgical", "src_deora2019_wfns_anterior"),
        ("treatment_myelopathy_corpectomy", "tier_surgical", "src_deora2019_wfns_anterior"),
        ("treatment_myelopathy_laminoplasty", "tier_surgical", "src_nishizawa2012_cervical_operations"),
        ("treatment_myelopathy_laminectomy_fusion", "tier_surgical", "src_nishizawa2012_cervical_operations"),
    ],
)
def test_dcm_treatments(g, treatment, tier, source):
    assert g.value(SKG[treatment], SKG.inTier) == SKG[tier]
    _sourced(g, "condition_degenerative_cervical_myelopathy", "treatedWith", treatment, source)


def test_cauda_equina_is_decompressed(g):
    # Issue 15 item 4 (AJEM 2019): operative intervention for decompression.
    _sourced(
        g,
        "condition_cauda_equina_syndrome",
        "treatedWith",
        "treatment_decompressive_laminectomy",
        "src_c_ajem_ces",
    )
