"""Competency questions for the clinical corrections of issue 15, answered from the graph.

Each expected value is written from the source named beside it (rows of
``ontology/templates/sources.tsv`` and ``sources_clinical.tsv``); every edge checked here
must also carry that source in its ``owl:Axiom``.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from spinekg.namespaces import PREFIXES, SKG
from spinekg.pipeline.validate import qc_queries

SIDES = ("left", "right")


def _axioms(g, s: URIRef, p: URIRef, o: URIRef) -> list[URIRef]:
    return [ax for ax in g.subjects(OWL.annotatedSource, s)
            if (ax, OWL.annotatedProperty, p) in g and (ax, OWL.annotatedTarget, o) in g]


def _edge_sources(g, s: URIRef, p: URIRef, o: URIRef) -> set[URIRef]:
    """The sources of an edge that exists; fails when the edge is missing."""
    assert (s, p, o) in g, f"missing edge {s} {p} {o}"
    return {src for ax in _axioms(g, s, p, o) for src in g.objects(ax, DCTERMS.source)}


def _ranks(g, s, p, o) -> set[str]:
    return {str(r) for ax in _axioms(g, s, p, o) for r in g.objects(ax, SKG.evidenceRank)}


def _citation(g, source: str) -> str:
    return str(g.value(SKG[source], SKG.citation))


def _tier(g, treatment: URIRef) -> URIRef:
    return g.value(treatment, SKG.inTier)


def _ancestors(g, condition: URIRef) -> list[URIRef]:
    out, todo = [], [condition]
    while todo:
        c = todo.pop()
        if c in out:
            continue
        out.append(c)
        todo.extend(g.objects(c, SKG.subtypeOf))
    return out


def _escalations(g, condition: str, urgent: bool) -> list[URIRef]:
    return [r for r in g.subjects(SKG.forCondition, SKG[condition])
            if g.value(r, SKG.urgent) == Literal(urgent)]


# (1) Ladders: every zone subtype reaches a conservative tier through skg:subtypeOf --------
ZONE_SUBTYPES = [
    ("condition_central_disc_herniation", "condition_disc_herniation"),
    ("condition_paracentral_disc_herniation", "condition_disc_herniation"),
    ("condition_foraminal_disc_herniation", "condition_disc_herniation"),
    ("condition_far_lateral_disc_herniation", "condition_disc_herniation"),
    ("condition_lumbar_central_stenosis", "condition_lumbar_spinal_stenosis"),
    ("condition_lumbar_lateral_recess_stenosis", "condition_lumbar_spinal_stenosis"),
    ("condition_lumbar_foraminal_stenosis", "condition_lumbar_spinal_stenosis"),
    ("condition_cervical_foraminal_stenosis", "condition_cervical_spinal_stenosis"),
    ("condition_cervical_central_stenosis", "condition_cervical_spinal_stenosis"),
]


@pytest.mark.parametrize(("subtype", "parent"), ZONE_SUBTYPES)
def test_every_lesion_subtype_inherits_a_conservative_tier(g, subtype, parent):
    """A subtype is linked to its parent, and its chain of parents holds a sourced
    conservative treatment, so its ladder never starts at surgery."""
    assert (SKG[subtype], SKG.subtypeOf, SKG[parent]) in g
    conservative = [(c, t) for c in _ancestors(g, SKG[subtype])
                    for t in g.objects(c, SKG.treatedWith)
                    if _tier(g, t) == SKG.tier_conservative]
    assert conservative, subtype
    assert all(_edge_sources(g, c, SKG.treatedWith, t) for c, t in conservative)


def test_far_lateral_herniation_settles_without_surgery_in_most(g):
    """Rust & Olivero 1999, J Spinal Disord 12(2):138-140: 12 of 17 far-lateral
    herniations (~71%) resolved with conservative measures."""
    cond = SKG.condition_far_lateral_disc_herniation
    assert SKG.src_c_rust1999_farlateral in _edge_sources(
        g, cond, SKG.treatedWith, SKG.treatment_nonoperative_care)
    text = _citation(g, "src_c_rust1999_farlateral")
    assert "J Spinal Disord 1999;12(2):138-140" in text
    assert "Twelve of the 17" in text and "~71%" in text
    assert not [r for r in g.subjects(SKG.forCondition, cond)]  # no rule sends it to surgery at once


# (2) Cervical radiculopathy: a full ladder ---------------------------------------------
CERVICAL_OPERATIONS = [
    ("treatment_acdf", "anterior cervical discectomy and fusion", "src_c_aaos_cervrad_surgery"),
    ("treatment_cervical_disc_arthroplasty", "cervical disc arthroplasty",
     "src_c_aaos_cervrad_surgery"),
    ("treatment_posterior_cervical_foraminotomy", "posterior cervical foraminotomy",
     "src_c_aaos_cervrad_surgery"),
]


@pytest.mark.parametrize(("treatment", "label", "source"), CERVICAL_OPERATIONS)
def test_cervical_radiculopathy_has_its_operations(g, treatment, label, source):
    """AAOS OrthoInfo: ACDF, artificial disk replacement (arthroplasty) and posterior
    cervical laminoforaminotomy are the three operations commonly performed."""
    t = SKG[treatment]
    assert str(g.value(t, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == label
    assert _tier(g, t) == SKG.tier_surgical
    assert source in {str(s).rsplit("/", 1)[1] for s in
                      _edge_sources(g, SKG.condition_cervical_radiculopathy, SKG.treatedWith, t)}


def test_cervical_radiculopathy_starts_conservative_with_an_injection_tier(g):
    """Eubanks 2010: a multimodal nonoperative approach; selective nerve blocks target
    nerve root pain."""
    cond = SKG.condition_cervical_radiculopathy
    tiers = {_tier(g, t) for t in g.objects(cond, SKG.treatedWith)}
    assert {SKG.tier_conservative, SKG.tier_interventional, SKG.tier_surgical} <= tiers
    assert SKG.src_c_eubanks2010 in _edge_sources(
        g, cond, SKG.treatedWith, SKG.treatment_epidural_steroid_injection)


def test_cervical_radiculopathy_escalates_after_6_weeks_or_at_once(g):
    """PubMed 11497490: surgery for radiculopathy despite nonoperative treatment for more
    than 6 weeks, and for a progressive or disabling motor deficit before 6 weeks."""
    elective = _escalations(g, "condition_cervical_radiculopathy", False)
    assert len(elective) == 1
    rule = elective[0]
    assert (rule, SKG.toTier, SKG.tier_surgical) in g
    assert float(g.value(rule, SKG.afterWeeksMin)) == 6
    assert g.value(rule, SKG.afterMonthsMin) is None
    assert SKG.src_c_pmid11497490_cervsurg in set(g.objects(rule, DCTERMS.source))
    urgent = [r for r in _escalations(g, "condition_cervical_radiculopathy", True)
              if (r, SKG.triggeredBy, SKG.symptom_progressive_motor_deficit) in g]
    assert len(urgent) == 1
    assert SKG.src_c_pmid11497490_cervsurg in _edge_sources(
        g, urgent[0], SKG.triggeredBy, SKG.symptom_progressive_motor_deficit)
    assert "more than 6 weeks" in _citation(g, "src_c_pmid11497490_cervsurg")


# (2b) Thresholds the source writes in weeks are stored in weeks -------------------------
def test_weeks_properties_are_declared(g):
    for prop in (SKG.afterWeeksMin, SKG.afterWeeksMax):
        assert (prop, RDF.type, OWL.DatatypeProperty) in g
        assert g.value(prop, URIRef("http://www.w3.org/2000/01/rdf-schema#range")) == XSD.decimal


@pytest.mark.parametrize("condition", ["condition_lumbar_disc_herniation",
                                       "condition_lumbar_radiculopathy"])
def test_lumbar_discectomy_rule_is_6_to_8_weeks(g, condition):
    """NSJ review: discectomy for sciatica that fails to resolve with conservative
    management 'for at least 6-8 weeks'."""
    rules = [r for r in _escalations(g, condition, False)
             if (r, SKG.toTier, SKG.tier_surgical) in g]
    assert len(rules) == 1
    rule = rules[0]
    assert (float(g.value(rule, SKG.afterWeeksMin)), float(g.value(rule, SKG.afterWeeksMax))) \
        == (6, 8)
    assert g.value(rule, SKG.afterMonthsMin) is None and g.value(rule, SKG.afterMonthsMax) is None
    assert SKG.src_c_nsj_review in set(g.objects(rule, DCTERMS.source))
    assert "at least 6-8 weeks" in _citation(g, "src_c_nsj_review")


def test_lumbar_stenosis_rule_stays_in_months(g):
    """Lauryssen 2010 states months: 'after 3 to 6 months of nonsurgical treatment'."""
    rule = [r for r in _escalations(g, "condition_lumbar_spinal_stenosis", False)][0]
    assert (float(g.value(rule, SKG.afterMonthsMin)), float(g.value(rule, SKG.afterMonthsMax))) \
        == (3, 6)
    assert g.value(rule, SKG.afterWeeksMin) is None


# (3) Cauda equina syndrome: urgent decompression of the cause ---------------------------
@pytest.mark.parametrize(("treatment", "source"), [
    ("treatment_decompressive_laminectomy", "src_c_ajem_ces"),
    ("treatment_microdiscectomy", "src_c_nsj_review"),
])
def test_cauda_equina_is_decompressed_by_discectomy_or_laminectomy(g, treatment, source):
    """Am J Emerg Med review: treatment relies upon surgical consultation for
    decompression; NSJ review: discectomy may be considered in patients with cauda
    equina syndrome."""
    assert SKG[source] in _edge_sources(g, SKG.condition_cauda_equina_syndrome,
                                        SKG.treatedWith, SKG[treatment])
    assert _tier(g, SKG[treatment]) == SKG.tier_surgical


def test_cauda_equina_has_its_own_emergency_rule(g):
    """BASS standards (Spine J 2015): prompt MRI and emergency surgery."""
    rules = [r for r in _escalations(g, "condition_cauda_equina_syndrome", True)
             if (r, SKG.triggeredBy, SKG.condition_cauda_equina_syndrome) in g]
    assert len(rules) == 1
    assert SKG.src_c_bass2015_ces in set(g.objects(rules[0], DCTERMS.source))
    assert "emergency surgery" in _citation(g, "src_c_bass2015_ces")


# (4) Foot drop: L5 primary, L4 contributing ---------------------------------------------
@pytest.mark.parametrize("side", SIDES)
def test_ankle_dorsiflexion_weakness_is_l5_primary(g, side):
    """Harrison: tibialis anterior under L5; AccessEM: an L5 lesion weakens foot
    dorsiflexion. ISNCSCI keeps ankle dorsiflexion as the L4 key muscle."""
    act = SKG[f"action_ankle_dorsiflexion_{side}"]
    l5, l4 = SKG[f"myotome_L5_{side}"], SKG[f"myotome_L4_{side}"]
    assert _ranks(g, l5, SKG.includesAction, act) == {"primary"}
    assert {SKG.src_harrison_radiculopathy, SKG.src_accessem_l5} <= _edge_sources(
        g, l5, SKG.includesAction, act)
    assert _ranks(g, l4, SKG.includesAction, act) == {"alternative"}
    assert (l4, SKG.hasKeyMuscleAction, act) in g  # ISNCSCI key muscle unchanged
    assert SKG.src_isncsci_2019 in _edge_sources(g, l4, SKG.hasKeyMuscleAction, act)


def test_foot_drop_is_weakness_of_ankle_dorsiflexion_usually_l5(g):
    src = _edge_sources(g, SKG.symptom_foot_drop, SKG.weaknessOf,
                        SKG.action_ankle_dorsiflexion_left)
    assert SKG.src_statpearls_foot_drop in src
    assert "weakness in the dorsiflexor muscles" in _citation(g, "src_statpearls_foot_drop")
    assert "tibialis anterior" in _citation(g, "src_harrison_radiculopathy")


# (5) Radicular pain referral of the cervical and thoracic roots ------------------------
CERVICAL_PAIN = [  # Kang 2020, Asian Spine J, Table 3 ('Pain' column)
    ("C5", "area_lateral_arm"), ("C5", "area_neck"),
    ("C6", "area_thumb"), ("C6", "area_index_finger"), ("C6", "area_lateral_forearm"),
    ("C7", "area_middle_finger"), ("C7", "area_posterior_forearm"),
    ("C8", "area_little_finger"), ("C8", "area_ring_finger"), ("C8", "area_medial_forearm"),
]


@pytest.mark.parametrize(("root", "area"), CERVICAL_PAIN)
@pytest.mark.parametrize("side", SIDES)
def test_cervical_root_refers_pain_to_its_area(g, root, area, side):
    assert SKG.src_kang_2020 in _edge_sources(g, SKG[f"root_{root}_{side}"],
                                              SKG.refersPainTo, SKG[f"{area}_{side}"])
    other = "right" if side == "left" else "left"
    assert (SKG[f"root_{root}_{side}"], SKG.refersPainTo, SKG[f"{area}_{other}"]) not in g


def test_kang_table_says_what_it_is_cited_for(g):
    text = _citation(g, "src_kang_2020")
    for words in ("lateral upper arm to elbow", "lateral forearm, thumb and index finger",
                  "posterior forearm, middle finger", "medial forearm, 4rth and 5th finger"):
        assert words in text


THORACIC_BAND = [  # NHS GGC: band-like pain around the thorax and abdomen; Medscape levels
    ("T4", "area_nipple_line_chest"), ("T6", "area_xiphoid_level"),
    ("T10", "area_umbilicus_level"), ("T12", "area_suprapubic"),
    ("T3", "area_chest"), ("T8", "area_abdomen"),
]


@pytest.mark.parametrize(("root", "area"), THORACIC_BAND)
def test_thoracic_roots_refer_band_pain_around_the_trunk(g, root, area):
    assert SKG.src_c_nhsggc_thoracic_rad in _edge_sources(
        g, SKG[f"root_{root}_left"], SKG.refersPainTo, SKG[f"{area}_left"])
    assert "band-like pain" in _citation(g, "src_c_nhsggc_thoracic_rad")


def test_every_root_c5_to_t12_refers_pain_somewhere(g):
    for name in [f"C{i}" for i in range(5, 9)] + [f"T{i}" for i in range(1, 13)]:
        assert list(g.objects(SKG[f"root_{name}_left"], SKG.refersPainTo)), name


@pytest.mark.parametrize(("disc", "zone", "root"), [
    ("T7_T8", "foraminal", "T7"), ("T11_T12", "foraminal", "T11"), ("T12_L1", "foraminal", "T12"),
    ("T1_T2", "foraminal", "T1"),
    ("C5_C6", "extraforaminal", "C6"), ("C7_T1", "extraforaminal", "C8"),
])
@pytest.mark.parametrize("side", ["Left", "Right"])
def test_thoracic_and_cervical_lateral_rules_compress_the_exiting_root(g, disc, zone, root, side):
    """Thoracic roots exit below their vertebra (StatPearls, Dermatomes; ISNCSCI 2011);
    cervical radiculopathies all compress an exiting root (Eubanks 2010)."""
    rules = [r for r in g.subjects(SKG.atDisc, SKG[f"disc_{disc}"])
             if (r, SKG.inZone, SKG[f"zone_{zone}"]) in g and (r, SKG.hasSide, SKG[side]) in g]
    assert len(rules) == 1
    roots = set(g.objects(rules[0], SKG.compressesRoot))
    assert roots == {SKG[f"root_{root}_{side.lower()}"]}
    assert _edge_sources(g, rules[0], SKG.compressesRoot, next(iter(roots)))


def test_thoracic_disc_herniation_exists_and_is_rare(g):
    cond = SKG.condition_thoracic_disc_herniation
    assert (cond, SKG.subtypeOf, SKG.condition_disc_herniation) in g
    assert (cond, SKG.inRegion, SKG.region_thoracic) in g
    assert "T11-T12 representing 26-50%" in _citation(g, "src_c_nhsggc_thoracic_rad")


# (6) ICD-10-CM codes per level and the Excludes1 rule -----------------------------------
PER_LEVEL = [  # ICD-10-CM tabular list titles (src_c_icd_disc_codes)
    ("condition_cervical_disc_herniation", "disc_C4_C5", True, "M50.121"),
    ("condition_cervical_disc_herniation", "disc_C5_C6", True, "M50.122"),
    ("condition_cervical_disc_herniation", "disc_C6_C7", True, "M50.123"),
    ("condition_cervical_disc_herniation", "disc_C7_T1", True, "M50.13"),
    ("condition_cervical_disc_herniation", "disc_C3_C4", True, "M50.11"),
    ("condition_lumbar_disc_herniation", "disc_L4_L5", True, "M51.16"),
    ("condition_lumbar_disc_herniation", "disc_L5_S1", True, "M51.17"),
    ("condition_lumbar_disc_herniation", "disc_L4_L5", False, "M51.26"),
]

CODE_QUERY = """SELECT ?code WHERE {
  ?a a skg:Icd10cmAssignment ; skg:codeFor ?cond ; skg:atDisc ?disc ;
     skg:withRadiculopathy ?radic ; skg:assignedCode ?code ; dcterms:source ?src . }"""


@pytest.mark.parametrize(("condition", "disc", "radic", "code"), PER_LEVEL)
def test_icd10cm_code_by_condition_and_level(g, condition, disc, radic, code):
    rows = {str(r.code) for r in g.query(CODE_QUERY, initNs=PREFIXES, initBindings={
        "cond": SKG[condition], "disc": SKG[disc], "radic": Literal(radic)})}
    assert rows == {code}
    assert code in _citation(g, "src_c_icd_disc_codes")


def test_no_code_assignment_is_unsourced_or_invented(g):
    # every assigned code is an ICD-10-CM code named in the citation of one of its own sources
    # (the disc code references, or the FY2026 Tabular List the code table of issue 21 cites)
    for a in g.subjects(RDF.type, SKG.Icd10cmAssignment):
        code = str(g.value(a, SKG.assignedCode))
        assert re.fullmatch(r"[GIM]\d\d\.\d{1,3}|G83\.4", code), code  # I70.21-: claudication
        sources = list(g.objects(a, DCTERMS.source))
        assert sources, a
        assert any(code in _citation(g, str(s).rpartition("/")[2]) for s in sources), code


@pytest.mark.parametrize(("radiculopathy", "disc_condition"), [
    ("condition_radiculopathy", "condition_disc_herniation"),
    ("condition_lumbar_radiculopathy", "condition_lumbar_disc_herniation"),
    ("condition_cervical_radiculopathy", "condition_cervical_disc_herniation"),
])
def test_radiculopathy_due_to_a_disc_is_coded_as_the_disc_disorder(g, radiculopathy,
                                                                   disc_condition):
    """ICD-10-CM M54.1- Excludes1: radiculopathy with a disc disorder is M50.1-/M51.1-
    (FY2026 tabular list)."""
    srcs = _edge_sources(g, SKG[radiculopathy], SKG.icd10cmExcludes1, SKG[disc_condition])
    assert SKG.src_icd10cm_fy2026_tabular in srcs
    assert SKG.src_c_mirahealth_m5410 not in srcs
    tabular = _citation(g, "src_icd10cm_fy2026_tabular")
    assert "'radiculopathy with cervical disc disorder (M50.1)'" in tabular
    assert "'radiculopathy with lumbar and other intervertebral disc disorder (M51.1-)'" in tabular


# (7) Citations that did not say what they were cited for ---------------------------------
@pytest.mark.parametrize(("s", "p", "o", "dropped"), [
    ("myotome_L5_left", "includesAction", "action_hip_abduction_left", "src_obrien_2010"),
    ("myotome_C5_left", "includesAction", "action_shoulder_external_rotation_left",
     "src_obrien_2010"),
    ("dermatome_Co1_left", "coversArea", "area_coccyx_skin", "src_fisch_ditki"),
    ("condition_lumbar_spinal_stenosis", "causesSymptom", "symptom_hip_pain",
     "src_c_beaumont_cervstenosis"),
])
def test_sources_no_longer_cited_for_what_they_do_not_say(g, s, p, o, dropped):
    assert SKG[dropped] not in _edge_sources(g, SKG[s], SKG[p], SKG[o])


def test_c5_external_rotation_keeps_the_source_that_says_it(g):
    assert SKG.src_kang_2020 in _edge_sources(g, SKG.myotome_C5_left, SKG.includesAction,
                                              SKG.action_shoulder_external_rotation_left)
    assert "external rotation" in _citation(g, "src_kang_2020")


def test_unsourced_claims_are_dropped(g):
    """No cited source names L4 for hip adduction, nor the front of the hip for L1/L2."""
    assert (SKG.myotome_L4_left, SKG.includesAction, SKG.action_hip_adduction_left) not in g
    for root in ("root_L1_left", "root_L2_left"):
        assert (SKG[root], SKG.refersPainTo, SKG.area_anterior_hip_left) not in g
        assert (SKG[root], SKG.refersPainTo, SKG.area_groin_left) in g


@pytest.mark.parametrize(("level", "fraction"), [("T7", "one quarter"), ("T8", "one half"),
                                                 ("T9", "three quarters")])
def test_t7_to_t9_key_points_use_the_isncsci_wording(g, level, fraction):
    """ISNCSCI key sensory points: T7 'one quarter the distance between the level of the
    xiphisternum and the level of the umbilicus'; T8 one half, T9 three quarters."""
    d = str(g.value(SKG[f"ksp_{level}_left"], URIRef("http://www.w3.org/2004/02/skos/core#definition")))
    assert fraction in d and "xiphisternum" in d and "umbilicus" in d
    assert "T7 At the midclavicular line, one quarter" in _citation(g, "src_isncsci_ksp_2008")


# (8) No source on a document-mirror host --------------------------------------------------
MIRROR_HOSTS = ("scribd.", "docslib.", "yumpu.", "studylib.", "studyres.", "readkong.",
                "legalclarity.", "ilovetranslation.", "dev2.statpearls.", "coursehero.",
                "pdfcoffee.", "slideshare.", "knowt.", "zanotowane.", "bibbase.", "blogspot.",
                "fdocuments.", "dokumen.", "docsbay.")


def test_no_source_url_is_on_a_mirror_host(g):
    bad = []
    for src in g.subjects(RDF.type, SKG.Source):
        for url in g.objects(src, SKG.url):
            host = re.sub(r"^[a-z]+://", "", str(url)).split("/", 1)[0].lower()
            if any(h in host for h in MIRROR_HOSTS) or re.fullmatch(r"[\d.]+(:\d+)?", host):
                bad.append((src, str(url)))
    assert not bad


def test_mirror_qc_query_finds_nothing_in_the_bundled_graph(g):
    text = qc_queries()["mirror-source"]
    assert not list(g.query(text, initNs=PREFIXES))
