"""Terms, CURIEs and the small value types every other module shares.

Examples
--------
>>> from spinekg.terms import curie, iri
>>> curie("https://w3id.org/spinekg/root_L4_left")
'skg:root_L4_left'
>>> iri("skg:root_L4_left")
'https://w3id.org/spinekg/root_L4_left'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .namespaces import CURIE_PREFIXES, PREFIXES

__all__ = ["Term", "EdgeInfo", "curie", "iri", "words"]

_BY_LENGTH = sorted(
    [(ns, p) for p, ns in PREFIXES.items()] + [(ns, p) for p, ns in CURIE_PREFIXES.items()],
    key=lambda item: -len(item[0]),
)
_OBO_STYLE = set(CURIE_PREFIXES)


def words(name: str) -> str:
    """A camel-case name in lower-case words: the local part of a class or predicate.

    Examples
    --------
    >>> words("MuscleAction"), words("skg:hasKeySensoryPoint")
    ('muscle action', 'has key sensory point')
    """
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name.rpartition(":")[2]).lower()


def curie(value: str) -> str:
    """Shorten an IRI to a CURIE where a known prefix fits; otherwise return it unchanged.

    Examples
    --------
    >>> curie("http://purl.obolibrary.org/obo/UBERON_0001130")
    'UBERON:0001130'
    >>> curie("http://example.org/x")
    'http://example.org/x'
    """
    for ns, prefix in _BY_LENGTH:
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def iri(value: str) -> str:
    """Expand a CURIE to its IRI (an IRI is returned unchanged).

    Raises
    ------
    ValueError
        The prefix is not one spinekg knows.

    Examples
    --------
    >>> iri("UBERON:0001130")
    'http://purl.obolibrary.org/obo/UBERON_0001130'
    """
    if "://" in value or value.startswith("urn:"):
        return value
    prefix, sep, local = value.partition(":")
    if not sep:
        raise ValueError(f"not a CURIE or IRI: {value!r}; expected e.g. 'skg:root_L4_left'")
    if prefix in PREFIXES:
        return PREFIXES[prefix] + local
    if prefix in CURIE_PREFIXES:
        return CURIE_PREFIXES[prefix] + local
    known = ", ".join(sorted(set(PREFIXES) | _OBO_STYLE))
    raise ValueError(f"unknown prefix {prefix!r} in {value!r}; known prefixes: {known}")


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
