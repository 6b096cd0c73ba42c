"""OBO 1.4 and OBO Graphs JSON writers for the release (:mod:`spinekg.adapters.release`).

Every class and named individual of spinekg becomes a term, OBO-style: its label is the
``name``, its ``skos:definition`` the ``def`` (with its sources), its synonyms and its exact
and close matches (``xref``); a subclass edge and an individual's class are ``is_a``, and
each object-property edge between spinekg terms a ``relationship``. The edges our
relations also state as BFO part of and RO innervated by are written with the OBO names
``part_of`` and ``innervated_by`` (xrefs ``BFO:0000050``, ``RO:0002005``), so that OBO tools
walk them.

Examples
--------
>>> import tempfile, pathlib
>>> from spinekg.adapters.release import release_graph, ONTOLOGY_IRI
>>> p = pathlib.Path(tempfile.mkdtemp()) / "spinekg.obo"
>>> write_obo(skg.load().graph, p, ONTOLOGY_IRI)
>>> "id: skg:root_L4_left" in p.read_text()
True
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..curies import curie
from ..namespaces import OBO, SKG

__all__ = ["write_obo", "write_obographs", "OBO_RELATIONS"]

#: OBO relations our properties are declared sub-properties of, with their OBO names.
OBO_RELATIONS = {str(OBO.BFO_0000050): ("part_of", "BFO:0000050", "part of"),
                 str(OBO.BFO_0000051): ("has_part", "BFO:0000051", "has part"),
                 str(OBO.RO_0002005): ("innervated_by", "RO:0002005", "innervated by")}
_XREF = (SKOS.exactMatch, SKOS.closeMatch)
_SKIP_PREDICATES = {str(RDF.type), str(RDFS.subClassOf), str(SKG.hasSide),
                    str(SKG.lateralCounterpart)}


def _quote(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _id(node: Any) -> str | None:
    """The OBO id of a node: a CURIE (``skg:x``, ``UBERON:0001130``), None for others."""
    if isinstance(node, BNode) or isinstance(node, Literal):
        return None
    c = curie(str(node))
    return c if ":" in c and "://" not in c else None


def _terms(g: Graph) -> tuple[list[URIRef], list[URIRef]]:
    classes = sorted({s for s in g.subjects(RDF.type, OWL.Class)
                      if isinstance(s, URIRef) and str(s).startswith(str(SKG))})
    individuals = sorted({s for s in g.subjects(RDF.type, OWL.NamedIndividual)
                          if isinstance(s, URIRef) and str(s).startswith(str(SKG))})
    return classes, individuals


def _edges(g: Graph, terms: set[URIRef]) -> dict[URIRef, list[tuple[str, URIRef]]]:
    """Object-property edges between terms: subject → [(predicate IRI, object)]."""
    props = {str(p) for p in g.subjects(RDF.type, OWL.ObjectProperty)} | set(OBO_RELATIONS)
    out: dict[URIRef, list[tuple[str, URIRef]]] = defaultdict(list)
    for s, p, o in g:
        if s in terms and o in terms and str(p) in props and str(p) not in _SKIP_PREDICATES \
                and not str(p).startswith(str(SKOS)):
            out[s].append((str(p), o))
    return out


def _header(g: Graph, onto: URIRef) -> list[str]:
    version = str(g.value(onto, OWL.versionInfo) or "")
    lines = ["format-version: 1.4", f"data-version: spinekg/releases/{version}",
             "ontology: spinekg", f"idspace: skg {SKG}"]
    for pred in (DCTERMS.title, DCTERMS.description):
        value = g.value(onto, pred)
        if value is not None:
            lines.append(f"property_value: {pred} {_quote(value)} xsd:string")
    for pred in (DCTERMS.license, OWL.versionIRI):
        value = g.value(onto, pred)
        if value is not None:
            lines.append(f"property_value: {pred} {value}")
    for creator in sorted(g.objects(onto, DCTERMS.creator)):
        lines.append(f"property_value: {DCTERMS.creator} {_quote(creator)} xsd:string")
    return lines


def _name_def(g: Graph, node: Any, refs: list[str]) -> list[str]:
    """The ``name`` and ``def`` lines of a stanza."""
    out = []
    label = g.value(node, RDFS.label)
    if label is not None:
        out.append(f"name: {str(label).replace(chr(10), ' ')}")
    definition = g.value(node, SKOS.definition)
    if definition is not None:
        out.append(f"def: {_quote(definition)} [{', '.join(refs)}]")
    return out


def write_obo(g: Graph, path: Path, onto: URIRef) -> None:
    """Write ``g`` as OBO 1.4 to ``path``."""
    classes, individuals = _terms(g)
    terms = set(classes) | set(individuals)
    edges = _edges(g, terms)
    used: set[str] = set()
    lines = _header(g, onto)
    individual = set(individuals)
    for node in classes + individuals:
        lines += ["", "[Term]", f"id: {_id(node)}"]
        lines += _name_def(g, node, sorted(_id(s) for s in g.objects(node, DCTERMS.source)
                                           if _id(s)))
        for alt in sorted(g.objects(node, SKOS.altLabel)):
            lines.append(f"synonym: {_quote(alt)} EXACT []")
        for pred in _XREF:
            for target in sorted(g.objects(node, pred)):
                if _id(target) and not str(target).startswith(str(SKG)):
                    lines.append(f"xref: {_id(target)}")
        supers = set(g.objects(node, RDFS.subClassOf)) | (
            set(g.objects(node, RDF.type)) if node in individual else set())
        for sup in sorted(s for s in supers if _id(s) and s != OWL.NamedIndividual
                          and (s in terms or not str(s).startswith(str(SKG)))):
            if not str(sup).startswith(str(OWL)):
                lines.append(f"is_a: {_id(sup)}")
        for pred, obj in sorted(edges.get(node, ())):
            name = OBO_RELATIONS[pred][0] if pred in OBO_RELATIONS else _id(URIRef(pred))
            used.add(pred)
            lines.append(f"relationship: {name} {_id(obj)}")
    for pred in sorted(used):
        if pred in OBO_RELATIONS:
            name, xref, label = OBO_RELATIONS[pred]
            lines += ["", "[Typedef]", f"id: {name}", f"name: {label}", f"xref: {xref}"]
            if name == "part_of":
                lines.append("is_transitive: true")
            continue
        p = URIRef(pred)
        lines += ["", "[Typedef]", f"id: {_id(p)}", *_name_def(g, p, [])]
        for sup in sorted(g.objects(p, RDFS.subPropertyOf)):
            if str(sup) in OBO_RELATIONS:
                lines.append(f"is_a: {OBO_RELATIONS[str(sup)][0]}")
            elif str(sup) in used and _id(sup):
                lines.append(f"is_a: {_id(sup)}")
        if (p, RDF.type, OWL.TransitiveProperty) in g:
            lines.append("is_transitive: true")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_obographs(g: Graph, path: Path, onto: URIRef) -> None:
    """Write ``g`` as an OBO Graphs JSON document to ``path``."""
    classes, individuals = _terms(g)
    terms = set(classes) | set(individuals)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []
    for kind, group in (("CLASS", classes), ("INDIVIDUAL", individuals)):
        for node in group:
            meta: dict[str, Any] = {}
            definition = g.value(node, SKOS.definition)
            if definition is not None:
                meta["definition"] = {"val": str(definition), "xrefs": sorted(
                    _id(s) for s in g.objects(node, DCTERMS.source) if _id(s))}
            syns = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
            if syns:
                meta["synonyms"] = [{"pred": "hasExactSynonym", "val": s} for s in syns]
            xrefs = sorted(_id(t) for p in _XREF for t in g.objects(node, p)
                           if _id(t) and not str(t).startswith(str(SKG)))
            if xrefs:
                meta["xrefs"] = [{"val": x} for x in xrefs]
            entry: dict[str, Any] = {"id": str(node), "type": kind}
            label = g.value(node, RDFS.label)
            if label is not None:
                entry["lbl"] = str(label)
            if meta:
                entry["meta"] = meta
            nodes.append(entry)
            supers = set(g.objects(node, RDFS.subClassOf)) | (
                set(g.objects(node, RDF.type)) if kind == "INDIVIDUAL" else set())
            for sup in sorted(s for s in supers if isinstance(s, URIRef)
                              and not str(s).startswith(str(OWL))):
                edges.append({"sub": str(node), "pred": "is_a", "obj": str(sup)})
    for s, pairs in sorted(_edges(g, terms).items()):
        for pred, obj in sorted(pairs):
            edges.append({"sub": str(s), "pred": pred, "obj": str(obj)})
    meta = {"version": str(g.value(onto, OWL.versionIRI) or ""),
            "basicPropertyValues": [{"pred": str(p), "val": str(v)}
                                    for p in (DCTERMS.title, DCTERMS.license, DCTERMS.description)
                                    for v in g.objects(onto, p)]}
    doc = {"graphs": [{"id": str(onto), "meta": meta, "nodes": nodes, "edges": edges}]}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
