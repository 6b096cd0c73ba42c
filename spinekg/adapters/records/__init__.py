"""Coded records in and out: GA4GH Phenopackets v2 and FHIR R4, as :class:`Findings`.

Readers turn the coded findings of a record into the :class:`~spinekg.clinical.case.Findings`
the differential engine takes: each code (HPO, SNOMED CT, ...) is looked up in the graph's
own mappings (:mod:`spinekg.core.codes`); a code that maps to nothing goes to
``Findings.unresolved``, never dropped. Writers turn a localisation back into a
Phenopacket ``Interpretation`` or a FHIR ``DiagnosticReport`` (plain JSON dicts).
``phenopackets`` and ``fhir.resources`` objects are accepted where installed (the
``codes`` extra); plain dicts need nothing.

Examples
--------
>>> kg = skg.load()
>>> f = findings_from_phenopacket(kg, {"phenotypicFeatures": [
...     {"type": {"id": "HP:0003419", "label": "Low back pain"}}]})
>>> [(x.kind, x.text, x.code) for x in f.items]
[('pain', 'low back pain', 'HP:0003419')]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...clinical.case import Findings
from .common import candidates_of, finding_for, json_object, side_of
from .fhir import findings_from_fhir, to_fhir_diagnostic_report
from .phenopacket import findings_from_phenopacket, to_phenopacket_interpretation

__all__ = ["candidates_of", "finding_for", "findings_from_fhir", "findings_from_phenopacket",
           "findings_from_record", "is_record", "side_of", "to_fhir_diagnostic_report",
           "to_phenopacket_interpretation"]


def is_record(obj: object) -> bool:
    """Whether ``obj`` is a coded record :func:`findings_from_record` reads: a dict, a
    ``pathlib.Path``, a ``.json`` file name, a protobuf message or a fhir.resources object.

    >>> is_record({"phenotypicFeatures": []}), is_record("left foot drop")
    (True, False)
    """
    if isinstance(obj, str):
        return obj.lower().endswith(".json") and "\n" not in obj
    return isinstance(obj, (Mapping, Path)) or hasattr(obj, "DESCRIPTOR") or _is_fhir_object(obj)


def _is_fhir_object(obj: object) -> bool:
    """Whether ``obj`` is a fhir.resources (pydantic) resource."""
    return hasattr(obj, "resource_type") or hasattr(obj, "get_resource_type")


def findings_from_record(kg: Any, obj: object) -> Findings:
    """The :class:`Findings` of a Phenopacket or a FHIR resource, whichever ``obj`` is: a
    JSON object with ``resourceType`` (or a fhir.resources object) is read as FHIR,
    anything else (a dict, a JSON file, a phenopackets message) as a Phenopacket.

    Examples
    --------
    >>> kg = skg.load()
    >>> obs = {"resourceType": "Observation", "status": "final",
    ...        "code": {"coding": [{"code": "HP:0009027"}]}, "valueInteger": 3}
    >>> findings_from_record(kg, obs).items[0].kind
    'weakness'
    >>> findings_from_record(kg, {"phenotypicFeatures": [{"type": {"id": "HP:0003419"}}]}).items[0].text
    'low back pain'
    """
    if isinstance(obj, (str, Path)):
        data = json_object(obj, "record")
    elif isinstance(obj, Mapping):
        data = obj
    elif _is_fhir_object(obj):
        return findings_from_fhir(kg, obj)
    else:
        return findings_from_phenopacket(kg, obj)
    if "resourceType" in data:
        return findings_from_fhir(kg, data)
    return findings_from_phenopacket(kg, data)

