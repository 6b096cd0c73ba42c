"""SPARQL safety: values go in as bindings and cannot change a query's meaning;
updates are refused unless asked for, and even then never touch the bundled files."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import Literal

import spinekg as skg
from spinekg.pipeline.parse import bundled_files

HOSTILE_VALUES = [
    "'} ; DROP ALL ; SELECT * {'",
    '"> } UNION { ?s ?p ?o',
    '" } UNION { ?s ?p ?o } #',
    "left L4 nerve root\" } UNION { ?s ?p ?o . FILTER(true) } #",
    "?s ?p ?o",
    "} INSERT DATA { <urn:x> <urn:y> <urn:z> } SELECT * WHERE {",
    "\\\" ) } ; CLEAR ALL ; #",
    "\u0000\u202e>",
]
BY_LABEL = "SELECT ?s WHERE { ?s rdfs:label ?label }"


def digest_bundled() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_files()}



@pytest.fixture
def throwaway(tmp_path, monkeypatch):
    """A fresh SpineKG nobody else uses (updates change it)."""
    monkeypatch.setenv("SPINEKG_CACHE_DIR", str(tmp_path / "cache"))
    return skg.load()


def test_benign_binding_sanity(kg):
    rows = kg.sparql(BY_LABEL, label=Literal("left L4 nerve root", lang="en"))
    assert rows == [{"s": "skg:root_L4_left"}]
    assert kg.sparql(BY_LABEL, label="no such label at all") == []


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_binding_cannot_change_the_query(kg, value):
    n = len(kg.graph)
    benign = kg.sparql(BY_LABEL, label="no such label at all")
    assert kg.sparql(BY_LABEL, label=value) == benign == []
    # as the object of any triple, or in a FILTER: still just a value
    assert kg.sparql("SELECT ?s ?p WHERE { ?s ?p ?v }", v=value) == []
    assert kg.sparql("SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l = ?v) }", v=value) == []
    assert kg.sparql("ASK { ?s ?p ?v }", v=value) == [{"ask": False}]
    assert len(kg.graph) == n


@pytest.mark.parametrize("value", HOSTILE_VALUES[:3])
def test_hostile_label_in_the_data_is_just_data(tmp_path, monkeypatch, value):
    """A label in an extra file that looks like SPARQL comes back verbatim, changing nothing."""
    monkeypatch.setenv("SPINEKG_CACHE_DIR", str(tmp_path / "cache"))
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\u0000", "")
    path = tmp_path / "labels.ttl"
    path.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    f'<https://w3id.org/spinekg/evil> rdfs:label "{escaped}" .\n')
    kg = skg.load(str(path))
    n = len(kg.graph)
    label = kg.sparql("SELECT ?l WHERE { skg:evil rdfs:label ?l }")[0]["l"]
    assert label == value.replace("\u0000", "")
    # feeding the hostile label back as a binding finds exactly that one subject
    assert kg.sparql(BY_LABEL, label=label) == [{"s": "skg:evil"}]
    assert len(kg.graph) == n


@pytest.mark.parametrize("update", [
    "INSERT DATA { skg:x skg:y skg:z }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "drop all",
    "# a comment first\nDROP ALL",
    "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
    "DELETE { ?s rdfs:label ?l } INSERT { ?s rdfs:label 'x' } WHERE { ?s rdfs:label ?l }",
    "LOAD <http://example.org/evil.ttl>",
    "CREATE GRAPH <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused_by_default(kg, update, no_network):
    n = len(kg.graph)
    with pytest.raises(ValueError) as info:
        kg.sparql(update)
    assert "allow_update" in str(info.value)
    assert len(kg.graph) == n
    assert no_network == []


@pytest.mark.parametrize("value", HOSTILE_VALUES[:2])
def test_select_with_hostile_binding_is_not_an_update(kg, value):
    """A binding value that spells an update is never executed as one."""
    n = len(kg.graph)
    assert kg.sparql(BY_LABEL, label=f"x' . }} ; {value}") == []
    assert len(kg.graph) == n


def test_allowed_update_changes_only_the_throwaway(throwaway):
    before_files = digest_bundled()
    before_fresh = skg.load().index.n_triples
    assert throwaway.sparql("DELETE WHERE { skg:root_L4_left ?p ?o }", allow_update=True) == []
    assert throwaway.sparql("ASK { skg:root_L4_left ?p ?o }") == [{"ask": False}]
    throwaway.sparql("CLEAR DEFAULT", allow_update=True)
    assert len(throwaway.graph) == 0
    assert digest_bundled() == before_files
    fresh = skg.load()
    assert fresh.index.n_triples == before_fresh
    assert fresh.term("left L4").curie == "skg:root_L4_left"


def test_allowed_update_with_hostile_binding_is_bound(throwaway):
    before = len(throwaway.graph)
    throwaway.sparql("INSERT { skg:probe rdfs:comment ?v } WHERE {}", allow_update=True,
                     v=HOSTILE_VALUES[0])
    assert len(throwaway.graph) == before + 1
    rows = throwaway.sparql("SELECT ?v WHERE { skg:probe rdfs:comment ?v }")
    assert rows == [{"v": HOSTILE_VALUES[0]}]


def test_default_kg_untouched_by_the_throwaway(kg, throwaway):
    throwaway.sparql("DELETE WHERE { ?s ?p ?o }", allow_update=True)
    assert len(throwaway.graph) == 0
    assert kg.term("left L4").curie == "skg:root_L4_left"
    assert kg.sparql("ASK { skg:root_L4_left ?p ?o }") == [{"ask": True}]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/hostname> WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_remote_reads_are_refused(kg, query, no_network):
    with pytest.raises(ValueError, match="refused"):
        kg.sparql(query)
    assert no_network == []


@pytest.mark.parametrize("update", ["LOAD <http://example.org/evil.ttl>",
                                    "LOAD <file:///etc/hostname> INTO GRAPH <urn:g>"])
def test_load_is_refused_even_when_updates_are_allowed(update, no_network):
    throwaway = skg.load()
    with pytest.raises(ValueError, match="LOAD is refused"):
        throwaway.sparql(update, allow_update=True)
    assert no_network == []


def test_failing_allowed_update_is_a_clear_error():
    throwaway = skg.load()
    with pytest.raises(skg.SpineKGError, match="SPARQL update failed"):
        throwaway.sparql("DROP ALL", allow_update=True)


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_every_selected_variable_is_in_every_row(backend):
    if backend == "oxigraph":
        pytest.importorskip("pyoxigraph")
    kg = skg.load(backend=backend)
    rows = kg.sparql("SELECT ?r ?alt WHERE { ?r skg:exitsThrough ?f "
                     "OPTIONAL { ?r skg:noSuchPredicate ?alt } } LIMIT 3")
    assert len(rows) == 3 and all(set(r) == {"r", "alt"} and r["alt"] is None for r in rows)
