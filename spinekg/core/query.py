"""SPARQL over a SpineKG with prefixes pre-bound and values passed as bindings.

Examples
--------
>>> kg = skg.load()
>>> rows = kg.sparql("SELECT ?f WHERE { ?r skg:exitsThrough ?f }", r=kg.term("left L5"))
>>> rows[0]["f"]
'skg:foramen_L5_S1_left'
"""

from __future__ import annotations

import heapq
import math
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from ..namespaces import PREFIXES
from .terms import Term, curie

__all__ = ["MAX_ROWS", "TIMEOUT", "sparql", "to_rdf_value"]

_NS = dict(PREFIXES)

#: Default bounds of one query: seconds of wall-clock time, and rows (or triples) returned.
TIMEOUT = 10.0
MAX_ROWS = 100_000


class _Deadline(BaseException):
    """Sent into the querying thread when its time is up (a BaseException, so that no
    ``except Exception`` of the query engine swallows it)."""


def _check_bounds(timeout: object, max_rows: object) -> None:
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                or not math.isfinite(timeout) or timeout <= 0):
        raise ValueError(f"timeout={timeout!r}; expected a positive, finite number of seconds "
                         "or None (no time limit)")
    if max_rows is not None and (isinstance(max_rows, bool) or not isinstance(max_rows, int)
                                 or max_rows < 1):
        raise ValueError(f"max_rows={max_rows!r}; expected a positive integer or None "
                         "(no row limit)")


class _Watchdog:
    """One daemon thread that sends :class:`_Deadline` into threads whose time is up
    (one thread for every query, rather than a timer thread started per query)."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.heap: list[tuple[float, int, dict[str, Any]]] = []
        self.count = 0
        self.thread: threading.Thread | None = None

    def arm(self, seconds: float, send: Any, me: Any) -> dict[str, Any]:
        job = {"done": False, "fired": False, "send": send, "me": me}
        with self.cond:
            self.count += 1
            if len(self.heap) > 4096:  # finished queries wait for their deadline: drop them
                self.heap = [entry for entry in self.heap if not entry[2]["done"]]
                heapq.heapify(self.heap)
            heapq.heappush(self.heap, (time.monotonic() + seconds, self.count, job))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self.run, name="spinekg-sparql-deadline",
                                               daemon=True)
                self.thread.start()
            self.cond.notify()
        return job

    def disarm(self, job: dict[str, Any]) -> None:
        with self.cond:
            job["done"] = True
            if job["fired"]:
                job["send"](job["me"], None)  # an exception sent but not yet raised is taken back

    def run(self) -> None:
        with self.cond:
            while True:
                while self.heap and self.heap[0][2]["done"]:
                    heapq.heappop(self.heap)
                if not self.heap:
                    self.cond.wait()
                    continue
                due = self.heap[0][0] - time.monotonic()
                if due > 0:
                    self.cond.wait(due)
                    continue
                _, _, job = heapq.heappop(self.heap)
                job["fired"] = True
                job["send"](job["me"], _DEADLINE)


_WATCHDOG = _Watchdog()
_DEADLINE: Any = None


def _bounded(work: Callable[[], Any], timeout: float | None) -> Any:
    """``work()``, stopped when it runs longer than ``timeout`` seconds.

    The pure-Python query engine is interrupted where it is: a watchdog thread sends
    :class:`_Deadline` into this thread (``PyThreadState_SetAsyncExc``), which stops
    it at its next bytecode; a call inside native code stops when that call returns.
    Raises TimeoutError when the time ran out.
    """
    global _DEADLINE
    if timeout is None:
        return work()
    try:
        import ctypes

        send = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # pragma: no cover - not CPython
        return work()
    if _DEADLINE is None:
        _DEADLINE = ctypes.py_object(_Deadline)
    job = _WATCHDOG.arm(timeout, send, ctypes.c_ulong(threading.get_ident()))
    out = None
    try:
        try:
            out = work()
        finally:
            _WATCHDOG.disarm(job)
    except _Deadline:
        _WATCHDOG.disarm(job)
    if job["fired"]:
        raise TimeoutError
    return out


@lru_cache(maxsize=256)
def _prepare(text: str):
    return prepareQuery(text, initNs=_NS)


def to_rdf_value(value: Any) -> URIRef | Literal:
    """The RDF term a Python value is bound as: Terms and URIRefs as IRIs, the rest literals.

    Examples
    --------
    >>> to_rdf_value(3)
    rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if isinstance(value, Term):
        return URIRef(value.iri)
    if isinstance(value, (URIRef, Literal)):
        return value
    if isinstance(value, (str, int, float, bool)):
        return Literal(value)
    raise TypeError(f"cannot bind {value!r} of type {type(value).__name__}; pass a Term, an "
                    "rdflib term, a string or a number")


def _py(value: Any) -> Any:
    if isinstance(value, URIRef):
        return curie(str(value))
    if isinstance(value, Literal):
        return value.toPython()
    return None if value is None else str(value)


def _parse(text: str) -> tuple[str, Any]:
    """``("query", prepared)`` or ``("update", parsed)``; ValueError when neither parses."""
    from rdflib.plugins.sparql import prepareUpdate

    try:
        return "query", _prepare(text)
    except Exception as err:
        try:
            return "update", prepareUpdate(text, initNs=_NS)
        except Exception:
            pass
        msg = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        if "prefix" in msg.lower():
            msg += f" (known prefixes: {', '.join(sorted(_NS))})"
        raise ValueError(f"malformed SPARQL: {msg}") from None


_REMOTE_OPS = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


def _refuse_remote(algebra: Any) -> None:
    """Refuse SERVICE, LOAD and FROM/USING: each would read a URL or a file."""
    stack = [algebra]
    while stack:
        node = stack.pop()
        name = getattr(node, "name", None)
        if name in _REMOTE_OPS:
            raise ValueError(f"SPARQL {_REMOTE_OPS[name]} is refused: spinekg never fetches "
                             "from the network or reads other files; load the data with "
                             "spinekg.load(extra_file)")
        if isinstance(node, dict):
            # dict.get: rdflib's CompValue.get answers a missing key with its name
            if dict.get(node, "datasetClause") or dict.get(node, "using"):
                raise ValueError("SPARQL FROM/FROM NAMED/USING is refused: spinekg never "
                                 "fetches other graphs; query the loaded graph")
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def _check_bindings(q: Any, values: dict[str, Any]) -> None:
    names = {str(v) for v in q.algebra.get("PV", [])} | _all_vars(q.algebra)
    unknown = sorted(set(values) - names)
    if unknown:
        raise ValueError(f"binding(s) {unknown} are not variables of the query; "
                         f"variables: {sorted(names)}")


def _reindex(kg: Any, triples: Any) -> None:
    """After an allowed update: rebuild the index and forget every derived view."""
    from .adjacency import IndexAdjacency
    from .index import Index

    with kg._lock:
        kg.index = Index.from_triples(triples)
        kg._adj = IndexAdjacency(kg.index)
        kg._memo.clear()
        kg._nx = None
        kg._resolver = None


def sparql(kg: Any, text: str, *, allow_update: bool = False, timeout: float | None = TIMEOUT,
           max_rows: int | None = MAX_ROWS, **bindings: Any) -> list[dict[str, Any]]:
    """Run ``text`` on ``kg`` with ``bindings`` as initBindings; rows as dicts.

    IRIs come back as CURIEs, literals as Python values, and every selected
    variable is in every row (None where it is unbound). A string binding is a
    literal: bind a Term (``kg.term(...)``) or an rdflib ``URIRef`` for a node, and
    an rdflib ``Literal(text, lang="en")`` to match a label. Updates are refused
    unless ``allow_update=True`` (and then they change only this SpineKG's graph,
    not the bundled files; the index is rebuilt). SERVICE, LOAD and FROM are
    always refused: nothing is fetched.

    A query is bounded: it may run ``timeout`` seconds (default 10) and return
    ``max_rows`` rows or triples (default 100,000); pass larger values, or None for
    no bound. (So ``timeout`` and ``max_rows`` cannot name bindings.)

    Raises
    ------
    ValueError
        Malformed query (the parser's message), an update without
        ``allow_update``, a remote operation, a binding name that is not a
        variable of the query, or a bound that is not a positive number.
    SpineKGError
        The store failed to evaluate the query, or it hit a bound (the message says
        which, and how to raise it).

    Examples
    --------
    >>> kg = skg.load()
    >>> kg.sparql("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.errors.SpineKGError: SPARQL query returned more than 10 rows (max_rows=10); ...
    """
    from ..errors import SpineKGError

    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"expected SPARQL text, got {text!r}")
    if not isinstance(allow_update, bool):
        raise TypeError(f"allow_update must be True or False, got {allow_update!r}")
    _check_bounds(timeout, max_rows)
    values = {name: to_rdf_value(v) for name, v in bindings.items()}
    kind, parsed = _parse(text)
    if kind == "update" and not allow_update:
        raise ValueError("SPARQL updates are refused; pass allow_update=True to change "
                         "this graph (the bundled files are never written)")
    _refuse_remote(parsed.algebra)
    if kind == "update":
        try:
            if getattr(kg, "store", None) is not None:
                if values:
                    raise ValueError("bindings cannot be used with an update on this backend; "
                                     "write the values as RDF terms in the update")
                kg.store.update(text)
                kg._graph = None
                _reindex(kg, kg.store.triples())
            else:
                kg.graph.update(text, initNs=_NS, initBindings=values)
                _reindex(kg, kg.graph)
        except ValueError:
            raise
        except Exception as err:  # evaluation errors from rdflib/pyoxigraph internals
            raise SpineKGError(f"SPARQL update failed: {err}") from err
        return []
    if values:
        _check_bindings(parsed, values)
    store = getattr(kg, "store", None)
    graph = kg.graph if store is None else None  # parsed (if it must be) before the clock

    def run() -> tuple[str, Any]:
        if store is not None:
            return store.query(text, values)
        result = graph.query(parsed, initBindings=values)
        if result.type == "ASK":
            return "ASK", result.askAnswer
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return result.type, _capped(iter(result.graph), max_rows)
        return "SELECT", _capped(({str(k): v for k, v in row.asdict().items()}
                                  for row in result), max_rows)

    try:
        rtype, data = _bounded(run, timeout)
    except TimeoutError:
        raise SpineKGError(f"SPARQL query ran longer than {timeout} s (timeout={timeout}); "
                           "narrow it, or pass a larger timeout= (None for no limit)") from None
    except _TooMany:
        data = None
    except (ValueError, SpineKGError):
        raise
    except (RecursionError, MemoryError) as err:
        raise SpineKGError(f"SPARQL evaluation failed: {type(err).__name__} (the query is too "
                           "deep or too large for this machine); narrow it") from None
    except Exception as err:  # evaluation errors from rdflib internals
        raise SpineKGError(f"SPARQL evaluation failed: {err}") from err
    if data is None or (rtype != "ASK" and max_rows is not None and len(data) > max_rows):
        raise SpineKGError(f"SPARQL query returned more than {max_rows} rows "
                           f"(max_rows={max_rows}); add a LIMIT, or pass a larger max_rows= "
                           "(None for no limit)")
    if rtype == "ASK":
        return [{"ask": bool(data)}]
    if rtype in ("CONSTRUCT", "DESCRIBE"):
        return [{"s": _py(s), "p": _py(p), "o": _py(o)} for s, p, o in data]
    # every projected variable in every row, None where an OPTIONAL left it unbound
    names = [str(v) for v in parsed.algebra.get("PV", [])]
    return [{n: _py(row.get(n)) for n in names} if names else {k: _py(v) for k, v in row.items()}
            for row in data]


class _TooMany(Exception):
    """More rows than ``max_rows``: the query stops reading."""


def _capped(rows: Any, max_rows: int | None) -> list[Any]:
    out = []
    for row in rows:
        out.append(row)
        if max_rows is not None and len(out) > max_rows:
            raise _TooMany
    return out


def _all_vars(algebra: Any) -> set[str]:
    from rdflib.term import Variable

    found: set[str] = set()
    stack = [algebra]
    while stack:
        node = stack.pop()
        if isinstance(node, Variable):
            found.add(str(node))
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set)):
            stack.extend(node)
    return found
