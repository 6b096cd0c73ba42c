"""Session fixtures: the bundled ontology as an rdflib graph and as a SpineKG."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from spinekg.pipeline.build import ontology_dir

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


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a connection or resolve a name fails and is recorded."""
    import socket

    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during a spinekg test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
