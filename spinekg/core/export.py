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
from pathlib import Path
from typing import Any

__all__ = ["export", "ALIASES", "FORMATS"]

#: format name → file suffix
FORMATS = {"turtle": ".ttl", "longturtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld",
           "xml": ".rdf", "graphml": ".graphml", "json": ".json"}
#: other names people type for a format (the file suffixes among them) → format name
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "jsonld": "json-ld",
           "rdf": "xml", "owl": "xml", "rdf/xml": "xml", "rdfxml": "xml"}
_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml",
              ".owl": "xml", ".graphml": "graphml", ".json": "json"}


def export(kg: Any, out: str | Path, *, format: str | None = None) -> None:
    """Write ``kg`` to ``out``; the format comes from ``format`` or the suffix.

    ``format`` is a name of :data:`FORMATS` or one of its :data:`ALIASES` (``ttl``,
    ``owl``, ``jsonld``, ``rdf``, ``ntriples``), in any case.

    ``graphml`` and ``json`` (node-link) write ``kg.nx``; the RDF formats write
    ``kg.graph``. Tuple attributes become ``;``-joined strings in GraphML, and each
    GraphML edge carries its predicate as a ``predicate`` attribute. A missing folder
    is created.

    Raises
    ------
    ValueError
        Unknown format, a suffix that names another format, or ``out`` is a folder.
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
    out.parent.mkdir(parents=True, exist_ok=True)
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
