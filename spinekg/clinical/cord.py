"""The spinal cord layer's questions: what a lesion of a cord segment (or of one half of
it) affects, below the lesion and on which side.

Read from the graph: each half segment ``skg:carriesTract`` its side's long tracts; a
tract ``skg:servesSide`` one side of the body and its lesion ``skg:lesionCauses`` a
deficit; the one predicate marked ``skg:crossesMidline true`` (``skg:decussatesTo``)
joins the half where pain and temperature fibres enter to the other side's half where
they ascend, so the crossed deficit starts at the segment whose fibres cross into the
lesion. The segment ``skg:givesRoot`` the level's own roots; its compression
``skg:compressionCausesSyndrome``; ``skg:compressionWarning`` gives the flag word.

Examples
--------
>>> kg = skg.load()
>>> imp = cord_impact(kg, kg.term("left half of the T4 cord segment"), "left T4 half")
>>> [(d.finding.label, d.side, d.from_level) for d in imp.deficits if d.crosses]
[('loss of pain and temperature sensation', 'right', 'T6')]
"""

from __future__ import annotations

from typing import Any

from ..core.path import Path, Step
from ..core.terms import Term
from .derived import root_impact
from .lesions import condition_symptoms
from .peripheral import Profile, _put, profile
from .results_layers import CordDeficit, CordImpact

__all__ = ["CORD_KINDS", "crossing_predicates", "cord_impact", "cord_profile", "half_at"]

HALF, SEGMENT = "skg:SpinalCordHalfSegment", "skg:SpinalCordSegment"
CORD_KINDS = ("SpinalCordSegment", "SpinalCordHalfSegment")
_SIDE = {"skg:Left": "left", "skg:Right": "right"}


def crossing_predicates(kg: Any) -> tuple[str, ...]:
    """The predicates the graph marks ``skg:crossesMidline true`` (the only edges that
    join left to right).

    Examples
    --------
    >>> crossing_predicates(skg.load())
    ('skg:decussatesTo',)
    """
    memo = kg._memo.get("crossing_predicates")
    if memo is None:
        ix = kg.index
        memo = kg._memo["crossing_predicates"] = tuple(sorted(
            p for p in ix.terms if ix.value(p, "skg:crossesMidline", False) is True))
    return memo


def _halves(kg: Any, segment: str) -> tuple[str, ...]:
    ix = kg.index
    if ix.is_a(segment, HALF):
        return (segment,)
    return tuple(h for h in ix.subjects(segment, "skg:partOf") if ix.is_a(h, HALF))


def half_at(kg: Any, level: str, side: str) -> str | None:
    """The half segment at ``level`` ("T4") on ``side``, or None.

    Examples
    --------
    >>> half_at(skg.load(), "T4", "left")
    'skg:cord_T4_half_left'
    """
    table = kg._memo.get("cord_halves")
    if table is None:
        ix = kg.index
        table = kg._memo["cord_halves"] = {
            (str(ix.value(h, "skg:levelName")).casefold(), ix.side(h)): h
            for h in ix.instances(HALF)}
    return table.get((level.strip().casefold(), side))


def _below(kg: Any, half: str) -> str:
    """The level of the next segment down on the same side (the first one below)."""
    ix = kg.index
    idx = ix.value(half, "skg:segmentIndex", 0)
    nxt = [h for h in ix.instances(HALF) if ix.side(h) == ix.side(half)
           and ix.value(h, "skg:segmentIndex", 0) == idx + 1]
    return str(ix.value(nxt[0] if nxt else half, "skg:levelName"))


def _deficits(kg: Any, half: str, head: tuple[Step, ...]) -> list[CordDeficit]:
    ix, adj = kg.index, kg._adj
    crossing = crossing_predicates(kg)
    out = []
    for s1 in adj.steps_from(half, "skg:carriesTract"):
        tract = s1.object.curie
        for s2 in adj.steps_from(tract, "skg:servesSide"):
            body = _SIDE.get(s2.object.curie)
            if body is None:
                continue
            crosses = body != ix.side(half)
            origin = [st for p in crossing for st in adj.steps_from(half, p, inverse=True)]
            if crosses and not origin:
                continue  # the top segments: no fibres cross into them from below
            for s3 in adj.steps_from(tract, "skg:lesionCauses"):
                steps = head + (s1, s2)
                out.append(CordDeficit(
                    finding=s3.object, side=body,
                    from_level=(str(ix.value(origin[0].subject.curie, "skg:levelName"))
                                if crosses else _below(kg, half)),
                    tract=s1.object, path=Path(steps), crosses=crosses,
                    cause=Path((s3,)), crossing=Path((origin[0],)) if crosses else None))
    return out


def cord_impact(kg: Any, segment: Term, query: str, *, lesion: Term | None = None,
                head: tuple[Step, ...] = ()) -> CordImpact:
    """What a lesion of ``segment`` (a segment or one half) affects: its deficits below,
    each on the side of the body it falls on; the level's roots; syndromes and flags.

    See :meth:`spinekg.SpineKG.affected_by`.
    """
    ix = kg.index
    deficits: list[CordDeficit] = []
    roots: list[str] = []
    for h in _halves(kg, segment.curie):
        deficits += _deficits(kg, h, head)
        roots += ix.objects(h, "skg:givesRoot")
    deficits.sort(key=lambda d: (d.crosses, d.side, d.finding.label))
    syndromes = ix.objects(segment.curie, "skg:compressionCausesSyndrome")
    flag = ix.value(segment.curie, "skg:compressionWarning")
    return CordImpact(query=query, segment=segment, side=ix.side(segment.curie),
                      level=str(ix.value(segment.curie, "skg:levelName")),
                      deficits=tuple(deficits),
                      roots=tuple(ix.terms[r] for r in dict.fromkeys(sorted(roots))),
                      syndromes=tuple(ix.terms[c] for c in syndromes),
                      flags=(str(flag),) if flag else (), lesion=lesion)


def cord_profile(kg: Any, segment: str) -> Profile:
    """What a cord lesion affects, as a :class:`~spinekg.clinical.peripheral.Profile`: the
    level's roots' actions, areas and reflexes, and as ``signs`` the long-tract deficits
    and the symptoms of the syndrome its compression causes that the roots do not give.

    Examples
    --------
    >>> kg = skg.load()
    >>> "skg:sign_hoffmann" in cord_profile(kg, "skg:cord_C6").signs
    True
    """
    table = kg._memo.setdefault("cord_profile", {})
    hit = table.get(segment)
    if hit is not None:
        return hit
    ix, adj = kg.index, kg._adj
    parts: dict[str, dict] = {k: {} for k in ("muscles", "actions", "areas", "reflexes", "signs")}
    have: set[str] = set()
    roots: list[str] = []
    for h in _halves(kg, segment):
        for st in adj.steps_from(h, "skg:givesRoot"):
            root = st.object.curie
            roots.append(root)
            have |= root_impact(kg, root).symptoms
            for cat, items in profile(kg, root)._asdict().items():
                if cat in parts:
                    for c, steps in items.items():
                        _put(parts[cat], c, (st, *steps))
        for d in _deficits(kg, h, ()):
            _put(parts["signs"], d.finding.curie, d.path.steps + d.cause.steps)
    for s1 in adj.steps_from(segment, "skg:compressionCausesSyndrome"):
        for sym, steps in condition_symptoms(kg, s1.object.curie).items():
            if sym not in have:
                _put(parts["signs"], sym, (s1, *steps))
    table[segment] = hit = Profile(parts["muscles"], parts["actions"], parts["areas"],
                                   parts["reflexes"], parts["signs"], (), tuple(roots))
    return hit

