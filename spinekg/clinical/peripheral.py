"""The peripheral nerve layer's questions: a muscle's innervation, and what a nerve, an
entrapment site or a plexus part supplies.

Everything is read from the graph (``skg:innervatedBy``, ``skg:rootSupply``,
``skg:branchOf``, ``skg:contributesTo``, ``skg:cutaneousTerritory``,
``skg:entrapmentSiteOf``, ``skg:sparesMuscle``, ``skg:sparesBranch``,
``skg:reflexNerve``, ``skg:reflexMuscle``): a lesion of a nerve reaches every muscle
and skin area of the nerve and of its branches; a lesion at an entrapment site spares
what branches above it (the muscles and branches the site spares); a lesion of a plexus
part reaches the nerves below it, as far as their fibres come from the part's roots.

The walks (:mod:`~spinekg.clinical.supply`) are kept per SpineKG in ``kg._memo``
(tables ``LAYER_TABLES``): a lesion's profile (``"lesion_profile"``), a muscle's record
(``"innervation"``), the branches of a nerve (``"nerve_subtree"``), a root's way into a
plexus part (``"plexus_route"``).

Examples
--------
>>> kg = skg.load()
>>> [t.label for t in innervation(kg, "EHL", side="right").roots]
['right L5 nerve root']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.adjacency import _make_step
from ..core.path import Path, Step
from ..core.resolve import _check_text, parse_side
from ..core.search import compile_pattern, search
from ..core.terms import Term
from .derived import ancestors, label_order
from .results_layers import Innervation, NerveImpact
from .supply import NERVE, SITE, _memo, profile

__all__ = ["LAYER_TABLES", "LESION_KINDS", "innervation", "nerve_impact", "resolve_lesion"]

Item = tuple[Step, ...]
#: The kinds of thing a peripheral or root lesion can be, as the resolver names them.
LESION_KINDS = ("SpinalNerveRoot", "PeripheralNerve", "NerveBranch", "EntrapmentSite", "PlexusPart",
                "PlexusTrunk", "PlexusDivision", "PlexusCord", "Plexus")
#: The derived tables of this layer (and of :mod:`~spinekg.clinical.cord`), keyed by node.
LAYER_TABLES = ("lesion_profile", "lesion_profile_tests", "innervation", "nerve_subtree",
                "plexus_route", "plexus_skin", "cord_profile", "lesion_digest",
                "muscle_why", "lesion_names")

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
