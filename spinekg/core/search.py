"""Explanation paths over a graph, with SPARQL-style predicate patterns.

:func:`paths` works on any ``networkx.MultiDiGraph`` whose edge keys are
predicates (``kg.nx`` or one you build); ``kg.paths`` runs the same engine on
the SpineKG index. Unlike a SPARQL property path, every answer keeps its steps,
their labels and the sources of each edge.

A ``via`` pattern is one of:

* ``None`` — any predicate, forward;
* a string in SPARQL property-path syntax: ``skg:p`` (one step), ``^skg:p``
  (inverse), ``a/b`` (sequence), ``a|b`` (alternatives), ``p*``, ``p+``, ``p?``,
  parentheses, and ``*`` alone for any predicate;
* a list of such strings: any path made of those steps, in any order.

Examples
--------
>>> kg = skg.load()
>>> [p] = skg.paths(kg.nx, "skg:root_L4_left", "skg:Left", via="skg:hasSide")
>>> str(p)
'left L4 nerve root —has side→ left'
>>> found = kg.paths("left L4", "left medial malleolus",
...                  via="skg:hasDermatome/skg:coversArea/skg:partOf*")
>>> found[0].target.curie
'skg:area_medial_malleolus_left'
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Container, Iterable, Sequence
from typing import Any

from .adjacency import Adjacency, IndexAdjacency, NxAdjacency, _make_step
from .path import Path, Step
from .pattern import ANY, Pattern, compile_pattern

__all__ = ["ANY", "DistanceTables", "IndexAdjacency", "NxAdjacency", "Path", "Pattern", "Step",
           "check_predicates", "compile_pattern", "paths", "search"]


def _distances(adj: Adjacency, pattern: Pattern, target: str, max_hops: int
               ) -> dict[frozenset[int], dict[str, int]]:
    """Fewest steps from each node, in each set of pattern states a walk from the
    source can be in, to ``target`` in an accepting set: ``dist[states][node]``.

    A breadth-first search backwards from the target over those sets' moves reversed,
    one layer of equal distance at a time, gathering each layer's neighbours with set
    updates. Pairs farther than ``max_hops`` are left out. The forward search uses it to
    skip branches that cannot reach the target in the hops left, so it returns the same
    paths with less work.
    """
    start = pattern.begin
    accepting, rev = pattern.nfa.macro(start, pattern.accept)
    ends_many = _ends_many(adj)
    dist: dict[frozenset[int], dict[str, int]] = {m: {} for m in rev}
    layer: dict[frozenset[int], set[str]] = {m: {target} for m in accepting}
    d = 0
    while layer:
        fresh: dict[frozenset[int], set[str]] = {}  # pairs first reached at distance d
        for m, nodes in layer.items():
            new = nodes.difference(dist[m])  # looks each node up in the dict
            if new:
                dist[m].update(dict.fromkeys(new, d))
                fresh[m] = new
        if d >= max_hops:
            break
        layer = {}
        for m, nodes in fresh.items():
            for pred, inv, src in rev[m]:
                layer.setdefault(src, set()).update(*ends_many(nodes, pred, inv))
        d += 1
    return dist


def _ends_many(adj: Adjacency) -> Any:
    """``ends_many(nodes, pred, inverse)``: for each node, the nodes one step away (the
    index's own tuples where it can, no pairs made)."""
    ends_many = getattr(adj, "ends_many", None)
    if ends_many is not None:
        return ends_many
    return lambda nodes, pred, inverse: [[o for _, o in adj.step(n, pred, inverse)]
                                         for n in nodes]


def search(adj: Adjacency, source: str, target: str | None, pattern: Pattern, *,
           max_hops: int, limit: int | None, prune: bool = True,
           distances: DistanceTables | None = None) -> list[Path]:
    """The engine behind :func:`paths` (any :class:`Adjacency`).

    ``prune=False`` skips the backward distance search (the same answers, more work;
    tests compare the two). ``distances`` keeps each (pattern, target)'s distance table
    for later searches to the same target (``kg.paths`` passes one per SpineKG)."""
    sides = _Sides(adj, pattern)
    if target is None:
        trails = _shortest_to_each(adj, source, pattern, max_hops, sides)[:limit]
    else:
        guide = _guide(adj, pattern, target, max_hops, prune, distances)
        trails = _simple_paths(adj, source, target, guide, max_hops, limit, sides)
    made = getattr(adj, "steps", {})  # the index adjacency keeps one Step per edge
    return [Path(tuple([made.get(key) or _make_step(adj, *key) for key in trail]))
            for trail in trails]


Trail = tuple[tuple[str, str, str, bool], ...]  # (from, predicate, to, inverse) per step


class _Sides:
    """The side rule: once a path has reached a sided node, it stays on that side unless
    it takes a step of a crossing predicate that the pattern names (``^skg:feltIn`` from
    the left hip to "hip pain" and on to the right hip is refused; ``*`` never crosses)."""

    def __init__(self, adj: Adjacency, pattern: Pattern) -> None:
        side, crosses = getattr(adj, "side", None), getattr(adj, "crosses", None)
        self.side = side if side is not None else (lambda node: None)
        self.crossing = frozenset(p for p in pattern.predicates
                                  if crosses is not None and crosses(p))
        self.memo: dict[str, str | None] = {}

    def of(self, node: str) -> str | None:
        hit = self.memo.get(node, 0)
        if hit == 0:
            hit = self.memo[node] = self.side(node)
        return hit

    def next(self, current: str | None, pred: str, other: str) -> str | None | bool:
        """The path's side after stepping to ``other``, or False if the step may not cross."""
        s = self.of(other)
        if s is None:
            return current
        if current is not None and s != current and pred not in self.crossing:
            return False
        return s


def _shortest_to_each(adj: Adjacency, source: str, pattern: Pattern, max_hops: int,
                      sides: _Sides) -> list[Trail]:
    """Breadth first over (node, pattern states, side): one shortest path per reachable
    node, nearest first, then by label."""
    best: dict[str, Trail] = {}
    begin = sides.of(source)
    seen = {(source, pattern.begin, begin)}
    queue = deque([(source, pattern.begin, begin, ())])
    while queue:
        node, states, side, trail = queue.popleft()
        if len(trail) >= max_hops:
            continue
        for pred, inv, nstates in pattern.nfa.successors(states):
            for p, other in adj.step(node, pred, inv):
                if other == source or any(other == t[2] for t in trail):
                    continue
                nside = sides.next(side, p, other)
                if nside is False:
                    continue
                ntrail = trail + ((node, p, other, inv),)
                if pattern.accept in nstates and other not in best:
                    best[other] = ntrail
                if (other, nstates, nside) not in seen:
                    seen.add((other, nstates, nside))
                    queue.append((other, nstates, nside, ntrail))
    ordered = sorted(best.items(), key=lambda kv: (len(kv[1]), adj.term(kv[0]).label))
    return [t for _, t in ordered]


class _Anywhere(dict):
    """The distance table when there is none: every node may still arrive."""

    def __contains__(self, node: object) -> bool:
        return True

    def __missing__(self, node: str) -> int:
        return -1


_ANYWHERE = _Anywhere()


class _Guide:
    """What the forward search needs at each set of pattern states: the moves out of it,
    each with the distance table of the states it enters (from :func:`_distances`; a
    node missing from it cannot arrive) and whether those accept. Kept with its target's table."""

    __slots__ = ("pattern", "dist", "hops", "size", "plans")

    def __init__(self, pattern: Pattern, dist: dict[frozenset[int], dict[str, int]] | None,
                 hops: int) -> None:
        self.pattern, self.dist, self.hops = pattern, dist, hops
        self.size = 0 if dist is None else sum(map(len, dist.values()))  # (node, states) pairs
        self.plans: dict[frozenset[int], tuple] = {}

    def moves(self, states: frozenset[int]) -> tuple:
        hit = self.plans.get(states)
        if hit is None:
            dist, accept = self.dist, self.pattern.accept
            hit = self.plans[states] = tuple(
                (pred, inv, nstates, _ANYWHERE if dist is None else dist[nstates],
                 accept in nstates)
                for pred, inv, nstates in self.pattern.nfa.successors(states))
        return hit

    def fewest(self, source: str) -> int:
        """No walk from ``source`` (so no simple path) is shorter than this."""
        if self.dist is None:
            return 1
        return max(1, self.dist[self.pattern.begin].get(source, self.hops + 1))


class DistanceTables(dict):
    """Distance tables kept for later searches, by (pattern text, target), within a
    budget of (node, state set) pairs in all: a table that would go over it is used
    once and not kept. A table walked again for more hops replaces its own.

    Examples
    --------
    >>> kg = skg.load()
    >>> tables = DistanceTables()
    >>> found = search(kg._adj, "skg:root_L4_left", "skg:area_lower_limb_left",
    ...                compile_pattern("skg:hasDermatome/skg:coversArea/skg:partOf*"),
    ...                max_hops=4, limit=1, distances=tables)
    >>> len(tables), 0 < tables.pairs <= tables.budget
    (1, True)
    """

    def __init__(self, budget: int = 2_000_000) -> None:
        super().__init__()
        self.budget, self.pairs = budget, 0

    def keep(self, key: tuple[str, str], guide: _Guide) -> None:
        old = self.get(key)
        pairs = self.pairs - (old.size if old is not None else 0) + guide.size
        if pairs <= self.budget:
            self[key] = guide
            self.pairs = pairs


def _guide(adj: Adjacency, pattern: Pattern, target: str, max_hops: int, prune: bool,
           tables: DistanceTables | None) -> _Guide:
    """The :class:`_Guide` to ``target``, kept in ``tables`` by (pattern, target). One
    walked to more hops serves a question with fewer: the forward search only reads
    distances up to the hops it has left."""
    if not prune:
        return _Guide(pattern, None, max_hops)
    key = (pattern.text, target)
    hit = None if tables is None else tables.get(key)
    if hit is None or hit.hops < max_hops:
        hit = _Guide(pattern, _distances(adj, pattern, target, max_hops), max_hops)
        if tables is not None:
            tables.keep(key, hit)
    return hit


def _simple_paths(adj: Adjacency, source: str, target: str, guide: _Guide, max_hops: int,
                  limit: int | None, sides: _Sides) -> list[Trail]:
    """Simple paths from ``source`` to ``target`` that fit the pattern, shortest first:
    every one up to ``max_hops`` (``limit=None``), or the first ``limit`` by iterative
    deepening. The guide's distances skip every branch that cannot arrive in the hops
    left."""
    step, plans, moves = adj.step, guide.plans, guide.moves
    results: list[Trail] = []
    found: set[Trail] = set()  # two pattern states can make the same trail
    trail: list[tuple[str, str, str, bool]] = []
    on_path = {source}

    def dfs(node: str, states: frozenset[int], left: int, exact: bool, side: str | None
            ) -> bool:
        """Extend the trail from ``node`` with at most ``left`` steps (exactly ``left``
        if ``exact``), keeping to ``side``; True once ``limit`` paths are found."""
        for pred, inv, nstates, near, accepts in plans.get(states) or moves(states):
            for p, other in step(node, pred, inv):
                if other not in near or near[other] >= left or other in on_path:
                    continue  # cannot arrive in the steps left, or not a simple path
                nside = sides.next(side, p, other)
                if nside is False:
                    continue  # a step to the other side the pattern does not name
                if other == target:
                    if accepts and (left == 1 or not exact):
                        done = (*trail, (node, p, other, inv))
                        if done not in found:
                            found.add(done)
                            results.append(done)
                            if limit is not None and len(results) >= limit:
                                return True
                    continue
                if left > 1:
                    trail.append((node, p, other, inv))
                    on_path.add(other)
                    stop = dfs(other, nstates, left - 1, exact, nside)
                    trail.pop()
                    on_path.discard(other)
                    if stop:
                        return True
        return False

    begin = guide.pattern.begin
    start = sides.of(source)
    if limit is None:  # every simple path up to max_hops
        dfs(source, begin, max_hops, False, start)
    else:  # iterative deepening: the first `limit` paths are the shortest ones
        for depth in range(guide.fewest(source), max_hops + 1):
            if dfs(source, begin, depth, True, start):
                break
    results.sort(key=len)
    return results[:limit]


def _check_options(max_hops: object, limit: object) -> None:
    if not isinstance(max_hops, int) or isinstance(max_hops, bool) or not 1 <= max_hops <= 12:
        raise ValueError(f"max_hops={max_hops!r}; expected an integer from 1 to 12")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)
                              or limit < 1):
        raise ValueError(f"limit={limit!r}; expected a positive integer or None")


def paths(G: Any, source: str, target: str | None = None, *,
          via: str | Sequence[str] | None = None, max_hops: int = 6,
          limit: int | None = None) -> list[Path]:
    """Explanation paths from ``source`` in a predicate-keyed MultiDiGraph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Nodes are CURIE strings (attribute ``label``), edge keys are predicate
        CURIEs (attribute ``sources``) — e.g. ``kg.nx``.
    source, target : str
        Node ids. With ``target=None``, every node reachable by the pattern is
        returned, each with one shortest path.
    via : str, list of str or None
        Predicate pattern (see the module docstring).
    max_hops : int
        Longest path, 1 to 12 (default 6).
    limit : int, optional
        At most this many paths, shortest first.

    Returns
    -------
    list of Path
        All simple paths matching the pattern, shortest first; ``[]`` when none.

    Raises
    ------
    networkx.NodeNotFound
        ``source`` or ``target`` is not in ``G``.
    ValueError
        A malformed pattern or option, or (when nothing is found) a predicate that keys
        no edge of ``G``.

    Examples
    --------
    >>> kg = skg.load()
    >>> reach = skg.paths(kg.nx, "skg:root_L5_left", via="skg:hasMyotome/skg:includesAction")
    >>> "skg:action_great_toe_extension_left" in {p.target.curie for p in reach}
    True
    >>> skg.paths(kg.nx, "skg:root_L5_left", "skg:Right", via="skg:hasSide")
    []
    """
    import networkx as nx

    if not isinstance(G, nx.MultiDiGraph):
        raise TypeError(f"G must be a networkx.MultiDiGraph with predicate edge keys (such as "
                        f"kg.nx), got {type(G).__name__}: {G!r:.60}")
    _check_options(max_hops, limit)
    pattern = compile_pattern(via)
    for node in (source, target):
        if node is not None and node not in G:
            raise nx.NodeNotFound(f"node {node!r} is not in G; nodes are CURIEs such as "
                                  "'skg:root_L4_left' (kg.term(name).curie gives one; "
                                  "kg.paths takes names)")
    found = search(NxAdjacency(G), source, target, pattern, max_hops=max_hops, limit=limit)
    if not found and pattern.predicates:  # nothing found: was a predicate misspelt?
        keys = {str(k) for _, _, k in G.edges(keys=True)}
        check_predicates(pattern, keys, keys, "is the key of no edge in G")
    return found


def check_predicates(pattern: Pattern, known: Container[str], suggest: Iterable[str],
                     what: str) -> None:
    """A ValueError when ``pattern`` names a predicate not in ``known``: ``what`` says
    why it is missing, and the closest of ``suggest`` are offered."""
    missing = sorted(p for p in pattern.predicates if p not in known)
    if missing:
        close = difflib.get_close_matches(missing[0], sorted(suggest), n=3, cutoff=0.6)
        raise ValueError(f"via {pattern.text!r}: {', '.join(missing)} {what}"
                         + (f"; did you mean {', '.join(close)}?" if close
                            else "; expected predicates such as skg:partOf"))
