"""What a root or lesion affects, and which roots a lesion compresses.

Every answer is read from the graph; nothing anatomical is written here.

Examples
--------
>>> kg = skg.load()
>>> [t.curie for t in kg.compressed_roots("foraminal disc herniation",
...                                       level="L4-L5", side="left").roots]
['skg:root_L4_left']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..core.adjacency import _make_step
from ..core.path import Path, Step
from ..core.resolve import _check_text, parse_side
from ..core.terms import Term
from ..errors import AmbiguousTermError, UnknownTermError
from .cord import CORD_KINDS, canal_reach, cauda_roots, cord_impact, half_at
from .derived import label_order, root_impact, roots_own
from .lesions import Rule, condition_symptoms, lesion_reach, rules_at
from .mimic_impact import is_mimic, mimic_impact
from .peripheral import LESION_KINDS, nerve_impact, resolve_lesion
from .results import Compression, Impact, PathMap
from .results_layers import CordImpact, NerveImpact

__all__ = ["affected_by", "compressed_roots", "parse_level"]

_LEVEL = re.compile(r"^(c|t|l|s)(\d{1,2})\s*[-/ ]?\s*(c|t|l|s)?(\d{1,2})$")
ROOT, CONDITION = "skg:SpinalNerveRoot", "skg:Condition"
_CONDITIONS = ("Condition", "SpinalStenosis", "DiscHerniation", "Radiculopathy", "ClinicalSyndrome",
               "CordSyndrome")
_KINDS = tuple(dict.fromkeys((*LESION_KINDS, *_CONDITIONS, *CORD_KINDS)))


def parse_level(kg: Any, level: object) -> str:
    """The disc CURIE for a level written as ``"L4-L5"``, ``"L4/5"`` or ``"l4 l5"``.

    Raises
    ------
    ValueError
        Not a disc level of the graph; the message lists the valid ones.

    Examples
    --------
    >>> kg = skg.load()
    >>> parse_level(kg, "L4/5"), parse_level(kg, "c5-c6")
    ('skg:disc_L4_L5', 'skg:disc_C5_C6')
    """
    discs = _discs(kg)
    hit = discs.get(level) if isinstance(level, str) else None
    if hit is not None:  # written as the graph names it, e.g. "L4-L5"
        return hit
    if not isinstance(level, str):
        raise TypeError(f"level must be a string like 'L4-L5', got {type(level).__name__}: "
                        f"{level!r}")
    m = _LEVEL.match(level.strip().casefold())
    if m:
        r1, n1, r2, n2 = m.group(1), m.group(2), m.group(3) or m.group(1), m.group(4)
        name = f"{r1.upper()}{int(n1)}-{r2.upper()}{int(n2)}"
        if name in discs:
            return discs[name]
    valid = ", ".join(sorted(discs, key=lambda n: kg.index.value(discs[n], "skg:segmentIndex", 0)))
    raise ValueError(f"unknown level {level!r}; expected a disc level such as 'L4-L5' "
                     f"(valid: {valid})")


def _discs(kg: Any) -> dict[str, str]:
    memo = kg._memo
    if "discs" not in memo:
        ix = kg.index
        memo["discs"] = {str(ix.value(d, "skg:levelName")): d
                         for d in ix.instances("skg:IntervertebralDisc")
                         if ix.value(d, "skg:levelName")}
    return memo["discs"]


def _resolve(kg: Any, what: object, side: str | None, kinds: tuple[str, ...]) -> Term:
    return kg.resolver.term(what, side=side, kinds=kinds)


def affected_by(kg: Any, what: object, *, level: object = None, side: object = None
                ) -> Impact | NerveImpact | CordImpact:
    """What a compressed root — or a lesion at a level and side — affects; a nerve, an
    entrapment site or a plexus part gives a :class:`NerveImpact`, a cord segment (or a
    cord syndrome at a segment level) a :class:`CordImpact`.

    See :meth:`spinekg.SpineKG.affected_by`.
    """
    side_name = parse_side(side)
    ix = kg.index
    both = side is not None and side_name is None  # "both" / "bilateral"
    if both and isinstance(what, str):
        pair = [c for c in kg.resolver.candidates(_check_text(what)) if ix.is_a(c, ROOT)]
        if len(pair) == 2 and {ix.side(c) for c in pair} == {"left", "right"}:
            what = kg.resolver.term(what, side="left")  # then both roots below
    try:
        term = _resolve(kg, what, side_name, _KINDS)
    except AmbiguousTermError:
        if level is None:
            raise
        term = _resolve_lesion(kg, what, parse_level(kg, level))
    except UnknownTermError:
        if not isinstance(what, str) or " at " not in what:
            raise
        term = resolve_lesion(kg, what, side_name)  # "ulnar nerve at the cubital tunnel"
    query = what.label if isinstance(what, Term) else str(what)
    if not (ix.is_a(term.curie, ROOT) or ix.is_a(term.curie, CONDITION)):
        if level is not None:
            raise ValueError(f"level={level!r} is only for a lesion; {term.label!r} is a "
                             f"{term.kind}")
        if ix.is_a(term.curie, "skg:SpinalCordSegment"):
            return cord_impact(kg, term, query)
        return nerve_impact(kg, term, query)
    if is_mimic(kg, term.curie):
        if level is not None:
            raise ValueError(f"level={level!r} is only for a spinal lesion; {term.label!r} is "
                             "not of the spine")
        return mimic_impact(kg, term, query)
    if ix.is_a(term.curie, CONDITION) and level is not None:
        cord = _cord_lesion(kg, term, level, side_name)
        if cord is not None:
            return cord
    lesion_steps: dict[str, tuple[Step, ...]] = {}
    lesion: Term | None = None
    is_root = ix.is_a(term.curie, ROOT)
    flags: tuple[str, ...] = ()
    reaches: tuple[Term, ...] = ()
    alternatives: dict[str, tuple[Term, ...]] = {}
    if is_root and both:
        if level is not None:
            raise ValueError(f"level={level!r} is only for a lesion; {term.label!r} is a root")
        roots = sorted([term.curie, *ix.objects(term.curie, "skg:lateralCounterpart")])
        lesion_steps = {r: () for r in roots}
    elif is_root:
        if level is not None:
            raise ValueError(f"level={level!r} is only for a lesion; {term.label!r} is a root")
        roots = [term.curie]
        lesion_steps[term.curie] = ()
    elif ix.is_a(term.curie, CONDITION):
        if level is None:
            raise ValueError(f"{term.label!r} is a lesion: give level= (e.g. 'L4-L5') and side=")
        lesion = term
        disc = parse_level(kg, level)
        roots, found, flags, reaches = _lesion_roots(kg, lesion, disc, level, side_name)
        for root, steps in found:
            lesion_steps.setdefault(root, steps)
        if side_name is None and not _central(kg, lesion, disc):
            # a one-sided lesion asked without a side: which side is not known
            for r in roots:
                alternatives.setdefault(ix.side(r) or "midline", ())
                alternatives[ix.side(r) or "midline"] += (ix.terms[r],)
            roots = []
    else:
        raise ValueError(f"affected_by takes a nerve root, a nerve, a cord segment or a lesion; "
                         f"{term.label!r} is a {term.kind}")
    return _impact(kg, query, lesion, level, roots, lesion_steps, flags=flags, reaches=reaches,
                   alternatives=alternatives)


def _impact(kg: Any, query: str, lesion: Term | None, level: object, roots: list[str],
            lesion_steps: dict[str, tuple[Step, ...]], **extra: Any) -> Impact:
    """The :class:`Impact` of ``roots``, each explained from the lesion's steps."""
    ix = kg.index
    records = [root_impact(kg, r) for r in roots]
    sides = {rec.side for rec in records}
    side_out: str | None = ("bilateral" if len(sides) > 1 else (sides.pop() or "midline")
                            if sides else None if extra.get("alternatives") else "none")
    regions = [rec.region for rec in records if rec.region is not None]
    order, terms = label_order(kg).__getitem__, ix.terms

    def by_label(curies: Iterable[str]) -> tuple[Term, ...]:
        return tuple(terms[c] for c in sorted(curies, key=order))

    if len(records) == 1:  # one root: its record's lists as they are
        fields = records[0].fields
    else:
        fields = {cat: by_label(dict.fromkeys(t.curie for rec in records
                                              for t in rec.fields[cat]))
                  for cat in Impact._FIELDS}
    more: dict[str, tuple[Step, ...]] = {}
    if lesion is not None and records:  # the lesion's own symptoms that no root gives
        have = frozenset().union(*(rec.symptoms for rec in records))
        # a radicular symptom or a weakness is the compressed roots' to give, as for a root
        more = {sym: steps for sym, steps in condition_symptoms(kg, lesion.curie).items()
                if sym not in have and not roots_own(ix, sym)}
        if more:
            fields = {**fields, "symptoms": by_label([*(t.curie for t in fields["symptoms"]),
                                                      *more])}
    if lesion is None and len(records) == 1:
        all_paths = PathMap(records[0].steps)
    else:
        all_paths = PathMap(*((lesion_steps[r], rec.steps) for r, rec in zip(roots, records)),
                            more)
    return Impact(
        query=query,
        roots=tuple(map(ix.terms.__getitem__, roots)),
        side=side_out,
        region=regions[0] if regions else None,
        paths=all_paths,
        lesion=lesion,
        level=None if level is None else str(ix.value(parse_level(kg, level), "skg:levelName")),
        **fields, **extra,
    )


def _central_zones(kg: Any) -> frozenset[str]:
    """The zones whose compression rules are all unsided (a lesion there reaches both
    sides): read from the rules, not named here."""
    memo = kg._memo.get("central_zones")
    if memo is None:
        ix = kg.index
        sided: dict[str, set[bool]] = {}
        for rule in ix.instances("skg:CompressionRule"):
            for z in ix.objects(rule, "skg:inZone"):
                sided.setdefault(z, set()).add(ix.side(rule) is not None)
        memo = kg._memo["central_zones"] = frozenset(z for z, s in sided.items() if s == {False})
    return memo


def _central(kg: Any, lesion: Term, disc: str) -> bool:
    """Whether the lesion acts in a central zone (one whose rules compress both sides)."""
    return bool(set(lesion_reach(kg, lesion.curie).zones) & _central_zones(kg))


def _lesion_roots(kg: Any, lesion: Term, disc: str, level: object, side_name: str | None
                  ) -> tuple[list[str], list[tuple[str, tuple[Step, ...]]], tuple[str, ...],
                             tuple[Term, ...]]:
    """The roots a lesion at ``disc`` compresses with their steps, its flags and what of
    the cord it reaches. A central lesion also reaches what the disc overlies: below the
    conus, the descending roots of the cauda equina from the compressed level down (both
    sides); where no rule applies (the neck, the conus), the cord there and the roots
    that exit at the level."""
    ix = kg.index
    central = _central(kg, lesion, disc)
    canal = canal_reach(kg, disc) if central else None
    try:
        roots, _, found = _compress(kg, lesion, disc, level, side_name)
    except ValueError:
        if not (canal and canal.reaches):
            raise
        roots, found = [], []
        for s1 in kg._adj.steps_from(disc, "skg:atDisc", inverse=True):
            for s2 in kg._adj.steps_from(s1.subject.curie, "skg:exitsThrough", inverse=True):
                roots.append(s2.subject.curie)
                found.append((s2.subject.curie, (s1, s2)))
    if canal is None:
        return roots, found, (), ()
    if canal.cauda is not None and roots:
        start = min(ix.value(r, "skg:segmentIndex", 0) for r in roots)
        for root, steps in cauda_roots(kg, canal.cauda, start):
            if root not in roots:
                roots.append(root)
                found.append((root, steps))
        roots.sort(key=lambda r: (ix.value(r, "skg:segmentIndex", 0), r))
    return roots, found, canal.flags, tuple(ix.terms[t] for t, _ in canal.reaches)


def _cord_lesion(kg: Any, condition: Term, level: object, side_name: str | None
                 ) -> CordImpact | None:
    """A cord syndrome asked at a segment level ("brown-sequard syndrome", level="T4"):
    the cord impact of the segment (or half) whose compression causes it; None when
    ``level`` is a disc level."""
    ix = kg.index
    causes = ix.subjects(condition.curie, "skg:compressionCausesSyndrome")
    if not causes or not isinstance(level, str) or level in _discs(kg):
        return None
    halves = {s: half_at(kg, level, s) for s in ("left", "right")}
    if not any(halves.values()):
        try:
            parse_level(kg, level)
        except ValueError:
            raise ValueError(f"unknown cord level {level!r}; expected a segment such as 'T4' "
                             "or a disc level such as 'C5-C6'") from None
        return None
    whole = next((w for h in halves.values() if h for w in ix.objects(h, "skg:partOf")), None)
    mine = halves.get(side_name) if side_name else None
    seg = mine if mine in causes else whole if whole in causes else None
    if seg is None:
        if not side_name and any(h in causes for h in halves.values()):
            raise ValueError(f"{condition.label!r} is a lesion of one half of the cord: give "
                             "side='left' or 'right'")
        raise ValueError(f"{condition.label!r} is not caused by compression at {level!r}")
    step = _make_step(kg._adj, condition.curie, "skg:compressionCausesSyndrome", seg, True)
    return cord_impact(kg, ix.terms[seg], f"{condition.label} at {level}", lesion=condition,
                       head=(step,))


def _resolve_lesion(kg: Any, lesion: object, disc: str) -> Term:
    """The condition ``lesion`` names; a name shared by regions ("foraminal stenosis")
    is settled by the region of the disc level."""
    ix = kg.index
    kinds = ("Condition", "SpinalStenosis", "DiscHerniation", "Radiculopathy",
             "ClinicalSyndrome")
    try:
        term = _resolve(kg, lesion, None, kinds)
    except AmbiguousTermError as err:
        level_regions = set(ix.objects(disc, "skg:inRegion"))
        fits = [c for c in err.choices if ix.is_a(c.curie, CONDITION)
                and lesion_reach(kg, c.curie).regions & level_regions]
        if len(fits) != 1:
            raise
        term = fits[0]
    if not ix.is_a(term.curie, CONDITION):
        raise ValueError(f"{term.label!r} is a {term.kind}, not a lesion; expected e.g. "
                         "'foraminal disc herniation' or 'lumbar foraminal stenosis'")
    return term


def compressed_roots(kg: Any, lesion: object, *, level: object, side: object = None
                     ) -> Compression:
    """The roots a lesion at ``level`` on ``side`` compresses, by the sourced rule.

    See :meth:`spinekg.SpineKG.compressed_roots`.
    """
    ix = kg.index
    side_name = parse_side(side)
    disc = parse_level(kg, level)
    term = _resolve_lesion(kg, lesion, disc)
    primary, alternative, found = _compress(kg, term, disc, level, side_name)
    return Compression(
        lesion=term, level=ix.value(disc, "skg:levelName"), side=side_name,
        roots=tuple(ix.terms[r] for r in primary),
        alternatives=tuple(ix.terms[r] for r in alternative),
        paths=tuple(Path(steps) for _, steps in found),
    )


def _compress(kg: Any, term: Term, disc: str, level: object, side_name: str | None
              ) -> tuple[list[str], list[str], list[tuple[str, tuple[Step, ...]]]]:
    """The primary and alternative roots (each in spinal order) a lesion at ``disc``
    compresses, and every ``(root, steps)`` from the lesion through a rule, primary
    readings first."""
    ix = kg.index
    reach = lesion_reach(kg, term.curie)
    disc_regions = ix.objects(disc, "skg:inRegion")
    if reach.regions and not reach.regions.intersection(disc_regions):
        names = ", ".join(ix.terms[r].label for r in sorted(reach.regions))
        raise ValueError(f"{term.label!r} is a {names} lesion but level {level!r} is "
                         f"{', '.join(ix.terms[r].label for r in disc_regions)}")
    zone_steps = reach.zones
    # (rule, steps to it, whether the lesion acts in the rule's zone); an unsided rule of
    # the lesion's own zone (a central one) compresses both sides whatever side is asked
    chosen: list[tuple[Rule, tuple[Step, ...], bool]] = []
    for rule in rules_at(kg, disc):
        if side_name and rule.side not in (side_name, None):
            continue
        if zone_steps:
            for z, back in rule.zones.items():
                if z in zone_steps:  # the first of the rule's zones the lesion acts in
                    chosen.append((rule, zone_steps[z] + (back,), True))
                    break
            continue
        up = reach.region_steps.get(rule.region[0]) if rule.region else None
        chosen.append((rule, () if up is None else up + (rule.region[1],), False))
    if not chosen:
        raise ValueError(f"no compression rule for {term.label!r} at {level!r}"
                         + (f" on the {side_name}" if side_name else "")
                         + "; rules cover the lumbar levels L1-L2 to L5-S1 and the cervical "
                           "levels C2-C3 to C7-T1")
    primary: dict[str, tuple] = {}
    alternative: dict[str, tuple] = {}
    found: list[tuple[tuple, str, tuple[Step, ...]]] = []
    for rule, pre, in_zone in chosen:
        both = in_zone and rule.side is None
        for root, root_side, st, order in rule.roots:
            if side_name and not both and root_side not in (side_name, None):
                continue
            (alternative if order[0] else primary)[root] = order[1:]
            found.append((order, root, pre + (st,)))
    for r in primary:
        alternative.pop(r, None)
    found.sort(key=lambda f: f[0])
    return (sorted(primary, key=primary.__getitem__),
            sorted(alternative, key=alternative.__getitem__),
            [(root, steps) for _, root, steps in found])
