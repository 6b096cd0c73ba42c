"""The graph core: terms, the index, path patterns and search, SPARQL, networkx, export.

This layer owns the graph as data, free of any clinical meaning: the value types
(:mod:`~spinekg.core.terms`, :mod:`~spinekg.core.tables`), the interned index and its
on-disk cache (:mod:`~spinekg.core.index`, :mod:`~spinekg.core.cache`), name
resolution (:mod:`~spinekg.core.resolve`), the path pattern language
(:mod:`~spinekg.core.pattern`, compiled to an automaton) and the search over any
graph (:mod:`~spinekg.core.search`, with the result types in
:mod:`~spinekg.core.path`), SPARQL with bound values (:mod:`~spinekg.core.query`),
the networkx view (:mod:`~spinekg.core.convert`) and file export
(:mod:`~spinekg.core.export`). It may import the base modules and the pipeline,
never the clinical layer or anything above it.

Examples
--------
>>> from spinekg.core import compile_pattern
>>> compile_pattern("skg:hasDermatome/skg:coversArea").text
'skg:hasDermatome/skg:coversArea'
"""

from __future__ import annotations

from .pattern import Pattern, compile_pattern
from .search import Path, Step, paths
from .terms import EdgeInfo, Term, curie, iri

__all__ = ["EdgeInfo", "Path", "Pattern", "Step", "Term", "compile_pattern", "curie", "iri",
           "paths"]
