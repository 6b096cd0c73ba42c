"""Issue 24, items 5, 7, 8 and 9 (input side): links out of a folder, non-RDF text never
quoted, named graphs never dropped, sizes before hashing, every syntax error placed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import spinekg as skg
from spinekg.errors import OntologyLoadError
from spinekg.pipeline.safety import MAX_FILE_BYTES, MAX_STORE_BYTES

SECRET = "SECRETUSER:x:0:0:hush:/root:/bin/bash\nother:x:1:1::/home/other:/bin/sh\n"
BACKENDS = ["memory", pytest.param("oxigraph", marks=pytest.mark.skipif(
    __import__("importlib").util.find_spec("pyoxigraph") is None, reason="no pyoxigraph"))]


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "private" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


# --- item 5: links and quoting ----------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_link_out_of_its_folder_is_refused_and_not_read(tmp_path, secret, backend):
    link = tmp_path / "data" / "extension.ttl"
    link.parent.mkdir()
    link.symlink_to(secret)
    with pytest.raises(OntologyLoadError, match="symbolic link") as info:
        skg.load(link, backend=backend)
    assert "SECRET" not in str(info.value)


def test_a_link_within_its_folder_is_followed(tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text('<https://w3id.org/spinekg/linked> '
                    '<http://www.w3.org/2000/01/rdf-schema#label> "linked probe" .\n')
    (tmp_path / "alias.ttl").symlink_to(real)
    assert skg.load(tmp_path / "alias.ttl").term("linked probe").curie == "skg:linked"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig"])
def test_a_file_that_is_not_rdf_is_never_quoted(tmp_path, backend, suffix):
    path = tmp_path / f"passwd{suffix}"
    path.write_text(SECRET)
    with pytest.raises(OntologyLoadError) as info:
        skg.load(path, backend=backend)
    msg = str(info.value)
    assert "SECRET" not in msg and "hush" not in msg and "/bin/" not in msg, msg
    assert info.value.line == 1


# --- item 7: named graphs ---------------------------------------------------------------
@pytest.mark.parametrize("suffix,text", [
    (".trig", "@prefix skg: <https://w3id.org/spinekg/> .\n"
              "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
              "skg:g1 { skg:named_probe rdfs:label \"named probe\" . }\n"
              "skg:default_probe rdfs:label \"default probe\" .\n"),
    (".nq", "<https://w3id.org/spinekg/named_probe> <http://www.w3.org/2000/01/rdf-schema#label>"
            " \"named probe\" <https://w3id.org/spinekg/g1> .\n"
            "<https://w3id.org/spinekg/default_probe> "
            "<http://www.w3.org/2000/01/rdf-schema#label> \"default probe\" .\n"),
])
def test_named_graph_triples_are_merged_not_dropped(tmp_path, suffix, text):
    path = tmp_path / f"graphs{suffix}"
    path.write_text(text)
    kg = skg.load(path)
    assert kg.term("named probe").curie == "skg:named_probe"
    assert kg.term("default probe").curie == "skg:default_probe"
    assert kg.sparql('ASK { skg:named_probe rdfs:label "named probe" }') == [{"ask": True}]


# --- item 8: sizes first, and the advice names the other backend's limit ----------------
def test_a_huge_file_is_refused_before_it_is_hashed(tmp_path, monkeypatch):
    import spinekg.core.cache as cache

    def no_hashing(paths):
        raise AssertionError("the file was hashed before its size was checked")

    monkeypatch.setattr(cache, "digest", no_hashing)
    huge = tmp_path / "huge.ttl"
    with open(huge, "wb") as fh:
        fh.truncate(MAX_STORE_BYTES + 1)  # sparse: no disk used
    for kwargs in ({}, {"backend": "oxigraph", "path": tmp_path / "store"}):
        with pytest.raises(OntologyLoadError, match="the limit is"):
            skg.load(huge, **kwargs)


def test_the_size_message_recommends_oxigraph_with_its_limit(tmp_path):
    big = tmp_path / "big.ttl"
    with open(big, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(OntologyLoadError) as info:
        skg.load(big)
    msg = str(info.value)
    assert str(MAX_FILE_BYTES) in msg and "backend='oxigraph'" in msg
    assert str(MAX_STORE_BYTES) in msg and "4 GiB" in msg


# --- item 9: line and column for every format -------------------------------------------
CASES = {
    "end.ttl": ("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:d ex:e", 3, 10),
    "object.ttl": ("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:d ex:e .\n", 3, None),
    "string.ttl": ("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\n\n\nex:d ex:e \"x\n", 5, None),
    "bad.nt": ("<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> \"x .\n"
               "<http://e/a> <http://e/b> <http://e/c> .\n", 2, 27),
    "bad.rdf": ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
                'syntax-ns#">\n<rdf:Description rdf:about="http://e/a">\n  <foo>\n'
                "</rdf:Description>\n</rdf:RDF>\n", 5, 3),
    "bad.jsonld": ('{\n  "@id": "http://e/a",\n  "http://e/b": [1, 2\n}\n', 4, 1),
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_syntax_error_names_its_line_and_column(tmp_path, backend, name):
    text, line, column = CASES[name]
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(OntologyLoadError) as info:
        skg.load(path, backend=backend)
    err = info.value
    assert err.line == line, str(err)
    assert f"line {line}" in str(err)
    assert isinstance(err.column, int) and err.column >= 1, str(err)
    if column is not None:
        assert err.column == column, str(err)


@pytest.mark.parametrize("backend", BACKENDS)
def test_deeply_nested_json_ld_is_a_load_error(tmp_path, backend):
    path = tmp_path / "deep.jsonld"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(OntologyLoadError, match="nested too deeply"):
        skg.load(path, backend=backend)


def test_a_bare_doctype_is_refused_by_defusedxml(tmp_path):
    path = tmp_path / "doctype.rdf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n<rdf:RDF '
                    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n')
    with pytest.raises(OntologyLoadError, match="DOCTYPE"):
        skg.load(path)
    src = (Path(skg.__file__).parent / "pipeline" / "safety.py").read_text()
    assert "defusedxml" in src


def test_links_are_checked_before_any_hashing(tmp_path, secret, monkeypatch):
    import spinekg.core.cache as cache

    monkeypatch.setattr(cache, "digest", lambda paths: pytest.fail("hashed a link"))
    link = tmp_path / "x.nt"
    link.symlink_to(secret)
    with pytest.raises(OntologyLoadError):
        skg.load(link)
    assert os.path.islink(link)
