"""From the posterior to the answer: candidates with their evidence, and the flags.

Examples
--------
>>> loc = skg.load().localize(numbness=["saddle area"], signs={"urinary retention": "present"})
>>> loc.best.kind in ("cauda equina", "conus"), bool(loc.best.flag)
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ...core.search import Path
from ..derived import root_profile
from ..results_differential import Candidate, Evidence, Localization
from .model import State, infer

__all__ = ["answer", "Ranked"]

_CENTRAL = ("cord", "conus", "cauda equina")


def _term(kg: Any, c: str) -> Any:
    return kg.index.terms[c]


def _central_condition(kg: Any, root: str) -> str | None:
    """The central lesion that compresses both roots of a level: the condition of the
    central zone in the root's region (lumbar central stenosis for L5)."""
    ix = kg.index
    regions = set(ix.objects(root, "skg:inRegion"))
    central = ix.subjects("skg:zone_central", "skg:affectsZone")
    hit = [c for c in central if regions & set(ix.objects(c, "skg:inRegion"))]
    return (hit or [c for c in central if not ix.objects(c, "skg:inRegion")] or [None])[0]


def _flags(st: State) -> list[str]:
    kg = st.kg
    ix = kg.index
    flags: list[str] = []
    lower = {f.side for f in st.resolved if f.present and f.side and f.group != "reflex"} | {
        f.side for f in st.resolved if f.present and f.side and f.group == "reflex"
        and any(k[0] == "low" for g in f.keys for k in g)}
    if len(lower) > 1:
        flags.append("findings on both sides: central stenosis or cauda equina syndrome")
    red = [f for f in st.resolved if f.present and any(
        (k[0] == "sign" and ix.value(k[1], "skg:isRedFlag")) or
        (k[0] in ("sens", "motor", "low") and _sacral_midline(kg, k[1])) for g in f.keys for k in g)]
    if red:
        flags.append("saddle, sphincter or anal-reflex findings: cauda equina syndrome must be "
                     "excluded (red flag)")
    brisk = [f.label.partition(": ")[2].removesuffix(" increased") for f in st.resolved
             if f.present and any(k[0] == "high" for g in f.keys for k in g)]
    if brisk:
        flags.append(f"increased reflexes ({', '.join(brisk)}) are an upper motor neuron sign: "
                     "spinal cord compression (myelopathy) above those segments, not a root lesion")
    return flags


def _sacral_midline(kg: Any, c: str) -> bool:
    """Whether ``c`` is a midline area, action or reflex served by sacral or coccygeal roots.

    Such a structure (perineum, perianal skin, anal sphincter, anal wink) has roots on
    both sides, so a deficit there means both sides are involved: the saddle pattern
    of a central lesion or cauda equina syndrome. Read from the graph, not listed here.
    """
    ix = kg.index
    if "skg:Midline" not in ix.objects(c, "skg:hasSide"):
        return False
    memo = kg._memo.setdefault("sacral_served", None)
    if memo is None:
        memo = set()
        for root in ix.instances("skg:SpinalNerveRoot"):
            if set(ix.objects(root, "skg:inRegion")) & {"skg:region_sacral",
                                                         "skg:region_coccygeal"}:
                prof = root_profile(kg, root)
                memo.update(prof["areas"], prof["actions"], prof["reflexes"])
        kg._memo["sacral_served"] = memo
    return c in memo


def answer(st: State, limit: int, unresolved: list[str], labels: list[str],
           suggestions: dict | None = None) -> Localization:
    """The :class:`Localization` of a case."""
    kg, _sp = st.kg, st.sp
    ix = kg.index
    flags = _flags(st)
    ranked = infer(st)
    cands = Ranked(st, ranked, list(flags))  # the flags known before the imaging check
    if st.imaging is not None and ranked and st.imaging[1]:
        best_rows = ranked[0][1]
        fits = any(i in st.paths[-1] for i in best_rows)
        if not fits:
            names = ", ".join(_term(kg, r).label for r in st.imaging[1])
            side = st.side
            other = side in ("left", "right") and all(ix.side(r) != side for r in st.imaging[1])
            flags.append(f"imaging ({st.imaging[0]}) compresses {names}, "
                         + (f"not a root on the side of the findings ({side})" if other
                            else "which does not fit the clinical picture")
                         + ": weighed as a likely incidental finding")
    if not cands and labels:
        flags.append("no root in the graph explains these findings: " + "; ".join(
            lb for lb, p in zip(st.labels, st.present) if p) if any(st.present) else
            "no candidate explains these findings")
    n_abn = sum(st.present)
    return Localization(candidates=tuple(cands[:limit]), findings=tuple(labels),
                        unresolved=tuple(unresolved), flags=tuple(flags), n_abnormal=n_abn,
                        ranked=cands, state=st,
                        suggestions=suggestions if suggestions is not None else {})


class Ranked(Sequence):
    """Every candidate of a case, best first, each made when first read.

    A question reads its first few candidates; the long tail (dozens of roots and
    nerves at a few per cent) is made only when someone asks for it.

    Examples
    --------
    >>> loc = skg.load().localize(side="left", numbness=["thumb"])
    >>> isinstance(loc.ranked, Ranked), len(loc.ranked) >= len(loc.candidates)
    (True, True)
    >>> loc.ranked[0] == loc.best
    True
    """

    def __init__(self, st: State, ranked: list, flags: list[str]) -> None:
        self._st, self._ranked, self._flags = st, ranked, flags
        self._made: list[Candidate | None] = [None] * len(ranked)

    def __len__(self) -> int:
        return len(self._ranked)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        c = self._made[i]
        if c is None:
            prob, rows, _ = self._ranked[i]
            c = self._made[i] = _candidate(self._st, rows, prob, self._flags)
        return c

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(tuple(self))


def _candidate(st: State, rows: tuple[int, ...], prob: float, flags: list[str]) -> Candidate:
    kg, sp = st.kg, st.sp
    rs = [sp.rows[i] for i in rows]
    targets = tuple(dict.fromkeys(t for r in rs for t in r.targets))
    main = rs[0].targets[0] if rs[0].kind not in _CENTRAL else rs[0].group
    kind = rs[0].kind if len(rs) == 1 else "combination"
    central_pair = (len(rs) == 2 and all(r.kind == "root" for r in rs)
                    and rs[0].levels == rs[1].levels and {rs[0].side, rs[1].side} == {"left", "right"})
    if central_pair:
        kind = "root"
        main = _central_condition(kg, rs[0].targets[0]) or main
    elif len(rs) == 2 and all(r.kind == "root" for r in rs):
        kind = "root"
    levels = tuple(dict.fromkeys(lv for r in rs for lv in r.levels))
    order = {lv: i for i, lv in enumerate(kg.resolver.levels)}
    levels = tuple(sorted(levels, key=lambda lv: order.get(lv, 99)))
    level = levels[0] if len(levels) == 1 else f"{levels[0]}-{levels[-1]}" if levels else ""
    if rs[0].kind == "nerve" or rs[0].kind == "plexus" or kind in ("musculoskeletal", "vascular"):
        level = rs[0].levels[0] if len(rs) == 1 and len(rs[0].levels) == 1 else level
    sides = {r.side for r in rs}
    side = sides.pop() if len(sides) == 1 else "bilateral"
    if side is None and len({kg.index.side(t) for r in rs for t in r.targets[1:]} - {None}) > 1:
        side = "bilateral"  # a central stenosis compresses the roots of both sides
    explains, unexplained, contradicts, evidence, paths = [], [], [], [], []
    alt_notes: list[str] = []
    for f, lab in enumerate(st.labels):
        col, bg, present = st.matrix[f], st.bgs[f], st.present[f]
        p = max(col[i] for i in rows)
        lr = p / bg if present else (1 - p) / (1 - bg)
        path = None
        for i in rows:
            steps = st.paths[f].get(i)
            if steps:
                path = Path(tuple(steps))
                break
        evidence.append(Evidence(lab, round(float(lr), 4), path, present))
        if path is not None and any(s.info.rank == "alternative" for s in path.steps):
            alt_notes.append(f"{lab}: sources disagree; this is the alternative reading")
        if present:
            if path is not None:
                explains.append(lab)
                paths.append(path)
            else:
                unexplained.append(lab)
        elif path is not None and lr < 1:
            contradicts.append(f"{lab.partition(': ')[2]} is normal but "
                               f"{_term(kg, rows_target(sp, rows, st.paths[f])).label} would "
                               "make it abnormal")
            paths.append(path)
    flag = None
    if kind in _CENTRAL or central_pair or (kind == "root" and len(rs) > 1):
        flag = "; ".join(flags) or f"{_term(kg, main).label}: a central lesion (red flag)"
    label = " + ".join(r.label for r in rs)
    lesions = tuple(dict.fromkeys(x for r in rs for x in r.lesions))
    notes = list(alt_notes)
    if len(rs) == 2 and kind == "combination":
        notes.append("two lesions together explain the findings better than either alone")
    return Candidate(root=_term(kg, main), level=level, score=round(prob, 6),
                     explains=tuple(explains), unexplained=tuple(unexplained),
                     contradicts=tuple(contradicts), lesions=lesions, paths=tuple(paths),
                     notes=tuple(notes), flag=flag, kind=kind,
                     targets=tuple(_term(kg, t) for t in targets), levels=levels, side=side,
                     probability=round(prob, 6), evidence=tuple(evidence), label=label)


def rows_target(sp: Any, rows: tuple[int, ...], paths: dict) -> str:
    for i in rows:
        if i in paths:
            return sp.rows[i].targets[0]
    return sp.rows[rows[0]].targets[0]


del np
