"""spinekg: a knowledge graph of the human spine and the questions it answers.

Only the names in ``__all__`` are public. The package is laid out by layer, data
flowing one way (a layer imports only the layers below it; see
``spinekg/layers.py``)::

    errors, namespaces, _version   the base every layer may use
    pipeline/   templates -> build -> parse -> validate (SHACL + QC) -> safety
    core/       terms, index and its cache, path patterns and search, SPARQL, networkx, export
    clinical/   derived tables, affected/compressed, treatments, localisation, result types
    adapters/   backends: the Oxigraph store, the SPARQL endpoint store and remote paths
    kg.py       the SpineKG facade; factory.py: load() and connect() build it
    faces/      command line, plots, the ontology docs page

Examples
--------
>>> import spinekg as skg
>>> kg = skg.load()
>>> kg.affected_by("left L5").side
'left'
"""

from __future__ import annotations

from ._version import __version__
from .clinical.results import (
    Candidate,
    Compression,
    Impact,
    Localization,
    TierPlan,
    TreatmentItem,
    TreatmentPlan,
)
from .core.search import Path, Step, paths
from .core.terms import Term
from .errors import (
    AmbiguousTermError,
    BackendError,
    BuildError,
    OntologyLoadError,
    SpineKGError,
    UnknownTermError,
    ValidationError,
)
from .factory import connect, load
from .kg import SpineKG
from .pipeline.build import build
from .pipeline.validate import ValidationReport, validate

__all__ = [
    "AmbiguousTermError", "BackendError", "BuildError", "Candidate", "Compression", "Impact",
    "Localization", "OntologyLoadError", "Path", "SpineKG", "SpineKGError", "Step", "Term",
    "TierPlan", "TreatmentItem", "TreatmentPlan", "UnknownTermError", "ValidationError",
    "ValidationReport", "__version__", "build", "connect", "load", "paths", "validate",
]
