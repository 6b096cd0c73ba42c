"""P(finding | candidate), read from the graph: sourced accuracy where it exists,
the engine defaults table (``skg:EngineDefault``) otherwise.

A finding is a *key*: ``("sens", area)`` numbness or a sensory deficit of an area,
``("pain", area)``, ``("motor", action)`` weakness, ``("low", reflex)`` /
``("high", reflex)`` a reduced / increased reflex, ``("sign", term)`` a sign,
examination test, history feature or symptom. For one key and the current
candidate space, :func:`column` gives the probability that the finding is present
under every candidate (the candidates that explain it: their sensitivity; the others:
the background rate) and, for each explaining candidate, the path that makes it so.

Examples
--------
>>> kg = skg.load()
>>> d = defaults(kg)
>>> 0 < d["default_false_positive_rate"] < d["default_dermatomal_sensory_sensitivity"] < 1
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import SpineKGError

__all__ = ["defaults", "accuracy_of", "positive_lr_of", "column", "grade_of", "ALL_KEYS"]

ALL_KEYS = ("sens", "pain", "motor", "low", "high", "sign")


def defaults(kg: Any) -> dict[str, float]:
    """Every ``skg:EngineDefault`` of the graph, by local id, as floats. Memoised.

    Examples
    --------
    >>> defaults(skg.load())["default_alternative_reading_factor"]
    0.5
    """
    memo = kg._memo.get("diff_defaults")
    if memo is None:
        ix = kg.index
        memo = {c.partition(":")[2]: float(ix.value(c, "skg:defaultValue"))
                for c in ix.instances("skg:EngineDefault")
                if ix.value(c, "skg:defaultValue") is not None}
        kg._memo["diff_defaults"] = memo
    return memo


def need(d: dict[str, float], name: str) -> float:
    """One default, or a clear error naming the row the engine needs."""
    try:
        return d[name]
    except KeyError:
        raise SpineKGError(f"the graph has no engine default {name!r}; add it to "
                           "ontology/templates/engine_defaults.tsv") from None


def accuracy_of(kg: Any, feature: str, target: str) -> tuple[float | None, float | None, str | None]:
    """(sensitivity, specificity, accuracy row) of ``feature`` for ``target`` from the
    graph's ``skg:TestAccuracy`` rows (primary reading first); Nones when none.

    Examples
    --------
    >>> accuracy_of(skg.load(), "skg:area_thumb_left", "skg:root_C6_left")
    (None, None, None)
    """
    ix = kg.index
    best = (None, None, None)
    for row in ix.subjects(feature, "skg:accuracyOf"):
        targets = ix.objects(row, "skg:forTarget")
        if target not in targets:
            continue
        sens, spec = ix.value(row, "skg:sensitivity"), ix.value(row, "skg:specificity")
        if sens is None and spec is None:
            continue
        rank = ix.value(row, "skg:evidenceRank")
        if best[2] is None or rank == "primary":
            best = (None if sens is None else float(sens), None if spec is None else float(spec),
                    row)
    return best


def positive_lr_of(kg: Any, feature: str, target: str) -> float | None:
    """The published positive likelihood ratio of ``feature`` for ``target`` when an
    accuracy row gives one and no sensitivity (Suri 2010: no pain when seated, LR 7.4
    for lumbar spinal stenosis); None otherwise.

    Examples
    --------
    >>> positive_lr_of(skg.load(), "skg:history_no_pain_when_seated",
    ...                "skg:condition_lumbar_spinal_stenosis")
    7.4
    """
    ix = kg.index
    best = None
    for row in ix.subjects(feature, "skg:accuracyOf"):
        lr = ix.value(row, "skg:positiveLR")
        if lr is None or target not in ix.objects(row, "skg:forTarget"):
            continue
        if best is None or ix.value(row, "skg:evidenceRank") == "primary":
            best = float(lr)
    return best


def background(kg: Any, feature: str) -> float:
    """P(feature present | a candidate the feature is not linked to): 1 - specificity of
    its primary accuracy row when there is one, else the default false-positive rate."""
    ix = kg.index
    d = defaults(kg)
    specs = [float(ix.value(r, "skg:specificity")) for r in ix.subjects(feature, "skg:accuracyOf")
             if ix.value(r, "skg:specificity") is not None]
    return 1.0 - max(specs) if specs else need(d, "default_false_positive_rate")


def grade_of(value: str | None) -> float | None:
    """An MRC grade ("4-/5", "3", "2+") as a number (4- is 3.67, 4+ 4.33); None if none.

    Examples
    --------
    >>> grade_of("4-/5"), grade_of("2"), grade_of("weak")
    (3.67, 2.0, None)
    """
    import re

    if not value:
        return None
    m = re.fullmatch(r"\s*([0-5])\s*([+-]?)\s*(?:/\s*5)?\s*", str(value))
    if not m:
        return None
    g = float(m.group(1)) + {"+": 0.33, "-": -0.33, "": 0.0}[m.group(2)]
    return round(g, 2)


def column(kg: Any, space: Any, key: tuple[str, str], grade: float | None = None
           ) -> tuple[np.ndarray, dict[int, tuple], float]:
    """P(finding ``key`` present | each candidate row of ``space``) and the paths.

    The rows that explain the finding take their sensitivity (an MRC grade of 2 or
    less scales a single root's by the dense-weakness factor); the others the
    background rate (mild weakness, MRC 4- to 4+, the mild-weakness rate). Memoised
    per space.
    """
    mkey = (key, None if grade is None else (grade <= 2, grade >= 3.67))
    hit = space.columns.get(mkey)
    if hit is not None:
        return hit
    d = defaults(kg)
    kind, term = key
    if kind == "sign":
        bg = background(kg, term)
    elif kind == "motor" and grade is not None and grade >= 3.67:
        bg = need(d, "default_mild_weakness_false_positive_rate")
    else:
        bg = need(d, "default_false_positive_rate")
    col = np.full(len(space.rows), bg)
    paths: dict[int, tuple] = {}
    dense = grade is not None and grade <= 2
    factor = need(d, "default_dense_weakness_root_factor") if dense else 1.0
    for i, p, steps in space.explaining(kg, key):
        if kind == "motor" and dense and space.rows[i].kind == "root":
            p = p * factor
        if p > col[i] or i not in paths:
            col[i] = p
            paths[i] = steps
    cap = need(d, "default_max_likelihood_ratio")
    np.clip(col, bg / cap, min(bg * cap, 1.0 - (1.0 - bg) / cap), out=col)
    col.setflags(write=False)
    if len(space.columns) < 20_000:
        space.columns[mkey] = (col, paths, bg)
    return col, paths, bg
