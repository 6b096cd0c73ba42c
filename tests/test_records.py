"""Phenopacket v2 and FHIR R4 readers and writers (issue 21), each on sample inputs, the
writers' JSON parsed back by the phenopackets and fhir.resources libraries."""

from __future__ import annotations

import json

import pytest

from spinekg.adapters.records import (
    findings_from_fhir,
    findings_from_phenopacket,
    to_fhir_diagnostic_report,
    to_phenopacket_interpretation,
)
from spinekg.clinical.case import Findings

# HPO ids and names as hp.obo (2025-01-16) gives them; SNOMED CT laterality 7771000 left,
# 24028007 right
PHENOPACKET = {
    "id": "case-1",
    "subject": {"id": "patient-1"},
    "phenotypicFeatures": [
        {"type": {"id": "HP:0009027", "label": "Foot dorsiflexor weakness"},
         "modifiers": [{"id": "HP:0012835", "label": "Left"}]},
        {"type": {"id": "HP:0003419", "label": "Low back pain"}},
        {"type": {"id": "HP:0003487", "label": "Babinski sign"}, "excluded": True},
        {"type": {"id": "HP:0002650", "label": "Scoliosis"}},
    ],
    "metaData": {"created": "2025-01-01T00:00:00Z", "createdBy": "test",
                 "phenopacketSchemaVersion": "2.0",
                 "resources": [{"id": "hp", "name": "human phenotype ontology",
                                "url": "http://purl.obolibrary.org/obo/hp.owl",
                                "version": "2025-01-16", "namespacePrefix": "HP",
                                "iriPrefix": "http://purl.obolibrary.org/obo/HP_"}]},
}


def _check_phenopacket_findings(f: Findings) -> None:
    by_code = {x.code: x for x in f.items}
    assert by_code["HP:0009027"].text == "foot drop"
    assert by_code["HP:0009027"].kind == "weakness"
    assert by_code["HP:0009027"].side == "left"
    assert by_code["HP:0003419"].kind == "pain"
    assert by_code["HP:0003487"].present is False  # excluded: looked for and absent
    assert by_code["HP:0003487"].kind == "sign"
    assert f.unresolved == ("HP:0002650 Scoliosis",)  # unmapped: kept, not dropped


def test_phenopacket_from_a_dict(kg):
    _check_phenopacket_findings(findings_from_phenopacket(kg, PHENOPACKET))


def test_phenopacket_from_a_json_file(kg, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(PHENOPACKET), encoding="utf-8")
    _check_phenopacket_findings(findings_from_phenopacket(kg, path))
    _check_phenopacket_findings(findings_from_phenopacket(kg, str(path)))


def test_phenopacket_from_the_protobuf(kg):
    pp = pytest.importorskip("phenopackets")
    from google.protobuf.json_format import ParseDict

    message = ParseDict(PHENOPACKET, pp.Phenopacket())
    _check_phenopacket_findings(findings_from_phenopacket(kg, message))


@pytest.mark.parametrize("bad", [42, {"phenotypicFeatures": "HP:0003419"},
                                 {"phenotypicFeatures": [{"id": "HP:0003419"}]}])
def test_phenopacket_bad_input(kg, bad):
    with pytest.raises((TypeError, ValueError)):
        findings_from_phenopacket(kg, bad)


def _obs(code, *, system="http://purl.obolibrary.org/obo/hp.owl", site=None, **value):
    obs = {"resourceType": "Observation", "status": "final",
           "code": {"coding": [{"system": system, "code": code}]}, **value}
    if site:
        obs["bodySite"] = {"coding": [{"system": "http://snomed.info/sct", "code": site}]}
    return {"resource": obs}


BUNDLE = {"resourceType": "Bundle", "type": "collection", "entry": [
    _obs("HP:0003487", site="24028007", valueBoolean=True),       # Babinski, right, present
    _obs("HP:0031993", valueBoolean=False),                       # Hoffmann sign absent
    _obs("HP:0011448", interpretation=[{"coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
        "code": "NEG"}]}]),                                        # ankle clonus negative
    _obs("HP:0009027", site="7771000", valueInteger=3),           # foot drop, left, MRC 3
    _obs("76107001", system="http://snomed.info/sct"),            # spinal stenosis (SNOMED CT)
    _obs("HP:0002650"),                                           # scoliosis: unmapped
]}


def _check_fhir(f: Findings) -> None:
    by_code = {x.code: x for x in f.items}
    assert (by_code["HP:0003487"].side, by_code["HP:0003487"].present) == ("right", True)
    assert by_code["HP:0031993"].present is False
    assert by_code["HP:0011448"].present is False
    weak = by_code["HP:0009027"]
    assert (weak.kind, weak.side, weak.value, weak.present) == ("weakness", "left", "3/5", True)
    assert by_code["SNOMEDCT:76107001"].text == "spinal stenosis"
    assert f.unresolved == ("http://purl.obolibrary.org/obo/hp.owl|HP:0002650",) or \
        f.unresolved == ("HP:0002650",)


def test_fhir_bundle_dict(kg):
    _check_fhir(findings_from_fhir(kg, BUNDLE))


def test_fhir_resources_objects(kg):
    pytest.importorskip("fhir.resources")
    from fhir.resources.R4B.bundle import Bundle

    _check_fhir(findings_from_fhir(kg, Bundle.model_validate(BUNDLE)))


def test_fhir_bad_input(kg):
    with pytest.raises(ValueError):
        findings_from_fhir(kg, {"resourceType": "Patient"})
    with pytest.raises(ValueError):
        findings_from_fhir(kg, {"resourceType": "Bundle", "entry": [
            _obs("HP:0009027", valueInteger=7)]})


@pytest.fixture(scope="module")
def localization(kg):
    return kg.localize(side="left", numbness=["dorsum of foot"], weakness=["great toe extension"])


def test_findings_feed_the_engine(kg):
    f = findings_from_phenopacket(kg, PHENOPACKET)
    kwargs = {k: v for k, v in f.to_kwargs().items() if k in ("side", "pain", "weakness")}
    loc = kg.localize(**kwargs, strict=False)
    # foot drop on the left: an L5 root on the left leads (Findings side from the modifier)
    assert loc.best.root.curie == "skg:root_L5_left"


def test_phenopacket_interpretation_parses_back(localization):
    pp = pytest.importorskip("phenopackets")
    from google.protobuf.json_format import ParseDict

    out = to_phenopacket_interpretation(localization)
    message = ParseDict(out, pp.Interpretation())
    assert message.diagnosis.disease.id == "skg:root_L5_left"
    cands = json.loads(message.summary)["candidates"]
    assert cands[0]["curie"] == "skg:root_L5_left" and len(cands) == len(localization.candidates)


def test_fhir_diagnostic_report_parses_back(localization):
    pytest.importorskip("fhir.resources")
    from fhir.resources.R4B.diagnosticreport import DiagnosticReport

    out = to_fhir_diagnostic_report(localization, subject="Patient/1")
    report = DiagnosticReport.model_validate(out)
    assert report.status == "preliminary"
    assert len(report.contained) == len(localization.candidates)
    assert report.conclusionCode[0].coding[0].code == "skg:root_L5_left"
