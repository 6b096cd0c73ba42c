"""Load the bundled ontology, plus any files the user adds, into a :class:`SpineKG`.

Nothing is fetched from the network: ``owl:imports`` are not followed and the
bundled files are only read, never written.

Examples
--------
>>> kg = skg.load()
>>> kg.term("left L4").curie
'skg:root_L4_left'
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from . import __version__ as _version
from .build import ontology_dir
from .errors import OntologyLoadError
from .index import Index
from .namespaces import PREFIXES

__all__ = ["load", "bundled_files", "parse_files", "fast_triples", "index_of"]

_FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".n3": "n3",
    ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".jsonld": "json-ld", ".json": "json-ld",
    ".trig": "trig", ".nq": "nquads",
}


def fast_triples(paths: list[Path]) -> list | None:
    """The triples of ``paths`` parsed by Oxigraph's Rust parser, or None without it.

    About five times faster than rdflib's Turtle parser on the bundled ontology; the
    rdflib graph is then parsed only when ``kg.graph`` is first used.
    """
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return None
    from .backends.oxigraph import OxigraphStore

    return list(OxigraphStore.open(paths).triples())


def bundled_files() -> list[Path]:
    """The files of the bundled ontology, header first.

    Examples
    --------
    >>> [p.name for p in bundled_files()][:2]
    ['spinekg.ttl', 'classes.ttl']
    """
    root = ontology_dir()
    return [root / "spinekg.ttl", *sorted(root.glob("tbox/*.ttl")),
            *sorted(root.glob("abox/*.ttl"))]


def _format(path: Path) -> str:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise OntologyLoadError(path, f"unknown file type {path.suffix!r}; expected one of "
                                      f"{', '.join(sorted(_FORMATS))}")
    return fmt


def _line_of(err: BaseException) -> int | None:
    for attr in ("lines", "line", "lineno", "_lines"):
        value = getattr(err, attr, None)
        if isinstance(value, int):
            return value + 1 if attr == "lines" else value
    return None


def _cause(err: BaseException) -> str:
    """What went wrong, in words: rdflib's Turtle errors carry the reason (``_why``) and
    the text near the error as bytes, which is shown decoded and cut short."""
    why = getattr(err, "_why", None)
    text, at = getattr(err, "_str", None), getattr(err, "_i", None)
    if isinstance(why, str) and why:
        if isinstance(text, bytes) and isinstance(at, int):
            near = text[max(0, at - 30):at + 10].decode("utf-8", "replace")
            return f"{why} near {' '.join(near.split())!r}"
        return why
    msg = str(err).strip()
    return msg.splitlines()[-1] if msg else type(err).__name__


def parse_files(paths: Iterable[Path], graph: Graph | None = None) -> Graph:
    """Parse RDF files into one rdflib graph, wrapping every failure.

    Raises
    ------
    OntologyLoadError
        A file is missing, unreadable or malformed (names the file and line).
    """
    from .safety import guard_parse

    g = graph if graph is not None else Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"RDF files must be given as paths, got {type(path).__name__}: "
                            f"{path!r}")
        path = Path(path)
        fmt = _format(path)
        if not path.is_file():
            raise OntologyLoadError(path, "no such file")
        try:
            with guard_parse(path, fmt):
                g.parse(path, format=fmt)
        except OntologyLoadError:
            raise
        except Exception as err:  # rdflib raises many kinds; all become one error
            raise OntologyLoadError(path, _cause(err), _line_of(err)) from err
    return g


def _cache_dir() -> Path | None:
    env = os.environ.get("SPINEKG_CACHE_DIR")
    if env == "":
        return None
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "spinekg" if not env else base


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256(_version.encode())
    h.update(Path(__file__).with_name("index.py").read_bytes())  # index layout changes
    for p in paths:
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:32]


def cached_index(paths: list[Path], graph_factory) -> tuple[Index, Graph | None]:
    """The index of ``paths``: from the content-hash cache, or built and cached.

    ``graph_factory`` returns an rdflib Graph (kept and returned) or any iterable of
    rdflib-term triples (then no graph is returned: it is parsed when first needed).
    """
    cache = _cache_dir()
    key = _digest(paths) if cache is not None else None
    if cache is not None:
        try:
            with open(cache / f"index-{key}.pickle", "rb") as fh:
                return pickle.load(fh), None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    g = graph_factory()
    ix = Index.from_triples(g)
    if not isinstance(g, Graph):
        g = None
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            tmp = cache / f".index-{key}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                pickle.dump(ix, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache / f"index-{key}.pickle")
        except OSError:
            pass
    return ix, g


def index_of(files: list[Path]) -> tuple[Index, Graph | None]:
    """The index of ``files`` (cached), parsed by Oxigraph when it is installed, else rdflib."""
    return cached_index(files, lambda: fast_triples(files) or parse_files(files))


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
    from .kg import SpineKG

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
        from .backends.oxigraph import OxigraphStore

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
    from rdflib import Literal, URIRef

    from .terms import curie, iri

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
    import warnings

    from .safety import SpineKGWarning

    found = conflicts(extra)
    if found:
        items = "; ".join(f"{c}: {', '.join(v)}" for c, v in sorted(found.items()))
        warnings.warn(SpineKGWarning(
            f"{', '.join(str(p) for p in paths)} redefine(s) {len(found)} bundled term(s) "
            f"(the bundled files are unchanged; both values are now in this graph): {items}"),
            stacklevel=3)
