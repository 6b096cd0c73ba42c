"""The RDF file formats the library reads, by file suffix.

Examples
--------
>>> from pathlib import Path
>>> rdflib_format(Path("extension.ttl"))
'turtle'
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OntologyLoadError

__all__ = ["FORMATS", "rdflib_format"]

FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".n3": "n3",
    ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".jsonld": "json-ld", ".json": "json-ld",
    ".trig": "trig", ".nq": "nquads",
}


def rdflib_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise OntologyLoadError(path, f"unknown file type {path.suffix!r}; expected one of "
                                      f"{', '.join(sorted(FORMATS))}")
    return fmt
