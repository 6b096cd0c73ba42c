"""Storage backends behind one :class:`~spinekg.SpineKG` API.

* :mod:`spinekg.adapters.oxigraph` — an embedded pyoxigraph store, in memory or
  on disk (``skg.load(backend="oxigraph", path=...)``; the ``fast`` extra);
* :mod:`spinekg.adapters.endpoint` — any SPARQL 1.1 endpoint
  (``skg.connect(url)``), over :mod:`spinekg.adapters.protocol` (SPARQLWrapper).

A store object offers ``triples()`` (rdflib terms of the default graph, from
which the in-process index is built), ``to_rdflib()`` and
``query(text, bindings)``. Answers are the same on every backend.

This module also writes RDF terms as text for the stores: :func:`nt_term` (one IRI
or literal in N-Triples syntax, escaped and checked), :func:`values_block` (a
``VALUES`` row of such terms) and :func:`nt_line` (a triple as an N-Triples line,
blank nodes given safe labels), so that no value is ever pasted into a query as
raw text.

Examples
--------
>>> import spinekg as skg
>>> from spinekg.adapters.rdf import BACKENDS
>>> BACKENDS
('memory', 'oxigraph', 'endpoint')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef

from ..namespaces import PREFIXES

__all__ = ["BACKENDS", "BNODE_LABEL", "ONTOLOGY", "iri_text", "nt_line", "nt_term", "prologue", "to_graph",
           "values_block"]

#: The backends a SpineKG can run on.
BACKENDS = ("memory", "oxigraph", "endpoint")
#: The IRI of the spinekg ontology: a store holds the ontology when it says
#: ``<ONTOLOGY> a owl:Ontology`` (with its ``owl:versionInfo``).
ONTOLOGY = "https://w3id.org/spinekg/spinekg.owl"


def to_graph(triples: Iterable[tuple[Any, Any, Any]]):
    """An rdflib Graph of ``triples`` with the spinekg prefixes bound (``store.to_rdflib``).

    Examples
    --------
    >>> from rdflib import URIRef
    >>> g = to_graph([(URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c"))])
    >>> len(g), dict(g.namespaces())["skg"]
    (1, rdflib.term.URIRef('https://w3id.org/spinekg/'))
    """
    from rdflib import Graph

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add(t)
    return g


_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: A blank-node label we write ourselves (a subset of N-Triples' BLANK_NODE_LABEL).
BNODE_LABEL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}


def iri_text(value: str) -> str:
    """``<value>``, refusing what an IRI cannot hold (a way out of the brackets)."""
    if not value or _BAD_IRI.search(value) or ":" not in value:
        raise ValueError(f"cannot send {value!r} as an IRI: it is empty, relative or contains "
                         "characters IRIs may not hold (spaces, <>\"{}|^`\\)")
    return f"<{value}>"


def nt_term(term: Any) -> str:
    """An rdflib IRI or literal in N-Triples syntax, escaped (for VALUES blocks).

    Raises
    ------
    ValueError
        The IRI holds characters an IRI cannot, the language tag is malformed,
        or the term is a blank node (which a query cannot name).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> nt_term(Literal("a\\nb", lang="en"))
    '"a\\\\nb"@en'
    >>> nt_term(URIRef("https://x.org/a> } DROP ALL #"))
    Traceback (most recent call last):
    ...
    ValueError: cannot send 'https://x.org/a> } DROP ALL #' as an IRI: ...
    """
    if isinstance(term, URIRef):
        return iri_text(str(term))
    if isinstance(term, Literal):
        text = "".join(_ECHAR.get(c, c if ord(c) >= 0x20 and c != "\x7f"
                                   else f"\\u{ord(c):04X}") for c in str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise ValueError(f"bad language tag {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^{iri_text(str(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise ValueError("a blank node cannot be bound in a query sent to a store; bind an IRI")
    raise TypeError(f"cannot send {term!r} of type {type(term).__name__} as an RDF term")


def values_block(bindings: Mapping[str, Any]) -> str:
    """A one-row ``VALUES`` block binding each variable to an escaped RDF term.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> values_block({"r": URIRef("https://w3id.org/spinekg/root_L4_left")})
    'VALUES (?r) { (<https://w3id.org/spinekg/root_L4_left>) }'
    """
    names = list(bindings)
    for n in names:
        if not _VAR.match(n):
            raise ValueError(f"bad variable name {n!r}")
    terms = " ".join(nt_term(bindings[n]) for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


def nt_line(triple: tuple[Any, Any, Any], labels: dict[Any, str]) -> str:
    """``triple`` as one N-Triples line. A blank node is written ``_:b<n>``, ``n`` its
    number in ``labels`` (shared by the calls of one upload): a label read from a file
    never reaches the text, however hostile.

    Examples
    --------
    >>> from rdflib import BNode, URIRef
    >>> evil = BNode("x <urn:p> <urn:o> } ; DROP ALL ; INSERT DATA { _:y")
    >>> nt_line((evil, URIRef("urn:p"), URIRef("urn:o")), {})
    '_:b0 <urn:p> <urn:o> .'
    """
    def one(x: Any) -> str:
        if isinstance(x, BNode):
            label = labels.setdefault(x, f"b{len(labels)}")
            if not BNODE_LABEL.match(label):
                raise ValueError(f"unsafe blank-node label {label!r}")
            return f"_:{label}"
        return nt_term(x)

    return f"{one(triple[0])} {one(triple[1])} {one(triple[2])} ."


def prologue() -> str:
    """The PREFIX lines of the spinekg prefixes, to put before a query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
