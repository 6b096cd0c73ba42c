"""Hostile files given to ``load(extra)`` and ``validate``: nothing fetched, nothing
expanded, nothing read that was not asked for, memory bounded, the bundled ontology
unchanged, and every refusal an :class:`OntologyLoadError` naming the file."""

from __future__ import annotations

import builtins
import hashlib
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import spinekg as skg
from spinekg.errors import OntologyLoadError, SpineKGError
from spinekg.pipeline.parse import bundled_files
from spinekg.pipeline.safety import MAX_FILE_BYTES, SpineKGWarning

HOSTILE = Path(__file__).parent / "data" / "hostile"
ROOT = Path(__file__).resolve().parents[1]



@pytest.fixture
def opened(monkeypatch):
    """Paths opened with ``open`` during the test."""
    seen: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        seen.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    return seen


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Indexes of hostile files go to a throwaway cache, never the user's."""
    monkeypatch.setenv("SPINEKG_CACHE_DIR", str(tmp_path / "cache"))


def digest_bundled() -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_files()}


def fingerprint(kg) -> tuple:
    ix = kg.index
    return (ix.n_triples, len(ix.terms), kg.term("skg:root_L4_left").label,
            ix.objects("skg:root_L4_left", "skg:hasSide"),
            ix.value("skg:root_L4_left", "skg:levelName"))


# --- malformed ------------------------------------------------------------------------
@pytest.mark.parametrize("call", [skg.load, lambda p: skg.validate([p])], ids=["load", "validate"])
def test_malformed_turtle_names_file_and_line(call):
    path = HOSTILE / "malformed.ttl"
    with pytest.raises(OntologyLoadError) as info:
        call(str(path))
    err = info.value
    assert err.path == str(path) and str(path) in str(err)
    assert err.line in (5, 6), str(err)
    assert f"line {err.line}" in str(err)


@pytest.mark.parametrize("name,text", [
    ("garbage.nt", "this is not n-triples\n"),
    ("bad.jsonld", "{not json"),
    ("bad.rdf", "<rdf:RDF><unclosed></rdf:RDF>"),
    ("binary.ttl", "\x00\x01\x02\xff"),
    ("empty.jsonld", ""),
], ids=["nt", "jsonld", "rdfxml", "binary", "empty-json"])
def test_malformed_formats_are_load_errors(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="latin-1")
    with pytest.raises(OntologyLoadError) as info:
        skg.load(str(path))
    assert name in str(info.value)


def test_invalid_utf8_turtle_is_load_error(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes(b'<https://w3id.org/spinekg/x> <http://www.w3.org/2000/01/rdf-schema#label>'
                     b' "caf\xe9" .\n')
    try:
        kg = skg.load(str(path))
    except OntologyLoadError as err:
        assert "latin1.ttl" in str(err)
    else:  # decoded leniently: still no crash and the term exists
        assert "skg:x" in kg.index.terms


# --- XML entities -----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["xxe.rdf", "billion_laughs.rdf"])
@pytest.mark.parametrize("call", [skg.load, lambda p: skg.validate([p])], ids=["load", "validate"])
def test_xml_entities_refused_and_not_read(name, call, no_network, opened):
    path = HOSTILE / name
    with pytest.raises(OntologyLoadError) as info:
        call(str(path))
    msg = str(info.value)
    assert name in msg and ("DOCTYPE" in msg or "ENTITY" in msg)
    assert "root:" not in msg and "lollol" not in msg
    assert not any("passwd" in p for p in opened), opened
    assert no_network == []


def test_doctype_after_a_megabyte_of_comments_is_refused(tmp_path, opened):
    """An XML prolog may hold any amount of comment before the DOCTYPE."""
    xxe = (HOSTILE / "xxe.rdf").read_text()
    head, rest = xxe.split("\n", 1)
    path = tmp_path / "padded.rdf"
    path.write_text(head + "\n" + "<!-- " + "pad " * 400_000 + "-->\n" + rest)
    assert path.stat().st_size > 1 << 20
    with pytest.raises(OntologyLoadError) as info:
        skg.load(str(path))
    assert "padded.rdf" in str(info.value)
    assert not any("passwd" in p for p in opened), opened


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_doctype_in_wide_encodings_is_refused(tmp_path, encoding, opened):
    text = (HOSTILE / "xxe.rdf").read_text().replace('<?xml version="1.0"?>',
                                                     f'<?xml version="1.0" encoding="'
                                                     f'{encoding.upper()}"?>')
    path = tmp_path / f"wide-{encoding}.rdf"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(OntologyLoadError) as info:
        skg.load(str(path))
    assert path.name in str(info.value)
    assert not any("passwd" in p for p in opened), opened


def test_plain_rdfxml_still_loads(tmp_path):
    path = tmp_path / "plain.rdf"
    path.write_text('<?xml version="1.0"?>\n<rdf:RDF '
                    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                    'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
                    '<rdf:Description rdf:about="https://w3id.org/spinekg/xml_probe">'
                    '<rdfs:label>xml probe</rdfs:label></rdf:Description>\n</rdf:RDF>\n')
    assert skg.load(str(path)).term("xml probe").curie == "skg:xml_probe"


# --- the network ---------------------------------------------------------------------------
def test_owl_imports_of_urls_are_not_followed(no_network):
    before = skg.load()
    kg = skg.load(str(HOSTILE / "imports_url.ttl"))
    assert no_network == []
    assert kg.term("imports probe").curie == "skg:imported_probe"
    # exactly the file's own triples were added: nothing was imported
    assert kg.index.n_triples == before.index.n_triples + 4


@pytest.mark.parametrize("name", ["remote_context.jsonld", "local_context.jsonld"])
@pytest.mark.parametrize("call", [skg.load, lambda p: skg.validate([p])], ids=["load", "validate"])
def test_jsonld_context_by_reference_is_refused(name, call, no_network, opened):
    path = HOSTILE / name
    with pytest.raises(OntologyLoadError) as info:
        call(str(path))
    assert name in str(info.value) and "@context" in str(info.value)
    assert no_network == []
    assert not any("passwd" in p for p in opened), opened


@pytest.mark.parametrize("context", [
    ["https://schema.org/", {"name": "http://schema.org/name"}],
    {"@import": "https://schema.org/"},
    "//schema.org/",
    "ctx.jsonld",
], ids=["list", "import", "protocol-relative", "relative-file"])
def test_jsonld_other_context_references_are_refused(tmp_path, context, no_network, opened):
    (tmp_path / "ctx.jsonld").write_text(json.dumps({"@context": {"name": "rdfs:label"}}))
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps({"@context": context, "@id": "https://w3id.org/spinekg/j",
                                "name": "x"}))
    with pytest.raises(OntologyLoadError) as info:
        skg.load(str(path))
    assert "doc.jsonld" in str(info.value)
    assert no_network == []
    assert not any(p.endswith("ctx.jsonld") for p in opened), opened


def test_jsonld_inline_context_loads(no_network):
    kg = skg.load(str(HOSTILE / "inline_context.jsonld"))
    assert kg.term("inline context probe").curie == "skg:inline_probe"
    assert no_network == []


# --- size -----------------------------------------------------------------------------------
def test_file_over_the_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.ttl"
    with open(path, "wb") as fh:  # sparse: takes no disk space
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(OntologyLoadError) as info:
        skg.load(str(path))
    assert "huge.ttl" in str(info.value) and str(MAX_FILE_BYTES) in str(info.value)


BIG_SCRIPT = r"""
import os, resource, sys, time
sys.path.insert(0, sys.argv[2])
import spinekg as skg
from spinekg.errors import SpineKGError
t = time.time()
try:
    kg = skg.load(sys.argv[1])
    outcome = f"ok {kg.index.n_triples} {'skg:big_0' in kg.index.terms}"
except SpineKGError as err:
    outcome = f"refused {err}"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(outcome.replace(chr(10), " "))
print(peak)
print(time.time() - t)
"""


@pytest.mark.slow  # parses 50 MB
def test_fifty_megabyte_file_loads_with_bounded_memory(tmp_path):
    path = tmp_path / "big.ttl"
    line = ('<https://w3id.org/spinekg/big_{i}> <http://www.w3.org/2000/01/rdf-schema#label> "'
            + "spinal " * 60 + '{i}" .\n')
    n = size = 0
    with open(path, "w") as fh:
        while size < 50 * 1024 * 1024:
            s = line.format(i=n)
            fh.write(s)
            size += len(s)
            n += 1
    env = dict(os.environ, SPINEKG_CACHE_DIR="")
    run = subprocess.run([sys.executable, "-c", BIG_SCRIPT, str(path), str(ROOT)], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    outcome, peak, seconds = run.stdout.strip().splitlines()[-3:]
    assert "Traceback" not in run.stderr
    assert int(peak) < 2 * 1024 ** 3, f"peak RSS {int(peak) / 2**20:.0f} MiB"
    if outcome.startswith("ok"):
        assert outcome.endswith("True")
        assert int(outcome.split()[1]) >= n
    else:
        assert outcome.startswith("refused") and "big.ttl" in outcome


# --- redefining bundled terms -----------------------------------------------------------------
@pytest.mark.slow  # parses the whole ontology twice
def test_redefining_bundled_terms_is_reported_and_changes_nothing_bundled():
    before_files = digest_bundled()
    before = fingerprint(skg.load())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kg = skg.load(str(HOSTILE / "redefine.ttl"))
    ours = [w for w in caught if issubclass(w.category, SpineKGWarning)]
    assert len(ours) == 1, [str(w.message) for w in caught]
    msg = str(ours[0].message)
    assert "skg:root_L4_left" in msg and "redefine.ttl" in msg
    for what in ("rdfs:label", "skg:hasSide", "skg:levelName", "skg:Right"):
        assert what in msg
    # the same label as bundled, and a brand-new term, are not conflicts
    assert "skg:root_L5_left" not in msg and "skg:my_new_term" not in msg
    # the merged graph holds both values; the bundled graph holds only its own
    assert set(kg.index.objects("skg:root_L4_left", "skg:hasSide")) == {"skg:Left", "skg:Right"}
    assert digest_bundled() == before_files
    assert fingerprint(skg.load()) == before
    assert fingerprint(skg.load()) == (before[0], before[1], "left L4 nerve root",
                                       ("skg:Left",), "L4")


def test_warning_is_a_userwarning_and_quiet_without_conflicts(tmp_path):
    assert issubclass(SpineKGWarning, UserWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SpineKGWarning)
        skg.load(str(HOSTILE / "imports_url.ttl"))  # no conflict: no warning
        skg.load()


@pytest.mark.slow  # a whole-ontology SHACL run of its own (bundled + the extension)
def test_validate_with_redefinition_leaves_bundled_files_alone():
    before = digest_bundled()
    report = skg.validate([*bundled_files(), HOSTILE / "redefine.ttl"])
    assert report is not None
    assert digest_bundled() == before


# --- every refusal is one of ours ------------------------------------------------------------
def test_all_hostile_fixtures_fail_cleanly_or_load(no_network):
    for path in sorted(HOSTILE.iterdir()):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SpineKGWarning)
                skg.load(str(path))
        except SpineKGError as err:
            assert path.name in str(err)
    assert no_network == []
