"""Competency questions: the cord signs joined to the syndromes that cause them or argue against them.

Each expected edge, frequency and reading is written from the source named beside it (rows of
``ontology/templates/sources_clinical.tsv``, quoted in the comments); each edge must exist and
carry that source in its owl:Axiom. The rows are in ``ontology/templates/cord_sign_links.tsv``.
"""

from __future__ import annotations

import pytest
from rdflib.namespace import DCTERMS, OWL

from spinekg.namespaces import SKG


def _axioms(g, s: str, p: str, o: str) -> list:
    return [
        ax
        for ax in g.subjects(OWL.annotatedSource, SKG[s])
        if (ax, OWL.annotatedProperty, SKG[p]) in g and (ax, OWL.annotatedTarget, SKG[o]) in g
    ]


def _values(g, s: str, p: str, o: str, prop) -> set[str]:
    return {str(v) for ax in _axioms(g, s, p, o) for v in g.objects(ax, prop)}


# (subject, predicate, object, sources, frequency or None, uncertain)
LINKS = [
    # Dawodu, Medscape Table 4 [src_dawodu_medscape_ces_cms_table4]: cauda equina syndrome,
    # "Areflexic lower extremities; bulbocavernosus reflex is absent in low CE (sacral) lesions".
    # 57 conus medullaris and cauda equina injuries [src_neurourology_conus_cauda_57]: "The
    # bulbocavernosus reflex was normal in only 16% of the patients" (so common).
    ("condition_cauda_equina_syndrome", "causesSymptom", "sign_absent_bulbocavernosus",
     ("src_dawodu_medscape_ces_cms_table4", "src_neurourology_conus_cauda_57"), "common", False),
    # 299-patient urology series [src_bcr_urology_299]: sacral spinal cord lesions, "All patients
    # with a complete lesion had absent bulbocavernosus reflexes clinically"; 44% of incomplete
    # sacral lesions kept it.
    ("condition_conus_medullaris_syndrome", "causesSymptom", "sign_absent_bulbocavernosus",
     ("src_bcr_urology_299", "src_neurourology_conus_cauda_57"), "common", False),
    # Neurology 1952 [src_asa_syndrome_neurology1952], six cases: "loss of perception to pain,
    # touch and temp., and motor paralysis below the level of the lesion"; StatPearls ASAS
    # [src_statpearls_asas]: "The neurological deficits will manifest below the level of insult".
    ("condition_anterior_cord_syndrome", "causesSymptom", "sign_sensory_level",
     ("src_asa_syndrome_neurology1952", "src_statpearls_asas"), "common", False),
    # Neurology 1952: "A disturbance of bladder function occurred in all cases with early retention".
    ("condition_anterior_cord_syndrome", "causesSymptom", "sign_urinary_retention",
     ("src_asa_syndrome_neurology1952",), "common", False),
    # Family Practice Notebook [src_fpnotebook_hemisection]: "Contralateral pain and Temperature
    # Sensation loss starting two levels below the lesion".
    ("condition_brown_sequard_syndrome", "causesSymptom", "sign_sensory_level",
     ("src_fpnotebook_hemisection",), None, False),
    # Hellmann 2013 [src_hellmann2013_false_sensory_level]: "In rare cases of cervical myelopathy,
    # there may be a discrepancy between the sensory level and the site of cord lesion"; Arch
    # Neurol 1996 [src_archneurol1996_false_sensory_level]: cervical cord compression with
    # "distinct thoracic sensory levels ranging from T-4 to T-10".
    ("condition_degenerative_cervical_myelopathy", "causesSymptom", "sign_sensory_level",
     ("src_hellmann2013_false_sensory_level", "src_archneurol1996_false_sensory_level"), "rare", False),
    # MSD Manual Professional, Cauda Equina Syndrome [src_msd_ces_professional]: "Cauda equina
    # syndrome (like conus medullaris syndrome) causes ... abnormal bulbocavernosus and anal wink
    # reflexes".
    ("condition_cauda_equina_syndrome", "causesSymptom", "sign_absent_anal_wink",
     ("src_msd_ces_professional",), None, False),
    ("condition_conus_medullaris_syndrome", "causesSymptom", "sign_absent_anal_wink",
     ("src_msd_ces_professional",), None, False),
    # Harrison's Manual of Medicine, Spinal Cord Disease [src_harrison_manual_spinal_cord]:
    # "Sensory level to pin sensation or vibration often correlates well with location of
    # transverse lesions": a level on the trunk from a thoracic cord lesion.
    ("condition_thoracic_myelopathy", "causesSymptom", "sign_sensory_level",
     ("src_harrison_manual_spinal_cord",), None, False),
    # StatPearls ASAS: "There will be the preservation of proprioception, vibratory sense, and fine
    # touch"; Neurology 1952: "with preservation of vibratory and position sense".
    ("sign_proprioception_loss", "arguesAgainst", "condition_anterior_cord_syndrome",
     ("src_statpearls_asas", "src_asa_syndrome_neurology1952"), None, False),
    # Medscape Table 4: conus, "sensory loss of pin prick, and temperature sensations (Tactile
    # sensation is spared.)".
    ("condition_conus_medullaris_syndrome", "causesSymptom", "sign_pain_temperature_loss",
     ("src_dawodu_medscape_ces_cms_table4",), None, False),
    # StatPearls Clonus [src_statpearls_clonus]: clonus "indicates some insult to the central rather
    # than peripheral nervous system"; Dawodu [src_dawodu_medscape_ces_cms]: cauda equina syndrome
    # signs "mostly lower motor neuron".
    ("sign_patellar_clonus", "arguesAgainst", "condition_cauda_equina_syndrome",
     ("src_statpearls_clonus", "src_dawodu_medscape_ces_cms"), None, False),
    ("sign_ankle_clonus", "arguesAgainst", "condition_cauda_equina_syndrome",
     ("src_statpearls_clonus", "src_dawodu_medscape_ces_cms"), None, False),
    # Knee clonus is not named by the myelopathy sources (McCormick 2020 names sustained foot
    # clonus), so these two are uncertain: clonus "can be evaluated in many joints" (StatPearls).
    ("condition_degenerative_cervical_myelopathy", "causesSymptom", "sign_patellar_clonus",
     ("src_mccormick2020_csm_jabfm", "src_statpearls_clonus"), None, True),
    ("condition_thoracic_myelopathy", "causesSymptom", "sign_patellar_clonus",
     ("src_aapmr_thoracic_myelopathy", "src_statpearls_clonus"), None, True),
]


@pytest.mark.parametrize(("s", "p", "o", "sources", "frequency", "uncertain"), LINKS)
def test_cord_sign_link(g, s, p, o, sources, frequency, uncertain):
    assert (SKG[s], SKG[p], SKG[o]) in g, f"missing edge {s} {p} {o}"
    cited = _values(g, s, p, o, DCTERMS.source)
    for src in sources:
        assert str(SKG[src]) in cited, f"{s} {p} {o} does not cite {src} (cites {cited})"
    assert _values(g, s, p, o, SKG.frequency) == ({frequency} if frequency else set())
    assert ("true" in _values(g, s, p, o, SKG.uncertain)) is uncertain


def test_an_absent_anal_wink_is_a_sacral_lesion_only(g):
    # MSD Manual: the cauda equina and conus syndromes give 'abnormal bulbocavernosus and anal
    # wink reflexes'; no source links its absence to a cord lesion above the conus
    causes = set(g.subjects(SKG.causesSymptom, SKG.sign_absent_anal_wink))
    assert causes == {SKG.condition_cauda_equina_syndrome, SKG.condition_conus_medullaris_syndrome}


def test_bulbocavernosus_is_not_linked_to_a_cord_lesion_above_the_conus(g):
    # 299-patient series: "90% of this group [lesions above the sacral outflow] had demonstrable
    # bulbocavernosus reflexes clinically": no suprasacral syndrome causes its absence.
    causes = set(g.subjects(SKG.causesSymptom, SKG.sign_absent_bulbocavernosus))
    assert causes == {SKG.condition_cauda_equina_syndrome, SKG.condition_conus_medullaris_syndrome}


@pytest.mark.parametrize("source", ["src_dawodu_medscape_ces_cms_table4", "src_neurourology_conus_cauda_57",
                                    "src_bcr_urology_299", "src_asa_syndrome_neurology1952",
                                    "src_statpearls_asas", "src_statpearls_clonus",
                                    "src_archneurol1996_false_sensory_level",
                                    "src_hellmann2013_false_sensory_level"])
def test_new_sources_have_citation_and_url(g, source):
    assert g.value(SKG[source], SKG.citation) and g.value(SKG[source], SKG.url)


def test_a_hyperextension_injury_points_to_the_central_cord(g):
    # StatPearls, Central Cord Syndrome: 'most commonly results following a hyperextension
    # injury of the cervical spine'
    f, c = SKG.history_hyperextension_injury, SKG.condition_central_cord_syndrome
    assert (f, SKG.suggests, c) in g
    assert str(SKG.src_statpearls_central_cord) in _values(g, "history_hyperextension_injury", "suggests",
                                                     "condition_central_cord_syndrome", DCTERMS.source)
    cite = str(g.value(SKG.src_statpearls_central_cord, SKG.citation))
    assert "most commonly results following a hyperextension injury" in cite
