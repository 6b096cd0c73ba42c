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

from .namespaces import PREFIXES
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


def sparql(kg: Any, text: str, *, allow_update: bool = False, **bindings: Any
           ) -> list[dict[str, Any]]:
    """Run ``text`` on ``kg`` with ``bindings`` as initBindings; rows as dicts.

    IRIs come back as CURIEs, literals as Python values. Updates are refused
    unless ``allow_update=True`` (and then they change only this SpineKG's graph,
    not the bundled files; the index is rebuilt).

    Raises
    ------
    ValueError
        Malformed query (the parser's message), an update without
        ``allow_update``, or a binding name that is not a variable of the query.
    """
    from .errors import SpineKGError

    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"expected SPARQL text, got {text!r}")
    values = {name: to_rdf_value(v) for name, v in bindings.items()}
    if getattr(kg, "store", None) is not None:
        return _store_sparql(kg, text, values, allow_update)
    try:
        q = _prepare(text)
    except Exception as err:
        if not allow_update:
            try:
                from rdflib.plugins.sparql import prepareUpdate

                prepareUpdate(text, initNs=_NS)
            except Exception:
                pass
            else:
                raise ValueError("SPARQL updates are refused; pass allow_update=True to change "
                                 "this graph (the bundled files are never written)") from None
        else:
            return _update(kg, text, values)
        raise ValueError(f"malformed SPARQL: {str(err).splitlines()[0]}") from None
    names = {str(v) for v in q.algebra.get("PV", [])} | _all_vars(q.algebra)
    unknown = sorted(set(values) - names)
    if unknown:
        raise ValueError(f"binding(s) {unknown} are not variables of the query; "
                         f"variables: {sorted(names)}")
    try:
        result = kg.graph.query(q, initBindings=values)
    except Exception as err:  # evaluation errors from rdflib internals
        raise SpineKGError(f"SPARQL evaluation failed: {err}") from err
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        return [{"s": _py(s), "p": _py(p), "o": _py(o)} for s, p, o in result.graph]
    return [{str(k): _py(v) for k, v in row.asdict().items()} for row in result]


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


def _update(kg: Any, text: str, values: dict[str, Any]) -> list[dict[str, Any]]:
    from .index import Index

    kg.graph.update(text, initNs=_NS, initBindings=values)
    with kg._lock:
        kg.index = Index.from_triples(kg.graph)
        kg._adj.ix = kg.index
        kg._memo.clear()
        kg._nx = None
        kg._resolver = None
    return []


def _store_sparql(kg: Any, text: str, values: dict[str, Any], allow_update: bool
                  ) -> list[dict[str, Any]]:
    """``kg.sparql`` on a backend store: bindings go to the store as RDF terms."""
    from .index import Index

    try:
        q = _prepare(text)
    except Exception:
        q = None
        try:
            from rdflib.plugins.sparql import prepareUpdate

            prepareUpdate(text, initNs=_NS)
        except Exception:
            pass  # leave the verdict to the store's own parser
        else:
            if not allow_update:
                raise ValueError("SPARQL updates are refused; pass allow_update=True to change "
                                 "this graph (the bundled files are never written)") from None
            if values:
                raise ValueError("bindings cannot be used with an update on this backend; "
                                 "write the values as RDF terms in the update")
            kg.store.update(text)
            with kg._lock:
                kg.index = Index.from_triples(kg.store.triples())
                kg._adj.ix = kg.index
                kg._memo.clear()
                kg._nx = None
                kg._resolver = None
                kg._graph = None
            return []
    if q is not None and values:
        names = {str(v) for v in q.algebra.get("PV", [])} | _all_vars(q.algebra)
        unknown = sorted(set(values) - names)
        if unknown:
            raise ValueError(f"binding(s) {unknown} are not variables of the query; "
                             f"variables: {sorted(names)}")
    kind, data = kg.store.query(text, values)
    if kind == "ASK":
        return [{"ask": bool(data)}]
    if kind == "CONSTRUCT":
        return [{"s": _py(s), "p": _py(p), "o": _py(o)} for s, p, o in data]
    return [{k: _py(v) for k, v in row.items()} for row in data]
