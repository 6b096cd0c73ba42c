"""Loading: the fast parse path, the rdflib fallback and the index cache agree."""

from __future__ import annotations

import importlib

import pytest

import spinekg as skg

load_module = importlib.import_module("spinekg.core.cache")  # where the index is built


@pytest.fixture
def no_cache(monkeypatch):
    monkeypatch.setenv("SPINEKG_CACHE_DIR", "")


def test_fast_parse_keeps_the_rdflib_graph_lazy(no_cache):
    pytest.importorskip("pyoxigraph")
    kg = skg.load()
    assert kg._graph is None  # nothing parsed by rdflib yet
    assert len(kg.graph) == kg.index.n_triples


def test_rdflib_fallback_gives_the_same_index(no_cache, monkeypatch):
    fast = skg.load()
    monkeypatch.setattr(load_module, "fast_triples", lambda paths: None)
    slow = skg.load()
    assert slow._graph is not None
    assert slow.index.terms == fast.index.terms
    assert slow.index.edges == fast.index.edges
    assert slow.affected_by("left L4") == fast.affected_by("left L4")


def test_index_cache_round_trips(tmp_path, monkeypatch):
    monkeypatch.setenv("SPINEKG_CACHE_DIR", str(tmp_path))
    first = skg.load()
    assert list(tmp_path.glob("index-*.json"))
    again = skg.load()
    assert again.index.terms == first.index.terms and again.index.out == first.index.out


def test_a_turtle_error_says_why_and_where_in_words(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix skg: <https://w3id.org/spinekg/> .\nskg:a skg:b skg:c .\n'
                   'skg:x skg:y "unterminated .\n', encoding="utf-8")
    with pytest.raises(skg.OntologyLoadError) as info:
        skg.load(bad, backend="memory")
    msg = str(info.value)
    assert "line 3: newline found in string literal near" in msg and '"unterminated' in msg
    assert "b'" not in msg  # no bytes repr
