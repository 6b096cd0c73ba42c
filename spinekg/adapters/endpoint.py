"""Any SPARQL 1.1 endpoint as a spinekg backend (standard library only).

:func:`connect` builds the in-process index from an endpoint (Oxigraph server,
Apache Jena Fuseki, Virtuoso, QLever, GraphDB) with a few paged SELECT queries;
:func:`upload` puts the bundled ontology into a store; :func:`remote_paths` runs
the path engine against the endpoint itself, expanding each hop's whole frontier
with one ``VALUES`` query, for graphs too big to copy into one process.

Every request has a timeout; refused connections, timeouts, HTTP errors and
malformed results raise :class:`~spinekg.errors.BackendError` naming the
endpoint and the cause. Values are sent as escaped RDF terms (N-Triples
syntax) in ``VALUES`` blocks, never pasted in as raw text.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> values_block({"x": URIRef("https://w3id.org/spinekg/Left"), "n": Literal('say "hi"')})
'VALUES (?x ?n) { (<https://w3id.org/spinekg/Left> "say \\\\"hi\\\\"") }'
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path as FilePath
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef

from ..core.terms import EdgeInfo, Term, curie, iri
from ..errors import BackendError, UnknownTermError
from ..namespaces import PREFIXES

__all__ = [
    "EndpointAdjacency",
    "EndpointStore",
    "nt_term",
    "remote_paths",
    "upload",
    "values_block",
]

_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
_PAGE = 10000
_MAX_BYTES = 1 << 30


# --- RDF terms as text -------------------------------------------------------------------
def _iri_text(value: str) -> str:
    if not value or _BAD_IRI.search(value) or ":" not in value:
        raise ValueError(f"cannot send {value!r} as an IRI: it is empty, relative or contains "
                         "characters IRIs may not hold (spaces, <>\"{}|^`\\)")
    return f"<{value}>"


def nt_term(term: Any) -> str:
    """An rdflib IRI or literal in N-Triples syntax, escaped (for VALUES blocks).

    Raises
    ------
    ValueError
        The IRI holds characters an IRI cannot, the language tag is malformed,
        or the term is a blank node (which a query cannot name).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> nt_term(Literal("a\\nb", lang="en"))
    '"a\\\\nb"@en'
    >>> nt_term(URIRef("https://x.org/a> } DROP ALL #"))
    Traceback (most recent call last):
    ...
    ValueError: cannot send 'https://x.org/a> } DROP ALL #' as an IRI: ...
    """
    if isinstance(term, URIRef):
        return _iri_text(str(term))
    if isinstance(term, Literal):
        text = "".join(_ECHAR.get(c, c if ord(c) >= 0x20 and c != "\x7f"
                                   else f"\\u{ord(c):04X}") for c in str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise ValueError(f"bad language tag {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^{_iri_text(str(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise ValueError("a blank node cannot be bound in a query sent to a store; bind an IRI")
    raise TypeError(f"cannot send {term!r} of type {type(term).__name__} as an RDF term")


def values_block(bindings: Mapping[str, Any]) -> str:
    """A one-row ``VALUES`` block binding each variable to an escaped RDF term.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> values_block({"r": URIRef("https://w3id.org/spinekg/root_L4_left")})
    'VALUES (?r) { (<https://w3id.org/spinekg/root_L4_left>) }'
    """
    names = list(bindings)
    for n in names:
        if not _VAR.match(n):
            raise ValueError(f"bad variable name {n!r}")
    terms = " ".join(nt_term(bindings[n]) for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


def _prologue(text: str = "") -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# --- HTTP ----------------------------------------------------------------------------------
class _Client:
    """SPARQL 1.1 protocol over urllib: POST, timeout, an overall deadline, clear errors."""

    def __init__(self, endpoint: str, timeout: float) -> None:
        if not isinstance(endpoint, str) or urllib.parse.urlsplit(endpoint).scheme not in (
                "http", "https"):
            raise ValueError(f"endpoint={endpoint!r}; expected an http(s) URL such as "
                             "'http://127.0.0.1:7878/query'")
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
            raise ValueError(f"timeout={timeout!r}; expected a positive number of seconds")
        self.endpoint = endpoint
        self.timeout = float(timeout)

    def post(self, url: str, body: bytes, content_type: str, accept: str) -> bytes:
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": content_type, "Accept": accept, "User-Agent": "spinekg"})
        deadline = time.monotonic() + self.timeout
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                chunks, size = [], 0
                while True:
                    chunk = resp.read(1 << 16)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"no complete answer within {self.timeout:g} s")
                    if size > _MAX_BYTES:
                        raise BackendError(f"SPARQL endpoint {url!r}: answer larger than "
                                           f"{_MAX_BYTES} bytes")
                return b"".join(chunks)
        except urllib.error.HTTPError as err:
            try:
                detail = err.read(2000).decode("utf-8", "replace").strip()
            except Exception:
                detail = ""
            msg = f"SPARQL endpoint {url!r} answered HTTP {err.code} {err.reason}"
            raise BackendError(msg + (f": {detail[:500]}" if detail else "")) from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, TimeoutError):
                reason = f"timed out after {self.timeout:g} s"
            raise BackendError(f"SPARQL endpoint {url!r} is unreachable: {reason}") from None
        except TimeoutError as err:
            raise BackendError(f"SPARQL endpoint {url!r} timed out after {self.timeout:g} s"
                               f" ({err})") from None
        except (OSError, ValueError) as err:  # connection reset, bad status line ...
            raise BackendError(f"SPARQL endpoint {url!r} failed: "
                               f"{type(err).__name__}: {err}") from None

    def select(self, query: str) -> list[dict[str, Any]]:
        """Rows of a SELECT (rdflib terms; unbound variables left out)."""
        raw = self.post(self.endpoint, query.encode("utf-8"), "application/sparql-query",
                        "application/sparql-results+json")
        data = self._json(raw)
        try:
            rows = data["results"]["bindings"]
            return [{k: _from_json(v) for k, v in row.items()} for row in rows]
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent malformed results: "
                               f"{type(err).__name__}: {err}") from None

    def ask(self, query: str) -> bool:
        raw = self.post(self.endpoint, query.encode("utf-8"), "application/sparql-query",
                        "application/sparql-results+json")
        data = self._json(raw)
        if not isinstance(data, dict) or not isinstance(data.get("boolean"), bool):
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent a malformed ASK answer")
        return data["boolean"]

    def construct(self, query: str) -> list[tuple[Any, Any, Any]]:
        raw = self.post(self.endpoint, query.encode("utf-8"), "application/sparql-query",
                        "application/n-triples")
        g = Graph()
        try:
            g.parse(data=raw.decode("utf-8"), format="nt")
        except Exception as err:
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent malformed N-Triples: "
                               f"{str(err).splitlines()[0] if str(err) else err!r}") from None
        return list(g)

    def _json(self, raw: bytes) -> Any:
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent malformed JSON "
                               f"results: {err}") from None


def _from_json(v: Mapping[str, Any]) -> Any:
    kind, value = v["type"], v["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = v.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        dt = v.get("datatype")
        if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(value, datatype=URIRef(dt))
        return Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


# --- the store -----------------------------------------------------------------------------
class EndpointStore:
    """A SPARQL endpoint seen as a spinekg store (``triples``, ``to_rdflib``, ``query``).

    Examples
    --------
    >>> st = EndpointStore("http://127.0.0.1:9/query", timeout=1)
    >>> st.endpoint
    'http://127.0.0.1:9/query'
    """

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None,
                 timeout: float = 10.0, page: int = _PAGE) -> None:
        self.client = _Client(endpoint, timeout)
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.page = page

    def triples(self) -> Iterator[tuple[Any, Any, Any]]:
        """Every triple of the default graph, in pages of ``page`` rows (ORDER BY keeps
        the pages stable)."""
        offset = 0
        while True:
            rows = self.client.select(
                f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o "
                f"LIMIT {int(self.page)} OFFSET {int(offset)}")
            for row in rows:
                try:
                    yield row["s"], row["p"], row["o"]
                except KeyError:
                    raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent a row without "
                                       "?s ?p ?o") from None
            if len(rows) < self.page:
                return
            offset += self.page

    def to_rdflib(self) -> Graph:
        """The endpoint's default graph as an rdflib Graph (prefixes bound)."""
        from .rdf import to_graph

        return to_graph(self.triples())

    def query(self, text: str, bindings: Mapping[str, Any] | None = None
              ) -> tuple[str, Any]:
        """Run ``text`` on the endpoint; ``bindings`` become a trailing VALUES block.

        A trailing ``VALUES`` joins with the pattern before projection (SPARQL 1.1,
        18.2.4.3), so it binds variables that are not selected too.
        """
        body = _prologue() + text
        if bindings:
            body += "\n" + values_block(bindings)
        kind = _query_form(text)
        if kind == "ASK":
            return "ASK", self.client.ask(body)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            return "CONSTRUCT", self.client.construct(body)
        return "SELECT", self.client.select(body)

    def update(self, text: str) -> None:
        if not self.update_endpoint:
            raise ValueError("this SpineKG was connected without update_endpoint=; updates "
                             "need one (e.g. 'http://127.0.0.1:7878/update')")
        client = _Client(self.update_endpoint, self.client.timeout)
        client.post(self.update_endpoint, (_prologue() + text).encode("utf-8"),
                    "application/sparql-update", "*/*")

    def __repr__(self) -> str:
        return f"<EndpointStore {self.endpoint}>"


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _query_form(text: str) -> str:
    stripped = re.sub(r"<[^>]*>|#[^\n]*", " ", text)
    m = _FORM.search(stripped)
    return m.group(1).upper() if m else "SELECT"


# --- upload ----------------------------------------------------------------------------------
def _components(triples: Sequence[tuple[Any, Any, Any]]) -> list[list[tuple[Any, Any, Any]]]:
    """Group triples so that all triples sharing a blank node stay together."""
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s, _, o in triples:
        if isinstance(s, BNode) and isinstance(o, BNode):
            parent[find(s)] = find(o)
    groups: dict[Any, list] = defaultdict(list)
    plain: list[list] = []
    for t in triples:
        b = t[0] if isinstance(t[0], BNode) else t[2] if isinstance(t[2], BNode) else None
        if b is None:
            plain.append([t])
        else:
            groups[find(b)].append(t)
    return plain + list(groups.values())


def _nt_line(t: tuple[Any, Any, Any]) -> str:
    def one(x: Any) -> str:
        return f"_:{x}" if isinstance(x, BNode) else nt_term(x)

    return f"{one(t[0])} {one(t[1])} {one(t[2])} ."


def upload(endpoint_or_update_url: str, files: Iterable[str | FilePath] | None = None, *,
           method: str = "update", batch: int = 5000, timeout: float = 60.0) -> int:
    """Load the bundled ontology (or ``files``) into a SPARQL store.

    Parameters
    ----------
    endpoint_or_update_url : str
        With ``method="update"`` the SPARQL UPDATE URL (Oxigraph ``.../update``,
        Fuseki ``.../ds/update``); with ``method="store"`` the Graph Store
        Protocol URL (Oxigraph ``.../store``, Fuseki ``.../ds/data``), to which the
        triples are POSTed into the default graph.
    files : list of path, optional
        RDF files; default the bundled ontology.
    method : {"update", "store"}
        ``INSERT DATA`` in batches of ``batch`` triples (triples that share a blank
        node stay in one batch), or one Graph Store POST of N-Triples.
    timeout : float
        Seconds allowed per request.

    Returns
    -------
    int
        The number of triples sent.

    Raises
    ------
    BackendError
        The store refused or failed.

    Examples
    --------
    >>> upload("http://127.0.0.1:9/update", timeout=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.errors.BackendError: SPARQL endpoint 'http://127.0.0.1:9/update' is unreachable: ...
    """
    from ..pipeline.parse import bundled_files, parse_files

    if method not in ("update", "store"):
        raise ValueError(f"method={method!r}; expected 'update' or 'store'")
    if not isinstance(batch, int) or batch < 1:
        raise ValueError(f"batch={batch!r}; expected a positive integer")
    client = _Client(endpoint_or_update_url, timeout)
    paths = bundled_files() if files is None else [FilePath(f) for f in files]
    triples = list(parse_files(paths))
    url = endpoint_or_update_url
    if method == "store":
        sep = "&" if "?" in url else "?"
        target = url if "default" in url or "graph=" in url else url + sep + "default"
        body = "\n".join(_nt_line(t) for t in triples).encode("utf-8")
        client.post(target, body, "application/n-triples", "*/*")
        return len(triples)
    chunk: list[str] = []
    for group in _components(triples):
        chunk.extend(_nt_line(t) for t in group)
        if len(chunk) >= batch:
            _insert(client, url, chunk)
            chunk = []
    if chunk:
        _insert(client, url, chunk)
    return len(triples)


def _insert(client: _Client, url: str, lines: list[str]) -> None:
    body = "INSERT DATA {\n" + "\n".join(lines) + "\n}"
    client.post(url, body.encode("utf-8"), "application/sparql-update", "*/*")


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
        self.client = _Client(endpoint, timeout)
        self.endpoint = endpoint
        self.batch = batch
        self.out: dict[str, dict[str, list[str]]] = {}
        self.inn: dict[str, dict[str, list[str]]] = {}
        self._terms: dict[str, Term] = {}
        self._info: dict[tuple[str, str, str], EdgeInfo] = {}
        self._node_sources: dict[str, tuple[str, ...]] = {}
        self.queries = 0

    # -- fetching ---------------------------------------------------------------------
    def _select(self, query: str) -> list[dict[str, Any]]:
        self.queries += 1
        return self.client.select(_prologue() + query)

    def _batched(self, todo: list[str], query: str) -> Iterator[tuple[list[str], list]]:
        """Run ``query`` (a format string with ``{vals}``) once per batch of ``todo``."""
        for i in range(0, len(todo), self.batch):
            part = todo[i:i + self.batch]
            vals = " ".join(_iri_text(iri(n)) for n in part)
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
            vals = " ".join(f"({_iri_text(iri(s))} {_iri_text(iri(p))} {_iri_text(iri(o))})"
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
        return self.client.ask(_prologue() + f"ASK {{ {{ {_iri_text(iri(node))} ?p ?o }} "
                                              f"UNION {{ ?s ?p {_iri_text(iri(node))} }} }}")

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

    def info(self, s: str, p: str, o: str) -> EdgeInfo:
        if (s, p, o) in self.adj._info:
            return self.adj._info[(s, p, o)]
        self.wanted.add((s, p, o))
        return EdgeInfo()
