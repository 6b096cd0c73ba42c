"""Clinical reasoning: what a lesion affects, which roots a lesion compresses, the
treatment ladder, and localisation from findings.

This layer owns the questions a clinician asks. It reads the graph only through the
core (the index, path steps, terms) and keeps each walk that many questions share as
a derived table per SpineKG (:mod:`~spinekg.clinical.derived` for roots and ladders,
:mod:`~spinekg.clinical.lesions` for lesions and conditions). On them stand
:mod:`~spinekg.clinical.affected` (affected_by, compressed_roots),
:mod:`~spinekg.clinical.treatments`, and localisation, where finding resolution
(:mod:`~spinekg.clinical.findings`) is kept apart from the differential that weighs it
(:mod:`~spinekg.clinical.localize`, :mod:`~spinekg.clinical.differential`);
:mod:`~spinekg.clinical.case` holds the
:class:`Findings` of one case that every input becomes. The answers are the frozen result types of
:mod:`~spinekg.clinical.results`. Room is kept here for the peripheral nerve and cord
layers, the differential engine and ISNCSCI. It may import the base modules, the
pipeline and the core, never the adapters, the facade or the faces.

Examples
--------
>>> from spinekg.clinical import Impact
>>> Impact.__name__
'Impact'
"""

from __future__ import annotations

from .case import Finding, Findings
from .results import Compression, Impact, TierPlan, TreatmentItem, TreatmentPlan
from .results_differential import Candidate, Localization

__all__ = ["Candidate", "Compression", "Finding", "Findings", "Impact", "Localization", "TierPlan",
           "TreatmentItem", "TreatmentPlan"]
