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

from typing import Any, NamedTuple

from ..core.path import Path, Step
from ..core.terms import Term
from .derived import root_impact
from .lesions import condition_symptoms
from .results_layers import CordDeficit, CordImpact
from .supply import Profile, _put, profile

__all__ = ["CORD_KINDS", "CanalReach", "canal_reach", "cauda_roots", "cord_impact", "cord_profile",
           "crossing_predicates", "half_at"]

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
    adj = kg._adj
    parts: dict[str, dict] = {k: {} for k in ("muscles", "actions", "areas", "reflexes", "signs")}
    have: set[str] = set()
    roots: list[str] = []
    myotome: set[str] = set()
    for h in _halves(kg, segment):
        for st in adj.steps_from(h, "skg:givesRoot"):
            root = st.object.curie
            roots.append(root)
            have |= root_impact(kg, root).symptoms
            myotome |= profile(kg, root).myotome
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
                                   parts["reflexes"], parts["signs"], (), tuple(roots),
                                   frozenset(myotome))
    return hit



class CanalReach(NamedTuple):
    """What a central lesion at a disc reaches (``skg:overlies``): each structure with
    the step to it, the flag words of those it reaches, and the cauda equina's step if
    it reaches it on the primary reading."""

    reaches: tuple[tuple[str, Step], ...]
    flags: tuple[str, ...]
    cauda: Step | None


def _conus_end(kg: Any, conus: str) -> str:
    """Where the graph says the conus ends, with its range ("ends at ... (range ...)")."""
    ix = kg.index

    def names(pred: str) -> str:
        return " or ".join(ix.terms[o].label for o in sorted(
            ix.objects(conus, pred),
            key=lambda o: ix.edge_info(conus, pred, o).rank == "alternative"))

    end, upper, lower = (names(p) for p in ("skg:terminatesAt", "skg:terminationRangeUpper",
                                            "skg:terminationRangeLower"))
    if not end:
        return ""
    return f"the cord ends at the {end}" + (f" (range {upper} to {lower})" if upper and lower
                                            else "")


def canal_reach(kg: Any, disc: str) -> CanalReach:
    """The cord segments, conus or cauda equina a central lesion at ``disc`` reaches, and
    their flags (the conus flag with where the conus ends and its range).

    Examples
    --------
    >>> kg = skg.load()
    >>> canal_reach(kg, "skg:disc_C5_C6").flags
    ('myelopathy',)
    >>> canal_reach(kg, "skg:disc_L4_L5").flags
    ('cauda equina',)
    """
    table = kg._memo.setdefault("canal_reach", {})
    hit = table.get(disc)
    if hit is not None:
        return hit
    ix, adj = kg.index, kg._adj
    reaches, cauda = [], None
    flags: dict[tuple[bool, str], str] = {}  # (alternative?, word) -> the flag's text
    for st in adj.steps_from(disc, "skg:overlies"):
        target = st.object.curie
        reaches.append((target, st))
        word = ix.value(target, "skg:compressionWarning")
        if word is None:
            continue
        alt, text = st.info.rank == "alternative", str(word)
        if ix.is_a(target, "skg:ConusMedullaris"):
            end = _conus_end(kg, target)
            text = f"{word}: {end}" if end else text
        elif (alt, str(word)) in flags:
            continue
        if alt:
            text = f"{text} (alternative reading: {st.info.note})" if st.info.note \
                else f"possible {text}"
        elif ix.is_a(target, "skg:CaudaEquina"):
            cauda = st
        flags[(alt, str(word))] = text
    table[disc] = hit = CanalReach(tuple(reaches), tuple(flags[k] for k in sorted(flags)), cauda)
    return hit


def cauda_roots(kg: Any, cauda_step: Step, from_index: int) -> list[tuple[str, tuple[Step, ...]]]:
    """The roots of the cauda equina from segment ``from_index`` down (both sides), each
    with the steps from the disc: the descending roots a central lesion there compresses.

    Examples
    --------
    >>> kg = skg.load()
    >>> step = canal_reach(kg, "skg:disc_L4_L5").cauda
    >>> sorted({r.split("_")[1] for r, _ in cauda_roots(kg, step, 26)})
    ['Co1', 'S1', 'S2', 'S3', 'S4', 'S5']
    """
    ix = kg.index
    return [(st.object.curie, (cauda_step, st))
            for st in kg._adj.steps_from(cauda_step.object.curie, "skg:containsRoot")
            if ix.value(st.object.curie, "skg:segmentIndex", 0) >= from_index]
