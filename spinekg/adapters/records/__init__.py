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

from .common import candidates_of, finding_for, side_of
from .fhir import findings_from_fhir, to_fhir_diagnostic_report
from .phenopacket import findings_from_phenopacket, to_phenopacket_interpretation

__all__ = ["candidates_of", "finding_for", "findings_from_fhir", "findings_from_phenopacket",
           "side_of", "to_fhir_diagnostic_report", "to_phenopacket_interpretation"]
