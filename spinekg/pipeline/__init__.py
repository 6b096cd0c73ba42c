"""The ontology pipeline: templates -> build -> parse -> validate -> safety.

This layer owns the files: it turns the side-neutral TSV templates into the ABox
Turtle (:mod:`~spinekg.pipeline.build`, reading rows with
:mod:`~spinekg.pipeline.templates`), reads RDF files into rdflib graphs with clear
errors (:mod:`~spinekg.pipeline.parse`, :mod:`~spinekg.pipeline.formats`, and the
Oxigraph fast path :mod:`~spinekg.pipeline.oxparse`), checks graphs against the SHACL
shapes and QC queries (:mod:`~spinekg.pipeline.validate`) and guards every parse
(:mod:`~spinekg.pipeline.safety`: no network, no entity expansion, size limits). It
may import only the base modules (``errors``, ``namespaces``, ``curies``, ``_version``).

Examples
--------
>>> from spinekg.pipeline import bundled_files
>>> bundled_files()[0].name
'spinekg.ttl'
"""

from __future__ import annotations

from .build import build, check, ontology_dir
from .parse import bundled_files, parse_files
from .validate import ValidationReport, validate

__all__ = ["ValidationReport", "build", "bundled_files", "check", "ontology_dir", "parse_files",
           "validate"]
