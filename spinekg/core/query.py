"""SPARQL over a SpineKG with prefixes pre-bound and values passed as bindings.

Examples
--------
>>> kg = skg.load()
>>> rows = kg.sparql("SELECT ?f WHERE { ?r skg:exitsThrough ?f }", r=kg.term("left L5"))
>>> rows[0]["f"]
'skg:foramen_L5_S1_left'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from ..namespaces import PREFIXES
from .terms import Term, curie

__all__ = ["sparql", "to_rdf_value"]

_NS = dict(PREFIXES)


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


def sparql(kg: Any, text: str, *, allow_update: bool = False, **bindings: Any
           ) -> list[dict[str, Any]]:
    """Run ``text`` on ``kg`` with ``bindings`` as initBindings; rows as dicts.

    IRIs come back as CURIEs, literals as Python values, and every selected
    variable is in every row (None where it is unbound). A string binding is a
    literal: bind a Term (``kg.term(...)``) or an rdflib ``URIRef`` for a node, and
    an rdflib ``Literal(text, lang="en")`` to match a label. Updates are refused
    unless ``allow_update=True`` (and then they change only this SpineKG's graph,
    not the bundled files; the index is rebuilt). SERVICE, LOAD and FROM are
    always refused: nothing is fetched.

    Raises
    ------
    ValueError
        Malformed query (the parser's message), an update without
        ``allow_update``, a remote operation, or a binding name that is not a
        variable of the query.
    SpineKGError
        The store failed to evaluate the query.
    """
    from ..errors import SpineKGError

    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"expected SPARQL text, got {text!r}")
    if not isinstance(allow_update, bool):
        raise TypeError(f"allow_update must be True or False, got {allow_update!r}")
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
    try:
        if getattr(kg, "store", None) is not None:
            rtype, data = kg.store.query(text, values)
        else:
            result = kg.graph.query(parsed, initBindings=values)
            rtype = result.type
            data = (result.askAnswer if rtype == "ASK" else
                    list(result.graph) if rtype in ("CONSTRUCT", "DESCRIBE") else
                    [{str(k): v for k, v in row.asdict().items()} for row in result])
    except (ValueError, SpineKGError):
        raise
    except Exception as err:  # evaluation errors from rdflib internals
        raise SpineKGError(f"SPARQL evaluation failed: {err}") from err
    if rtype == "ASK":
        return [{"ask": bool(data)}]
    if rtype in ("CONSTRUCT", "DESCRIBE"):
        return [{"s": _py(s), "p": _py(p), "o": _py(o)} for s, p, o in data]
    # every projected variable in every row, None where an OPTIONAL left it unbound
    names = [str(v) for v in parsed.algebra.get("PV", [])]
    return [{n: _py(row.get(n)) for n in names} if names else {k: _py(v) for k, v in row.items()}
            for row in data]


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
