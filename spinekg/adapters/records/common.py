"""What the record readers and writers share: a code → a :class:`Finding`, codes → a side,
and the candidates of a localisation in a plain form.

Examples
--------
>>> kg = skg.load()
>>> finding_for(kg, "HP:0031993").kind, side_of(kg, ["SNOMEDCT:7771000"])
('sign', 'left')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ...clinical.case import Finding
from ...core.codes import code_index, normalize_code

__all__ = ["finding_for", "side_of", "candidates_of", "kind_of", "json_object"]

# the finding kinds whose word a symptom's own names may carry ("hip pain", "saddle numbness")
_WORD_KINDS = ("pain", "numbness", "weakness")


def kind_of(kg: Any, curie: str) -> str:
    """The finding kind a graph term stands for, read from the graph: a clinical sign or a
    reflex is that kind; a symptom that is the weakness of an action, or a muscle or an
    action, is a weakness; a symptom named with a kind's word (its label, then its
    synonyms) is that kind; any other symptom is history.

    Examples
    --------
    >>> kg = skg.load()
    >>> [kind_of(kg, c) for c in ("skg:symptom_foot_drop", "skg:symptom_hip_pain",
    ...                           "skg:sign_babinski", "skg:symptom_gait_disturbance")]
    ['weakness', 'pain', 'sign', 'history']
    """
    ix = kg.index
    if ix.is_a(curie, "skg:ClinicalSign"):
        return "sign"
    if ix.is_a(curie, "skg:Reflex"):
        return "reflex"
    if ix.objects(curie, "skg:weaknessOf") or ix.is_a(curie, "skg:Muscle") \
            or ix.is_a(curie, "skg:MuscleAction"):
        return "weakness"
    for name in (ix.terms[curie].label, *ix.alt_labels.get(curie, ())):
        for kind in _WORD_KINDS:
            if kind in name.split():
                return kind
    return "history"


def side_of(kg: Any, codes: Iterable[object]) -> str | None:
    """The side the laterality codes among ``codes`` give ("left", "right", "bilateral"),
    or None; codes that are no laterality are ignored.

    Examples
    --------
    >>> side_of(skg.load(), ["HP:0012832"])
    'bilateral'
    """
    ci = code_index(kg.index)
    sides = set()
    for code in codes:
        for c in ci.lookup(code):
            if kg.index.is_a(c, "skg:Side"):
                sides.add(kg.index.terms[c].label)
    if not sides:
        return None
    if "bilateral" in sides or {"left", "right"} <= sides:
        return "bilateral"
    return sides.pop() if len(sides) == 1 else None


def finding_for(kg: Any, code: object, *, label: str | None = None, present: bool = True,
                side: str | None = None, value: str | None = None) -> Finding | None:
    """The :class:`Finding` a code stands for, or None when the graph maps it to nothing
    (or to a side, which is no finding).

    Examples
    --------
    >>> f = finding_for(skg.load(), "http://purl.obolibrary.org/obo/HP_0009027", side="left")
    >>> f.kind, f.text, f.side, f.code
    ('weakness', 'foot drop', 'left', 'HP:0009027')
    """
    ci = code_index(kg.index)
    hits = [c for c in ci.lookup(code) if not kg.index.is_a(c, "skg:Side")]
    if not hits:
        return None
    term = kg.index.terms[hits[0]]
    kind = kind_of(kg, term.curie)
    if kind == "sign" and value is None:
        accepted = kg.index.values.get(term.curie, {}).get("skg:abnormalState", ())
        value = str(accepted[0]) if present and accepted else None
    return Finding(kind, term.label, side, value, present=present,
                   code=normalize_code(code) or (str(code) if code else None))


def candidates_of(localization: Any) -> list[dict[str, Any]]:
    """The candidates of a localisation as plain dicts (label, CURIE, score, probability),
    read defensively: the engine's candidates have ``.root`` today, ``.target`` and
    ``.probability`` once the new engine lands.

    Examples
    --------
    >>> loc = skg.load().localize(side="left", numbness=["dorsum of foot"])
    >>> candidates_of(loc)[0]["curie"]
    'skg:root_L5_left'
    """
    out = []
    for c in getattr(localization, "candidates", ()) or ():
        target = getattr(c, "target", None) or getattr(c, "root", None)
        curie = getattr(target, "curie", None) or (str(target) if target is not None else None)
        label = getattr(target, "label", None) or curie
        prob = getattr(c, "probability", None)
        score = getattr(c, "score", None)
        out.append({"curie": curie, "label": label,
                    "probability": None if prob is None else float(prob),
                    "score": None if score is None else float(score),
                    "explains": list(getattr(c, "explains", ()) or ())})
    return out


def json_object(path: str | Path, what: str) -> Mapping[str, Any]:
    """The JSON object in the file ``path`` (a ``what``: "phenopacket", "record"), or a
    ValueError that says what is wrong with it."""
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"{what} {str(path)[:80]!r}: no such file; expected a dict, a JSON "
                         "file path or a record object")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{what} file {file.name!r} is not JSON: {exc}") from None
    if not isinstance(data, Mapping):
        raise ValueError(f"{what} file {file.name!r} holds {type(data).__name__}, not an object")
    return data
