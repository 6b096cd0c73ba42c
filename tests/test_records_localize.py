"""kg.localize takes a coded record directly: a Phenopacket v2 or a FHIR R4 resource, as
a dict, a JSON file or a library object, and answers as for the Findings it reads."""

from __future__ import annotations

import json

import pytest

import spinekg as skg
from spinekg.adapters.records import findings_from_fhir, findings_from_phenopacket

# HP:0009027 "Foot dorsiflexor weakness", HP:0012835 "Left" (hp.obo, checked offline in
# the HPO mapping tests)
PHENOPACKET = {"id": "case-1", "phenotypicFeatures": [
    {"type": {"id": "HP:0009027", "label": "Foot dorsiflexor weakness"},
     "modifiers": [{"id": "HP:0012835", "label": "Left"}]}]}
OBSERVATION = {"resourceType": "Observation", "status": "final",
               "code": {"coding": [{"code": "HP:0009027"}]}, "valueInteger": 3,
               "bodySite": {"coding": [{"system": "http://snomed.info/sct", "code": "7771000"}]}}


@pytest.fixture(scope="module")
def kg():
    return skg.load()


def _top(loc):
    return [(c.target.curie, round(c.probability, 6)) for c in loc.candidates]


def test_phenopacket_dict(kg):
    direct = kg.localize(PHENOPACKET, strict=False)
    via = kg.localize(findings_from_phenopacket(kg, PHENOPACKET), strict=False)
    assert _top(direct) == _top(via) and direct.candidates
    assert all(c.side in ("left", None) for c in direct.candidates)


def test_phenopacket_file(kg, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(PHENOPACKET), encoding="utf-8")
    assert _top(kg.localize(path, strict=False)) == _top(kg.localize(PHENOPACKET, strict=False))
    assert _top(kg.localize(str(path), strict=False)) == _top(kg.localize(PHENOPACKET,
                                                                          strict=False))


def test_fhir_observation_and_bundle(kg):
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": OBSERVATION}]}
    via = _top(kg.localize(findings_from_fhir(kg, OBSERVATION), strict=False))
    assert _top(kg.localize(OBSERVATION, strict=False)) == via
    assert _top(kg.localize(bundle, strict=False)) == via


def test_phenopackets_message(kg):
    pp = pytest.importorskip("phenopackets")
    from google.protobuf.json_format import ParseDict

    msg = ParseDict(PHENOPACKET, pp.Phenopacket())
    assert _top(kg.localize(msg, strict=False)) == _top(kg.localize(PHENOPACKET, strict=False))


def test_bad_record_files(kg, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not JSON"):
        kg.localize(bad)
    with pytest.raises(ValueError, match="no such file"):
        kg.localize(tmp_path / "missing.json")
    lst = tmp_path / "list.json"
    lst.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="holds list"):
        kg.localize(lst)
