"""What a non-neural mimic (hip osteoarthritis, greater trochanteric pain syndrome,
sacroiliac joint pain, peripheral arterial disease ...) affects, explained like a root.

A mimic weakens no muscle, numbs no dermatome and changes no reflex: its
:class:`~spinekg.clinical.results.Impact` holds the areas it causes pain in
(``skg:causesPainIn``) and the symptoms it causes (``skg:causesSymptom``), each with the
sourced edge that says so, and no roots. The graph's edges are the whole answer.

Examples
--------
>>> kg = skg.load()
>>> imp = kg.affected_by("left hip osteoarthritis")
>>> "left groin" in [t.label for t in imp.pain_areas], imp.roots, imp.side
(True, (), 'left')
"""

from __future__ import annotations

from typing import Any

from ..core.path import Path
from ..core.terms import Term
from .derived import label_order
from .differential.mimics import MIMIC_CLASSES
from .results import Impact

__all__ = ["MIMIC_KINDS", "is_mimic", "mimic_impact"]

#: The classes of the non-neural candidates (the mimics of a root or nerve lesion), as
#: the differential reads them.
MIMIC_KINDS = tuple(c.removeprefix("skg:") for c in MIMIC_CLASSES)


def is_mimic(kg: Any, curie: str) -> bool:
    """Whether ``curie`` is a non-neural mimic.

    >>> is_mimic(skg.load(), "skg:condition_hip_osteoarthritis_left")
    True
    """
    return any(kg.index.is_a(curie, c) for c in MIMIC_CLASSES)


def mimic_impact(kg: Any, term: Term, query: str) -> Impact:
    """The pain areas and symptoms of one mimic, each with its path; see
    :meth:`spinekg.SpineKG.affected_by`."""
    order = label_order(kg).__getitem__
    found: dict[str, dict[str, Any]] = {"skg:causesPainIn": {}, "skg:causesSymptom": {}}
    for pred, into in found.items():
        for step in kg._adj.steps_from(term.curie, pred):
            into.setdefault(step.target.curie, step)
    paths = {c: Path((st,)) for into in found.values() for c, st in into.items()}
    areas, symptoms = (tuple(kg.index.terms[c] for c in sorted(d, key=order))
                       for d in found.values())
    return Impact(query=query, roots=(), side=kg.index.side(term.curie) or "none", region=None,
                  dermatome_areas=(), key_sensory_points=(), muscle_actions=(), reflexes=(),
                  pain_areas=areas, symptoms=symptoms, paths=paths, lesion=term)
