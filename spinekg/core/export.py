"""Write a SpineKG as RDF (Turtle, N-Triples, JSON-LD, RDF/XML) or as a graph file.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> export(skg.load(), folder / "spine.graphml")
>>> export(skg.load(), folder / "spine.json")
>>> import json; "nodes" in json.loads((folder / "spine.json").read_text())
True
>>> export(skg.load(), folder / "spine.owl", format="owl")  # an alias of xml
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["ALIASES", "FORMATS", "check_target", "export", "write_atomically"]

#: format name → file suffix
FORMATS = {"turtle": ".ttl", "longturtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld",
           "xml": ".rdf", "graphml": ".graphml", "json": ".json"}
#: other names people type for a format (the file suffixes among them) → format name
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "jsonld": "json-ld",
           "rdf": "xml", "owl": "xml", "rdf/xml": "xml", "rdfxml": "xml"}
_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml",
              ".owl": "xml", ".graphml": "graphml", ".json": "json"}


def check_target(out: Path, *, overwrite: bool = False, ours: Callable[[Path], bool] | None = None
                 ) -> None:
    """Refuse to write ``out`` when it is a file of the bundled ontology, a symbolic link,
    or an existing file (unless ``overwrite``, or ``ours(out)`` says spinekg wrote it).

    Raises
    ------
    ValueError
        Says which, and what to pass (``overwrite=True``, ``--force`` on the command line).

    Examples
    --------
    >>> from spinekg.pipeline.parse import bundled_files
    >>> check_target(bundled_files()[-1], overwrite=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: ... is part of the bundled ontology; it is never written: choose another file
    """
    from ..pipeline.build import ontology_dir

    try:
        bundled = ontology_dir().resolve()
    except FileNotFoundError:  # pragma: no cover - a broken install
        bundled = None
    target = out.resolve()
    if bundled is not None and (target == bundled or bundled in target.parents):
        raise ValueError(f"{str(out)!r} is part of the bundled ontology; it is never written: "
                         "choose another file")
    if os.path.islink(out):
        raise ValueError(f"{str(out)!r} is a symbolic link; refusing to write through it "
                         "(remove it, or give the file it points to)")
    if out.exists() and not overwrite and not (ours is not None and ours(out)):
        raise ValueError(f"{str(out)!r} exists; pass overwrite=True (--force on the command "
                         "line) to replace it")


def write_atomically(out: Path, write: Callable[[Path], None]) -> None:
    """Run ``write(tmp)`` on a new private file next to ``out``, then move it to ``out``
    (never a half-written file, never through a link planted meanwhile)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export(kg: Any, out: str | Path, *, format: str | None = None,
           overwrite: bool = False) -> None:
    """Write ``kg`` to ``out``; the format comes from ``format`` or the suffix.

    ``format`` is a name of :data:`FORMATS` or one of its :data:`ALIASES` (``ttl``,
    ``owl``, ``jsonld``, ``rdf``, ``ntriples``), in any case.

    ``graphml`` and ``json`` (node-link) write ``kg.nx``; the RDF formats write
    ``kg.graph``. Tuple attributes become ``;``-joined strings in GraphML, and each
    GraphML edge carries its predicate as a ``predicate`` attribute. A missing folder
    is created. An existing file is replaced only with ``overwrite=True``; the bundled
    ontology and symbolic links are never written (see :func:`check_target`).

    Raises
    ------
    ValueError
        Unknown format, a suffix that names another format, ``out`` is a folder, a
        bundled file or a link, or exists without ``overwrite``.
    """
    out = Path(out)
    if format is not None:
        format = ALIASES.get(str(format).lower(), str(format).lower())
    fmt = format or _BY_SUFFIX.get(out.suffix.lower())
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {format or out.suffix!r}; expected one of "
                         f"{', '.join(FORMATS)} (or {', '.join(ALIASES)})")
    implied = _BY_SUFFIX.get(out.suffix.lower())
    if implied is not None and FORMATS[implied] != FORMATS[fmt]:
        raise ValueError(f"{str(out)!r} has the suffix of {implied} but the format is {fmt}; "
                         f"expected a {FORMATS[fmt]} file name, or no format to go by the suffix")
    if out.is_dir():
        raise ValueError(f"{str(out)!r} is a folder; expected a file name such as "
                         f"{str(out / ('spinekg' + FORMATS[fmt]))!r}")
    check_target(out, overwrite=overwrite)
    write_atomically(out, lambda tmp: _write(kg, tmp, fmt))


def _write(kg: Any, out: Path, fmt: str) -> None:
    if fmt == "graphml":
        import networkx as nx

        G = kg.nx.copy()
        for _, data in G.nodes(data=True):
            for k, v in list(data.items()):
                if isinstance(v, (tuple, list)):
                    data[k] = ";".join(map(str, v))
                elif not isinstance(v, (str, int, float, bool)):
                    data[k] = str(v)
        for _, _, key, data in G.edges(keys=True, data=True):
            for k, v in list(data.items()):
                if isinstance(v, (tuple, list)):
                    data[k] = ";".join(map(str, v))
            data["predicate"] = key  # the edge id alone repeats across edges
        nx.write_graphml(G, out)
    elif fmt == "json":
        import networkx as nx

        data = nx.node_link_data(kg.nx, edges="edges")
        out.write_text(json.dumps(data, default=_json_value, ensure_ascii=False), encoding="utf-8")
    else:  # N-Triples is UTF-8 by definition; saying so keeps rdflib from warning
        kg.graph.serialize(destination=out, format=fmt, encoding="utf-8")


def _json_value(value: Any) -> Any:
    """JSON for the attribute types the graph holds (tuples, decimals, dates)."""
    from decimal import Decimal

    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    if isinstance(value, Decimal):
        return float(value)
    return str(value)
