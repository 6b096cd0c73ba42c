"""Session fixtures: the bundled ontology as an rdflib graph and as a SpineKG."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from spinekg.build import ontology_dir

DATA = Path(__file__).parent / "data"


def _parse_all() -> Graph:
    g = Graph()
    root = ontology_dir()
    for path in [root / "spinekg.ttl", *sorted(root.glob("tbox/*.ttl")),
                 *sorted(root.glob("abox/*.ttl"))]:
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="session")
def g() -> Graph:
    """The bundled ontology (header, TBox and generated ABox) in one rdflib graph."""
    return _parse_all()


@pytest.fixture(scope="session")
def kg():
    """The bundled ontology as a SpineKG (shared by the whole session: treat as read-only)."""
    import spinekg as skg

    return skg.load()
