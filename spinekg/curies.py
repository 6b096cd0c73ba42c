"""CURIEs and IRIs, and the words of a camel-case name: text helpers every layer shares.

Examples
--------
>>> from spinekg.curies import curie, iri
>>> curie("https://w3id.org/spinekg/root_L4_left")
'skg:root_L4_left'
>>> iri("skg:root_L4_left")
'https://w3id.org/spinekg/root_L4_left'
"""

from __future__ import annotations

import re

from .namespaces import CURIE_PREFIXES, PREFIXES

__all__ = ["curie", "iri", "words"]

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
