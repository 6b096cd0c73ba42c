"""Storage backends behind one :class:`~spinekg.SpineKG` API.

* :mod:`spinekg.adapters.oxigraph` — an embedded pyoxigraph store, in memory or
  on disk (``skg.load(backend="oxigraph", path=...)``; the ``fast`` extra);
* :mod:`spinekg.adapters.endpoint` — any SPARQL 1.1 endpoint
  (``skg.connect(url)``), standard library only.

A store object offers ``triples()`` (rdflib terms of the default graph, from
which the in-process index is built), ``to_rdflib()`` and
``query(text, bindings)``. Answers are the same on every backend.

Examples
--------
>>> import spinekg as skg
>>> from spinekg.adapters.rdf import BACKENDS
>>> BACKENDS
('memory', 'oxigraph', 'endpoint')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["BACKENDS", "to_graph"]

#: The backends a SpineKG can run on.
BACKENDS = ("memory", "oxigraph", "endpoint")


def to_graph(triples: Iterable[tuple[Any, Any, Any]]):
    """An rdflib Graph of ``triples`` with the spinekg prefixes bound (``store.to_rdflib``).

    Examples
    --------
    >>> from rdflib import URIRef
    >>> g = to_graph([(URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c"))])
    >>> len(g), dict(g.namespaces())["skg"]
    (1, rdflib.term.URIRef('https://w3id.org/spinekg/'))
    """
    from rdflib import Graph

    from ..namespaces import PREFIXES

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add(t)
    return g
