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

__all__ = ["to_networkx"]


def to_networkx(index: Index):
    """Build a MultiDiGraph from an :class:`~spinekg.core.index.Index`.

    Nodes are CURIE strings with ``label``, ``kind``, ``types`` (tuple of class
    CURIEs), ``iri`` and their literal values; literals are attributes, not nodes.
    Each edge's key is its predicate CURIE and carries ``sources`` (and ``rank``
    and ``frequency`` where the edge has them).

    Examples
    --------
    >>> G = to_networkx(skg.load().index)
    >>> G.edges["skg:root_L4_left", "skg:Left", "skg:hasSide"]["sources"] != ()
    True
    """
    import networkx as nx

    G = nx.MultiDiGraph()
    for c, term in index.terms.items():
        attrs: dict[str, Any] = {"label": term.label, "kind": term.kind, "iri": term.iri,
                                 "types": tuple(sorted(index.types.get(c, ())))}
        for pred, values in index.values.get(c, {}).items():
            attrs[pred] = values[0] if len(values) == 1 else values
        G.add_node(c, **attrs)
    for pred, by_s in index.out.items():
        for s, objs in by_s.items():
            for o in objs:
                info = index.edge_info(s, pred, o)
                data: dict[str, Any] = {"sources": info.sources}
                if info.rank:
                    data["rank"] = info.rank
                if info.frequency:
                    data["frequency"] = info.frequency
                G.add_edge(s, o, key=pred, **data)
    return G
