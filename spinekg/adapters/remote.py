"""Explanation paths computed against a SPARQL endpoint, for graphs too big to copy.

:func:`remote_paths` runs spinekg's own path engine (:func:`spinekg.core.search.search`)
against the endpoint itself: :class:`EndpointAdjacency` expands each hop's whole
frontier with one ``VALUES`` query and caches the edges, then fetches the labels,
kinds and sources of the nodes on the answers in batches. The HTTP side is
:mod:`spinekg.adapters.protocol`.

Examples
--------
>>> adj = EndpointAdjacency("http://127.0.0.1:9/query", timeout=1)
>>> adj.queries, adj.batch
(0, 500)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rdflib import Literal

from ..core.adjacency import COUNTERPART
from ..core.terms import EdgeInfo, Term, curie, iri
from ..errors import UnknownTermError
from .protocol import SparqlClient
from .rdf import iri_text, nt_term, prologue

_SIDES = {"skg:Left": "left", "skg:Right": "right"}

__all__ = ["EndpointAdjacency", "remote_paths"]


# --- paths pushed to the endpoint -----------------------------------------------------------
def _structural_filter() -> str:
    from ..core.index import STRUCTURAL

    return ", ".join(f"<{p}>" for p in sorted(STRUCTURAL))


class EndpointAdjacency:
    """The path engine's view of an endpoint: frontier expansion by batched VALUES queries.

    Same protocol as :class:`spinekg.core.search.IndexAdjacency` (``has``, ``step``,
    ``term``, ``info``). :meth:`expand` fetches the edges of a whole frontier in one
    query per hop and caches them; ``step`` then answers from the cache (and
    fetches a single node's edges only if it was never expanded). Labels, kinds
    and edge provenance are fetched in batches too, for the nodes on the answers.

    Examples
    --------
    >>> adj = EndpointAdjacency("http://127.0.0.1:9/query", timeout=1)
    >>> adj.queries
    0
    """

    def __init__(self, endpoint: str, *, timeout: float = 10.0, batch: int = 500) -> None:
        self.client = SparqlClient(endpoint, timeout)
        self.endpoint = endpoint
        self.batch = batch
        self.out: dict[str, dict[str, list[str]]] = {}
        self.inn: dict[str, dict[str, list[str]]] = {}
        self._terms: dict[str, Term] = {}
        self._info: dict[tuple[str, str, str], EdgeInfo] = {}
        self._sides: dict[str, str | None] = {}
        self._crossing: frozenset[str] | None = None
        self._node_sources: dict[str, tuple[str, ...]] = {}
        self.queries = 0

    # -- fetching ---------------------------------------------------------------------
    def _select(self, query: str) -> list[dict[str, Any]]:
        self.queries += 1
        return self.client.select(prologue() + query)

    def _batched(self, todo: list[str], query: str) -> Iterator[tuple[list[str], list]]:
        """Run ``query`` (a format string with ``{vals}``) once per batch of ``todo``."""
        for i in range(0, len(todo), self.batch):
            part = todo[i:i + self.batch]
            vals = " ".join(iri_text(iri(n)) for n in part)
            yield part, self._select(query.format(vals=vals))

    def expand(self, nodes: Iterable[str]) -> None:
        """Fetch every (non-structural, IRI-valued) edge in and out of ``nodes``."""
        todo = sorted({n for n in nodes if n not in self.out})
        query = ("SELECT ?n ?p ?o ?d WHERE {{ VALUES ?n {{ {vals} }} "
                 "{{ ?n ?p ?o BIND(\"f\" AS ?d) }} UNION {{ ?o ?p ?n BIND(\"i\" AS ?d) }} "
                 f"FILTER(isIRI(?o) && ?p NOT IN ({_structural_filter()})) "
                 "FILTER NOT EXISTS {{ ?o a owl:Axiom }} }}")
        for part, rows in self._batched(todo, query):
            for n in part:
                self.out[n] = defaultdict(list)
                self.inn[n] = defaultdict(list)
            seen: set[tuple[str, str, str, str]] = set()
            for row in rows:
                n, p, o = curie(str(row["n"])), curie(str(row["p"])), curie(str(row["o"]))
                key = (n, p, o, str(row["d"]))
                if key in seen or n not in self.out:
                    continue
                seen.add(key)
                (self.out if key[3] == "f" else self.inn)[n][p].append(o)
            for n in part:
                for table in (self.out[n], self.inn[n]):
                    for p in table:
                        table[p].sort()

    def describe(self, nodes: Iterable[str]) -> None:
        """Fetch labels, kinds and sources of ``nodes`` (batched)."""
        from ..core.index import _kind

        todo = sorted({n for n in nodes if n not in self._terms})
        query = ("SELECT ?n ?k ?v WHERE {{ VALUES ?n {{ {vals} }} "
                 "{{ ?n rdfs:label ?v BIND(\"label\" AS ?k) }} UNION "
                 "{{ ?n a ?v BIND(\"type\" AS ?k) }} UNION "
                 "{{ ?n skg:hasSide ?v BIND(\"side\" AS ?k) }} UNION "
                 "{{ ?n dcterms:source ?v BIND(\"source\" AS ?k) }} }}")
        for part, rows in self._batched(todo, query):
            labels: dict[str, str] = {}
            types: dict[str, set[str]] = defaultdict(set)
            sources: dict[str, set[str]] = defaultdict(set)
            for row in rows:
                n, k, v = curie(str(row["n"])), str(row["k"]), row["v"]
                if k == "label":
                    if n not in labels or getattr(v, "language", None) in (None, "en"):
                        labels[n] = str(v)
                elif k == "type":
                    types[n].add(curie(str(v)))
                elif k == "side":
                    self._sides[n] = _SIDES.get(curie(str(v)))
                else:
                    sources[n].add(curie(str(v)))
            for n in part:
                self._terms[n] = Term(iri(n), n, labels.get(n, n), _kind(frozenset(types[n])))
                self._node_sources[n] = tuple(sorted(sources[n]))

    def annotate(self, edges: Iterable[tuple[str, str, str]]) -> None:
        """Fetch the axiom annotations (sources, rank, frequency ...) of ``edges``."""
        todo = sorted({e for e in edges if e not in self._info})
        for i in range(0, len(todo), self.batch):
            part = todo[i:i + self.batch]
            vals = " ".join(f"({iri_text(iri(s))} {iri_text(iri(p))} {iri_text(iri(o))})"
                            for s, p, o in part)
            rows = self._select(
                f"SELECT ?s ?p ?o ?ax ?k ?v WHERE {{ VALUES (?s ?p ?o) {{ {vals} }} "
                f"?ax owl:annotatedSource ?s ; owl:annotatedProperty ?p ; "
                f"owl:annotatedTarget ?o . "
                f"OPTIONAL {{ {{ ?ax dcterms:source ?v BIND(\"source\" AS ?k) }} UNION "
                f"{{ ?ax skg:evidenceRank ?v BIND(\"rank\" AS ?k) }} UNION "
                f"{{ ?ax skg:frequency ?v BIND(\"frequency\" AS ?k) }} UNION "
                f"{{ ?ax skg:uncertain ?v BIND(\"uncertain\" AS ?k) }} UNION "
                f"{{ ?ax rdfs:comment ?v BIND(\"note\" AS ?k) }} }} }}")
            found: dict[tuple[str, str, str], dict[str, Any]] = {}
            for row in rows:
                key = (curie(str(row["s"])), curie(str(row["p"])), curie(str(row["o"])))
                ax = str(row["ax"])
                parts = found.setdefault(key, {"ax": ax, "source": set()})
                if parts["ax"] != ax and ax > parts["ax"]:  # several axioms: keep one
                    continue
                k, v = row.get("k"), row.get("v")
                if k is None or v is None:
                    continue
                if str(k) == "source":
                    parts["source"].add(curie(str(v)))
                else:
                    parts[str(k)] = v.toPython() if isinstance(v, Literal) else str(v)
            for key in part:
                parts = found.get(key)
                if parts is None:
                    continue
                self._info[key] = EdgeInfo(
                    sources=tuple(sorted(parts["source"])), rank=parts.get("rank"),
                    frequency=parts.get("frequency"),
                    uncertain=bool(parts.get("uncertain", False)), note=parts.get("note"))
            for key in part:
                if key not in self._info:
                    self.describe([key[0]])
                    self._info[key] = EdgeInfo(sources=self._node_sources.get(key[0], ()))

    # -- Adjacency protocol -------------------------------------------------------------
    def has(self, node: str) -> bool:
        if node in self._terms:
            return True
        return self.client.ask(prologue() + f"ASK {{ {{ {iri_text(iri(node))} ?p ?o }} "
                                              f"UNION {{ ?s ?p {iri_text(iri(node))} }} }}")

    def step(self, node: str, pred: str, inverse: bool) -> Iterator[tuple[str, str]]:
        from ..core.search import ANY

        if node not in self.out:
            self.expand([node])
        table = (self.inn if inverse else self.out)[node]
        if pred == ANY:
            for p in sorted(table):
                for other in table[p]:
                    yield p, other
        else:
            for other in table.get(pred, ()):
                yield pred, other

    def term(self, node: str) -> Term:
        if node not in self._terms:
            self.describe([node])
        return self._terms[node]

    def info(self, s: str, p: str, o: str) -> EdgeInfo:
        if (s, p, o) not in self._info:
            self.annotate([(s, p, o)])
        return self._info[(s, p, o)]

    def side(self, node: str) -> str | None:
        """The node's side (fetched with its label), as the index gives it."""
        if node not in self._terms:
            self.describe([node])
        return self._sides.get(node)

    def crosses(self, pred: str) -> bool:
        """Whether ``pred`` may join the two sides (the counterpart relation or a
        predicate the store marks ``skg:crossesMidline``), asked once."""
        if self._crossing is None:
            rows = self._select("SELECT ?p WHERE { ?p skg:crossesMidline true }")
            self._crossing = frozenset(curie(str(r["p"])) for r in rows) | {COUNTERPART}
        return pred in self._crossing


def _moves(pattern: Any, states: frozenset[int]) -> list[tuple[str, bool, int]]:
    return [m for s in states for m in pattern.nfa.moves.get(s, ())]


def _resolve(adj: EndpointAdjacency, what: Any) -> str:
    if isinstance(what, Term):
        return what.curie
    if not isinstance(what, str) or not what.strip():
        raise TypeError(f"expected a CURIE, IRI, label or Term, got {what!r}")
    text = what.strip()
    if "://" in text or (":" in text and " " not in text):
        try:
            node = curie(iri(text))
        except ValueError:
            node = None
        if node is not None and adj.has(node):
            return node
    rows = adj._select(
        "SELECT DISTINCT ?n WHERE { ?n rdfs:label|skos:altLabel ?l "
        f"FILTER(LCASE(STR(?l)) = LCASE(STR({nt_term(Literal(text))}))) }} ORDER BY ?n")
    found = [curie(str(r["n"])) for r in rows if "n" in r]
    if not found:
        raise UnknownTermError(text)
    if len(found) > 1:
        from ..errors import AmbiguousTermError

        raise AmbiguousTermError(text, found)
    return found[0]


def remote_paths(endpoint: str | EndpointAdjacency, source: str | Term,
                 target: str | Term | None = None, *, via: str | Sequence[str] | None = None,
                 max_hops: int = 6, limit: int | None = None, timeout: float = 10.0
                 ) -> list:
    """Explanation paths computed against a SPARQL endpoint, hop by hop.

    The frontier (node and pattern state) is expanded breadth first with one
    ``VALUES`` query per hop, following only the predicates and directions the
    ``via`` pattern allows from each node's state; then :func:`spinekg.core.search.search`
    runs on the cached edges, and labels and sources of the answer paths are
    fetched in batches. Returns the same :class:`~spinekg.Path` objects as
    ``kg.paths``.

    Parameters
    ----------
    endpoint : str or EndpointAdjacency
        The query URL (or an adjacency to reuse its cache).
    source, target : str or Term
        CURIEs, IRIs or exact labels/synonyms.
    via, max_hops, limit
        As for :func:`spinekg.paths`.

    Raises
    ------
    BackendError
        The endpoint failed.
    UnknownTermError
        ``source`` or ``target`` is not in the store.

    Examples
    --------
    >>> remote_paths("http://127.0.0.1:9/query", "skg:root_L4_left", "skg:Left",
    ...              timeout=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.errors.BackendError: SPARQL endpoint 'http://127.0.0.1:9/query' is unreachable: ...
    """
    from ..core.search import ANY, _check_options, compile_pattern, search

    _check_options(max_hops, limit)
    pattern = compile_pattern(via)
    adj = endpoint if isinstance(endpoint, EndpointAdjacency) else \
        EndpointAdjacency(endpoint, timeout=timeout)
    src = _resolve(adj, source)
    tgt = None if target is None else _resolve(adj, target)
    nfa = pattern.nfa
    frontier = {(src, nfa.closure([pattern.start]))}
    seen = set(frontier)
    for _ in range(max_hops):
        nodes = {n for n, states in frontier if _moves(pattern, states)}
        if tgt is not None:
            nodes.discard(tgt)
        if not nodes:
            break
        adj.expand(nodes)
        nxt = set()
        for node, states in frontier:
            if node not in adj.out:
                continue
            for pred, inv, st in _moves(pattern, states):
                table = (adj.inn if inv else adj.out)[node]
                preds = table.keys() if pred == ANY else [pred]
                for p in preds:
                    for other in table.get(p, ()):
                        item = (other, nfa.closure([st]))
                        if item not in seen:
                            seen.add(item)
                            nxt.add(item)
        frontier = nxt
    if tgt is not None:  # the engine also walks back from the target to prune
        adj.expand([tgt])
    # labels of every reached node (the engine orders answers by label), in batches
    adj.describe({n for n, _ in seen})
    view = _Prefetched(adj)
    search(view, src, tgt, pattern, max_hops=max_hops, limit=limit)  # collect edges
    adj.annotate(view.wanted)
    return search(view, src, tgt, pattern, max_hops=max_hops, limit=limit)


class _Prefetched:
    """Steps only from expanded nodes; records which edge annotations are wanted."""

    def __init__(self, adj: EndpointAdjacency) -> None:
        self.adj = adj
        self.wanted: set[tuple[str, str, str]] = set()

    def has(self, node: str) -> bool:
        return self.adj.has(node)

    def step(self, node: str, pred: str, inverse: bool) -> Iterator[tuple[str, str]]:
        if node not in self.adj.out:
            return iter(())
        return self.adj.step(node, pred, inverse)

    def term(self, node: str) -> Term:
        return self.adj.term(node)

    def side(self, node: str) -> str | None:
        return self.adj.side(node)

    def crosses(self, pred: str) -> bool:
        return self.adj.crosses(pred)

    def info(self, s: str, p: str, o: str) -> EdgeInfo:
        if (s, p, o) in self.adj._info:
            return self.adj._info[(s, p, o)]
        self.wanted.add((s, p, o))
        return EdgeInfo()
