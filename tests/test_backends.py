"""Parity of the backends (memory, oxigraph in memory and on disk, a real Oxigraph
server) and the endpoint's failure modes. Every server listens on 127.0.0.1 only."""

from __future__ import annotations

import dataclasses
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import spinekg as skg
import spinekg.adapters.oxigraph
from spinekg.errors import BackendError, OntologyLoadError

pytest.importorskip("pyoxigraph")

from spinekg.adapters.endpoint import upload  # noqa: E402
from spinekg.adapters.oxigraph import OxigraphStore  # noqa: E402
from spinekg.adapters.remote import EndpointAdjacency, remote_paths  # noqa: E402
from spinekg.factory import connect  # noqa: E402


# --- fixtures --------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_exe() -> str:
    exe = shutil.which("oxigraph")
    if exe is None:
        cand = Path(sys.executable).with_name("oxigraph")
        exe = str(cand) if cand.is_file() else None
    if exe is None:
        pytest.fail("the `oxigraph` server executable is missing; install the dev extra "
                    "(pip install -e '.[dev]', which brings `oxigraph`) — `make test` does")
    return exe


def _start_server(loc) -> tuple[subprocess.Popen, str]:
    """Start `oxigraph serve` on a free 127.0.0.1 port and wait until it answers."""
    port = _free_port()
    proc = subprocess.Popen([_oxigraph_exe(), "serve", "--location", str(loc),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):  # up to ~20 s
        if proc.poll() is not None:
            pytest.fail(f"oxigraph server exited: {proc.stderr.read().decode()[:500]}")
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            return proc, base
        except OSError:
            time.sleep(0.1)
    _stop_server(proc)
    pytest.fail("oxigraph server did not answer within 20 s")


def _stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1, loaded with the ontology by upload()."""
    proc, base = _start_server(tmp_path_factory.mktemp("oxserver"))
    try:
        n = upload(base + "/update")
        yield {"base": base, "query": base + "/query", "update": base + "/update", "n": n}
    finally:
        _stop_server(proc)


@pytest.fixture(scope="module")
def memory():
    return skg.load()


@pytest.fixture(scope="module")
def oxi_memory():
    return skg.load(backend="oxigraph")


@pytest.fixture(scope="module")
def oxi_disk(tmp_path_factory):
    return skg.load(backend="oxigraph", path=tmp_path_factory.mktemp("oxdisk"))


@pytest.fixture(scope="module")
def remote(server):
    return connect(server["query"], update_endpoint=server["update"])


BACKENDS = ["oxi_memory", "oxi_disk",
            pytest.param("remote", marks=pytest.mark.slow)]  # an Oxigraph server, uploaded to


@pytest.fixture(params=BACKENDS)
def other(request):
    return request.getfixturevalue(request.param)


# --- helpers ---------------------------------------------------------------------------------
def _curies(value):
    if isinstance(value, (list, tuple)):
        return sorted(_curies(v) for v in value)
    if hasattr(value, "curie"):
        return value.curie
    return value


def _impact_view(imp):
    out = {}
    for f in dataclasses.fields(imp):
        v = getattr(imp, f.name)
        if f.name == "paths":
            items = v.items() if isinstance(v, dict) else enumerate(v)
            out[f.name] = sorted((str(k), str(p)) for k, p in items)
        else:
            out[f.name] = _curies(v) if not hasattr(v, "curie") else v.curie
    return out


# --- parity ----------------------------------------------------------------------------------
def test_index_identical(memory, other):
    assert other.index.n_triples == memory.index.n_triples
    assert set(other.index.terms) == set(memory.index.terms)
    assert other.index.edges.keys() == memory.index.edges.keys()

    def sources(edges):  # rank and note: see test_edge_annotations_identical
        return {k: (v.sources, v.frequency, v.uncertain) for k, v in edges.items()}

    assert sources(other.index.edges) == sources(memory.index.edges)


def test_edge_annotations_identical(memory, other):
    assert other.index.edges == memory.index.edges


def test_affected_by(memory, other):
    a, b = _impact_view(memory.affected_by("left L4")), _impact_view(other.affected_by("left L4"))
    pa, pb = a.pop("paths"), b.pop("paths")
    assert b == a  # every field, as sets of CURIEs
    assert [k for k, _ in pb] == [k for k, _ in pa]  # an explanation for every item


def test_affected_by_path_strings(memory, other):
    assert _impact_view(other.affected_by("left L4"))["paths"] == _impact_view(
        memory.affected_by("left L4"))["paths"]


def test_compressed_roots(memory, other):
    a = memory.compressed_roots("foraminal disc herniation", level="L4-L5", side="left")
    b = other.compressed_roots("foraminal disc herniation", level="L4-L5", side="left")
    assert _curies(list(b.roots)) == _curies(list(a.roots)) == ["skg:root_L4_left"]
    assert _curies(list(b.alternatives)) == _curies(list(a.alternatives))
    assert repr(b) == repr(a)


def test_treatments(memory, other):
    a = memory.treatments("lumbar spinal stenosis", months_conservative=4)
    b = other.treatments("lumbar spinal stenosis", months_conservative=4)
    assert (b.recommended.name, b.urgent) == (a.recommended.name, a.urgent) == ("surgical", False)
    assert [[i.treatment.curie for i in t.treatments] for t in b.tiers] == \
        [[i.treatment.curie for i in t.treatments] for t in a.tiers]


def test_localize(memory, other):
    kw = dict(side="left", numbness=["dorsum of foot"], weakness=["great toe extension"])
    a, b = memory.localize(**kw), other.localize(**kw)
    assert [c.root.curie for c in b.candidates] == [c.root.curie for c in a.candidates]
    assert [c.score for c in b.candidates] == [c.score for c in a.candidates]
    assert b.best.root.curie == "skg:root_L5_left"


@pytest.mark.parametrize("args, kw", [
    (("left L4", "left medial malleolus"),
     {"via": "skg:hasDermatome/skg:coversArea/skg:partOf*"}),
    (("left L5", None), {"via": "skg:hasMyotome/skg:includesAction"}),
    (("skg:root_L4_left", "skg:Left"), {"max_hops": 3}),
])
def test_paths(memory, other, args, kw):
    a = [str(p) for p in memory.paths(*args, **kw)]
    b = [str(p) for p in other.paths(*args, **kw)]
    assert a and sorted(b) == sorted(a)


def test_sparql_binding(memory, other):
    q = "SELECT ?s WHERE { ?s skg:hasSide ?side ; a skg:SpinalNerveRoot }"
    a = memory.sparql(q, side=memory.term("left"))
    b = other.sparql(q, side=other.term("left"))
    assert len(a) == 31
    assert sorted(r["s"] for r in b) == sorted(r["s"] for r in a)
    q2 = "SELECT ?f WHERE { ?r skg:exitsThrough ?f }"
    assert other.sparql(q2, r=other.term("left L5")) == memory.sparql(q2, r=memory.term("left L5"))


def test_sparql_binding_is_not_pasted(other):
    # a hostile string stays one literal value: no rows, nothing dropped
    evil = 'x" } } ; DROP ALL ; SELECT * { ?a ?b "'
    assert other.sparql("SELECT ?s WHERE { ?s rdfs:label ?l }", l=evil) == []
    assert other.sparql("ASK { skg:root_L4_left ?p ?o }") == [{"ask": True}]


def test_graph_view(memory, oxi_memory):
    assert len(oxi_memory.graph) == len(memory.graph)


# --- oxigraph on disk ------------------------------------------------------------------------
def test_disk_reopen_without_parsing(tmp_path, monkeypatch):
    import gc

    files = skg.load().files
    t0 = time.perf_counter()
    first = OxigraphStore.open(files, path=tmp_path)
    kg1 = skg.SpineKG._from_store(first, files)
    t_first = time.perf_counter() - t0
    assert not first.reopened
    answer = kg1.affected_by("left L4").dermatome_areas
    del kg1, first
    gc.collect()

    def no_parse(*a, **k):
        raise AssertionError("parsed again")

    monkeypatch.setattr(spinekg.adapters.oxigraph, "load_into", no_parse)
    t0 = time.perf_counter()
    kg2 = skg.load(backend="oxigraph", path=tmp_path)
    t_second = time.perf_counter() - t0
    assert kg2.store.reopened
    assert kg2.affected_by("left L4").dermatome_areas == answer
    assert t_second < t_first


@pytest.mark.slow  # two on-disk Oxigraph stores
def test_disk_reparses_when_files_change(tmp_path):
    import gc

    extra = tmp_path / "extra.ttl"
    extra.write_text("<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n")
    kg1 = skg.load(extra, backend="oxigraph", path=tmp_path / "db")
    n1 = len(kg1.store)
    del kg1
    gc.collect()
    extra.write_text("<https://example.org/a> <https://example.org/p> <https://example.org/c> ;"
                     " <https://example.org/q> <https://example.org/d> .\n")
    kg2 = skg.load(extra, backend="oxigraph", path=tmp_path / "db")
    assert not kg2.store.reopened and len(kg2.store) == n1 + 1


@pytest.mark.slow  # two on-disk Oxigraph stores
def test_disk_store_whose_data_was_deleted_is_rebuilt(tmp_path):
    """Metadata left, data gone (issue 24, item 7): parse again, never an empty graph."""
    import gc

    kg1 = skg.load(backend="oxigraph", path=tmp_path)
    n = len(kg1.store)
    del kg1
    gc.collect()
    shutil.rmtree(tmp_path / "oxigraph")
    kg2 = skg.load(backend="oxigraph", path=tmp_path)
    assert not kg2.store.reopened and len(kg2.store) == n
    assert kg2.term("left L4").curie == "skg:root_L4_left"


def test_oxigraph_parse_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    with pytest.raises(OntologyLoadError) as info:
        skg.load(bad, backend="oxigraph")
    assert "bad.ttl" in str(info.value) and info.value.line == 3


# --- endpoint ------------------------------------------------------------------------------
def test_upload_counts(server, memory):
    assert server["n"] == memory.index.n_triples


def test_remote_paths_match_kg_paths(server, memory):
    adj = EndpointAdjacency(server["query"])
    cases = [
        ("skg:root_L4_left", "skg:area_medial_malleolus_left",
         {"via": "skg:hasDermatome/skg:coversArea/skg:partOf*"}),
        ("skg:root_L5_left", None, {"via": "skg:hasMyotome/skg:includesAction"}),
        ("skg:root_L4_left", "skg:Left", {"max_hops": 3}),
        ("skg:root_L4_left", None, {"max_hops": 6}),
    ]
    for source, target, kw in cases:
        a = memory.paths(source, target, **kw)
        before = adj.queries
        b = remote_paths(adj, source, target, **kw)
        if target is None:  # one shortest path per reachable node (ties: any of them)
            assert sorted((p.target.curie, len(p)) for p in b) == \
                sorted((p.target.curie, len(p)) for p in a), (source, kw)
        else:  # every path
            assert sorted(map(str, b)) == sorted(map(str, a)), (source, target, kw)
            assert sorted(p.sources for p in b) == sorted(p.sources for p in a)
        assert adj.queries - before <= 2 * kw.get("max_hops", 6) + 6  # batched, not per node


def test_remote_paths_resolves_labels(server):
    [p] = remote_paths(server["query"], "left L4 nerve root", "left", via="skg:hasSide")
    assert str(p) == "left L4 nerve root —has side→ left"


@pytest.mark.slow  # an Oxigraph server, uploaded to
def test_endpoint_update(server, tmp_path):
    kg = connect(server["query"], update_endpoint=server["update"])
    kg.sparql('INSERT DATA { <https://example.org/x> rdfs:label "x" }', allow_update=True)
    assert kg.sparql("ASK { <https://example.org/x> rdfs:label ?l }") == [{"ask": True}]
    kg.sparql("DELETE DATA { <https://example.org/x> rdfs:label \"x\" }", allow_update=True)


# --- endpoint failures -----------------------------------------------------------------------
def test_closed_port_fails_fast():
    port = _free_port()
    t0 = time.monotonic()
    with pytest.raises(BackendError, match=f"127.0.0.1:{port}"):
        connect(f"http://127.0.0.1:{port}/query", timeout=3)
    assert time.monotonic() - t0 < 3


class _Handler(http.server.BaseHTTPRequestHandler):
    mode = "500"

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        mode = self.server.mode
        if mode == "500":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"boom")
        elif mode == "garbage":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b"{not json")
        elif mode == "wrong-shape":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"results": {"bindings": [{"s": {"kind": "x"}}]}}')
        elif mode == "hang":
            self.server.release.wait(30)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.release = threading.Event()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield srv, f"http://127.0.0.1:{srv.server_address[1]}/query"
    finally:
        srv.release.set()
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("mode, match", [("500", "HTTP 500"), ("garbage", "malformed JSON"),
                                         ("wrong-shape", "malformed results")])
def test_bad_answers(fake_server, mode, match):
    srv, url = fake_server
    srv.mode = mode
    with pytest.raises(BackendError, match=match) as info:
        connect(url, timeout=3)
    assert url in str(info.value)


def test_server_that_never_answers(fake_server):
    srv, url = fake_server
    srv.mode = "hang"
    t0 = time.monotonic()
    with pytest.raises(BackendError, match="timed out"):
        connect(url, timeout=1)
    assert time.monotonic() - t0 < 5
    with pytest.raises(BackendError):
        remote_paths(url, "skg:root_L4_left", "skg:Left", timeout=1)


def test_bad_arguments():
    with pytest.raises(ValueError, match="endpoint="):
        connect("ftp://127.0.0.1/query")
    with pytest.raises(ValueError, match="timeout="):
        connect("http://127.0.0.1:9/query", timeout=0)


def test_instance_data_stays_in_the_store(tmp_path):
    """Merged instance data is queried in the store; the spine index does not carry it."""
    extra = tmp_path / "clinic.ttl"
    extra.write_text("<https://example.org/f1> <https://example.org/site> "
                     "<https://w3id.org/spinekg/area_great_toe_left> .\n"
                     "<https://example.org/x> <https://w3id.org/spinekg/partOf> "
                     "<https://w3id.org/spinekg/area_foot_left> .\n")
    kg = skg.load(extra, backend="oxigraph")
    rows = kg.sparql("SELECT ?f WHERE { ?f <https://example.org/site> ?a }",
                     a=kg.term("left great toe"))
    assert rows == [{"f": "https://example.org/f1"}]
    assert "https://example.org/f1" not in kg.index.terms
    assert "https://example.org/x" in kg.index.terms  # an extension of the ontology
    assert kg.affected_by("left L5") == skg.load().affected_by("left L5")


@pytest.mark.slow  # a fresh Oxigraph server
def test_cli_upload_to_a_fresh_server(tmp_path, capsys):
    """`spinekg upload URL` loads the bundled ontology into a real server."""
    from spinekg.faces.cli import main

    proc, base = _start_server(tmp_path / "db")
    try:
        assert main(["upload", base + "/update"]) == 0
        assert "sent" in capsys.readouterr().out
        remote = skg.connect(base + "/query")
        assert remote.compressed_roots("foraminal disc herniation", level="L4-L5",
                                       side="left").roots[0].curie == "skg:root_L4_left"
        assert main(["upload", f"http://127.0.0.1:{_free_port()}/update",
                     "--timeout", "2"]) == 2
    finally:
        _stop_server(proc)
