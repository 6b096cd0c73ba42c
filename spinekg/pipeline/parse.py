"""Parse the bundled ontology and any files the user adds into an rdflib graph.

Nothing is fetched from the network: ``owl:imports`` are not followed and the
bundled files are only read, never written. Every failure becomes an
:class:`~spinekg.errors.OntologyLoadError` naming the file, line and column (see
:mod:`spinekg.pipeline.position`); TriG and N-Quads files give the triples of all their
graphs (named graphs are merged into the one graph, not dropped).

Examples
--------
>>> g = parse_files(bundled_files()[:1])
>>> len(g) > 0
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from ..errors import OntologyLoadError
from ..namespaces import PREFIXES
from .build import ontology_dir
from .formats import rdflib_format as _format
from .oxparse import fast_triples
from .position import UNQUOTED, load_error, locate, may_quote

__all__ = ["bundled_files", "fast_triples", "load_error", "parse_files"]


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


def _cause(err: BaseException, quote: bool) -> str:
    """What went wrong, in words: rdflib's Turtle errors carry the reason (``_why``) and
    the text near the error, shown (decoded, cut short) only when ``quote``."""
    why = getattr(err, "_why", None)
    text, at = getattr(err, "_str", None), getattr(err, "_i", None)
    if isinstance(why, str) and why:
        if not quote:
            return UNQUOTED
        if isinstance(text, bytes) and isinstance(at, int):
            chars = text.decode("utf-8", "replace")
            start = max(chars.rfind("\n", 0, at) + 1, at - 30)  # the error's own line only
            end = chars.find("\n", at)
            near = chars[start:min(at + 10, len(chars) if end < 0 else end)]
            return f"{why} near {' '.join(near.split())!r}"
        return why
    if isinstance(err, IndexError):
        return "unexpected end of file"
    if isinstance(err, RecursionError):
        return "nested too deeply to read"
    if isinstance(err, MemoryError):
        return "too large to read into memory (try backend='oxigraph')"
    if getattr(err, "getLineNumber", None) is not None:  # expat: its message alone
        msg = str(getattr(err, "_msg", "") or err)
        return msg.rsplit(": ", 1)[-1]
    msg = str(err).strip()
    if not quote:  # a parser's message may hold the file's text (N-Triples: its bad line)
        return UNQUOTED
    return msg.splitlines()[-1] if msg else type(err).__name__


def _parse_one(g: Graph, path: Path, fmt: str) -> None:
    if fmt in ("trig", "nquads"):  # named graphs: their triples are merged, never dropped
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(path, format=fmt)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        g.parse(path, format=fmt)


#: The bundled files once parsed in this process, by their state on disk: each later
#: SpineKG gets its own copy (copying is about twice as fast as parsing, and one graph's
#: updates never reach another's).
_BUNDLED: dict[tuple, Graph] = {}


def parse_files(paths: Iterable[Path], graph: Graph | None = None) -> Graph:
    """Parse RDF files into one rdflib graph, wrapping every failure.

    Parameters
    ----------
    paths : list of path
        The files, in order.
    graph : rdflib.Graph, optional
        A graph to add them to (else a new one).

    Raises
    ------
    OntologyLoadError
        A file is missing, unreadable or malformed (names the file and line).

    Examples
    --------
    >>> g = parse_files(bundled_files())
    >>> g is not parse_files(bundled_files()) and len(g) == len(parse_files(bundled_files()))
    True
    """
    paths = list(paths)
    g = graph if graph is not None else Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    key = _bundled_key(paths)
    if key is None:
        return _parse_into(g, paths)
    parsed = _BUNDLED.get(key)
    if parsed is None:
        _BUNDLED.clear()  # only the newest state of the bundled files is kept
        parsed = _BUNDLED[key] = _parse_into(Graph(), paths)
    g += parsed
    return g


def _bundled_key(paths: list) -> tuple | None:
    """The bundled files' state on disk (name, size, change time) when ``paths`` are
    exactly the bundled files; None otherwise."""
    try:
        bundled = bundled_files()
        if [Path(p) for p in paths] != bundled:
            return None
        return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in bundled)
    except (OSError, TypeError, ValueError):
        return None


def _parse_into(g: Graph, paths: list) -> Graph:
    from .safety import guard_parse

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
                _parse_one(g, path, fmt)
        except OntologyLoadError:
            raise
        except (Exception, RecursionError, MemoryError) as err:  # rdflib raises many kinds
            line, column = locate(path, fmt, err)
            raise load_error(path, _cause(err, may_quote(err, path, line)), line,
                             column) from err
    return g
