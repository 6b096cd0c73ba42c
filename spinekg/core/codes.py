"""External codes → spinekg terms: HPO, SNOMED CT, ICD-10-CM, UBERON, FMA, MONDO, DOID.

The index is built from the graph's own mapping edges (``skos:exactMatch``,
``skos:closeMatch``, ``skos:narrowMatch``, ``skos:broadMatch``), from the conditions'
``skg:icd10cm`` codes and from the ICD-10-CM code table (``skg:assignedCode`` of an
``skg:Icd10cmAssignment`` → its ``skg:codeFor`` condition). A code always leads to the
spinekg term that is mapped to it, never to the bare external node. Where several
terms map to one code, the closest mapping wins (exact, then close, then narrow, then
broad: a close match that rests only on a database cross-reference never ties with
another term's exact match); what is left is ambiguous and is returned as it is (both
sides of a root).

Prefix variants are folded: ``HP:0003419``, ``hp_0003419``, the OBO PURL
``http://purl.obolibrary.org/obo/HP_0003419``; ``SNOMED:``, ``SNOMEDCT:``, ``SCTID:``,
``http://snomed.info/id/...`` and the FHIR form ``http://snomed.info/sct|76107001``;
``ICD10CM:M51.17``, ``ICD-10-CM:M51.17``, ``M5117`` or a bare ``M51.17``.

Examples
--------
>>> normalize_code("http://purl.obolibrary.org/obo/HP_0003419")
'HP:0003419'
>>> normalize_code("SCTID:76107001"), normalize_code("icd10cm:m5117")
('SNOMEDCT:76107001', 'ICD10CM:M51.17')
>>> kg = skg.load()
>>> code_index(kg.index).lookup("HP:0003419")
('skg:symptom_low_back_pain',)
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .index import Index

__all__ = ["CodeIndex", "code_index", "normalize_code", "MAPPING_PREDICATES", "ICD10CM_SYSTEM",
           "SNOMED_SYSTEM", "HPO_SYSTEM"]

#: The mapping predicates, closest first (the rank decides between terms sharing a code).
MAPPING_PREDICATES = ("skos:exactMatch", "skos:closeMatch", "skos:narrowMatch", "skos:broadMatch")
#: FHIR code system URIs of the code systems spinekg reads and writes.
ICD10CM_SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"
SNOMED_SYSTEM = "http://snomed.info/sct"
HPO_SYSTEM = "http://purl.obolibrary.org/obo/hp.owl"

_PREFIX = {"hp": "HP", "hpo": "HP", "uberon": "UBERON", "fma": "FMA", "mondo": "MONDO",
           "doid": "DOID", "mesh": "MESH", "snomed": "SNOMEDCT", "snomedct": "SNOMEDCT",
           "snomedct_us": "SNOMEDCT", "sct": "SNOMEDCT", "sctid": "SNOMEDCT",
           "icd10cm": "ICD10CM", "icd-10-cm": "ICD10CM", "icd_10_cm": "ICD10CM"}
_SYSTEMS = {ICD10CM_SYSTEM: "ICD10CM", SNOMED_SYSTEM: "SNOMEDCT", HPO_SYSTEM: "HP",
            "http://snomed.info/id": "SNOMEDCT", "http://purl.obolibrary.org/obo/hp": "HP"}
_OBO_PURL = re.compile(r"^https?://purl\.obolibrary\.org/obo/([A-Za-z]+)_(\w+)$")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_\-]*)[:_](\S+)$")
_ICD = re.compile(r"^([A-TV-Z])(\d)([0-9A-Z])\.?([0-9A-Z]{0,4})$")
_DIGIT = re.compile(r"\d")
_DIGITS = {"HP": 7, "UBERON": 7, "MONDO": 7}
_XREF = "skos:exactMatch|skos:closeMatch"


def _icd(local: str) -> str | None:
    m = _ICD.match(local.strip().upper())
    if not m:
        return None
    head = "".join(m.group(1, 2, 3))
    return f"{head}.{m.group(4)}" if m.group(4) else head


def normalize_code(text: object) -> str | None:
    """The canonical CURIE of a code written in any of the usual forms; None when ``text``
    is not written as a code (a bare ICD-10-CM code is returned as ``ICD10CM:``; whether
    it names anything is the index's business).

    Examples
    --------
    >>> normalize_code("SNOMED:24028007"), normalize_code("http://snomed.info/sct|24028007")
    ('SNOMEDCT:24028007', 'SNOMEDCT:24028007')
    >>> normalize_code("FMA:6416"), normalize_code("M51.17"), normalize_code("left L4")
    ('FMA:6416', 'ICD10CM:M51.17', None)
    """
    if not isinstance(text, str):
        return None
    raw = text.strip().strip("<>")
    if not raw or len(raw) > 200 or " " in raw:
        return None
    if "|" in raw:  # a FHIR token: system|code
        system, _, code = raw.partition("|")
        prefix = _SYSTEMS.get(system.rstrip("/"))
        return _join(prefix, code) if prefix else None
    m = _OBO_PURL.match(raw)
    if m:
        return _join(m.group(1).upper(), m.group(2))
    for system, prefix in _SYSTEMS.items():
        if raw.startswith(system + "/"):
            return _join(prefix, raw[len(system) + 1:])
    m = _CURIE.match(raw)
    if m and m.group(1).lower() in _PREFIX:
        return _join(_PREFIX[m.group(1).lower()], m.group(2))
    icd = _icd(raw)
    return f"ICD10CM:{icd}" if icd else None


def _join(prefix: str | None, local: str) -> str | None:
    local = local.strip()
    if not prefix or not local:
        return None
    if prefix == "ICD10CM":
        icd = _icd(local)
        return f"ICD10CM:{icd}" if icd else None
    if prefix in ("SNOMEDCT", "FMA", "DOID") and not local.isdigit():
        return None
    if prefix in _DIGITS and local.isdigit():
        local = local.zfill(_DIGITS[prefix])
    return f"{prefix}:{local}"


class CodeIndex:
    """Code → spinekg terms, and term → its codes, over one :class:`Index`.

    Attributes
    ----------
    by_code : dict
        Canonical code → CURIEs of the terms it means (closest mapping first).
    by_term : dict
        Term CURIE → ``((code, predicate), ...)``.
    """

    def __init__(self, index: Index) -> None:
        ranked: dict[str, dict[str, int]] = defaultdict(dict)
        by_term: dict[str, list[tuple[str, str]]] = defaultdict(list)

        def add(code: str | None, term: str, pred: str, rank: int) -> None:
            if code is None:
                return
            best = ranked[code].get(term)
            if best is None or rank < best:
                ranked[code][term] = rank
            if (code, pred) not in by_term[term]:
                by_term[term].append((code, pred))

        for term in index.terms:
            if not term.startswith("skg:") or index.is_a(term, "owl:Axiom"):
                continue
            for target in index.xrefs.get(term, ()):  # exact and close matches: exact first
                close = ((term, "skos:closeMatch", target) in index.edges
                         and (term, "skos:exactMatch", target) not in index.edges)
                add(normalize_code(target), term, "skos:closeMatch" if close else _XREF,
                    1 if close else 0)
            for rank, pred in ((2, "skos:narrowMatch"), (3, "skos:broadMatch")):
                for target in index.objects(term, pred):
                    add(normalize_code(target), term, pred, rank)
            for code in index.values.get(term, {}).get("skg:icd10cm", ()):
                add(normalize_code(f"ICD10CM:{code}"), term, "skg:icd10cm", 0)
        for assignment in index.instances("skg:Icd10cmAssignment"):
            code = index.value(assignment, "skg:assignedCode")
            for condition in index.objects(assignment, "skg:codeFor"):
                add(normalize_code(f"ICD10CM:{code}"), condition, "skg:assignedCode", 1)
        self.by_code: dict[str, tuple[str, ...]] = {}
        for code, terms in ranked.items():
            best = min(terms.values())
            hits = sorted(t for t, r in terms.items() if r == best)
            # an individual wins over the class of the same name (vertebral column)
            self.by_code[code] = tuple([t for t in hits if t not in index.schema] or hits)
        self.by_term = {t: tuple(v) for t, v in by_term.items()}

    def lookup(self, text: object) -> tuple[str, ...]:
        """CURIEs of the spinekg terms a code means; empty when it is not a mapped code.

        Examples
        --------
        >>> ci = code_index(skg.load().index)
        >>> ci.lookup("UBERON:0001130"), ci.lookup("ICD10CM:M48.062")
        (('skg:vertebral_column',), ('skg:condition_lumbar_spinal_stenosis',))
        >>> ci.lookup("HP:9999999")
        ()
        """
        if not isinstance(text, str) or not _DIGIT.search(text):
            return ()  # every code has a digit; a phrase without one is not a code
        code = normalize_code(text)
        return self.by_code.get(code, ()) if code else ()

    def codes(self, term: str, prefix: str | None = None) -> tuple[str, ...]:
        """The codes mapped to ``term`` (CURIE), closest mapping first, optionally of one
        ``prefix`` ("HP", "SNOMEDCT", "ICD10CM", "UBERON", "FMA").

        Examples
        --------
        >>> ci = code_index(skg.load().index)
        >>> ci.codes("skg:Left", "HP"), ci.codes("skg:Left", "SNOMEDCT")[0]
        (('HP:0012835',), 'SNOMEDCT:7771000')
        """
        order = {p: i for i, p in enumerate((_XREF,) + MAPPING_PREDICATES[1:]
                                             + ("skg:icd10cm", "skg:assignedCode"))}
        pairs = sorted(self.by_term.get(term, ()), key=lambda cp: order.get(cp[1], 9))
        return tuple(dict.fromkeys(c for c, _ in pairs
                                   if prefix is None or c.startswith(prefix + ":")))


def code_index(index: Index) -> CodeIndex:
    """The :class:`CodeIndex` of ``index``, built once and kept on it.

    Examples
    --------
    >>> ix = skg.load().index
    >>> code_index(ix) is code_index(ix)
    True
    """
    cached: Any = index.__dict__.get("_code_index")
    if cached is None:
        cached = CodeIndex(index)
        index.__dict__["_code_index"] = cached
    return cached
