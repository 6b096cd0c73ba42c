"""Sources of the clinical tables: primary sources, read from the words each source row quotes.

Wikipedia and Wikipedia-derived summaries, patient blogs, clinics' and vendors' pages, coding
vendors' sites and document mirrors are not sources of a clinical fact. The few rows for which
no primary source has been found yet are listed here, so that a weak source cannot come back
unnoticed and a row that gains a primary source shows up as a change.
"""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from spinekg.namespaces import SKG

WEAK = {
    "src_c_wiki_spinal_stenosis", "src_c_wikisum_cervstenosis", "src_c_wiki_lss",
    "src_c_orthoneuro_hipspine", "src_c_spinehealth_lsstx", "src_c_spinehealth_lss",
    "src_c_gpnotebook_lss", "src_c_orcahealth_microdiscectomy", "src_c_legalclarity_m48",
    "src_c_diseasedb_m48", "src_c_tebra_m5412", "src_c_mirahealth_m5410", "src_c_icd_g834",
    "src_icd10cm_m16_1", "src_icd10cm_m70_6", "src_icd10cm_i70_21",
    "src_spinehealth_radiculopathy", "src_seekhealthz_lumbar_exit", "src_c_sauber_farlateral",
    "src_c_spinehealth_cervrad", "src_c_pcn_cervdisc", "src_c_rossu_foot_drop",
    "src_c_beaumont_cervstenosis", "src_c_mayo_stenosis", "src_c_indospine",
    "src_c_lowbackpain_surgery", "src_clinicalgate_hipspine",
}
# the edges of the clinical tables (condition_symptoms, condition_links, condition_treatments,
# cord_compression)
CLINICAL_EDGES = {SKG.causesSymptom, SKG.mayLeadTo, SKG.treatedWith, SKG.icd10cmExcludes1,
                  SKG.compressionCausesSyndrome}
CLINICAL_PREFIXES = ("condition_", "treatment_", "symptom_", "escalation_", "recommendation_")
# rows still resting on a weak source because no primary source was found for their fact
LEFT = {
    # groin pain 'points more to hip disease': only OrthoNeuro
    ("symptom_groin_pain", "src_c_orthoneuro_hipspine"),
    # lumbar stenosis 'the most common form', cervical the second: only Mayo Clinic and Beaumont
    ("condition_spinal_stenosis", "src_c_mayo_stenosis"),
    ("condition_lumbar_spinal_stenosis", "src_c_mayo_stenosis"),
    ("condition_cervical_spinal_stenosis", "src_c_mayo_stenosis"),
    ("condition_cervical_spinal_stenosis", "src_c_beaumont_cervstenosis"),
    # cervical stenosis rarely gives hip pain: only Beaumont
    ("condition_cervical_spinal_stenosis causesSymptom symptom_hip_pain",
     "src_c_beaumont_cervstenosis"),
    # the foraminotomy definition and its use beyond foraminal stenosis: only Indospine
    ("treatment_foraminotomy", "src_c_indospine"),
    *{(f"condition_{c} treatedWith treatment_foraminotomy", "src_c_indospine")
      for c in ("lumbar_spinal_stenosis", "lumbar_lateral_recess_stenosis",
                "lumbar_radiculopathy")},
}

def _local(u: URIRef) -> str:
    return str(u).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _weak_citations(g) -> set[tuple[str, str]]:
    out = set()
    for thing, src in g.subject_objects(DCTERMS.source):
        name = _local(src)
        if name not in WEAK:
            continue
        if (thing, RDF.type, OWL.Axiom) in g:
            prop = g.value(thing, OWL.annotatedProperty)
            if prop not in CLINICAL_EDGES:
                continue
            s, o = g.value(thing, OWL.annotatedSource), g.value(thing, OWL.annotatedTarget)
            out.add((f"{_local(s)} {_local(prop)} {_local(o)}", name))
        elif _local(thing).startswith(CLINICAL_PREFIXES):
            out.add((_local(thing), name))
    return out


def test_weak_sources_are_left_only_where_no_primary_source_was_found(g):
    assert _weak_citations(g) == LEFT


def test_friedly_trial_row_cites_the_journal(g):
    """The epidural-injection trial row is the NEJM trial itself, so it stays."""
    src = SKG.src_c_friedly2014_esi
    assert str(g.value(src, SKG.url)) == "https://doi.org/10.1056/NEJMoa1313265"
    assert "N Engl J Med 2014;371:11-21" in str(g.value(src, SKG.citation))


def _citation(g, name: str) -> str:
    return str(g.value(SKG[name], SKG.citation))


def _sources(g, s: URIRef) -> set[str]:
    return {_local(x) for x in g.objects(s, DCTERMS.source)}


def _edge_sources(g, s: str, p: URIRef, o: str) -> set[str]:
    return {_local(x) for ax in g.subjects(OWL.annotatedSource, SKG[s])
            if (ax, OWL.annotatedProperty, p) in g and (ax, OWL.annotatedTarget, SKG[o]) in g
            for x in g.objects(ax, DCTERMS.source)}


# ICD-10-CM codes of the clinical and mimic conditions: the FY2026 tabular list, whose
# source row quotes each code's title
@pytest.mark.parametrize("cond", [
    "condition_spinal_stenosis", "condition_cervical_spinal_stenosis",
    "condition_thoracic_spinal_stenosis", "condition_lumbar_spinal_stenosis",
    "condition_radiculopathy", "condition_cervical_radiculopathy",
    "condition_thoracic_radiculopathy", "condition_cauda_equina_syndrome",
])
def test_condition_codes_are_titles_of_the_fy2026_tabular(g, cond):
    tabular = _citation(g, "src_icd10cm_fy2026_tabular")
    assert "src_icd10cm_fy2026_tabular" in _sources(g, SKG[cond])
    codes = [str(c) for c in g.objects(SKG[cond], SKG.icd10cm)]
    assert codes, cond
    for code in codes:
        assert f"{code} '" in tabular, code


@pytest.mark.parametrize("cond,titles", [
    ("condition_hip_osteoarthritis", ["M16.1 'Unilateral primary osteoarthritis of hip'",
                                      "M16.11 'Unilateral primary osteoarthritis, right hip'",
                                      "M16.12 'Unilateral primary osteoarthritis, left hip'"]),
    ("condition_trochanteric_bursitis", ["M70.6 'Trochanteric bursitis'",
                                         "M70.61 'Trochanteric bursitis, right hip'",
                                         "M70.62 'Trochanteric bursitis, left hip'"]),
    ("condition_peripheral_arterial_disease", [
        "I70.21 'Atherosclerosis of native arteries of extremities with intermittent claudication'",
        "I70.211 'Atherosclerosis of native arteries of extremities with intermittent "
        "claudication, right leg'"]),
])
def test_mimic_codes_cite_the_fy2026_tabular(g, cond, titles):
    tabular = _citation(g, "src_icd10cm_fy2026_tabular")
    for side in ("left", "right"):
        sided = SKG[f"{cond}_{side}"]
        assert "src_icd10cm_fy2026_tabular" in _sources(g, sided), sided
        comment = " ".join(str(c) for c in g.objects(sided, RDFS.comment))
        for title in titles:
            assert title in tabular, title
            assert title.split(" ")[0] in comment, (sided, title)


def test_far_lateral_incidence_is_the_primary_sources_range(g):
    """Kim and Weller 2000: 'between 2.6 and 11.7% of all lumbar disc herniations';
    Pruttikul 2025: foraminal and extraforaminal 'account for 7 to 12%'."""
    cond = SKG.condition_far_lateral_disc_herniation
    text = str(g.value(cond, SKOS.definition))
    assert "2.6-11.7%" in text and "7-12%" in text and "5-10%" not in text
    assert {"src_c_kim2000_farlateral", "src_c_pruttikul2025_endoscopic"} <= _sources(g, cond)
    assert "between 2.6 and 11.7% of all lumbar disc herniations" in _citation(g, "src_c_kim2000_farlateral")
    assert "7 to 12% of lumbar herniated discs" in _citation(g, "src_c_pruttikul2025_endoscopic")


def test_cervical_roots_most_often_compressed(g):
    """NHS Scotland: 'The most commonly affected nerve roots are C7 (50 - 70%), C6 (>20%),
    C8 (10%), and C5 (2 - 10%).'"""
    cond = SKG.condition_cervical_disc_herniation
    text = str(g.value(cond, SKOS.definition))
    assert re.search(r"C7 .*most commonly affected \(50-70%\), then C6 .*C8 .*C5", text)
    assert "src_c_nhsggc_cervical_rad" in _sources(g, cond)
    assert "C7 (50 - 70%), C6 (>20%), C8 (10%), and C5 (2 - 10%)" in _citation(g, "src_c_nhsggc_cervical_rad")


def test_lumbar_herniation_levels(g):
    """StatPearls, Lumbar Disc Herniation: 'Approximately 95% of disc herniations in the
    lumbar area occur at L4-L5 or L5-S1.'"""
    assert "About 95% of lumbar herniations are at L4-L5 or L5-S1" in str(
        g.value(SKG.condition_disc_herniation, SKOS.definition))
    assert "src_c_statpearls_ldh" in _sources(g, SKG.condition_disc_herniation)
    assert "95% of disc herniations in the lumbar area occur at L4-L5 or L5-S1" in _citation(
        g, "src_c_statpearls_ldh")


def test_foot_drop_is_dorsiflexor_weakness(g):
    """StatPearls, Foot Drop: 'weakness of the dorsiflexor muscles of the foot'; Baima and
    Krivickas: peroneal nerve compromise weakens 'the ankle dorsiflexors' (foot drop)."""
    srcs = _sources(g, SKG.symptom_foot_drop)
    assert {"src_c_statpearls_foot_drop", "src_c_baima2008_peroneal"} <= srcs
    assert "weakness of the dorsiflexor muscles" in _citation(g, "src_c_statpearls_foot_drop")
    assert "weakness of the ankle dorsiflexors" in _citation(g, "src_c_baima2008_peroneal")
    text = str(g.value(SKG.symptom_foot_drop, SKOS.definition))
    assert "L5 root" in text and "peroneal nerve" in text and "most often" not in text


def test_nsaids_for_lumbar_stenosis_keep_the_guideline_that_disagrees(g):
    """Danish national guideline (Rousing 2019): it 'does not recommend ... NSAIDs'."""
    srcs = _edge_sources(g, "condition_lumbar_spinal_stenosis", SKG.treatedWith, "treatment_nsaids")
    assert {"src_c_niams_reproduction", "src_c_rousing2019_danish_lss"} <= srcs
    assert "src_c_friedly2014_esi" not in srcs  # the epidural-injection trial says nothing of NSAIDs
    assert "paracetamol, NSAIDs, opioids" in _citation(g, "src_c_rousing2019_danish_lss")


def test_microdiscectomy_is_the_gold_standard(g):
    """StatPearls, Microdiscectomy: 'considered the gold standard for removing most lumbar
    disc herniations'."""
    assert "gold standard" in str(g.value(SKG.treatment_microdiscectomy, SKOS.definition))
    for s in (SKG.treatment_microdiscectomy,):
        assert "src_c_statpearls_microdiscectomy" in _sources(g, s)
    assert "src_c_statpearls_microdiscectomy" in _edge_sources(
        g, "condition_lumbar_disc_herniation", SKG.treatedWith, "treatment_microdiscectomy")
    assert "gold standard for removing most lumbar disc herniations" in _citation(
        g, "src_c_statpearls_microdiscectomy")


def test_progressive_deficit_escalates_with_statpearls(g):
    """StatPearls, Disk Herniation: 'severe or rapidly progressing neurological changes ...
    would indicate urgent neurosurgical referral'."""
    for rule in ("escalation_ldh_urgent", "escalation_radiculopathy_urgent"):
        assert "src_c_statpearls_disk_herniation" in _sources(g, SKG[rule]), rule
    assert "rapidly progressing neurological changes" in _citation(g, "src_c_statpearls_disk_herniation")


def test_thoracic_cord_compression_cites_the_aapmr_definition(g):
    """AAPM&R: 'Thoracic myelopathy can result from any pathologic process disrupting the
    spinal cord from T1-T12'."""
    assert "disrupting the spinal cord from T1-T12" in _citation(g, "src_aapmr_thoracic_myelopathy")
    for seg in [f"T{i}" for i in range(1, 13)]:
        assert "src_aapmr_thoracic_myelopathy" in _edge_sources(
            g, f"cord_{seg}", SKG.compressionCausesSyndrome, "condition_thoracic_myelopathy"), seg


def test_thoracic_stenosis_is_rare_and_mostly_myelopathy(g):
    """Farooq 1996: 'Thoracic stenosis ... is rare'; Choi 2024: 'a rare group of clinical
    syndromes'; PubMed 1979601: thoracic spondylosis stenosis gives 'radiculopathy, neurogenic
    claudication, and most commonly, myelopathy'."""
    cond = SKG.condition_thoracic_spinal_stenosis
    text = str(g.value(cond, SKOS.definition))
    assert "rare" in text and "most commonly gives myelopathy" in text
    assert {"src_c_farooq1996_thoracic_stenosis", "src_c_choi2024_thoracic_olf",
            "src_c_pmid1979601_thoracic_spondylosis"} <= _sources(g, cond)
    assert "Thoracic stenosis in the absence of" in _citation(g, "src_c_farooq1996_thoracic_stenosis")
    assert "is rare" in _citation(g, "src_c_farooq1996_thoracic_stenosis")
    assert "and most commonly, myelopathy" in _citation(g, "src_c_pmid1979601_thoracic_spondylosis")
    assert "src_c_dtm_review_pmc11394495" in _edge_sources(
        g, "condition_thoracic_spinal_stenosis", SKG.causesSymptom, "symptom_gait_disturbance")
    assert "gait disturbance, leg weakness" in _citation(g, "src_c_dtm_review_pmc11394495")


def test_cox2_for_lumbar_stenosis_rests_on_a_trial_record_and_is_uncertain(g):
    """ClinicalTrials.gov NCT03584074: celecoxib 200 mg daily is the active comparator in
    lumbar spinal stenosis; no result is posted, so the edge is marked uncertain."""
    axes = [ax for ax in g.subjects(OWL.annotatedSource, SKG.condition_lumbar_spinal_stenosis)
            if (ax, OWL.annotatedProperty, SKG.treatedWith) in g
            and (ax, OWL.annotatedTarget, SKG.treatment_cox2_inhibitors) in g]
    assert len(axes) == 1
    assert {_local(x) for x in g.objects(axes[0], DCTERMS.source)} == {"src_c_nct03584074_celecoxib_lss"}
    assert str(g.value(axes[0], SKG.uncertain)).lower() == "true"
    assert "Celecoxib 200mg qd" in _citation(g, "src_c_nct03584074_celecoxib_lss")


@pytest.mark.parametrize(("s", "o", "source", "words"), [
    ("condition_neurogenic_claudication", "symptom_leg_pain_below_knee", "src_c_msd_lss",
     "Pain occurs in the buttocks, thighs, or calves during walking"),
    ("condition_lumbar_radiculopathy", "symptom_foot_drop", "src_c_statpearls_foot_drop",
     "not always a straightforward case of simple L5 radiculopathy"),
    ("condition_cervical_central_stenosis", "symptom_hand_clumsiness",
     "src_fehlings2017_dcm_scope", "decreased hand dexterity"),
    ("condition_cervical_central_stenosis", "symptom_gait_disturbance",
     "src_fehlings2017_dcm_scope", "abnormal gait"),
])
def test_rows_that_lost_a_clinic_page_rest_on_a_primary_source(g, s, o, source, words):
    assert words in _citation(g, source)
    assert source in _edge_sources(g, s, SKG.causesSymptom, o)


def test_subarticular_and_foraminal_stenosis_cite_katz(g):
    """Katz and Harris 2008: 'Narrowing may occur in the central spinal canal, in the area
    under the facet joints (subarticular stenosis), or more laterally, in the neural foramina'."""
    assert "(subarticular stenosis), or more laterally, in the neural foramina" in _citation(
        g, "src_c_katz2008_lss")
    for c in ("lumbar_lateral_recess_stenosis", "lumbar_foraminal_stenosis"):
        assert "src_c_katz2008_lss" in _sources(g, SKG[f"condition_{c}"])


def test_foraminal_stenosis_foraminotomy_cites_the_meta_analysis(g):
    assert "lumbar foraminal stenosis treated by either endoscopic foraminotomy or fusion" in (
        _citation(g, "src_vandekerckhove_eor_foraminotomy"))
    assert "src_vandekerckhove_eor_foraminotomy" in _edge_sources(
        g, "condition_lumbar_foraminal_stenosis", SKG.treatedWith, "treatment_foraminotomy")
