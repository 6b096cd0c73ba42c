"""The findings that tell two candidate lesions apart (root, nerve, entrapment site,
plexus part or cord segment, or a group of roots).

Each lesion's :class:`~spinekg.clinical.peripheral.Profile` (what it weakens, numbs,
reduces) is read from the graph; a finding tells them apart when one lesion reaches it
and the other does not:

- an **action**, through a muscle only one of them supplies (ankle inversion through
  tibialis posterior: the L5 root reaches it, the common fibular nerve does not). The
  muscles of the same action the other lesion does weaken are listed with it (``also``),
  so a partial finding says so; an action the other lesion reaches through its
  myotome tells nothing and is left out;
- an **area** of skin only one of them supplies (areas that contain one another count
  as the same skin);
- a **reflex** or a **sign** (an upper motor neuron sign of the cord) only one gives.

Nothing here lists which findings separate which lesions: the answer is the
difference of the two profiles, and every item carries the path that makes it so.

Examples
--------
>>> kg = skg.load()
>>> d = discriminate(kg, "left L5", "left common fibular nerve")
>>> sorted({f.finding.label for f in d.for_a} & {"left foot inversion", "left hip abduction"})
['left foot inversion', 'left hip abduction']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.path import Path
from ..core.terms import Term
from .cord import CORD_KINDS, cord_profile
from .derived import ancestors, label_order
from .peripheral import LESION_KINDS, resolve_lesion
from .results_layers import Discrimination, Discriminator
from .supply import Profile, _put, profile, rank_of

__all__ = ["discriminate", "lesion_profile"]

_CATEGORIES = ("action", "reflex", "area", "sign")


def lesion_profile(kg: Any, curie: str) -> Profile:
    """The :class:`~spinekg.clinical.peripheral.Profile` of any lesion the layers know:
    a root, nerve, entrapment site, plexus part or cord segment (or half).

    Examples
    --------
    >>> kg = skg.load()
    >>> "skg:sign_hoffmann" in lesion_profile(kg, "skg:cord_C6").signs
    True
    """
    ix = kg.index
    if ix.is_a(curie, "skg:SpinalCordSegment"):
        return cord_profile(kg, curie)
    return profile(kg, curie)


def _union(profiles: Sequence[Profile]) -> Profile:
    if len(profiles) == 1:
        return profiles[0]
    parts: list[dict] = [{} for _ in range(5)]
    for prof in profiles:
        for into, items in zip(parts, prof[:5]):
            for c, steps in items.items():
                _put(into, c, steps)
    return Profile(*parts, (), tuple(r for p in profiles for r in p.roots),
                   frozenset().union(*(p.myotome for p in profiles)))


def _resolve(kg: Any, what: object, side: object) -> tuple[Term, list[Term]]:
    """The lesion (a Term) and its parts: one term, or each root of a group."""
    if isinstance(what, (list, tuple)) and what:
        parts = [_resolve(kg, w, side)[0] for w in what]
        if len(parts) == 1:
            return parts[0], parts
        # a group of lesions (roots C5 and C6) as one candidate, named by its members
        return Term("", "+".join(t.curie for t in parts), " + ".join(t.label for t in parts),
                    "LesionGroup"), parts
    if isinstance(what, (list, tuple)):
        raise ValueError(f"empty lesion {what!r}; expected a name or a list of roots")
    term = resolve_lesion(kg, what, side, (*LESION_KINDS, *CORD_KINDS))
    return term, [term]


def _area_hits(kg: Any, areas: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The areas and everything they are part of (``up``)."""
    up = {a for area in areas for a, _ in ancestors(kg, area, "skg:partOf")}
    return set(areas), up


def _overlaps(kg: Any, area: str, other: tuple[set[str], set[str]]) -> bool:
    mine = {a for a, _ in ancestors(kg, area, "skg:partOf")}
    return area in other[1] or bool(mine & other[0])


def _why(kg: Any, muscle: str) -> str:
    ix = kg.index
    nerves = ", ".join(ix.terms[n].label for n in ix.objects(muscle, "skg:innervatedBy"))
    roots = ", ".join(str(ix.value(r, "skg:levelName")) for r in ix.objects(muscle, "skg:rootSupply")
                      if ix.edge_info(muscle, "skg:rootSupply", r).rank != "alternative")
    return f"{ix.terms[muscle].label}: {nerves}" + (f", {roots}" if roots else "")


def _one_way(kg: Any, pa: Profile, pb: Profile, to: Term) -> list[Discriminator]:
    """The findings ``pa`` reaches that ``pb`` does not: each points to ``to``."""
    ix, adj, terms = kg.index, kg._adj, kg.index.terms
    order = label_order(kg)
    out: list[Discriminator] = []
    for action, steps in pa.actions.items():
        tested = ix.subjects(action, "skg:testedBy")
        only = sorted((m for m in tested if m in pa.muscles and m not in pb.muscles),
                      key=lambda m: (rank_of(pa.muscles[m]) != "primary", order[m]))
        also = tuple(terms[m] for m in sorted(tested, key=order.__getitem__) if m in pb.muscles)
        if action in pb.actions and (not only or action in pb.myotome):
            continue  # the other lesion reaches it too: through its myotome, or every muscle
        if only:
            first = pa.muscles[only[0]]
            st = next(s for s in adj.steps_from(only[0], "skg:testedBy")
                      if s.object.curie == action)
            path, why = first + (st,), "; ".join(_why(kg, m) for m in only[:1])
        else:
            path, why = steps, ""
        out.append(Discriminator(terms[action], "action", to, Path(path),
                                 muscles=tuple(terms[m] for m in only), also=also,
                                 rank=rank_of(path), why=why))
    other_areas = _area_hits(kg, pb.areas)
    for area, steps in pa.areas.items():
        if not _overlaps(kg, area, other_areas):
            out.append(Discriminator(terms[area], "area", to, Path(steps), rank=rank_of(steps)))
    for cat, mine, theirs in (("reflex", pa.reflexes, pb.reflexes),
                              ("sign", pa.signs, pb.signs)):
        for c, steps in mine.items():
            if c not in theirs:
                out.append(Discriminator(terms[c], cat, to, Path(steps), rank=rank_of(steps)))
    return out


def discriminate(kg: Any, a: object, b: object, *, side: object = None) -> Discrimination:
    """The findings that tell lesion ``a`` from lesion ``b``.

    See :meth:`spinekg.SpineKG.discriminate`.
    """
    ta, parts_a = _resolve(kg, a, side)
    tb, parts_b = _resolve(kg, b, side)
    if {t.curie for t in parts_a} == {t.curie for t in parts_b} or ta == tb:
        raise ValueError(f"{ta.label!r} and {tb.label!r} are the same lesion; expected two "
                         "different ones")
    pa = _union([lesion_profile(kg, t.curie) for t in parts_a])
    pb = _union([lesion_profile(kg, t.curie) for t in parts_b])
    order = label_order(kg)
    found = _one_way(kg, pa, pb, ta) + _one_way(kg, pb, pa, tb)
    found.sort(key=lambda f: (f.points_to != ta, not f.clean, f.rank != "primary",
                              _CATEGORIES.index(f.category), order[f.finding.curie]))
    both = [c for c in (*pa.actions, *pa.reflexes) if c in pb.actions or c in pb.reflexes]
    ix = kg.index
    sides = {ix.side(t.curie) for t in (*parts_a, *parts_b)} - {None}
    return Discrimination(
        a=ta, b=tb, side=sides.pop() if len(sides) == 1 else None, findings=tuple(found),
        shared=tuple(ix.terms[c] for c in sorted(set(both), key=order.__getitem__)))
