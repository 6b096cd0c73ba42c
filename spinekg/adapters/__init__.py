"""Adapters: the graph behind other stores, and (to come) coded records and notes.

This layer owns what connects spinekg to the outside: the embedded Oxigraph store
(:mod:`~spinekg.adapters.oxigraph`), any SPARQL 1.1 endpoint — the protocol client
(:mod:`~spinekg.adapters.protocol`, on SPARQLWrapper), the endpoint store and upload
(:mod:`~spinekg.adapters.endpoint`) and the path search pushed to the endpoint
(:mod:`~spinekg.adapters.remote`) — and the RDF term helpers they share
(:mod:`~spinekg.adapters.rdf`). The readers of codes, Phenopackets, FHIR and free
text belong here too. It may import every layer below it (base, pipeline, core,
clinical), never the facade or the faces.

Examples
--------
>>> from spinekg.adapters import BACKENDS
>>> BACKENDS
('memory', 'oxigraph', 'endpoint')
"""

from __future__ import annotations

from .rdf import BACKENDS

__all__ = ["BACKENDS"]
