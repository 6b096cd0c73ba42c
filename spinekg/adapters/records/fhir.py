"""FHIR R4 in and out: a Bundle of Observations → :class:`Findings`; a localisation →
a ``DiagnosticReport`` (JSON dict).

An Observation's ``code`` is read as HPO or SNOMED CT (any coding the graph maps);
``bodySite`` codings give the side (SNOMED CT laterality); present or absent comes from
``valueBoolean`` or an ``interpretation`` (v3 ObservationInterpretation: POS, A, DET
present; NEG, N, ND absent); an MRC grade from ``valueInteger`` (0-5; 5 is normal power).

Examples
--------
>>> kg = skg.load()
>>> bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
...     "resourceType": "Observation", "status": "final",
...     "code": {"coding": [{"system": "http://purl.obolibrary.org/obo/hp.owl",
...                          "code": "HP:0003487"}]},
...     "bodySite": {"coding": [{"system": "http://snomed.info/sct", "code": "24028007"}]},
...     "valueBoolean": True}}]}
>>> [(f.text, f.side, f.present) for f in findings_from_fhir(kg, bundle).items]
[('extensor plantar response', 'right', True)]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...clinical.case import Findings
from .common import candidates_of, finding_for, side_of

__all__ = ["findings_from_fhir", "to_fhir_diagnostic_report", "coding_text"]

# HL7 v3 ObservationInterpretation codes: the record's own vocabulary, not a clinical fact
_PRESENT = {"POS", "A", "AA", "DET", "H", "HH", "L", "LL"}
_ABSENT = {"NEG", "N", "ND"}


def _as_dict(obj: object) -> Mapping[str, Any]:
    if isinstance(obj, Mapping):
        return obj
    for method in ("model_dump", "dict"):  # fhir.resources (pydantic) objects
        fn = getattr(obj, method, None)
        if callable(fn):
            try:
                return fn(mode="json", by_alias=True, exclude_none=True)
            except TypeError:
                return fn()
    raise TypeError(f"FHIR input must be a dict or a fhir.resources object, got "
                    f"{type(obj).__name__}")


def coding_text(coding: Mapping[str, Any]) -> str:
    """A coding as one code string spinekg reads (``system|code``, or the code if it is a
    CURIE already).

    Examples
    --------
    >>> coding_text({"system": "http://snomed.info/sct", "code": "7771000"})
    'http://snomed.info/sct|7771000'
    """
    code = str(coding.get("code", ""))
    system = str(coding.get("system", ""))
    return f"{system}|{code}" if system and ":" not in code else code


def _observations(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    kind = data.get("resourceType")
    if kind == "Observation":
        return [data]
    if kind != "Bundle":
        raise ValueError(f"FHIR resourceType {kind!r}; expected a Bundle or an Observation")
    out = []
    for entry in data.get("entry", ()) or ():
        res = entry.get("resource") if isinstance(entry, Mapping) else None
        if isinstance(res, Mapping) and res.get("resourceType") == "Observation":
            out.append(res)
    return out


def _presence(obs: Mapping[str, Any]) -> bool:
    if isinstance(obs.get("valueBoolean"), bool):
        return obs["valueBoolean"]
    for concept in obs.get("interpretation", ()) or ():
        for c in concept.get("coding", ()) or ():
            if c.get("code") in _ABSENT:
                return False
            if c.get("code") in _PRESENT:
                return True
    return True


def findings_from_fhir(kg: Any, bundle: object) -> Findings:
    """The :class:`Findings` of a FHIR Bundle of Observations (or one Observation).

    Observations with status ``entered-in-error`` or ``cancelled`` are skipped; codes the
    graph does not map are kept in ``unresolved``.

    Examples
    --------
    >>> obs = {"resourceType": "Observation", "status": "final",
    ...        "code": {"coding": [{"code": "HP:0009027"}]}, "valueInteger": 3}
    >>> f = findings_from_fhir(skg.load(), obs).items[0]
    >>> f.kind, f.value, f.present
    ('weakness', '3/5', True)
    """
    data = _as_dict(bundle)
    items, unresolved = [], []
    for obs in _observations(data):
        if obs.get("status") in ("entered-in-error", "cancelled"):
            continue
        concept = obs.get("code") or {}
        codings = concept.get("coding", ()) or ()
        site = obs.get("bodySite") or {}
        side = side_of(kg, [coding_text(c) for c in site.get("coding", ()) or ()])
        present, value = _presence(obs), None
        grade = obs.get("valueInteger")
        if isinstance(grade, int) and not isinstance(grade, bool):
            if not 0 <= grade <= 5:
                raise ValueError(f"MRC grade {grade!r}; expected 0 to 5")
            value, present = f"{grade}/5", grade < 5
        found = None
        for coding in codings:
            found = finding_for(kg, coding_text(coding), label=coding.get("display"),
                                present=present, side=side, value=value)
            if found is not None:
                break
        if found is None:
            shown = [coding_text(c) for c in codings] or [str(concept.get("text", "?"))]
            unresolved.append(" ".join(shown))
        else:
            items.append(found)
    sides = {f.side for f in items if f.side}
    return Findings(items=tuple(items), side=sides.pop() if len(sides) == 1 else None,
                    unresolved=tuple(unresolved))


def to_fhir_diagnostic_report(localization: Any, *, subject: str | None = None
                              ) -> dict[str, Any]:
    """A FHIR ``DiagnosticReport`` (status preliminary) for a localisation: one contained
    Observation per candidate, its probability (or score) as ``valueQuantity``.

    Examples
    --------
    >>> loc = skg.load().localize(side="left", numbness=["dorsum of foot"])
    >>> report = to_fhir_diagnostic_report(loc)
    >>> report["resourceType"], report["contained"][0]["code"]["coding"][0]["code"]
    ('DiagnosticReport', 'skg:root_L5_left')
    """
    cands = candidates_of(localization)
    contained, results = [], []
    for i, c in enumerate(cands, 1):
        number = c["probability"] if c["probability"] is not None else c["score"]
        obs: dict[str, Any] = {
            "resourceType": "Observation", "id": f"candidate{i}", "status": "preliminary",
            "code": {"coding": [{"system": "https://w3id.org/spinekg/", "code": c["curie"],
                                 "display": c["label"]}], "text": c["label"]}}
        if number is not None:
            obs["valueQuantity"] = {"value": round(number, 6), "unit": "probability"
                                    if c["probability"] is not None else "score"}
        contained.append(obs)
        results.append({"reference": f"#candidate{i}"})
    report: dict[str, Any] = {
        "resourceType": "DiagnosticReport", "status": "preliminary",
        "code": {"text": "spinekg localisation (differential of the lesion level)"},
        "conclusion": "; ".join(f"{c['label']}" for c in cands[:3]) or "no candidate",
        "contained": contained, "result": results}
    if subject:
        report["subject"] = {"reference": subject}
    if cands:
        report["conclusionCode"] = [{"coding": [{"system": "https://w3id.org/spinekg/",
                                                 "code": cands[0]["curie"],
                                                 "display": cands[0]["label"]}]}]
    return report
