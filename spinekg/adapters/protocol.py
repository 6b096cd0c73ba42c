"""The SPARQL 1.1 protocol over HTTP: SPARQLWrapper builds the requests, we bound them.

:class:`SparqlClient` sends queries and updates to one endpoint. SPARQLWrapper
builds each request: the query POSTed directly (``application/sparql-query`` or
``application/sparql-update``), ``Accept`` asking for SPARQL JSON results for
SELECT and ASK and for N-Triples or Turtle for CONSTRUCT. :func:`fetch` sends it
under our own rules:

* one **total deadline** per request — connecting, the headers and the whole
  answer — however slowly a server drips its bytes;
* an answer **size cap** (:data:`MAX_BYTES`);
* **redirects** followed only to the same host over http(s), the method and body
  kept; a redirect to another host, or to ``ftp://``, ``file://`` ..., is refused;
* every failure (refused, timed out, an HTTP error, an answer cut short, malformed
  or too deeply nested results) is a :class:`~spinekg.errors.BackendError` naming
  the endpoint and the cause.

Examples
--------
>>> SparqlClient("http://127.0.0.1:9/query", timeout=1).ask("ASK {}")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
spinekg.errors.BackendError: SPARQL endpoint 'http://127.0.0.1:9/query' is unreachable: ...
>>> SparqlClient("http://127.0.0.1:9/query", timeout=float("nan"))
Traceback (most recent call last):
...
ValueError: timeout=nan; expected a positive, finite number of seconds (at most 86400)
"""

from __future__ import annotations

import functools
import http.client
import json
import math
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.Wrapper import ASK, CONSTRUCT, INSERT, SELECT

from ..errors import BackendError

__all__ = ["MAX_BYTES", "MAX_TIMEOUT", "SparqlClient", "check_timeout", "check_url", "fetch"]

#: The largest answer read from an endpoint, in bytes.
MAX_BYTES = 1 << 30
#: The longest total deadline a request may be given, in seconds.
MAX_TIMEOUT = 86400.0
_RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"


def check_url(url: Any, what: str = "endpoint") -> str:
    """``url`` if it is an http(s) URL with a host, else ValueError naming ``what``."""
    parts = urllib.parse.urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{what}={url!r}; expected an http(s) URL such as "
                         "'http://127.0.0.1:7878/query'")
    return url


def check_timeout(timeout: Any) -> float:
    """``timeout`` as seconds if it is a positive finite number, else ValueError.

    Examples
    --------
    >>> check_timeout(2)
    2.0
    >>> check_timeout(float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: timeout=inf; expected a positive, finite number of seconds (at most 86400)
    """
    if (not isinstance(timeout, (int, float)) or isinstance(timeout, bool)
            or not math.isfinite(timeout) or not 0 < timeout <= MAX_TIMEOUT):
        raise ValueError(f"timeout={timeout!r}; expected a positive, finite number of seconds "
                         f"(at most {MAX_TIMEOUT:g})")
    return float(timeout)


# --- one request's total deadline ------------------------------------------------------------
class _Deadline:
    """A request's time budget: when it runs out a timer shuts the request's sockets,
    which wakes any read still waiting for a slow server."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return max(self.at - time.monotonic(), 0.001)

    def over(self) -> bool:
        return self.expired or time.monotonic() >= self.at

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            late = self.expired
        if late:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            socks = list(self._socks)
        for sock in socks:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Watched:
    """Mixin for http.client connections: connect within the deadline, then hand the
    socket to it."""

    deadline: _Deadline

    def connect(self) -> None:
        self.timeout = min(self.timeout, self.deadline.left())  # type: ignore[attr-defined]
        super().connect()  # type: ignore[misc]
        self.deadline.watch(self.sock)  # type: ignore[attr-defined]


class _HTTPConnection(_Watched, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, http.client.HTTPSConnection):
    pass


def _connection(cls: type, deadline: _Deadline, *args: Any, **kwargs: Any) -> Any:
    conn = cls(*args, **kwargs)
    conn.deadline = deadline
    return conn


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(functools.partial(_connection, _HTTPConnection, self.deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(functools.partial(_connection, _HTTPSConnection, self.deadline), req,
                            context=self._context)


class _Refused(Exception):
    """A redirect we do not follow (the text says why)."""


def _host(parts: urllib.parse.SplitResult) -> tuple[str | None, int]:
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same host and port over http(s) (never from https
    down to http), re-sending the same method and body."""

    max_redirections = 5

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request:
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if new.scheme not in ("http", "https"):
            raise _Refused(f"redirected (HTTP {code}) to {newurl!r}, which is not an http(s) "
                           "URL; the redirect was not followed")
        if _host(new) != _host(old) or (old.scheme, new.scheme) == ("https", "http"):
            raise _Refused(f"redirected (HTTP {code}) to another host or scheme ({newurl!r}); "
                           "the redirect was not followed — use that URL directly if you "
                           "trust it")
        return urllib.request.Request(newurl, data=req.data, headers=dict(req.headers),
                                      method=req.get_method())


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()  # no ftp:, file: or data: handlers at all
    for handler in (urllib.request.ProxyHandler(), _HTTPHandler(deadline),
                    _HTTPSHandler(deadline), _SameHostRedirects(),
                    urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def fetch(request: urllib.request.Request, timeout: float, *, max_bytes: int = MAX_BYTES,
          name: str | None = None) -> tuple[bytes, str]:
    """Send ``request``; the whole answer and its content type, within ``timeout`` s in total.

    Raises
    ------
    BackendError
        Refused, unreachable, timed out, an HTTP error or a refused redirect, an answer
        cut short or larger than ``max_bytes``; the message names ``name`` (default the
        request's URL).
    """
    where = f"SPARQL endpoint {name or request.full_url!r}"
    with _Deadline(timeout) as deadline:
        try:
            with _opener(deadline).open(request, timeout=timeout) as resp:
                chunks, size = [], 0
                while not deadline.over():
                    chunk = resp.read1(1 << 16)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > max_bytes:
                        raise BackendError(f"{where}: answer larger than {max_bytes} bytes")
                if deadline.over():
                    raise TimeoutError
                if resp.length:  # the server closed before the length it announced
                    raise http.client.IncompleteRead(b"".join(chunks), resp.length)
                return b"".join(chunks), resp.headers.get("Content-Type", "")
        except BackendError:
            raise
        except urllib.error.HTTPError as err:
            try:
                detail = err.read(2000).decode("utf-8", "replace").strip()
            except Exception:
                detail = ""
            msg = f"{where} answered HTTP {err.code} {err.reason}"
            if 300 <= err.code < 400:
                msg += " (a redirect that was not followed)"
            raise BackendError(msg + (f": {detail[:500]}" if detail else "")) from None
        except _Refused as err:
            raise BackendError(f"{where} {err}") from None
        except Exception as err:
            if deadline.over() or isinstance(err, TimeoutError) or isinstance(
                    getattr(err, "reason", None), TimeoutError):
                raise BackendError(f"{where} timed out after {timeout:g} s (the total "
                                   "deadline for one request)") from None
            if isinstance(err, urllib.error.URLError):
                raise BackendError(f"{where} is unreachable: {err.reason}") from None
            if isinstance(err, http.client.IncompleteRead):
                raise BackendError(f"{where} cut its answer short ({len(err.partial)} bytes "
                                   "read, the rest never came)") from None
            if isinstance(err, (OSError, ValueError, http.client.HTTPException)):
                raise BackendError(f"{where} failed: {type(err).__name__}: {err}") from None
            raise


# --- the client ---------------------------------------------------------------------------
class SparqlClient:
    """SELECT, ASK, CONSTRUCT and UPDATE against one endpoint, each within ``timeout`` s.

    Examples
    --------
    >>> c = SparqlClient("http://127.0.0.1:9/query", timeout=2)
    >>> c.endpoint, c.timeout
    ('http://127.0.0.1:9/query', 2.0)
    """

    def __init__(self, endpoint: str, timeout: float) -> None:
        self.endpoint = check_url(endpoint)
        self.timeout = check_timeout(timeout)

    def _request(self, text: str, form: str, fmt: str, url: str | None = None
                 ) -> urllib.request.Request:
        wrapper = SPARQLWrapper(self.endpoint, updateEndpoint=url or self.endpoint,
                                returnFormat=fmt, agent="spinekg")
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(POSTDIRECTLY)
        wrapper.setOnlyConneg(True)
        wrapper.queryString, wrapper.queryType = text, form  # we know the form; no guessing
        if form != SELECT and form != ASK:
            wrapper.addCustomHttpHeader("Accept", _RDF_ACCEPT if form == CONSTRUCT else "*/*")
        request = wrapper._createRequest()
        request.full_url = request.full_url.rstrip("?")
        return request

    def _send(self, request: urllib.request.Request, name: str | None = None) -> tuple[bytes, str]:
        return fetch(request, self.timeout, name=name or self.endpoint)

    def post(self, url: str, body: bytes, content_type: str, accept: str = "*/*") -> bytes:
        """POST ``body`` to ``url`` (a Graph Store upload, say) under the same rules."""
        request = urllib.request.Request(check_url(url), data=body, method="POST", headers={
            "Content-Type": content_type, "Accept": accept, "User-Agent": "spinekg"})
        return self._send(request, url)[0]

    def select(self, query: str) -> list[dict[str, Any]]:
        """Rows of a SELECT (rdflib terms; unbound variables left out)."""
        data = self._json(self._send(self._request(query, SELECT, JSON))[0])
        try:
            rows = data["results"]["bindings"]
            return [{k: _from_json(v) for k, v in row.items()} for row in rows]
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent malformed results: "
                               f"{type(err).__name__}: {err}") from None

    def ask(self, query: str) -> bool:
        data = self._json(self._send(self._request(query, ASK, JSON))[0])
        if not isinstance(data, dict) or not isinstance(data.get("boolean"), bool):
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent a malformed ASK answer")
        return data["boolean"]

    def construct(self, query: str) -> list[tuple[Any, Any, Any]]:
        raw, ctype = self._send(self._request(query, CONSTRUCT, TURTLE))
        fmt = "turtle" if "turtle" in ctype.lower() else "nt"
        g = Graph()
        try:
            g.parse(data=raw.decode("utf-8"), format=fmt)
        except Exception as err:  # rdflib raises many kinds, RecursionError too
            name = "Turtle" if fmt == "turtle" else "N-Triples"
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent malformed {name}: "
                               f"{str(err).splitlines()[0] if str(err) else err!r}") from None
        return list(g)

    def update(self, text: str, url: str) -> None:
        """Run the SPARQL Update ``text`` at the update URL ``url``."""
        self._send(self._request(text, INSERT, JSON, url=check_url(url, "update_endpoint")), url)

    def _json(self, raw: bytes) -> Any:
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent malformed JSON "
                               f"results: {err}") from None
        except RecursionError:
            raise BackendError(f"SPARQL endpoint {self.endpoint!r} sent malformed JSON "
                               "results: nested too deeply to read") from None


def _from_json(v: Mapping[str, Any]) -> Any:
    kind, value = v["type"], v["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = v.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        dt = v.get("datatype")
        if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(value, datatype=URIRef(dt))
        return Literal(value)
    raise ValueError(f"unknown term type {kind!r}")
