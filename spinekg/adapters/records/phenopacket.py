"""GA4GH Phenopacket v2 in and out.

Reads ``phenotypicFeatures`` (HPO ``type``; ``excluded: true`` for a finding looked for and
absent; laterality ``modifiers``) from a dict, a JSON file or a ``phenopackets`` protobuf
message; writes a localisation as an ``Interpretation`` (JSON dict).

Examples
--------
>>> kg = skg.load()
>>> pp = {"id": "case1", "phenotypicFeatures": [
...     {"type": {"id": "HP:0009027", "label": "Foot dorsiflexor weakness"},
...      "modifiers": [{"id": "HP:0012835", "label": "Left"}]},
...     {"type": {"id": "HP:0002650", "label": "Scoliosis"}},
...     {"type": {"id": "HP:0031993"}, "excluded": True}]}
>>> f = findings_from_phenopacket(kg, pp)
>>> [(x.text, x.side, x.present) for x in f.items], f.unresolved
([('foot drop', 'left', True), ('hoffmann sign', None, False)], ('HP:0002650 Scoliosis',))
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...clinical.case import Findings
from .common import candidates_of, finding_for, json_object, side_of

__all__ = ["findings_from_phenopacket", "to_phenopacket_interpretation"]


def _as_dict(obj: object) -> Mapping[str, Any]:
    if isinstance(obj, Mapping):
        return obj
    if isinstance(obj, (str, Path)):
        return json_object(obj, "phenopacket")
    if hasattr(obj, "DESCRIPTOR"):  # a protobuf message
        from google.protobuf.json_format import MessageToDict
        return MessageToDict(obj)
    raise TypeError(f"phenopacket must be a dict, a JSON file path or a phenopackets message, "
                    f"got {type(obj).__name__}")


def findings_from_phenopacket(kg: Any, obj: object) -> Findings:
    """The :class:`Findings` of a Phenopacket's ``phenotypicFeatures``.

    Parameters
    ----------
    kg : SpineKG
    obj : dict, path or phenopackets.Phenopacket
        A Phenopacket v2 (camelCase JSON as the schema writes it; snake_case keys work too).

    Returns
    -------
    Findings
        One finding per feature the graph maps (``present=False`` when ``excluded``), the
        side from its laterality modifiers; unmapped features in ``unresolved``.

    Examples
    --------
    >>> f = findings_from_phenopacket(skg.load(), {"phenotypicFeatures": [
    ...     {"type": {"id": "HP:0003419"}}]})
    >>> f.items[0].text
    'low back pain'
    """
    data = _as_dict(obj)
    feats = data.get("phenotypicFeatures", data.get("phenotypic_features", ()))
    if not isinstance(feats, (list, tuple)):
        raise ValueError("phenotypicFeatures must be a list of features")
    items, unresolved = [], []
    for feat in feats:
        if not isinstance(feat, Mapping) or not isinstance(feat.get("type"), Mapping):
            raise ValueError(f"phenotypic feature {feat!r}: expected an object with a 'type'")
        code, label = feat["type"].get("id"), feat["type"].get("label")
        mods = [m.get("id") for m in feat.get("modifiers", ()) if isinstance(m, Mapping)]
        found = finding_for(kg, code, label=label, present=not bool(feat.get("excluded")),
                            side=side_of(kg, mods))
        if found is None:
            unresolved.append(f"{code} {label}" if label else str(code))
        else:
            items.append(found)
    sides = {f.side for f in items if f.side}
    return Findings(items=tuple(items), side=sides.pop() if len(sides) == 1 else None,
                    unresolved=tuple(unresolved))


def to_phenopacket_interpretation(localization: Any, *, id: str = "spinekg-localization"
                                  ) -> dict[str, Any]:
    """A Phenopacket v2 ``Interpretation`` for a localisation: the best candidate as the
    diagnosis, every candidate with its probability (or score) in the summary.

    Examples
    --------
    >>> loc = skg.load().localize(side="left", numbness=["dorsum of foot"])
    >>> to_phenopacket_interpretation(loc)["diagnosis"]["disease"]["id"]
    'skg:root_L5_left'
    """
    cands = candidates_of(localization)
    out: dict[str, Any] = {"id": id, "progressStatus": "IN_PROGRESS" if cands else "UNKNOWN_PROGRESS"}
    if cands:
        best = cands[0]
        out["diagnosis"] = {"disease": {"id": best["curie"], "label": best["label"]}}
    out["summary"] = json.dumps({"candidates": cands}, ensure_ascii=False)
    return out
