"""The keyword form of ``kg.localize`` for :class:`~spinekg.clinical.case.Findings` read
from a note, for the localize of today (keywords only) and the command line.

Examples
--------
>>> kg = skg.load()
>>> from spinekg.adapters.text import read_findings
>>> kwargs, left_out = localize_kwargs(kg, read_findings(kg, "Absent right ankle jerk."))
>>> kwargs
{'side': 'right', 'reflexes': {'ankle jerk': 'absent'}}
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Any

from ...clinical.case import Findings

__all__ = ["localize_kwargs"]


def localize_kwargs(kg: Any, findings: Findings) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The keyword arguments of ``kg.localize`` for ``findings``, and what they leave out.

    :meth:`Findings.to_kwargs`, kept to the keywords ``kg.localize`` takes; an imaging
    finding becomes its ``(lesion, level, side)`` triple. The second value lists, as
    ``"group: words"``, the findings the keyword form cannot carry.

    Examples
    --------
    >>> kg = skg.load()
    >>> from spinekg.adapters.text import read_findings
    >>> f = read_findings(kg, "Left EHL 4/5. Spurling positive.")
    >>> kwargs, left_out = localize_kwargs(kg, f)
    >>> kwargs["weakness"], kwargs["side"]
    (['EHL'], 'left')
    """
    accepted = set(inspect.signature(kg.localize).parameters)
    out: dict[str, Any] = {}
    left_out: list[str] = []
    if findings.side == "bilateral":  # each finding's own side, written into its words
        items = []
        for f in findings.items:
            sides = ("left", "right") if f.side == "bilateral" else (f.side,)
            items += [replace(f, text=f"{s} {f.text}" if s and f.kind != "imaging" else f.text,
                              side=None) for s in sides]
        findings = replace(findings, items=tuple(items), side=None)
    for key, value in findings.to_kwargs().items():
        if key == "imaging":
            img = next(f for f in findings.items if f.kind == "imaging")
            if img.value is None:
                left_out.append(f"imaging: {img.text} (no level)")
                continue
            value = (img.text, img.value, img.side or findings.side or "both")
        if key in accepted:
            out[key] = value
        else:
            words = value if isinstance(value, (list, dict)) else [value]
            left_out += [f"{key}: {w}" for w in words]
    if out.get("side") == "bilateral":
        out["side"] = None
    return out, tuple(left_out)
