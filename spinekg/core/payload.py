"""The index as plain data: lists of numbers and strings that JSON writes and reads.

:func:`to_payload` turns an :class:`~spinekg.core.index.Index` into a dict of lists
whose strings are kept once, in a table, and referred to by their position (an
interned id); :func:`fill` builds the index back (``Index.from_payload`` calls it). Nothing in a payload can
run code when it is read (unlike a pickle), so the on-disk cache stores this.

Examples
--------
>>> import json
>>> ix = skg.load().index
>>> again = type(ix).from_payload(json.loads(json.dumps(to_payload(ix))))
>>> again.terms == ix.terms and again.edges == ix.edges and again.inn == ix.inn
True
"""

from __future__ import annotations

import sys
from typing import Any

from .terms import EdgeInfo, Term

__all__ = ["FORMAT", "fill", "to_payload"]

#: Bumped whenever the payload layout changes (an old cache is then rebuilt).
FORMAT = 2  # 2: a node keeps its own evidenceRank, frequency and uncertain values
_BASIC = (str, int, float, bool)


def _encode_value(value: Any) -> Any:
    """A literal value as JSON: str/int/float/bool as they are, others tagged lists."""
    from rdflib import Literal

    if type(value) in _BASIC:
        return value
    if isinstance(value, Literal):
        return ["L", str(value), str(value.datatype) if value.datatype else None, value.language]
    lit = Literal(value)
    return ["P", str(lit), str(lit.datatype) if lit.datatype else None]


def _decode_value(item: Any) -> Any:
    if not isinstance(item, list):
        return item
    from rdflib import Literal, URIRef

    dt = URIRef(item[2]) if item[2] else None
    if item[0] == "L":
        return Literal(item[1], datatype=dt, lang=item[3])
    return Literal(item[1], datatype=dt).toPython()


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and (a == b or (a != a and b != b))  # NaN is NaN here


def to_payload(ix: Any) -> dict[str, Any]:
    """``ix`` as lists of string ids and plain values.

    Raises
    ------
    ValueError
        A literal value that would not read back equal (then nothing is cached).
    """
    table: dict[str, int] = {}

    def sid(s: str) -> int:
        i = table.get(s)
        if i is None:
            i = table[s] = len(table)
        return i

    def ids(items: Any) -> list[int]:
        return [sid(x) for x in items]

    def opt(s: str | None) -> int:
        return -1 if s is None else sid(s)

    values = []
    for c, by_p in ix.values.items():
        for p, vals in by_p.items():
            enc = [_encode_value(v) for v in vals]
            if not all(_same(_decode_value(e), v) for e, v in zip(enc, vals)):
                raise ValueError(f"a value of {c} {p} does not read back equal")
            values.append([sid(c), sid(p), enc])
    payload = {
        "format": FORMAT,
        "n_triples": ix.n_triples,
        "terms": [[sid(c), sid(t.iri), sid(t.label), sid(t.kind)] for c, t in ix.terms.items()],
        "alt_labels": [[sid(c), ids(v)] for c, v in ix.alt_labels.items()],
        "definitions": [[sid(c), sid(v)] for c, v in ix.definitions.items()],
        "types": [[sid(c), ids(sorted(v))] for c, v in ix.types.items()],
        "values": values,
        "node_sources": [[sid(c), ids(v)] for c, v in ix.node_sources.items()],
        "xrefs": [[sid(c), ids(v)] for c, v in ix.xrefs.items()],
        "out": [[sid(p), [[sid(s), ids(os_)] for s, os_ in by_s.items()]]
                for p, by_s in ix.out.items()],
        "edges": [[sid(s), sid(p), sid(o), ids(e.sources), opt(e.rank), opt(e.frequency),
                   bool(e.uncertain), opt(e.note)] for (s, p, o), e in ix.edges.items()],
        "schema": ids(sorted(ix.schema)),
        "subclass": [[sid(c), ids(v)] for c, v in ix.subclass.items()],
    }
    payload["strings"] = list(table)
    return payload


def fill(ix: Any, data: dict[str, Any]) -> Any:
    """Fill the empty index ``ix`` from a :func:`to_payload` dict; returns ``ix``.

    Raises
    ------
    ValueError
        Not a payload of this layout (wrong format number, ids out of range, wrong
        shapes): the caller rebuilds the index.
    """
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not an index payload of format {FORMAT}")
        return _build(ix, data)
    except (KeyError, IndexError, TypeError, AttributeError) as err:
        raise ValueError(f"malformed index payload: {type(err).__name__}: {err}") from None


def _build(ix: Any, data: dict[str, Any]) -> Any:
    intern = sys.intern
    S = [intern(s) if isinstance(s, str) else _bad("string table") for s in data["strings"]]

    def opt(i: int) -> str | None:
        return None if i == -1 else S[i]

    n = data["n_triples"]
    ix.n_triples = n if type(n) is int else _bad("n_triples")
    ix.terms = {S[c]: Term(S[i], S[c], S[lb], S[k]) for c, i, lb, k in data["terms"]}
    ix.alt_labels = {S[c]: tuple(S[x] for x in v) for c, v in data["alt_labels"]}
    ix.definitions = {S[c]: S[v] for c, v in data["definitions"]}
    ix.types = {S[c]: frozenset(S[x] for x in v) for c, v in data["types"]}
    values: dict[str, dict[str, tuple[Any, ...]]] = {}
    for c, p, vals in data["values"]:
        values.setdefault(S[c], {})[S[p]] = tuple(_decode_value(v) for v in vals)
    ix.values = values
    ix.node_sources = {S[c]: tuple(S[x] for x in v) for c, v in data["node_sources"]}
    ix.xrefs = {S[c]: tuple(S[x] for x in v) for c, v in data["xrefs"]}
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    inn: dict[str, dict[str, list[str]]] = {}
    for p, by_s in data["out"]:
        pc = S[p]
        fwd = out[pc] = {}
        back = inn.setdefault(pc, {})
        for s, objs in by_s:
            sc = S[s]
            ocs = fwd[sc] = tuple(S[o] for o in objs)
            for oc in ocs:
                back.setdefault(oc, []).append(sc)
    ix.out = out
    ix.inn = {p: {o: tuple(sorted(ss)) for o, ss in by_o.items()} for p, by_o in inn.items()}
    ix.edges = {(S[s], S[p], S[o]): EdgeInfo(tuple(S[x] for x in srcs), opt(r), opt(f),
                                             u is True, opt(nt))
                for s, p, o, srcs, r, f, u, nt in data["edges"]}
    ix.schema = frozenset(S[x] for x in data["schema"])
    ix.subclass = {S[c]: tuple(S[x] for x in v) for c, v in data["subclass"]}
    return ix


def _bad(what: str) -> Any:
    raise ValueError(f"malformed index payload: {what}")
