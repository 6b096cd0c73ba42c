"""The factory: :func:`load` and :func:`connect` build a :class:`~spinekg.kg.SpineKG`.

They sit above the SpineKG facade: they choose the backend (memory, oxigraph, a SPARQL
endpoint), gather the files and the index, and hand them to SpineKG.

Examples
--------
>>> kg = load()
>>> kg.term("left L4").curie
'skg:root_L4_left'
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .adapters.endpoint import MAX_ROWS, EndpointStore
from .adapters.oxigraph import OxigraphStore
from .core.cache import cached_index, index_of
from .core.terms import curie, iri
from .errors import OntologyLoadError
from .kg import SpineKG
from .pipeline.formats import rdflib_format as _format
from .pipeline.parse import bundled_files, parse_files
from .pipeline.safety import SpineKGWarning

__all__ = ["FUNCTIONAL", "conflicts", "connect", "load"]


def load(*extra: str | os.PathLike[str], backend: str = "memory",
         path: str | os.PathLike[str] | None = None):
    """Load the bundled ontology (and ``extra`` files) as a :class:`SpineKG`.

    Parameters
    ----------
    *extra : path
        More RDF files (Turtle, N-Triples, RDF/XML, JSON-LD) to merge in. The
        bundled files are never modified.
    backend : {"memory", "oxigraph"}
        ``"memory"``: an rdflib graph (default). ``"oxigraph"``: an embedded
        pyoxigraph store (the ``fast`` extra).
    path : path, optional
        With ``backend="oxigraph"``, a folder for an on-disk store that later
        loads reopen without parsing again.

    Returns
    -------
    SpineKG

    Raises
    ------
    OntologyLoadError
        A file is missing or malformed; the message names the file and line.
    ValueError
        Unknown backend.

    Examples
    --------
    >>> kg = load()
    >>> kg.index.n_triples > 1000
    True
    """
    if not isinstance(backend, str) or backend not in ("memory", "oxigraph"):
        raise ValueError(f"unknown backend {backend!r}; expected 'memory' or 'oxigraph' "
                         "(for a SPARQL endpoint use spinekg.connect(url))")
    for e in extra:
        if not isinstance(e, (str, os.PathLike)):
            raise TypeError(f"extra files must be paths, got {type(e).__name__}: {e!r}")
    files = bundled_files() + [Path(e) for e in extra]
    for f in files:
        _format(f)
        if not f.is_file():
            raise OntologyLoadError(f, "no such file")
    if backend == "oxigraph":
        return SpineKG._from_store(OxigraphStore.open(files, path=path), files)
    if path is not None:
        raise ValueError("path= is only for backend='oxigraph'")
    if not extra:
        return SpineKG._from_files(files)
    extra_files = files[len(files) - len(extra):]
    extra_graph = parse_files(extra_files)
    _warn_conflicts(extra_graph, extra_files)

    def merged() -> Graph:  # the extra triples are parsed once; the bundled ones join them
        return parse_files(bundled_files(), graph=extra_graph)

    index, graph = cached_index(list(files), merged)
    return SpineKG(index, files=files, graph=graph)


#: Properties with one value per term: an extra file giving a bundled term another
#: value is reported (the bundled files themselves are never changed).
FUNCTIONAL = ("rdfs:label", "skg:hasSide", "skg:levelName", "skg:inRegion")


def conflicts(extra: Graph) -> dict[str, list[str]]:
    """Bundled terms whose one-valued properties get another value from ``extra``.

    Returns ``{curie: ["rdfs:label 'new' (bundled: 'old')", ...]}``.
    """
    bundled = bundled_files()
    bix, _ = index_of(bundled)
    found: dict[str, list[str]] = {}
    for prop in FUNCTIONAL:
        for s, o in extra.subject_objects(URIRef(iri(prop))):
            c = curie(str(s))
            if c not in bix.terms:
                continue
            if prop == "rdfs:label":
                old = () if bix.terms[c].label == c else (bix.terms[c].label,)
                new = str(o)
            elif isinstance(o, Literal):
                old = tuple(str(v) for v in bix.values.get(c, {}).get(prop, ()))
                new = str(o)
            else:
                old = bix.objects(c, prop)
                new = curie(str(o))
            if old and new not in old:
                found.setdefault(c, []).append(
                    f"{prop} {new!r} (bundled: {', '.join(repr(v) for v in old)})")
    return found


def _warn_conflicts(extra: Graph, paths: list[Path]) -> None:
    found = conflicts(extra)
    if found:
        items = "; ".join(f"{c}: {', '.join(v)}" for c, v in sorted(found.items()))
        warnings.warn(SpineKGWarning(
            f"{', '.join(str(p) for p in paths)} redefine(s) {len(found)} bundled term(s) "
            f"(the bundled files are unchanged; both values are now in this graph): {items}"),
            stacklevel=3)


def connect(endpoint: str, *, update_endpoint: str | None = None, timeout: float = 10.0,
            max_rows: int = MAX_ROWS):
    """A :class:`~spinekg.SpineKG` whose index is read from a SPARQL 1.1 endpoint.

    The store must hold the spinekg ontology (its ``owl:Ontology`` header and
    version): that is checked first. The default graph is then fetched with paged
    ``SELECT`` queries (``LIMIT``/``OFFSET``, 10,000 rows each, at most ``max_rows``)
    — no triple-by-triple loop — and indexed in process, so every question answers as
    fast as on the other backends. ``kg.sparql`` runs on the endpoint.

    Parameters
    ----------
    endpoint : str
        The query URL, e.g. ``http://127.0.0.1:7878/query`` (Oxigraph) or
        ``http://host:3030/ds/sparql`` (Fuseki).
    update_endpoint : str, optional
        The update URL, needed only for ``kg.sparql(..., allow_update=True)``.
    timeout : float
        Seconds allowed for each request in total (connecting and the whole answer).
    max_rows : int
        The most triples read (default 5,000,000); past it a BackendError names the
        bound. Raise it for a larger store.

    Raises
    ------
    BackendError
        The endpoint refused, timed out, answered an HTTP error, redirected to another
        host, sent malformed results or more than ``max_rows`` triples, or holds no
        spinekg ontology (the message says how to load it: ``spinekg upload URL/update``);
        the message names the endpoint and the cause.
    ValueError
        A bad URL, ``timeout`` (not a positive finite number) or ``max_rows``.

    Examples
    --------
    >>> import spinekg as skg
    >>> skg.connect("http://127.0.0.1:9/query", timeout=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.errors.BackendError: SPARQL endpoint 'http://127.0.0.1:9/query' is unreachable: ...
    """
    store = EndpointStore(endpoint, update_endpoint=update_endpoint, timeout=timeout,
                          max_rows=max_rows)
    store.check_ontology()
    return SpineKG._from_store(store)
