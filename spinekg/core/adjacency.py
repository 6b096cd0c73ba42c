"""The graphs the path engine walks: a networkx MultiDiGraph or the SpineKG index.

Both answer the same four questions (``has``, ``step``, ``term``, ``info``), so one
search serves ``spinekg.paths(G, ...)`` and ``kg.paths(...)`` alike.

Examples
--------
>>> kg = skg.load()
>>> adj = IndexAdjacency(kg.index)
>>> adj.has("skg:root_L4_left")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import Any, Protocol

from .path import Step
from .pattern import ANY
from .terms import EdgeInfo, Term

__all__ = ["COUNTERPART", "Adjacency", "IndexAdjacency", "NxAdjacency"]


class Adjacency(Protocol):
    def has(self, node: str) -> bool: ...
    def step(self, node: str, pred: str, inverse: bool) -> Iterable[tuple[str, str]]: ...
    def term(self, node: str) -> Term: ...
    def info(self, s: str, p: str, o: str) -> EdgeInfo: ...


#: The predicate that joins a sided thing to the same thing on the other side; with the
#: predicates the graph marks ``skg:crossesMidline`` (decussations), the only steps that may
#: take a path from one side to the other, and only when the pattern names them.
COUNTERPART = "skg:lateralCounterpart"
_CROSSES = "skg:crossesMidline"
_SIDES = {"skg:Left": "left", "skg:Right": "right"}


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

    def side(self, node: str) -> str | None:
        """"left" or "right" from the node's ``skg:hasSide`` edge, else None."""
        for other, keys in self.G.succ[node].items():
            if "skg:hasSide" in keys and other in _SIDES:
                return _SIDES[other]
        return None

    def crosses(self, pred: str) -> bool:
        """Whether ``pred`` may join the two sides (see :data:`COUNTERPART`)."""
        return pred == COUNTERPART or bool(self.G.nodes.get(pred, {}).get(_CROSSES))

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

    def side(self, node: str) -> str | None:
        return self.ix.side(node)

    def crosses(self, pred: str) -> bool:
        return pred == COUNTERPART or bool(self.ix.value(pred, _CROSSES, False))

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


