"""Any SPARQL 1.1 endpoint as a spinekg store, and :func:`upload` to fill one.

:class:`EndpointStore` is what ``skg.connect(url)`` reads the in-process index from
(Oxigraph server, Apache Jena Fuseki, Virtuoso, QLever, GraphDB), with a few paged
SELECT queries under a row cap; ``kg.sparql`` runs on the endpoint through it. Before
anything is read, :meth:`EndpointStore.check_ontology` makes sure the store holds the
spinekg ontology. :func:`upload` puts the bundled ontology (or other files) into a
store, every term written as checked N-Triples. The HTTP side is
:mod:`spinekg.adapters.protocol`; the path search pushed to an endpoint is
:mod:`spinekg.adapters.remote`.

Every request has a total deadline; refused connections, timeouts, HTTP errors and
malformed results raise :class:`~spinekg.errors.BackendError` naming the endpoint
and the cause. Values are sent as escaped RDF terms (N-Triples syntax) in ``VALUES``
blocks, never pasted in as raw text.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> values_block({"x": URIRef("https://w3id.org/spinekg/Left"), "n": Literal('say "hi"')})
'VALUES (?x ?n) { (<https://w3id.org/spinekg/Left> "say \\\\"hi\\\\"") }'
"""

from __future__ import annotations

import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path as FilePath
from typing import Any

from rdflib import BNode, Graph

from ..errors import BackendError
from .protocol import SparqlClient, check_url
from .rdf import ONTOLOGY, nt_line, nt_term, prologue, values_block

__all__ = [
    "MAX_ROWS",
    "ONTOLOGY",
    "EndpointStore",
    "nt_term",
    "upload",
    "values_block",
]

_PAGE = 10000
#: The most triples :meth:`EndpointStore.triples` reads unless told otherwise.
MAX_ROWS = 5_000_000
_HOW_TO_LOAD = ("load it first with `spinekg upload URL/update` (the store's SPARQL Update "
                "URL, e.g. http://127.0.0.1:7878/update) or spinekg.adapters.endpoint.upload()")


# --- the store -----------------------------------------------------------------------------
class EndpointStore:
    """A SPARQL endpoint seen as a spinekg store (``triples``, ``to_rdflib``, ``query``).

    ``max_rows`` bounds how many triples :meth:`triples` reads (an endpoint that fills
    every page, or ignores ``OFFSET``, would otherwise be read forever).

    Examples
    --------
    >>> st = EndpointStore("http://127.0.0.1:9/query", timeout=1)
    >>> st.endpoint, st.max_rows
    ('http://127.0.0.1:9/query', 5000000)
    """

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None,
                 timeout: float = 10.0, page: int = _PAGE, max_rows: int = MAX_ROWS) -> None:
        self.client = SparqlClient(endpoint, timeout)
        if update_endpoint is not None:
            check_url(update_endpoint, "update_endpoint")
        for name, value in (("page", page), ("max_rows", max_rows)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name}={value!r}; expected a positive integer")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.page = page
        self.max_rows = max_rows

    def check_ontology(self) -> str:
        """The version of the spinekg ontology in the store; BackendError if it is not there.

        The store must hold ``<https://w3id.org/spinekg/spinekg.owl> a owl:Ontology``
        with its ``owl:versionInfo``; the error says whether the store is empty or holds
        other data, and how to load the ontology.
        """
        rows = self.client.select(
            prologue() + f"SELECT ?v WHERE {{ <{ONTOLOGY}> a owl:Ontology . "
            f"OPTIONAL {{ <{ONTOLOGY}> owl:versionInfo ?v }} }}")
        where = f"SPARQL endpoint {self.endpoint!r}"
        if not rows:
            empty = not self.client.ask("ASK { ?s ?p ?o }")
            what = "is empty" if empty else f"holds no spinekg ontology (no <{ONTOLOGY}> a owl:Ontology)"
            raise BackendError(f"{where} {what}; {_HOW_TO_LOAD}")
        versions = sorted(str(r["v"]) for r in rows if "v" in r)
        if not versions:
            raise BackendError(f"{where} holds the spinekg ontology header without its version "
                               f"(owl:versionInfo), so it is not a complete upload; {_HOW_TO_LOAD}")
        return versions[-1]

    def triples(self) -> Iterator[tuple[Any, Any, Any]]:
        """Every triple of the default graph, in pages of ``page`` rows (ORDER BY keeps
        the pages stable), at most ``max_rows`` of them."""
        offset = 0
        while True:
            if offset >= self.max_rows:
                raise BackendError(
                    f"SPARQL endpoint {self.endpoint!r}: stopped after {offset} triples, the "
                    f"row cap (max_rows={self.max_rows}); the store is larger than that, or it "
                    "ignores OFFSET and sends the same page again — to read more pass a larger "
                    "max_rows= to spinekg.connect()")
            size = min(self.page, self.max_rows - offset)
            rows = self.client.select(
                f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o "
                f"LIMIT {int(size)} OFFSET {int(offset)}")
            for row in rows[:size]:
                try:
                    yield row["s"], row["p"], row["o"]
                except KeyError:
                    raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent a row without "
                                       "?s ?p ?o") from None
            if len(rows) < size:
                return
            offset += size

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
        body = prologue() + text
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
        self.client.update(prologue() + text, self.update_endpoint)

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


def _graph_store_url(url: str) -> bool:
    """Whether ``url`` looks like a Graph Store Protocol URL (Oxigraph ``/store``,
    Fuseki ``/ds/data``, or one naming ``?graph=`` / ``?default``)."""
    parts = urllib.parse.urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    return last in ("store", "data", "rdf-graph-store") or "graph" in query or "default" in query


def _checked(lines: list[str]) -> str:
    """The N-Triples document of ``lines``, read back by rdflib's N-Triples parser: each
    line must be exactly one triple, so that nothing in it can leave an INSERT DATA."""
    text = "\n".join(lines)
    g = Graph()
    try:
        g.parse(data=text, format="nt")
    except Exception as err:  # rdflib's ParserError is no ValueError
        raise ValueError(f"the N-Triples written do not read back: {err}") from None
    if len(g) != len(lines):
        raise ValueError(f"{len(lines)} N-Triples lines read back as {len(g)} triples; "
                         "nothing was sent")
    return text


def upload(endpoint_or_update_url: str, files: Iterable[str | FilePath] | None = None, *,
           method: str = "update", batch: int = 5000, timeout: float = 60.0) -> int:
    """Load the bundled ontology (or ``files``) into a SPARQL store.

    Every triple is written as one N-Triples line (IRIs and literals escaped and
    checked, blank nodes relabelled ``_:b0``, ``_:b1`` ...), and the whole text is read
    back with rdflib's N-Triples parser before anything is sent: no label or IRI from a
    file can end the ``INSERT DATA`` block and run an update of its own.

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
        Seconds allowed per request (its total deadline).

    Returns
    -------
    int
        The number of triples sent.

    Raises
    ------
    BackendError
        The store refused or failed.
    ValueError
        A bad argument; a Graph Store URL given with ``method="update"`` (or an update
        URL with ``method="store"``); a term that cannot be written as N-Triples.

    Examples
    --------
    >>> upload("http://127.0.0.1:9/update", timeout=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.errors.BackendError: SPARQL endpoint 'http://127.0.0.1:9/update' is unreachable: ...
    >>> upload("http://127.0.0.1:9/store")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: 'http://127.0.0.1:9/store' looks like a Graph Store Protocol URL...
    """
    from ..pipeline.parse import bundled_files, parse_files

    if method not in ("update", "store"):
        raise ValueError(f"method={method!r}; expected 'update' or 'store'")
    if not isinstance(batch, int) or isinstance(batch, bool) or batch < 1:
        raise ValueError(f"batch={batch!r}; expected a positive integer")
    client = SparqlClient(endpoint_or_update_url, timeout)
    url = endpoint_or_update_url
    if method == "update" and _graph_store_url(url):
        raise ValueError(f"{url!r} looks like a Graph Store Protocol URL; upload to it with "
                         "method='store' (`spinekg upload URL --method store`), or give the "
                         "SPARQL Update URL (e.g. .../update)")
    if method == "store" and urllib.parse.urlsplit(url).path.rstrip("/").endswith("/update"):
        raise ValueError(f"{url!r} looks like a SPARQL Update URL; use method='update' "
                         "(the default), or give the Graph Store URL (e.g. .../store)")
    paths = bundled_files() if files is None else [FilePath(f) for f in files]
    triples = list(parse_files(paths))
    labels: dict[Any, str] = {}
    try:  # every line is written and read back before anything is sent
        groups = [[nt_line(t, labels) for t in group] for group in _components(triples)]
        _checked([line for group in groups for line in group])
    except ValueError as err:
        raise ValueError(f"upload to {url!r}: {err}; nothing was sent") from None
    if method == "store":
        sep = "&" if "?" in url else "?"
        target = url if "default" in url or "graph=" in url else url + sep + "default"
        body = "\n".join(line for group in groups for line in group).encode("utf-8")
        client.post(target, body, "application/n-triples")
        return len(triples)
    chunk: list[str] = []
    for group in groups:
        chunk.extend(group)
        if len(chunk) >= batch:
            client.update("INSERT DATA {\n" + "\n".join(chunk) + "\n}", url)
            chunk = []
    if chunk:
        client.update("INSERT DATA {\n" + "\n".join(chunk) + "\n}", url)
    return len(triples)
