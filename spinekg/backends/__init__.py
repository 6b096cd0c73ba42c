"""Storage backends behind one :class:`~spinekg.SpineKG` API.

* :mod:`spinekg.backends.oxigraph` — an embedded pyoxigraph store, in memory or
  on disk (``skg.load(backend="oxigraph", path=...)``; the ``fast`` extra);
* :mod:`spinekg.backends.endpoint` — any SPARQL 1.1 endpoint
  (``skg.connect(url)``), standard library only.

A store object offers ``triples()`` (rdflib terms of the default graph, from
which the in-process index is built), ``to_rdflib()`` and
``query(text, bindings)``. Answers are the same on every backend.

Examples
--------
>>> import spinekg as skg
>>> from spinekg.backends import BACKENDS
>>> BACKENDS
('memory', 'oxigraph', 'endpoint')
"""

from __future__ import annotations

__all__ = ["BACKENDS"]

#: The backends a SpineKG can run on.
BACKENDS = ("memory", "oxigraph", "endpoint")
