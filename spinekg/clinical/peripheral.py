"""The peripheral nerve layer's questions: a muscle's innervation, and what a nerve, an
entrapment site or a plexus part supplies.

Everything is read from the graph (``skg:innervatedBy``, ``skg:rootSupply``,
``skg:branchOf``, ``skg:contributesTo``, ``skg:cutaneousTerritory``,
``skg:entrapmentSiteOf``, ``skg:sparesMuscle``, ``skg:sparesBranch``,
``skg:reflexNerve``, ``skg:reflexMuscle``): a lesion of a nerve reaches every muscle
and skin area of the nerve and of its branches; a lesion at an entrapment site spares
what branches above it (the muscles and branches the site spares); a lesion of a plexus
part reaches the nerves below it, as far as their fibres come from the part's roots.

The walks are kept per SpineKG in ``kg._memo`` (tables ``LAYER_TABLES``): a lesion's
:class:`Profile` (``"lesion_profile"``), a muscle's record (``"innervation"``), the
branches of a nerve (``"nerve_subtree"``).

Examples
--------
>>> kg = skg.load()
>>> prof = profile(kg, "skg:site_spiral_groove_left")
>>> "skg:muscle_triceps_brachii_left" in prof.muscles, prof.spared[:1]
(False, ('skg:muscle_triceps_brachii_left',))
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any, NamedTuple

from ..core.adjacency import _make_step
from ..core.path import Path, Step
from ..core.resolve import _check_text, parse_side
from ..core.search import compile_pattern, search
from ..core.terms import Term
from .derived import ancestors, label_order, root_profile
from .results_layers import Innervation, NerveImpact

__all__ = ["LAYER_TABLES", "LESION_KINDS", "Profile", "innervation", "nerve_impact", "profile",
           "resolve_lesion"]

ROOT, NERVE, SITE = "skg:SpinalNerveRoot", "skg:PeripheralNerve", "skg:EntrapmentSite"
PART, PLEXUS, MUSCLE = "skg:PlexusPart", "skg:Plexus", "skg:Muscle"
#: The kinds of thing a peripheral or root lesion can be, as the resolver names them.
LESION_KINDS = ("SpinalNerveRoot", "PeripheralNerve", "NerveBranch", "EntrapmentSite", "PlexusPart",
                "PlexusTrunk", "PlexusDivision", "PlexusCord", "Plexus")
#: The derived tables of this layer (and of :mod:`~spinekg.clinical.cord`), keyed by node.
LAYER_TABLES = ("lesion_profile", "innervation", "nerve_subtree", "plexus_route", "cord_profile")

Item = tuple[Step, ...]


class Profile(NamedTuple):
    """What one lesion affects, by category, each item with the steps from the lesion:
    ``muscles``, ``actions``, ``areas``, ``reflexes`` and ``signs`` (cord lesions);
    ``spared`` the muscles of the nerve a lesion at a site leaves alone; ``roots`` the
    lesion's root levels."""

    muscles: dict[str, Item]
    actions: dict[str, Item]
    areas: dict[str, Item]
    reflexes: dict[str, Item]
    signs: dict[str, Item]
    spared: tuple[str, ...]
    roots: tuple[str, ...]


def rank_of(steps: Iterable[Step]) -> str:
    """``"alternative"`` when a step is the alternative (contributing) reading."""
    return "alternative" if any(s.info.rank == "alternative" for s in steps) else "primary"


def _put(into: dict[str, Item], key: str, steps: Item) -> None:
    """Keep the better explanation of ``key``: a primary one, then the shorter."""
    old = into.get(key)
    if old is None or (rank_of(old), len(old)) > (rank_of(steps), len(steps)):
        into[key] = steps


def _memo(kg: Any, name: str) -> dict:
    return kg._memo.setdefault(name, {})


# -- resolution --------------------------------------------------------------------------
def resolve_lesion(kg: Any, what: object, side: object = None,
                   kinds: tuple[str, ...] = LESION_KINDS) -> Term:
    """The root, nerve, site or plexus part ``what`` names; ``"X at the Y"`` names the
    entrapment site Y of nerve X ("common fibular nerve at the fibular head").

    Raises
    ------
    UnknownTermError
        Nothing matches (the message suggests the nearest names), or ``what`` names
        something else (a muscle): the message says what it got and what it expected.
    ValueError
        The site is not on that nerve, or the side conflicts with ``side=``.

    Examples
    --------
    >>> kg = skg.load()
    >>> resolve_lesion(kg, "median nerve at the carpal tunnel", "left").curie
    'skg:site_carpal_tunnel_left'
    """
    if isinstance(what, Term):
        return kg.resolver.term(what, side=side)
    text = _check_text(what)
    nerve_text, at, site_text = text.partition(" at the ")
    if not at:
        nerve_text, at, site_text = text.partition(" at ")
    if at and nerve_text.strip() and site_text.strip():
        nerve = kg.resolver.term(nerve_text, side=side, kinds=("PeripheralNerve",))
        site = kg.resolver.term(site_text, side=side or kg.index.side(nerve.curie),
                                kinds=("EntrapmentSite",))
        ix = kg.index
        if nerve.curie not in ix.objects(site.curie, "skg:entrapmentSiteOf"):
            sites = ", ".join(ix.terms[s].label for s in ix.subjects(nerve.curie,
                                                                      "skg:entrapmentSiteOf"))
            raise ValueError(f"{site.label!r} is not an entrapment site of {nerve.label!r}; "
                             f"its sites are: {sites or 'none recorded'}")
        return site
    return kg.resolver.term(text, side=side, kinds=kinds)


# -- walks -------------------------------------------------------------------------------
def _subtree(kg: Any, top: str) -> tuple[tuple[str, Item], ...]:
    """``top`` and every nerve that branches from it (transitively), with the steps down."""
    table = _memo(kg, "nerve_subtree")
    hit = table.get(top)
    if hit is None:
        steps_from = kg._adj.steps_from
        out: list[tuple[str, Item]] = [(top, ())]
        seen, queue = {top}, deque(out)
        while queue:
            cur, steps = queue.popleft()
            for st in steps_from(cur, "skg:branchOf", inverse=True):
                sub = st.subject.curie
                if sub not in seen:
                    seen.add(sub)
                    item = (sub, steps + (st,))
                    out.append(item)
                    queue.append(item)
        table[top] = hit = tuple(out)
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
                   {r: v[2] for r, v in prof["reflexes"].items()}, {}, (), (root,))


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
    out: list[tuple[str, Item]] = [(part, ())]
    seen, queue = {part}, deque(out)
    while queue:
        cur, steps = queue.popleft()
        below = [*steps_from(cur, "skg:branchOf", inverse=True)]
        if not ix.is_a(cur, NERVE):
            below += [st for st in steps_from(cur, "skg:contributesTo")
                      if ix.is_a(st.object.curie, PART) or ix.is_a(st.object.curie, PLEXUS)]
            below += steps_from(cur, "skg:partOf", inverse=True)
        for st in below:
            nxt = st.target.curie
            if nxt not in seen:
                seen.add(nxt)
                item = (nxt, steps + (st,))
                out.append(item)
                queue.append(item)
    return out


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


# -- the questions -------------------------------------------------------------------------
def _sorted_terms(kg: Any, curies: Iterable[str]) -> tuple[Term, ...]:
    order, terms = label_order(kg).__getitem__, kg.index.terms
    return tuple(terms[c] for c in sorted(set(curies), key=order))


def nerve_impact(kg: Any, lesion: Term, query: str) -> NerveImpact:
    """What a nerve, entrapment site or plexus part affects, as a :class:`NerveImpact`.

    Examples
    --------
    >>> kg = skg.load()
    >>> imp = nerve_impact(kg, kg.term("left lateral femoral cutaneous nerve"), "LFCN")
    >>> imp.muscles, imp.note
    ((), 'left lateral femoral cutaneous nerve supplies no muscle: it is a sensory nerve')
    """
    ix = kg.index
    prof = profile(kg, lesion.curie)
    site = lesion if ix.is_a(lesion.curie, SITE) else None
    nerve = ix.terms[ix.objects(lesion.curie, "skg:entrapmentSiteOf")[0]] if site else (
        lesion if ix.is_a(lesion.curie, NERVE) else None)
    paths = {c: Path(steps) for d in (prof.muscles, prof.actions, prof.areas, prof.reflexes)
             for c, steps in d.items() if steps}
    note = None
    if not prof.muscles:
        note = (f"{lesion.label} supplies no muscle: it is a sensory nerve" if nerve is not None
                and not profile(kg, nerve.curie).muscles else
                f"a lesion of {lesion.label} reaches no muscle the graph records")
    return NerveImpact(
        query=query, lesion=lesion, nerve=nerve, site=site, side=ix.side(lesion.curie),
        roots=tuple(ix.terms[r] for r in prof.roots),
        muscles=_sorted_terms(kg, prof.muscles), muscle_actions=_sorted_terms(kg, prof.actions),
        cutaneous_areas=_sorted_terms(kg, prof.areas), reflexes=_sorted_terms(kg, prof.reflexes),
        spared=_sorted_terms(kg, prof.spared), paths=paths, note=note)


def _route(kg: Any, root: str, top: str) -> Item | None:
    """The shortest steps from a root into the plexus part ``top`` (through trunks and
    divisions), memoised; None when the root does not reach it."""
    table = _memo(kg, "plexus_route")
    key = (root, top)
    if key not in table:
        pattern = compile_pattern("(skg:contributesTo|^skg:branchOf)+")
        found = search(kg._adj, root, top, pattern, max_hops=4, limit=1)
        table[key] = found[0].steps if found else None
    return table[key]


def _record(kg: Any, muscle: str) -> Innervation:
    table = _memo(kg, "innervation")
    hit = table.get(muscle)
    if hit is not None:
        return hit
    ix, adj = kg.index, kg._adj
    chain: list[str] = []
    downs: list[list[tuple[str, Item]]] = []  # per nerve: (chain node, steps down to muscle)
    for st in adj.steps_from(muscle, "skg:innervatedBy"):
        last = _make_step(adj, st.object.curie, "skg:innervatedBy", muscle, True)
        mine = []
        for node, up in ancestors(kg, st.object.curie, "skg:branchOf"):
            chain.append(node)
            down = tuple(_make_step(adj, s.object.curie, "skg:branchOf", s.subject.curie, True)
                         for s in reversed(up))
            mine.append((node, down + (last,)))
        downs.append(mine)
    chain = list(dict.fromkeys(chain))
    supply = adj.steps_from(muscle, "skg:rootSupply")
    paths = []
    for s in sorted(supply, key=lambda s: (s.info.rank == "alternative",
                                           ix.value(s.object.curie, "skg:segmentIndex", 0))):
        root = s.object.curie
        best = next((route + down for mine in downs for node, down in reversed(mine)
                     if (route := _route(kg, root, node)) is not None), None)
        paths.append(Path(best) if best else Path((_make_step(adj, root, "skg:rootSupply",
                                                              muscle, True),)))
    terms = ix.terms
    table[muscle] = hit = Innervation(
        muscle=terms[muscle], nerves=tuple(terms[c] for c in chain),
        roots=tuple(terms[s.object.curie] for s in supply if s.info.rank != "alternative"),
        alternatives=tuple(terms[s.object.curie] for s in supply if s.info.rank == "alternative"),
        actions=_sorted_terms(kg, ix.objects(muscle, "skg:testedBy")), paths=tuple(paths))
    return hit


def innervation(kg: Any, muscle: object, *, side: object = None) -> Innervation:
    """The nerve chain, roots and paths of one muscle.

    See :meth:`spinekg.SpineKG.innervation`.
    """
    parse_side(side)
    term = kg.resolver.term(muscle, side=side, kinds=("Muscle",))
    return _record(kg, term.curie)
