"""Parse the bundled ontology and any files the user adds into an rdflib graph.

Nothing is fetched from the network: ``owl:imports`` are not followed and the
bundled files are only read, never written. Every failure becomes an
:class:`~spinekg.errors.OntologyLoadError` naming the file and line.

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

__all__ = ["bundled_files", "fast_triples", "parse_files"]


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
