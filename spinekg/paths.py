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
import re
from collections import deque
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Any, Protocol

from .tables import Tabular
from .terms import EdgeInfo, Term, curie, words

__all__ = ["paths", "Step", "Path", "compile_pattern"]


# --- results ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Step:
    """One edge of a path, walked forward or (``inverse=True``) backward.

    ``subject --predicate--> object`` is always the edge as stated in the graph;
    ``source``/``target`` are where the walk came from and went to.
    """

    subject: Term
    predicate: str
    object: Term
    inverse: bool = False
    info: EdgeInfo = field(default_factory=EdgeInfo)

    @property
    def source(self) -> Term:
        return self.object if self.inverse else self.subject

    @property
    def target(self) -> Term:
        return self.subject if self.inverse else self.object

    @property
    def sources(self) -> tuple[str, ...]:
        return self.info.sources


@dataclass(frozen=True, slots=True)
class Path(Tabular):
    """A chain of :class:`Step` objects: the explanation of one answer.

    Examples
    --------
    >>> kg = skg.load()
    >>> p = kg.paths("left L4", "skg:Left", via="skg:hasSide")[0]
    >>> len(p), p.source.label, p.target.label
    (1, 'left L4 nerve root', 'left')
    """

    steps: tuple[Step, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self):
        return iter(self.steps)

    @property
    def source(self) -> Term:
        return self.steps[0].source

    @property
    def target(self) -> Term:
        return self.steps[-1].target

    @property
    def nodes(self) -> tuple[Term, ...]:
        return (self.source, *(s.target for s in self.steps))

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source cited along the path, in order, without repeats."""
        return tuple(dict.fromkeys(src for s in self.steps for src in s.info.sources))

    def __str__(self) -> str:
        out = [self.source.label]
        for s in self.steps:
            arrow = f" ←{words(s.predicate)}— " if s.inverse else \
                f" —{words(s.predicate)}→ "
            out.append(arrow + s.target.label)
        return "".join(out)

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"from": s.source.label, "predicate": s.predicate, "inverse": s.inverse,
                 "to": s.target.label, "from_curie": s.source.curie, "to_curie": s.target.curie,
                 "rank": s.info.rank, "frequency": s.info.frequency,
                 "sources": "; ".join(s.info.sources)} for s in self.steps]


# --- patterns ---------------------------------------------------------------------------
_TOKEN = re.compile(r"\s*(<[^>]*>|[()|/^*+?]|[^\s()|/^*+?<>]+)")
ANY = "*"


class _NFA:
    def __init__(self) -> None:
        self.n = 0
        self.eps: dict[int, list[int]] = {}
        self.moves: dict[int, list[tuple[str, bool, int]]] = {}

    def state(self) -> int:
        self.n += 1
        return self.n - 1

    def successors(self, states: frozenset[int]) -> tuple[tuple[str, bool, frozenset[int]], ...]:
        """``(predicate, inverse, next states)`` for every move out of ``states`` (cached)."""
        cache = self.__dict__.setdefault("_succ", {})
        hit = cache.get(states)
        if hit is None:
            hit = tuple((pred, inv, self.closure([nxt])) for state in sorted(states)
                        for pred, inv, nxt in self.moves.get(state, ()))
            cache[states] = hit
        return hit

    def macro(self, start: frozenset[int], accept: int
              ) -> tuple[list[frozenset[int]], dict[frozenset[int], list[tuple[str, bool,
                                                                              frozenset[int]]]]]:
        """The state sets a walk from ``start`` can be in (those :meth:`successors`
        yields), which of them accept, and for each one the moves into it reversed, as
        ``(predicate, inverse to walk back, from-set)`` (cached)."""
        cache = self.__dict__.setdefault("_macro", {})
        hit = cache.get((start, accept))
        if hit is None:
            rev: dict[frozenset[int], list[tuple[str, bool, frozenset[int]]]] = {start: []}
            queue = [start]
            while queue:
                src = queue.pop()
                for pred, inv, dst in self.successors(src):
                    if dst not in rev:
                        rev[dst] = []
                        queue.append(dst)
                    if (pred, not inv, src) not in rev[dst]:
                        rev[dst].append((pred, not inv, src))
            hit = cache[(start, accept)] = ([m for m in rev if accept in m], rev)
        return hit

    def closure(self, states: Iterable[int]) -> frozenset[int]:
        seen = set(states)
        stack = list(seen)
        while stack:
            for t in self.eps.get(stack.pop(), ()):
                if t not in seen:
                    seen.add(t)
                    stack.append(t)
        return frozenset(seen)


@dataclass(frozen=True)
class Pattern:
    """A compiled ``via`` pattern (an NFA over predicate steps)."""

    nfa: _NFA
    start: int
    accept: int
    text: str
    begin: frozenset[int] = frozenset()  # the states a walk starts in: start's closure

    @property
    def predicates(self) -> frozenset[str]:
        """The predicates the pattern names (``*`` left out)."""
        return frozenset(pred for moves in self.nfa.moves.values() for pred, _, _ in moves
                         if pred != ANY)


def compile_pattern(via: str | Sequence[str] | None) -> Pattern:
    """Compile a ``via`` pattern.

    Raises
    ------
    ValueError
        Malformed pattern; the message quotes it and says what was expected.

    Examples
    --------
    >>> compile_pattern("skg:hasDermatome/skg:coversArea").text
    'skg:hasDermatome/skg:coversArea'
    >>> compile_pattern("skg:a/(")
    Traceback (most recent call last):
    ...
    ValueError: bad via pattern 'skg:a/(': expected a predicate, got end of pattern
    """
    if isinstance(via, list):
        via = tuple(via)
    if via is not None and not isinstance(via, (str, tuple)):
        raise TypeError(f"via must be None, a pattern string or a non-empty list of strings, "
                        f"got {via!r}")
    return _compile_cached(via)


@lru_cache(maxsize=512)
def _compile_cached(via: str | Sequence[str] | None) -> Pattern:
    if via is None:
        text = "(*)+"
    elif isinstance(via, str):
        text = via
    elif isinstance(via, Sequence) and all(isinstance(v, str) for v in via) and via:
        text = "(" + "|".join(f"({v})" for v in via) + ")+"
    else:
        raise TypeError(f"via must be None, a pattern string or a non-empty list of strings, "
                        f"got {via!r}")
    if not text.strip():
        raise ValueError(f"bad via pattern {via!r}: empty; expected e.g. 'skg:hasSide', "
                         "'skg:hasDermatome/skg:coversArea', '^skg:partOf' or 'skg:partOf+'")
    tokens = [t for t in _TOKEN.findall(text)]
    if "".join(tokens).replace(" ", "") != text.replace(" ", ""):
        raise ValueError(f"bad via pattern {via!r}: unexpected characters")
    nfa = _NFA()
    pos = 0

    def err(msg: str) -> ValueError:
        return ValueError(f"bad via pattern {text!r}: {msg}")

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def primary(inverse: bool) -> tuple[int, int]:
        tok = peek()
        if tok is None:
            raise err("expected a predicate, got end of pattern")
        if tok == "^":
            take()
            return primary(not inverse)
        if tok == "(":
            take()
            frag = alt(inverse)
            if peek() != ")":
                raise err("missing ')'")
            take()
            return frag
        if tok in ")|/+?":
            raise err(f"expected a predicate, got {tok!r}")
        take()
        pred = ANY if tok == "*" else curie(tok[1:-1]) if tok.startswith("<") else tok
        if pred != ANY and ":" not in pred:
            raise err(f"{tok!r} is not a CURIE or <IRI>")
        a, b = nfa.state(), nfa.state()
        nfa.moves.setdefault(a, []).append((pred, inverse, b))
        return a, b

    def unary(inverse: bool) -> tuple[int, int]:
        a, b = primary(inverse)
        while peek() in ("*", "+", "?"):
            op = take()
            s, e = nfa.state(), nfa.state()
            nfa.eps.setdefault(s, []).append(a)
            nfa.eps.setdefault(b, []).append(e)
            if op in ("*", "?"):
                nfa.eps[s].append(e)
            if op in ("*", "+"):
                nfa.eps[b].append(a)
            a, b = s, e
        return a, b

    def seq(inverse: bool) -> tuple[int, int]:
        parts = [unary(inverse)]
        while peek() == "/":
            take()
            parts.append(unary(inverse))
        if inverse:
            parts.reverse()
        for (_, b1), (a2, _) in zip(parts, parts[1:]):
            nfa.eps.setdefault(b1, []).append(a2)
        return parts[0][0], parts[-1][1]

    def alt(inverse: bool) -> tuple[int, int]:
        frags = [seq(inverse)]
        while peek() == "|":
            take()
            frags.append(seq(inverse))
        if len(frags) == 1:
            return frags[0]
        s, e = nfa.state(), nfa.state()
        for a, b in frags:
            nfa.eps.setdefault(s, []).append(a)
            nfa.eps.setdefault(b, []).append(e)
        return s, e

    start, accept = alt(False)
    if pos != len(tokens):
        raise err(f"unexpected {tokens[pos]!r}")
    return Pattern(nfa, start, accept, text, nfa.closure([start]))


# --- graphs the engine walks ----------------------------------------------------------
class Adjacency(Protocol):
    def has(self, node: str) -> bool: ...
    def step(self, node: str, pred: str, inverse: bool) -> Iterable[tuple[str, str]]: ...
    def term(self, node: str) -> Term: ...
    def info(self, s: str, p: str, o: str) -> EdgeInfo: ...


class NxAdjacency:
    """A networkx MultiDiGraph (edge key = predicate) seen by the path engine."""

    def __init__(self, G: Any) -> None:
        self.G = G

    def has(self, node: str) -> bool:
        return node in self.G

    def step(self, node: str, pred: str, inverse: bool) -> Iterable[tuple[str, str]]:
        """``(predicate, other node)`` for each ``pred`` edge out of ``node`` (into it if
        ``inverse``; any predicate for ``*``)."""
        adj = self.G.pred[node] if inverse else self.G.succ[node]
        for other, keys in adj.items():
            for key in keys:
                key = key if isinstance(key, str) else str(key)  # a predicate is a name
                if pred == ANY or key == pred:
                    yield key, other

    def term(self, node: str) -> Term:
        data = self.G.nodes[node]
        types = data.get("types", ())
        kind = data.get("kind") or (types[0].rpartition(":")[2] if types else "Entity")
        return Term(data.get("iri", node), node, data.get("label", node), kind)

    def info(self, s: str, p: str, o: str) -> EdgeInfo:
        data = self.G.get_edge_data(s, o, key=p)
        if data is None and not self.G.has_edge(s, o, key=p):  # keys compared as text
            data = next((d for k, d in self.G[s][o].items() if str(k) == p), None)
        data = data or {}
        sources = data.get("sources", ())
        return EdgeInfo(sources=(sources,) if isinstance(sources, str) else tuple(sources),
                        rank=data.get("rank"),
                        frequency=data.get("frequency"))


class IndexAdjacency:
    """The SpineKG index seen by the path engine."""

    def __init__(self, index: Any) -> None:
        self.ix = index
        self.steps: dict[tuple[str, str, str, bool], Step] = {}
        self._from: dict[tuple[str, str, bool], tuple[Step, ...]] = {}

    def has(self, node: str) -> bool:
        return node in self.ix.terms

    def step(self, node: str, pred: str, inverse: bool) -> Iterable[tuple[str, str]]:
        """As :meth:`NxAdjacency.step`, from the index's tables."""
        table = self.ix.inn if inverse else self.ix.out
        if pred == ANY:
            return [(p, other) for p, by in table.items() for other in by.get(node, ())]
        return zip(repeat(pred), table.get(pred, {}).get(node, ()))

    def term(self, node: str) -> Term:
        return self.ix.terms[node]

    def info(self, s: str, p: str, o: str) -> EdgeInfo:
        return self.ix.edge_info(s, p, o)

    def ends_many(self, nodes: Iterable[str], pred: str, inverse: bool
                  ) -> Iterable[Sequence[str]]:
        """For each of ``nodes``, the nodes one ``pred`` step away (any predicate for
        ``*``), as the index's own tuples."""
        table = self.ix.inn if inverse else self.ix.out
        if pred == ANY:
            return [[o for by in table.values() for o in by.get(n, ())] for n in nodes]
        return map(table.get(pred, {}).get, nodes, repeat(()))

    def steps_from(self, node: str, pred: str, inverse: bool = False) -> tuple[Step, ...]:
        """One :class:`Step` per ``pred`` edge out of ``node`` (into it if ``inverse``),
        in the index's order; made once per node and predicate."""
        key = (node, pred, inverse)
        hit = self._from.get(key)
        if hit is None:
            others = (self.ix.subjects if inverse else self.ix.objects)(node, pred)
            hit = self._from[key] = tuple(_make_step(self, node, pred, other, inverse)
                                          for other in others)
        return hit


def _make_step(adj: Adjacency, node: str, pred: str, other: str, inverse: bool) -> Step:
    cache = getattr(adj, "steps", None)
    key = (node, pred, other, inverse)
    if cache is not None:
        hit = cache.get(key)
        if hit is not None:
            return hit
    s, o = (other, node) if inverse else (node, other)
    step = Step(adj.term(s), pred, adj.term(o), inverse, adj.info(s, pred, o))
    if cache is not None:
        cache[key] = step  # steps are frozen: one object per edge and direction
    return step


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
    if target is None:
        trails = _shortest_to_each(adj, source, pattern, max_hops)[:limit]
    else:
        guide = _guide(adj, pattern, target, max_hops, prune, distances)
        trails = _simple_paths(adj, source, target, guide, max_hops, limit)
    made = getattr(adj, "steps", {})  # the index adjacency keeps one Step per edge
    return [Path(tuple([made.get(key) or _make_step(adj, *key) for key in trail]))
            for trail in trails]


Trail = tuple[tuple[str, str, str, bool], ...]  # (from, predicate, to, inverse) per step


def _shortest_to_each(adj: Adjacency, source: str, pattern: Pattern, max_hops: int
                      ) -> list[Trail]:
    """Breadth first over (node, pattern states): one shortest path per reachable node,
    nearest first, then by label."""
    best: dict[str, Trail] = {}
    seen = {(source, pattern.begin)}
    queue = deque([(source, pattern.begin, ())])
    while queue:
        node, states, trail = queue.popleft()
        if len(trail) >= max_hops:
            continue
        for pred, inv, nstates in pattern.nfa.successors(states):
            for p, other in adj.step(node, pred, inv):
                if other == source or any(other == t[2] for t in trail):
                    continue
                ntrail = trail + ((node, p, other, inv),)
                if pattern.accept in nstates and other not in best:
                    best[other] = ntrail
                if (other, nstates) not in seen:
                    seen.add((other, nstates))
                    queue.append((other, nstates, ntrail))
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
                  limit: int | None) -> list[Trail]:
    """Simple paths from ``source`` to ``target`` that fit the pattern, shortest first:
    every one up to ``max_hops`` (``limit=None``), or the first ``limit`` by iterative
    deepening. The guide's distances skip every branch that cannot arrive in the hops
    left."""
    step, plans, moves = adj.step, guide.plans, guide.moves
    results: list[Trail] = []
    found: set[Trail] = set()  # two pattern states can make the same trail
    trail: list[tuple[str, str, str, bool]] = []
    on_path = {source}

    def dfs(node: str, states: frozenset[int], left: int, exact: bool) -> bool:
        """Extend the trail from ``node`` with at most ``left`` steps (exactly ``left``
        if ``exact``); True once ``limit`` paths are found."""
        for pred, inv, nstates, near, accepts in plans.get(states) or moves(states):
            for p, other in step(node, pred, inv):
                if other not in near or near[other] >= left or other in on_path:
                    continue  # cannot arrive in the steps left, or not a simple path
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
                    stop = dfs(other, nstates, left - 1, exact)
                    trail.pop()
                    on_path.discard(other)
                    if stop:
                        return True
        return False

    begin = guide.pattern.begin
    if limit is None:  # every simple path up to max_hops
        dfs(source, begin, max_hops, False)
    else:  # iterative deepening: the first `limit` paths are the shortest ones
        for depth in range(guide.fewest(source), max_hops + 1):
            if dfs(source, begin, depth, True):
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
