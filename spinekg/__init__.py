"""spinekg: a knowledge graph of the human spine and the questions it answers.

Only the names in ``__all__`` are public.

Examples
--------
>>> import spinekg as skg
>>> kg = skg.load()
>>> kg.affected_by("left L5").side
'left'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("spinekg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
del PackageNotFoundError, version

from .build import build
from .errors import (
    AmbiguousTermError,
    BackendError,
    BuildError,
    OntologyLoadError,
    SpineKGError,
    UnknownTermError,
    ValidationError,
)
from .kg import SpineKG
from .load import load
from .paths import Path, Step, paths
from .results import (
    Candidate,
    Compression,
    Impact,
    Localization,
    TierPlan,
    TreatmentItem,
    TreatmentPlan,
)
from .terms import Term
from .validate import ValidationReport, validate


def connect(endpoint: str, **kwargs: object) -> SpineKG:
    """A SpineKG over a SPARQL 1.1 endpoint; see :func:`spinekg.backends.endpoint.connect`."""
    from .backends.endpoint import connect as _connect

    return _connect(endpoint, **kwargs)


__all__ = [
    "AmbiguousTermError", "BackendError", "BuildError", "Candidate", "Compression", "Impact",
    "Localization", "OntologyLoadError", "Path", "SpineKG", "SpineKGError", "Step", "Term",
    "TierPlan", "TreatmentItem", "TreatmentPlan", "UnknownTermError", "ValidationError",
    "ValidationReport", "__version__", "build", "connect", "load", "paths", "validate",
]
