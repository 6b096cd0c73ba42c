"""Turn the index into a ``networkx.MultiDiGraph`` (obonet style: CURIE nodes).

Examples
--------
>>> kg = skg.load()
>>> G = kg.nx
>>> G.nodes["skg:root_L4_left"]["label"]
'left L4 nerve root'
>>> "skg:hasSide" in G["skg:root_L4_left"]["skg:Left"]
True
"""

from __future__ import annotations

from typing import Any

from .index import Index

__all__ = ["JOIN", "to_networkx"]

#: How several values of one attribute are joined into one string.
JOIN = "; "


def _plain(value: Any) -> Any:
    """A value GraphML and GEXF can hold: str, int, float, bool; anything else as text."""
    return value if type(value) in (str, int, float, bool) else str(value)


def to_networkx(index: Index):
    """Build a MultiDiGraph from an :class:`~spinekg.core.index.Index`.

    Nodes are CURIE strings with ``label``, ``kind``, ``types`` (the class CURIEs,
    joined by ``"; "``), ``iri`` and their literal values; literals are attributes,
    not nodes. Each edge's key is its predicate CURIE and carries ``sources`` (the
    source CURIEs joined by ``"; "``; and ``rank`` and ``frequency`` where the edge has
    them). Every attribute is a string, a number or a boolean (several values are
    joined by ``"; "``, dates and decimals written as text), so
    ``nx.write_graphml(G, ...)`` and ``nx.write_gexf(G, ...)`` take the graph as it is.

    Examples
    --------
    >>> G = to_networkx(skg.load().index)
    >>> G.edges["skg:root_L4_left", "skg:Left", "skg:hasSide"]["sources"].split("; ")[0]
    'skg:src_isncsci_2011'
    >>> import io, networkx as nx
    >>> nx.write_graphml(G, io.BytesIO()); nx.write_gexf(G, io.BytesIO())
    """
    import networkx as nx

    G = nx.MultiDiGraph()
    for c, term in index.terms.items():
        attrs: dict[str, Any] = {"label": term.label, "kind": term.kind, "iri": term.iri,
                                 "types": JOIN.join(sorted(index.types.get(c, ())))}
        for pred, values in index.values.get(c, {}).items():
            attrs[pred] = (_plain(values[0]) if len(values) == 1
                           else JOIN.join(str(_plain(v)) for v in values))
        G.add_node(c, **attrs)
    for pred, by_s in index.out.items():
        for s, objs in by_s.items():
            for o in objs:
                info = index.edge_info(s, pred, o)
                data: dict[str, Any] = {"sources": JOIN.join(info.sources)}
                if info.rank:
                    data["rank"] = info.rank
                if info.frequency:
                    data["frequency"] = info.frequency
                G.add_edge(s, o, key=pred, **data)
    return G
