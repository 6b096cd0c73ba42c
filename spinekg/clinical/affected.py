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

from ..core.path import Path, Step
from ..core.resolve import _check_text, parse_side
from ..core.terms import Term
from ..errors import AmbiguousTermError
from .derived import label_order, root_impact, roots_own
from .lesions import Rule, condition_symptoms, lesion_reach, rules_at
from .results import Compression, Impact, PathMap

__all__ = ["affected_by", "compressed_roots", "parse_level"]

_LEVEL = re.compile(r"^(c|t|l|s)(\d{1,2})\s*[-/ ]?\s*(c|t|l|s)?(\d{1,2})$")
ROOT, CONDITION = "skg:SpinalNerveRoot", "skg:Condition"


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


def affected_by(kg: Any, what: object, *, level: object = None, side: object = None) -> Impact:
    """What a compressed root — or a lesion at a level and side — affects.

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
        term = _resolve(kg, what, side_name, ("SpinalNerveRoot", "Condition", "SpinalStenosis",
                                              "DiscHerniation", "Radiculopathy",
                                              "ClinicalSyndrome"))
    except AmbiguousTermError:
        if level is None:
            raise
        term = _resolve_lesion(kg, what, parse_level(kg, level))
    lesion_steps: dict[str, tuple[Step, ...]] = {}
    lesion: Term | None = None
    is_root = ix.is_a(term.curie, ROOT)
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
        roots, _, found = _compress(kg, lesion, parse_level(kg, level), level, side_name)
        for root, steps in found:
            lesion_steps.setdefault(root, steps)
    else:
        raise ValueError(f"affected_by takes a nerve root or a lesion; {term.label!r} is a "
                         f"{term.kind}")
    records = [root_impact(kg, r) for r in roots]
    sides = {rec.side for rec in records}
    side_out = "bilateral" if len(sides) > 1 else (sides.pop() or "midline") if sides else "none"
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
    extra: dict[str, tuple[Step, ...]] = {}
    if lesion is not None:  # the lesion's own symptoms that no root gives
        have = frozenset().union(*(rec.symptoms for rec in records))
        # a radicular symptom or a weakness is the compressed roots' to give, as for a root
        extra = {sym: steps for sym, steps in condition_symptoms(kg, lesion.curie).items()
                 if sym not in have and not roots_own(ix, sym)}
        if extra:
            fields = {**fields, "symptoms": by_label([*(t.curie for t in fields["symptoms"]),
                                                      *extra])}
    if lesion is None and len(records) == 1:
        all_paths = PathMap(records[0].steps)
    else:
        all_paths = PathMap(*((lesion_steps[r], rec.steps) for r, rec in zip(roots, records)),
                            extra)
    return Impact(
        query=what.label if isinstance(what, Term) else str(what),
        roots=tuple(map(ix.terms.__getitem__, roots)),
        side=side_out,
        region=regions[0] if regions else None,
        paths=all_paths,
        lesion=lesion,
        level=None if level is None else str(ix.value(parse_level(kg, level), "skg:levelName")),
        **fields,
    )


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
