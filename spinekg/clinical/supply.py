"""The walks of the peripheral layer: what a root, nerve, entrapment site or plexus part
supplies, as one :class:`Profile` per lesion (kept in ``kg._memo["lesion_profile"]``).

A lesion of a nerve reaches every muscle and skin area of the nerve and of its
branches (``skg:branchOf``, walked down); a lesion at an entrapment site
(``skg:entrapmentSiteOf``) spares the muscles and branches the site spares
(``skg:sparesMuscle``, ``skg:sparesBranch``: they leave above it); a lesion of a plexus
part reaches the nerves below it as far as their fibres come from the part's roots
(``skg:rootSupply``; skin within the roots' dermatomes); a root reaches the muscles it
supplies, its myotome's actions, its dermatome and its reflexes. A reflex goes with
its nerve (``skg:reflexNerve``) unless every muscle it tests (``skg:reflexMuscle``) is
spared.

Examples
--------
>>> kg = skg.load()
>>> prof = profile(kg, "skg:site_spiral_groove_left")
>>> "skg:muscle_triceps_brachii_left" in prof.muscles, prof.spared[:1]
(False, ('skg:muscle_triceps_brachii_left',))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from ..core.adjacency import _make_step
from ..core.path import Step
from .derived import ancestors, breadth_first, root_profile

__all__ = ["Profile", "profile", "rank_of"]

ROOT, NERVE, SITE = "skg:SpinalNerveRoot", "skg:PeripheralNerve", "skg:EntrapmentSite"
PART, PLEXUS = "skg:PlexusPart", "skg:Plexus"

Item = tuple[Step, ...]


class Profile(NamedTuple):
    """What one lesion affects, by category, each item with the steps from the lesion:
    ``muscles``, ``actions``, ``areas``, ``reflexes`` and ``signs`` (cord lesions);
    ``spared`` the muscles of the nerve a lesion at a site leaves alone; ``roots`` the
    lesion's root levels; ``myotome`` the actions it reaches through a root's myotome
    rather than through a muscle it supplies."""

    muscles: dict[str, Item]
    actions: dict[str, Item]
    areas: dict[str, Item]
    reflexes: dict[str, Item]
    signs: dict[str, Item]
    spared: tuple[str, ...]
    roots: tuple[str, ...]
    myotome: frozenset[str] = frozenset()


def rank_of(steps: Iterable[Step]) -> str:
    """``"alternative"`` when a step is the alternative (contributing) reading."""
    return "alternative" if any(s.info.rank == "alternative" for s in steps) else "primary"


def _put(into: dict[str, Item], key: str, steps: Item) -> None:
    """Keep the better explanation of ``key``: a primary one, then the shorter."""
    old = into.get(key)
    if old is None or _better(steps, old):
        into[key] = steps


def _better(new: Item, old: Item) -> bool:
    """A primary explanation beats an alternative one; then the shorter wins."""
    return (rank_of(new) != "primary", len(new)) < (rank_of(old) != "primary", len(old))


def _memo(kg: Any, name: str) -> dict:
    return kg._memo.setdefault(name, {})


# -- walks -------------------------------------------------------------------------------
def _subtree(kg: Any, top: str) -> tuple[tuple[str, Item], ...]:
    """``top`` and every nerve that branches from it (transitively), with the steps down."""
    table = _memo(kg, "nerve_subtree")
    hit = table.get(top)
    if hit is None:
        steps_from = kg._adj.steps_from
        table[top] = hit = tuple(breadth_first(top, lambda cur: steps_from(cur, "skg:branchOf",
                                                                   inverse=True)))
    return hit


def _nerve_roots(kg: Any, nerve: str) -> tuple[str, ...]:
    """A nerve's root levels, or those of the nearest nerve above it that records any."""
    ix = kg.index
    for node, _ in ancestors(kg, nerve, "skg:branchOf"):
        roots = [r for r in ix.subjects(node, "skg:contributesTo") if ix.is_a(r, ROOT)
                 and ix.edge_info(r, "skg:contributesTo", node).rank != "alternative"]
        if roots:
            return tuple(roots)
    return ()


def _supply(kg: Any, nerves: Iterable[tuple[str, Item]], head: Item, *,
            spare_muscles: frozenset[str] = frozenset(), spare_branches: frozenset[str] =
            frozenset(), roots: frozenset[str] | None = None) -> Profile:
    """What the nerves supply (muscles, their actions, skin, reflexes), less what is
    spared; with ``roots``, only what those roots supply through them."""
    ix, steps_from = kg.index, kg._adj.steps_from
    muscles: dict[str, Item] = {}
    areas: dict[str, Item] = {}
    cut: set[str] = set()
    kept = []
    for n, down in nerves:
        if n in spare_branches or any(st.subject.curie in cut for st in down):
            cut.add(n)
            continue
        kept.append((n, down))
        if roots is not None and not roots.intersection(_nerve_roots(kg, n)):
            continue
        for st in steps_from(n, "skg:cutaneousTerritory"):
            if roots is None or _in_dermatomes(kg, st.object.curie, roots):
                _put(areas, st.object.curie, head + down + (st,))
    for n, down in kept:
        for st in steps_from(n, "skg:innervatedBy", inverse=True):
            m = st.subject.curie
            if m in spare_muscles:
                continue
            steps = head + down + (st,)
            if roots is not None:
                supply = [s for s in steps_from(m, "skg:rootSupply") if s.object.curie in roots]
                if not supply:
                    continue
                if all(s.info.rank == "alternative" for s in supply):
                    steps = steps + (supply[0],)
            _put(muscles, m, steps)
    actions: dict[str, Item] = {}
    for m, steps in muscles.items():
        for st in steps_from(m, "skg:testedBy"):
            _put(actions, st.object.curie, steps + (st,))
    reflexes: dict[str, Item] = {}
    for n, down in kept:
        for st in steps_from(n, "skg:reflexNerve", inverse=True):
            tested = ix.objects(st.subject.curie, "skg:reflexMuscle")
            if not tested or any(m in muscles for m in tested):
                _put(reflexes, st.subject.curie, head + down + (st,))
    return Profile(muscles, actions, areas, reflexes, {}, (), ())


def _in_dermatomes(kg: Any, area: str, roots: frozenset[str]) -> bool:
    """Whether ``area`` overlaps (contains, or lies in) a dermatome area of ``roots``: the
    skin a plexus part's fibres reach within a nerve's territory."""
    key = (area, roots)
    table = _memo(kg, "plexus_skin")
    hit = table.get(key)
    if hit is None:
        derm = {a for r in roots for a in root_profile(kg, r)["areas"]}
        up = {u for a in derm for u, _ in ancestors(kg, a, "skg:partOf")}
        hit = table[key] = area in up or any(u in derm for u, _ in
                                             ancestors(kg, area, "skg:partOf"))
    return hit


def _root_lesion(kg: Any, root: str) -> Profile:
    prof = root_profile(kg, root)
    steps_from = kg._adj.steps_from
    muscles = {st.subject.curie: (st,) for st in steps_from(root, "skg:rootSupply", inverse=True)}
    actions: dict[str, Item] = {}
    for a, (_, _, steps) in prof["actions"].items():
        _put(actions, a, steps)
    for m, steps in muscles.items():
        for st in steps_from(m, "skg:testedBy"):
            _put(actions, st.object.curie, steps + (st,))
    return Profile(muscles, actions, {a: v[2] for a, v in prof["areas"].items()},
                   {r: v[2] for r, v in prof["reflexes"].items()}, {}, (), (root,),
                   frozenset(prof["actions"]))


def _upstream_roots(kg: Any, part: str) -> tuple[str, ...]:
    """The roots whose fibres run into a plexus part (through trunks and divisions)."""
    ix = kg.index
    seen, stack, roots = {part}, [part], []
    while stack:
        cur = stack.pop()
        for nxt in (*ix.subjects(cur, "skg:contributesTo"), *ix.objects(cur, "skg:branchOf")):
            if nxt in seen:
                continue
            seen.add(nxt)
            if ix.is_a(nxt, ROOT):
                roots.append(nxt)
            elif ix.is_a(nxt, PART) or ix.is_a(nxt, PLEXUS):
                stack.append(nxt)
    return tuple(sorted(roots, key=lambda r: ix.value(r, "skg:segmentIndex", 0)))


def _downstream(kg: Any, part: str) -> list[tuple[str, Item]]:
    """Every plexus part and nerve below ``part``, with the steps down to it."""
    ix, steps_from = kg.index, kg._adj.steps_from

    def below(cur: str) -> list[Step]:
        found = [*steps_from(cur, "skg:branchOf", inverse=True)]
        if not ix.is_a(cur, NERVE):
            found += [st for st in steps_from(cur, "skg:contributesTo")
                      if ix.is_a(st.object.curie, PART) or ix.is_a(st.object.curie, PLEXUS)]
            found += steps_from(cur, "skg:partOf", inverse=True)
        return found

    return breadth_first(part, below)


def profile(kg: Any, lesion: str) -> Profile:
    """What a root, nerve, entrapment site or plexus part (a CURIE) affects.

    Examples
    --------
    >>> kg = skg.load()
    >>> prof = profile(kg, "skg:nerve_common_fibular_left")
    >>> "skg:muscle_tibialis_anterior_left" in prof.muscles
    True
    >>> "skg:muscle_biceps_femoris_short_head_left" in prof.muscles
    False
    """
    table = _memo(kg, "lesion_profile")
    hit = table.get(lesion)
    if hit is not None:
        return hit
    ix = kg.index
    if ix.is_a(lesion, ROOT):
        hit = _root_lesion(kg, lesion)
    elif ix.is_a(lesion, SITE):
        nerve = ix.objects(lesion, "skg:entrapmentSiteOf")[0]
        head = (_make_step(kg._adj, lesion, "skg:entrapmentSiteOf", nerve, False),)
        spare_m = frozenset(ix.objects(lesion, "skg:sparesMuscle"))
        spare_b = frozenset(ix.objects(lesion, "skg:sparesBranch"))
        whole = profile(kg, nerve)
        got = _supply(kg, _subtree(kg, nerve), head, spare_muscles=spare_m,
                      spare_branches=spare_b)
        hit = got._replace(spared=tuple(m for m in whole.muscles if m not in got.muscles),
                           roots=whole.roots)
    elif ix.is_a(lesion, NERVE):
        hit = _supply(kg, _subtree(kg, lesion), ())._replace(roots=_nerve_roots(kg, lesion))
    elif ix.is_a(lesion, PART) or ix.is_a(lesion, PLEXUS):
        roots = _upstream_roots(kg, lesion)
        hit = _supply(kg, _downstream(kg, lesion), (), roots=frozenset(roots))._replace(
            roots=roots)
    else:
        raise ValueError(f"{ix.terms[lesion].label!r} is a {ix.terms[lesion].kind}; expected a "
                         "root, a peripheral nerve, an entrapment site or a plexus part")
    table[lesion] = hit
    return hit
