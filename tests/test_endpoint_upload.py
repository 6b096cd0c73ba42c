"""`upload` cannot be turned into an update of the file's choosing (issue 24, item 2), and
it tells a Graph Store URL from an update URL (item 7). A real Oxigraph server and a fake
one that records the bodies, both on 127.0.0.1 only."""

from __future__ import annotations

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
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.plugins.sparql.parser import parseUpdate

from spinekg.adapters.endpoint import upload

EVIL_BNODE = '_:x <urn:p> <urn:o> } ; DROP ALL ; INSERT DATA { _:y'
SAFE = ("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
        "<http://example.org/a> <http://example.org/p> <http://example.org/c> .\n"
        "<http://example.org/a> <http://example.org/q> \"three\" .\n")
HOSTILE_LITERALS = """[{"@id": "http://example.org/s", "http://example.org/p": [
  {"@value": "x\\" } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> \\"y"},
  {"@value": "three \\"\\"\\" quotes\\nand a newline\\r\\tand \\\\ backslash \\u0000 nul \\u202e"},
  {"@value": "tagged } ; DROP ALL", "@language": "en-GB"}],
  "http://example.org/q": [{"@id": "_:b0 } ; DROP ALL ; INSERT DATA { _:c"},
                            {"@id": "_:%3E%20DROP"}, {"@id": "_:b0"}]}]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _evil_bnode_file(tmp_path: Path) -> Path:
    return _write(tmp_path, "evil.jsonld", '[{"@id": "' + EVIL_BNODE + '", '
                  '"http://example.org/p": [{"@id": "http://example.org/o"}]}]')


# --- a fake store that records every body ------------------------------------------------------
class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.path, self.headers.get("Content-Type"), body.decode()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    srv.daemon_threads = True
    srv.seen = []
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield srv, f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


def _sent_graph(seen) -> Graph:
    """Each body must be exactly one INSERT DATA; their triples, as one graph."""
    g = Graph()
    for _, ctype, body in seen:
        assert ctype == "application/sparql-update"
        ops = parseUpdate(body).request
        assert [op.name for op in ops] == ["InsertData"], body
        g.update(body)
    return g


@pytest.mark.parametrize("batch", [1, 5000])
def test_hostile_labels_and_literals_stay_data(recorder, tmp_path, batch):
    srv, base = recorder
    files = [_evil_bnode_file(tmp_path), _write(tmp_path, "lit.jsonld", HOSTILE_LITERALS)]
    n = upload(base + "/update", files, batch=batch, timeout=5)
    expected = Graph()
    for f in files:
        expected.parse(f, format="json-ld")
    assert n == len(expected) == 7
    assert isomorphic(_sent_graph(srv.seen), expected)
    assert all("DROP" not in line or line.count('"') >= 2 for _, _, b in srv.seen
               for line in b.splitlines())  # "DROP" only ever inside a string


def test_hostile_iri_sends_nothing(recorder, tmp_path):
    srv, base = recorder
    lines = "".join(f"<http://example.org/a{i}> <http://example.org/p> <http://example.org/o> .\n"
                    for i in range(20))
    evil = ("<http://example.org/z\\u003E\\u0020}\\u0020;\\u0020DROP\\u0020ALL\\u0020;"
            "\\u0020INSERT\\u0020DATA\\u0020{\\u0020<http://example.org/b> "
            "<http://example.org/p> <http://example.org/o> .\n")
    bad = _write(tmp_path, "iri.ttl", lines + evil)
    with pytest.raises(ValueError, match="nothing was sent"):
        upload(base + "/update", [bad], batch=1, timeout=5)
    assert srv.seen == []  # not the twenty good triples either
    dt = _write(tmp_path, "dt.jsonld", '[{"@id": "http://example.org/s", "http://example.org/p":'
                ' [{"@value": "v", "@type": "http://x.org/dt> } ; DROP ALL ; INSERT DATA '
                '{ <urn:a> <urn:b> <urn:c"}]}]')
    with pytest.raises(ValueError, match="as an IRI"):
        upload(base + "/update", [dt], timeout=5)
    assert srv.seen == []


def test_graph_store_upload_is_one_checked_ntriples_body(recorder, tmp_path):
    srv, base = recorder
    files = [_evil_bnode_file(tmp_path), _write(tmp_path, "lit.jsonld", HOSTILE_LITERALS)]
    assert upload(base + "/store", files, method="store", timeout=5) == 7
    [(path, ctype, body)] = srv.seen
    assert (path, ctype) == ("/store?default", "application/n-triples")
    expected = Graph()
    for f in files:
        expected.parse(f, format="json-ld")
    assert isomorphic(Graph().parse(data=body, format="nt"), expected)


# --- a Graph Store URL given as an update URL (item 7) ------------------------------------------
@pytest.mark.parametrize("path", ["/store", "/ds/data", "/ds?default", "/ds?graph=urn:g"])
def test_graph_store_url_without_method_store(recorder, path, tmp_path):
    srv, base = recorder
    with pytest.raises(ValueError, match="--method store"):
        upload(base + path, [_write(tmp_path, "a.nt", SAFE)], timeout=5)
    assert srv.seen == []


def test_cli_names_the_option(recorder, tmp_path, capsys):
    from spinekg.faces.cli import main

    srv, base = recorder
    assert main(["upload", base + "/store", str(_write(tmp_path, "a.nt", SAFE))]) == 2
    assert "--method store" in capsys.readouterr().err
    assert main(["upload", base + "/store", str(tmp_path / "a.nt"), "--method", "store"]) == 0
    assert len(srv.seen) == 1


# --- the JSON-LD case against a real store ---------------------------------------------------
def _oxigraph() -> str:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).is_file():
        pytest.fail("the `oxigraph` server executable is missing; install the dev extra")
    return exe


@pytest.fixture
def oxigraph(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):  # up to ~20 s
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                assert proc.poll() is None, "oxigraph server exited"
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _count(base: str) -> int:
    from spinekg.adapters.protocol import SparqlClient

    [row] = SparqlClient(base + "/query", 5).select(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(row["n"])


def test_jsonld_blank_node_label_does_not_empty_the_store(oxigraph, tmp_path):
    upload(oxigraph + "/update", [_write(tmp_path, "safe.nt", SAFE)], timeout=10)
    assert _count(oxigraph) == 3
    assert upload(oxigraph + "/update", [_evil_bnode_file(tmp_path)], timeout=10) == 1
    assert _count(oxigraph) == 4  # the three kept, the one added
