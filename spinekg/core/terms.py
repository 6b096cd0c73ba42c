"""Terms, CURIEs and the small value types every other module shares.

Examples
--------
>>> from spinekg.core.terms import curie, iri
>>> curie("https://w3id.org/spinekg/root_L4_left")
'skg:root_L4_left'
>>> iri("skg:root_L4_left")
'https://w3id.org/spinekg/root_L4_left'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..curies import curie, iri, words

__all__ = ["Term", "Terms", "EdgeInfo", "curie", "iri", "words"]

@dataclass(frozen=True, slots=True)
class Term:
    """One entity of the graph.

    Attributes
    ----------
    iri : str
        Full IRI.
    curie : str
        Compact form, ``skg:root_L4_left``.
    label : str
        The English label.
    kind : str
        The most specific spinekg class, e.g. ``SpinalNerveRoot`` or ``BodyArea``.

    Examples
    --------
    >>> t = Term("https://w3id.org/spinekg/Left", "skg:Left", "left", "Side")
    >>> str(t)
    'left'
    """

    iri: str
    curie: str
    label: str
    kind: str

    def __str__(self) -> str:
        return self.label

    def _repr_html_(self) -> str:
        from html import escape

        return f"<code>{escape(self.curie)}</code> {escape(self.label)} <i>({escape(self.kind)})</i>"


#: The type of a result's ordered list of terms.
Terms = tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class EdgeInfo:
    """Provenance of one edge: its sources and the axiom annotations on it.

    Examples
    --------
    >>> EdgeInfo(sources=("skg:src_a",), rank="primary").rank
    'primary'
    """

    sources: tuple[str, ...] = ()
    rank: str | None = None
    frequency: str | None = None
    uncertain: bool = False
    note: str | None = None
