"""Endpoint faults (issue 24, items 3, 4, 6, 7): fake servers on 127.0.0.1 that fill every
page, drip their answers, redirect elsewhere, cut answers short, nest JSON deeply or hold
no ontology. Every loop is bounded; no address but 127.0.0.1 (and ``localhost``) is used."""

from __future__ import annotations

import http.server
import json
import re
import socket
import threading
import time

import pytest

import spinekg as skg
from spinekg.errors import BackendError

VERSION_ROW = {"v": {"type": "literal", "value": "0.1.0"}}


def results(rows: list[dict]) -> bytes:
    return json.dumps({"head": {"vars": []}, "results": {"bindings": rows}}).encode()


def spine_answer(query: str) -> bytes:
    """A store that holds the ontology header and nothing else (for the check)."""
    if "owl:Ontology" in query:
        return results([VERSION_ROW])
    if re.search(r"^\s*ASK", re.sub(r"(?m)^PREFIX.*$", "", query)):
        return json.dumps({"boolean": True}).encode()
    return results([])


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.path, body.decode("utf-8", "replace")))
        self.close_connection = True
        self.server.script(self, self.path, body.decode("utf-8", "replace"))

    do_GET = do_POST  # noqa: N815

    def send(self, payload: bytes, ctype: str = "application/sparql-results+json",
             status: int = 200, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def _serve():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.seen = []
    srv.stop = threading.Event()
    srv.script = lambda h, path, body: h.send(spine_answer(body))
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    return srv, thread


@pytest.fixture
def fake():
    """A fake SPARQL server; set ``srv.script(handler, path, body)`` to answer."""
    made = []

    def make():
        srv, thread = _serve()
        made.append((srv, thread))
        return srv, f"http://127.0.0.1:{srv.server_address[1]}"

    yield make
    for srv, thread in made:
        srv.stop.set()
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


# --- 3. bounds -------------------------------------------------------------------------------
def _page_filler(limit_cap: int):
    """Answers every triple page in full (distinct rows), at most ``limit_cap`` pages."""
    def script(h, path, body):
        if "owl:Ontology" in body or "ASK" in body:
            return h.send(spine_answer(body))
        pages = sum(1 for _, b in h.server.seen if "OFFSET" in b)
        if pages > limit_cap:  # keeps a client without a cap from running forever
            return h.send(b"too many pages", "text/plain", status=500)
        limit = int(re.search(r"LIMIT (\d+)", body).group(1))
        offset = int(re.search(r"OFFSET (\d+)", body).group(1))
        rows = [{"s": {"type": "uri", "value": f"urn:s{offset + i}"},
                 "p": {"type": "uri", "value": "urn:p"},
                 "o": {"type": "uri", "value": "urn:o"}} for i in range(limit)]
        h.send(results(rows))
    return script


def test_endpoint_that_fills_every_page_is_cut_at_the_row_cap(fake):
    srv, base = fake()
    srv.script = _page_filler(limit_cap=20)
    with pytest.raises(BackendError, match=r"max_rows=25000") as info:
        skg.connect(base + "/query", timeout=5, max_rows=25000)
    assert "larger max_rows=" in str(info.value) and base in str(info.value)
    assert sum(1 for _, b in srv.seen if "OFFSET" in b) == 3  # 10000 + 10000 + 5000


def test_row_cap_is_checked():
    with pytest.raises(ValueError, match="max_rows="):
        skg.connect("http://127.0.0.1:9/query", max_rows=0)


def _drip(where: str):
    def script(h, path, body):
        payload = spine_answer(body)
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode()
        if where == "body":
            h.wfile.write(head)
            out = payload
        else:
            out = head + payload
        for i in range(len(out)):  # one byte every 0.2 s, 30 s at the most
            if h.server.stop.is_set() or i > 150:
                return
            try:
                h.wfile.write(out[i:i + 1])
            except OSError:
                return
            time.sleep(0.2)
    return script


@pytest.mark.parametrize("where", ["body", "headers"])
def test_slowly_dripped_answer_ends_at_the_total_deadline(fake, where):
    srv, base = fake()
    srv.script = _drip(where)
    t0 = time.monotonic()
    with pytest.raises(BackendError, match="timed out after 2 s"):
        skg.connect(base + "/query", timeout=2)
    assert time.monotonic() - t0 < 3.5


# --- 4. redirects ----------------------------------------------------------------------------
def test_redirect_to_another_host_is_refused(fake):
    other, other_base = fake()
    srv, base = fake()
    target = other_base.replace("127.0.0.1", "localhost") + "/query"
    srv.script = lambda h, path, body: h.send(b"", status=302, headers={"Location": target})
    with pytest.raises(BackendError, match="another host") as info:
        skg.connect(base + "/query", timeout=3)
    assert target in str(info.value)
    assert other.seen == []


def test_redirect_to_ftp_is_refused(fake):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    srv, base = fake()
    srv.script = lambda h, path, body: h.send(
        b"", status=302, headers={"Location": f"ftp://127.0.0.1:{port}/x"})
    try:
        with pytest.raises(BackendError, match="not an http"):
            skg.connect(base + "/query", timeout=3)
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody connected
    finally:
        listener.close()


def test_same_host_redirect_keeps_the_post(fake):
    srv, base = fake()

    def script(h, path, body):
        if path.startswith("/old"):
            return h.send(b"", status=307, headers={"Location": "/new"})
        h.send(spine_answer(body))

    srv.script = script
    kg = skg.connect(base + "/old", timeout=3)
    assert kg.index.n_triples == 0
    assert any(p == "/new" and "owl:Ontology" in b for p, b in srv.seen)


# --- 6. errors that escaped ------------------------------------------------------------------
def test_chunked_answer_cut_short(fake):
    srv, base = fake()

    def script(h, path, body):
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\n10\r\n{\"results\": {\"b\r\n")
        # the connection closes here, without the last chunk

    srv.script = script
    with pytest.raises(BackendError, match="cut its answer short"):
        skg.connect(base + "/query", timeout=3)


def test_answer_shorter_than_its_length(fake):
    srv, base = fake()

    def script(h, path, body):
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                      b"Content-Length: 1000\r\n\r\n{\"results\": ")

    srv.script = script
    with pytest.raises(BackendError, match="cut its answer short"):
        skg.connect(base + "/query", timeout=3)


def test_deeply_nested_json_answer(fake):
    srv, base = fake()
    deep = b'{"results": {"bindings": ' + b"[" * 200000 + b"]" * 200000 + b"}}"
    srv.script = lambda h, path, body: h.send(deep)
    with pytest.raises(BackendError, match="nested too deeply"):
        skg.connect(base + "/query", timeout=5)


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -1.0, 1e12])
def test_timeout_must_be_finite(timeout):
    with pytest.raises(ValueError, match="timeout=.*finite"):
        skg.connect("http://127.0.0.1:9/query", timeout=timeout)
    from spinekg.adapters.endpoint import upload

    with pytest.raises(ValueError, match="timeout=.*finite"):
        upload("http://127.0.0.1:9/update", timeout=timeout)


# --- 7. a store without the ontology ---------------------------------------------------------
def test_empty_store_says_how_to_load(fake):
    srv, base = fake()
    srv.script = lambda h, path, body: h.send(
        json.dumps({"boolean": False}).encode() if "ASK" in body else results([]))
    with pytest.raises(BackendError, match="is empty") as info:
        skg.connect(base + "/query", timeout=3)
    assert "spinekg upload URL/update" in str(info.value)


def test_store_without_the_ontology_says_how_to_load(fake):
    srv, base = fake()

    def script(h, path, body):
        if "ASK" in body:
            return h.send(json.dumps({"boolean": True}).encode())
        if "owl:Ontology" in body:
            return h.send(results([]))
        h.send(results([{"s": {"type": "uri", "value": "urn:a"},
                         "p": {"type": "uri", "value": "urn:b"},
                         "o": {"type": "uri", "value": "urn:c"}}]))

    srv.script = script
    with pytest.raises(BackendError, match="holds no spinekg ontology") as info:
        skg.connect(base + "/query", timeout=3)
    assert "spinekg upload URL/update" in str(info.value)


def test_ontology_header_without_version(fake):
    srv, base = fake()
    srv.script = lambda h, path, body: h.send(
        results([{}]) if "owl:Ontology" in body else spine_answer(body))
    with pytest.raises(BackendError, match="without its version"):
        skg.connect(base + "/query", timeout=3)
