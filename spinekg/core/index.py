"""The in-process index every question runs on.

Built once per :class:`~spinekg.SpineKG` from the triples of its store: one
:class:`~spinekg.core.terms.Term` per entity (CURIE strings interned), adjacency by
predicate in both directions, the provenance of every annotated edge, literal
values, and lazily computed transitive closures. ``kg.nx`` is made from it too.

Examples
--------
>>> kg = skg.load()
>>> ix = kg.index
>>> ix.objects("skg:root_L4_left", "skg:hasSide")
('skg:Left',)
>>> "skg:root_L4_left" in ix.subjects("skg:Left", "skg:hasSide")
True
"""

from __future__ import annotations

import sys
import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Literal
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..namespaces import SKG
from .terms import EdgeInfo, Term, curie

__all__ = ["Index", "STRUCTURAL"]

#: Predicates kept as node attributes rather than edges (they would make
#: shortcuts through classes, sources and external identifiers).
STRUCTURAL = frozenset(
    str(p)
    for p in (
        RDF.type, DCTERMS.source, OWL.annotatedSource, OWL.annotatedProperty,
        OWL.annotatedTarget, SKOS.exactMatch, SKOS.closeMatch, RDFS.seeAlso, OWL.imports,
        RDFS.domain, RDFS.range, OWL.inverseOf, RDFS.subPropertyOf, RDFS.subClassOf,
        OWL.versionIRI, DCTERMS.license, RDFS.isDefinedBy,
    )
)
_SCHEMA_TYPES = frozenset(
    str(t)
    for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
              OWL.Ontology, OWL.Axiom, RDFS.Class, RDF.Property)
)
_LABEL, _ALT, _DEF = str(RDFS.label), str(SKOS.altLabel), str(SKOS.definition)
_TYPE, _SOURCE, _SUBCLASS = str(RDF.type), str(DCTERMS.source), str(RDFS.subClassOf)
_ANN = {str(OWL.annotatedSource): "s", str(OWL.annotatedProperty): "p",
        str(OWL.annotatedTarget): "o"}
_AXIOM_VALUES = {str(SKG.evidenceRank): "rank", str(SKG.frequency): "frequency",
                 str(SKG.uncertain): "uncertain", str(RDFS.comment): "note"}
_SKG_CLASS_ORDER = (
    "KeySensoryPoint", "BodyArea", "SpinalNerveRoot", "Dermatome", "Myotome", "MuscleAction",
    "Reflex", "FusedVertebralSegment", "Vertebra", "IntervertebralDisc", "IntervertebralForamen",
    "LateralRecess", "SpinalCanal", "SpinalRegion", "VertebralColumn", "SpinalStenosis",
    "DiscHerniation", "Radiculopathy", "ClinicalSyndrome", "Condition", "LesionZone",
    "CompressionRule", "Symptom", "Treatment", "TreatmentTier", "EscalationRule", "Source", "Side",
)


def _intern(value: str) -> str:
    return sys.intern(curie(value))


class Index:
    """Adjacency, labels, provenance and closures over one graph's triples.

    Use :meth:`from_triples`; the attributes are read-only by convention.
    """

    def __init__(self) -> None:
        self.terms: dict[str, Term] = {}
        self.alt_labels: dict[str, tuple[str, ...]] = {}
        self.definitions: dict[str, str] = {}
        self.types: dict[str, frozenset[str]] = {}
        self.values: dict[str, dict[str, tuple[Any, ...]]] = {}
        self.node_sources: dict[str, tuple[str, ...]] = {}
        self.xrefs: dict[str, tuple[str, ...]] = {}
        self.out: dict[str, dict[str, tuple[str, ...]]] = {}
        self.inn: dict[str, dict[str, tuple[str, ...]]] = {}
        self.edges: dict[tuple[str, str, str], EdgeInfo] = {}
        self.schema: frozenset[str] = frozenset()
        self.subclass: dict[str, tuple[str, ...]] = {}
        self.n_triples = 0
        self._closures: dict[tuple[str, bool], dict[str, frozenset[str]]] = {}
        self._instances: dict[str, tuple[str, ...]] = {}
        self._is_a: dict[tuple[str, str], bool] = {}
        self._lock = threading.Lock()

    # -- construction ---------------------------------------------------------------
    @classmethod
    def from_triples(cls, triples: Iterable[tuple[Any, Any, Any]]) -> Index:
        """Build the index from rdflib ``(s, p, o)`` terms.

        Examples
        --------
        >>> from rdflib import URIRef, Literal
        >>> s, p = URIRef("https://w3id.org/spinekg/a"), URIRef("https://w3id.org/spinekg/p")
        >>> ix = Index.from_triples([(s, p, URIRef("https://w3id.org/spinekg/b"))])
        >>> ix.objects("skg:a", "skg:p")
        ('skg:b',)
        """
        ix = cls()
        out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        labels: dict[str, str] = {}
        alts: dict[str, list[str]] = defaultdict(list)
        types: dict[str, set[str]] = defaultdict(set)
        values: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        sources: dict[str, list[str]] = defaultdict(list)
        xrefs: dict[str, list[str]] = defaultdict(list)
        subclass: dict[str, list[str]] = defaultdict(list)
        axioms: dict[str, dict[str, Any]] = defaultdict(dict)
        axiom_sources: dict[str, list[str]] = defaultdict(list)
        axiom_values: dict[str, dict[str, list[Any]]] = defaultdict(dict)
        n = 0
        for s, p, o in triples:
            n += 1
            if isinstance(s, BNode):
                continue
            s_str, p_str = str(s), str(p)
            if p_str in _ANN:
                axioms[s_str][_ANN[p_str]] = str(o)
                continue
            if isinstance(o, Literal):
                if p_str in _AXIOM_VALUES:  # an axiom's value, and a node's own (a reading's rank)
                    axiom_values[s_str].setdefault(_AXIOM_VALUES[p_str], []).append(o.toPython())
                if p_str == _LABEL:
                    if s_str not in labels or o.language in (None, "en"):
                        labels[s_str] = str(o)
                elif p_str == _ALT:
                    alts[s_str].append(str(o))
                elif p_str == _DEF:
                    ix.definitions[_intern(s_str)] = str(o)
                else:
                    values[_intern(s_str)][_intern(p_str)].append(o.toPython())
                continue
            if isinstance(o, BNode):
                continue
            o_str = str(o)
            if p_str == _TYPE:
                types[s_str].add(o_str)
            elif p_str == _SOURCE:
                sources[s_str].append(o_str)
            elif p_str == _SUBCLASS:
                subclass[_intern(s_str)].append(_intern(o_str))
            elif p_str in (str(SKOS.exactMatch), str(SKOS.closeMatch)):
                xrefs[s_str].append(o_str)
            elif p_str not in STRUCTURAL:
                out[p_str][s_str].append(o_str)
        ix.n_triples = n

        axiom_nodes = {s for s, t in types.items() if str(OWL.Axiom) in t}
        schema = {s for s, t in types.items() if t & _SCHEMA_TYPES}
        for s in axiom_nodes:
            axiom_sources[s] = sources.pop(s, [])
        merged: dict[tuple[str, str, str], list[tuple[dict[str, Any], list[str]]]] = {}
        for ax in sorted(axioms):
            parts = axioms[ax]
            if not {"s", "p", "o"} <= parts.keys():
                continue
            key = (_intern(parts["s"]), _intern(parts["p"]), _intern(parts["o"]))
            merged.setdefault(key, []).append((axiom_values.get(ax, {}),
                                               axiom_sources.get(ax, [])))
        for key, found in merged.items():
            # several readings of one edge: union of sources, primary wins, notes joined
            def readings(name: str, found=found) -> list[str]:
                return sorted({str(v) for vals, _ in found for v in vals.get(name, ())})

            ranks, notes, freqs = readings("rank"), readings("note"), readings("frequency")
            ix.edges[key] = EdgeInfo(
                sources=tuple(sorted({_intern(x) for _, srcs in found for x in srcs})),
                rank="primary" if "primary" in ranks else (ranks[0] if ranks else None),
                frequency=freqs[0] if freqs else None,
                uncertain="True" in readings("uncertain"),
                note=" / ".join(notes) if notes else None,
            )

        nodes: set[str] = set(labels) | set(types) | set(sources)
        inn: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for p_str, by_s in out.items():
            pc = _intern(p_str)
            fwd: dict[str, tuple[str, ...]] = {}
            for s_str, objs in by_s.items():
                if s_str in axiom_nodes:
                    continue
                sc = _intern(s_str)
                nodes.add(s_str)
                ocs = tuple(sorted({_intern(o) for o in objs}))
                fwd[sc] = ocs
                for oc in ocs:
                    inn[pc][oc].append(sc)
                nodes.update(objs)
            ix.out[pc] = fwd
        ix.inn = {p: {o: tuple(sorted(ss)) for o, ss in by_o.items()} for p, by_o in inn.items()}
        nodes -= axiom_nodes

        for node in nodes:
            c = _intern(node)
            node_types = frozenset(_intern(t) for t in types.get(node, ()))
            ix.types[c] = node_types
            ix.terms[c] = Term(node, c, labels.get(node, c), _kind(node_types))
            if node in alts:
                ix.alt_labels[c] = tuple(sorted(alts[node]))
            if node in sources:
                ix.node_sources[c] = tuple(sorted(_intern(x) for x in sources[node]))
            if node in xrefs:
                ix.xrefs[c] = tuple(sorted(curie(x) for x in xrefs[node]))
        ix.values = {c: {p: tuple(v) for p, v in by_p.items()} for c, by_p in values.items()}
        ix.schema = frozenset(_intern(s) for s in schema - axiom_nodes)
        ix.subclass = {k: tuple(v) for k, v in subclass.items()}
        return ix

    # -- lookups --------------------------------------------------------------------
    def objects(self, node: str, pred: str) -> tuple[str, ...]:
        """Objects of ``node`` along ``pred`` (CURIEs), sorted."""
        return self.out.get(pred, {}).get(node, ())

    def subjects(self, node: str, pred: str) -> tuple[str, ...]:
        """Subjects that reach ``node`` along ``pred``."""
        return self.inn.get(pred, {}).get(node, ())

    def value(self, node: str, pred: str, default: Any = None) -> Any:
        """The first literal value of ``node`` for ``pred``."""
        vals = self.values.get(node, {}).get(pred)
        return vals[0] if vals else default

    def is_a(self, node: str, cls: str) -> bool:
        """Whether ``node`` is typed ``cls`` directly or through ``rdfs:subClassOf`` (cached)."""
        key = (node, cls)
        hit = self._is_a.get(key)
        if hit is None:
            types = self.types.get(node, ())
            hit = cls in types or any(cls in self.superclasses(t) for t in types)
            self._is_a[key] = hit
        return hit

    def superclasses(self, cls: str) -> frozenset[str]:
        """The superclasses of ``cls`` (transitive, from the TBox)."""
        return self.closure("rdfs:subClassOf").get(cls, frozenset())

    def instances(self, cls: str) -> tuple[str, ...]:
        """All nodes typed ``cls`` (directly or through a subclass), sorted; cached."""
        cached = self._instances.get(cls)
        if cached is None:
            cached = tuple(sorted(n for n in self.terms if self.is_a(n, cls)))
            self._instances[cls] = cached
        return cached

    def edge_info(self, s: str, p: str, o: str) -> EdgeInfo:
        """Provenance of an edge: its axiom, or the subject's own sources."""
        info = self.edges.get((s, p, o))
        if info is not None:
            return info
        return EdgeInfo(sources=self.node_sources.get(s, ()))

    def closure(self, pred: str, *, inverse: bool = False) -> dict[str, frozenset[str]]:
        """Transitive closure of ``pred`` (node → every node reachable), cached.

        ``rdfs:subClassOf`` is computed from the TBox triples kept aside.
        """
        key = (pred, inverse)
        cached = self._closures.get(key)
        if cached is not None:
            return cached
        with self._lock:
            cached = self._closures.get(key)
            if cached is None:
                if pred == "rdfs:subClassOf":
                    adj = self.subclass
                else:
                    adj = (self.inn if inverse else self.out).get(pred, {})
                cached = {}
                for start in adj:
                    seen: set[str] = set()
                    stack = list(adj[start])
                    while stack:
                        n = stack.pop()
                        if n not in seen:
                            seen.add(n)
                            stack.extend(adj.get(n, ()))
                    cached[start] = frozenset(seen)
                self._closures[key] = cached
        return cached

    def side(self, node: str) -> str | None:
        """``"left"`` or ``"right"`` for a lateralised node, else None (midline or no side).

        Examples
        --------
        >>> ix = skg.load().index
        >>> ix.side("skg:root_L4_left"), ix.side("skg:area_perianal")
        ('left', None)
        """
        sides = self.objects(node, "skg:hasSide")
        return "left" if "skg:Left" in sides else "right" if "skg:Right" in sides else None

    def to_payload(self) -> dict[str, Any]:
        """The index as plain lists and strings (JSON-safe; see :mod:`spinekg.core.payload`)."""
        from .payload import to_payload

        return to_payload(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Index:
        """The index a :meth:`to_payload` dict holds (ValueError when malformed)."""
        from .payload import fill

        return fill(cls(), data)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_lock", None)
        state["_closures"] = {}
        state["_instances"] = {}
        state["_is_a"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()


def _kind(types: frozenset[str]) -> str:
    locals_ = {t.partition(":")[2] for t in types if t.startswith("skg:")}
    for name in _SKG_CLASS_ORDER:
        if name in locals_:
            return name
    for t in sorted(types):
        if t != "owl:NamedIndividual":
            return t.rpartition(":")[2] or t
    return "Entity"

