"""The OBO-style release: one merged ontology in the formats OBO tools read.

:func:`release` writes into a folder

* ``spinekg.owl`` (RDF/XML) and ``spinekg.ttl`` (Turtle): the merged ontology, every module
  in one file, with an ``owl:Ontology`` header (version IRI, licence, title, description,
  creators) and no ``owl:imports`` of the module files (nothing for a tool to fetch);
* ``spinekg.obo`` (OBO 1.4) and ``spinekg.json`` (OBO Graphs JSON): see
  :mod:`spinekg.adapters.release_obo`;
* ``spinekg.sssom.tsv``: every mapping to an external code (``skos:*Match``, and the
  ICD-10-CM codes of ``skg:icd10cm`` as ``skos:relatedMatch``), with its predicate, the
  justification (``semapv:ManualMappingCuration``; ``semapv:MappingChaining`` for a code
  read off the term's HPO mapping, a SNOMED CT id from an HPO xref) and its sources.

Examples
--------
>>> import tempfile
>>> out = release(skg.load(), tempfile.mkdtemp())
>>> sorted(p.name for p in out)
['spinekg.json', 'spinekg.obo', 'spinekg.owl', 'spinekg.sssom.tsv', 'spinekg.ttl']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..core.codes import normalize_code
from ..curies import curie
from ..namespaces import OBO, PREFIXES, SKG
from .release_obo import write_obo, write_obographs

__all__ = ["release", "release_graph", "mappings", "write_sssom", "ONTOLOGY_IRI"]

ONTOLOGY_IRI = URIRef(str(SKG) + "spinekg.owl")
_MAPPING = (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch)
_SSSOM_PREFIXES = {"skg": str(SKG), "skos": str(SKOS), "semapv": "https://w3id.org/semapv/vocab/",
                   "HP": "http://purl.obolibrary.org/obo/HP_",
                   "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
                   "FMA": "http://purl.obolibrary.org/obo/FMA_",
                   "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
                   "DOID": "http://purl.obolibrary.org/obo/DOID_",
                   "SNOMEDCT": "http://snomed.info/id/",
                   "ICD10CM": "http://purl.bioontology.org/ontology/ICD10CM/"}


def release_graph(kg: Any) -> Graph:
    """The merged graph of ``kg`` as one ontology: its header kept, the module imports gone.

    Examples
    --------
    >>> g = release_graph(skg.load())
    >>> list(g.objects(ONTOLOGY_IRI, OWL.imports))
    []
    >>> g.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    True
    """
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in kg.graph:
        if triple[1] == OWL.imports:
            continue  # the modules are merged in; an import would send tools to fetch them
        g.add(triple)
    if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) not in g:
        raise ValueError(f"the graph has no owl:Ontology {ONTOLOGY_IRI}; load the bundled "
                         "ontology (or a graph with its header)")
    # the OBO relations our properties specialise (BFO part of, RO innervated by) are stated
    # on every edge, as OBO tools that do not reason (pronto, obonet) expect
    obo = str(OBO)
    for sub, sup in list(g.subject_objects(RDFS.subPropertyOf)):
        if str(sup).startswith(obo) and not str(sub).startswith(obo):
            for s, o in list(g.subject_objects(sub)):
                g.add((s, sup, o))
    g.set((ONTOLOGY_IRI, RDFS.comment, Literal(
        "The spinekg release: every module merged into this one file (no owl:imports).",
        lang="en")))
    return g


def mappings(g: Graph) -> list[dict[str, str]]:
    """Every mapping of a spinekg term to an external code, one dict per SSSOM row.

    Examples
    --------
    >>> rows = mappings(skg.load().graph)
    >>> row = next(r for r in rows if r["object_id"] == "HP:0003419")
    >>> row["subject_id"], row["predicate_id"]
    ('skg:symptom_low_back_pain', 'skos:exactMatch')
    """
    rows = []
    sources = _axiom_sources(g)
    # the sources of each term's exact HPO mapping: a mapping to another code that rests on
    # them alone was read off the HPO term (its xref), a chained mapping
    via_hpo: dict[Any, set] = {}
    for s, o in g.subject_objects(SKOS.exactMatch):
        if (normalize_code(curie(str(o))) or "").startswith("HP:"):
            via_hpo.setdefault(s, set()).update(sources.get((s, SKOS.exactMatch, o), ()))
    for pred in _MAPPING:
        for s, o in g.subject_objects(pred):
            if not str(s).startswith(str(SKG)):
                continue
            code = normalize_code(curie(str(o)))
            if code is None:
                continue
            cited = sources.get((s, pred, o)) or list(g.objects(s, DCTERMS.source))
            chained = not code.startswith("HP:") and bool(cited) and set(cited) <= via_hpo.get(s, set())
            rows.append(_row(g, s, curie(str(pred)), code, cited, chained))
    for s, code in g.subject_objects(SKG.icd10cm):
        rows.append(_row(g, s, "skos:relatedMatch", f"ICD10CM:{code}",
                         list(g.objects(s, DCTERMS.source))))
    rows.sort(key=lambda r: (r["subject_id"], r["predicate_id"], r["object_id"]))
    return rows


def _axiom_sources(g: Graph) -> dict[tuple, list]:
    out: dict[tuple, list] = {}
    for ax in g.subjects(RDF.type, OWL.Axiom):
        key = (g.value(ax, OWL.annotatedSource), g.value(ax, OWL.annotatedProperty),
               g.value(ax, OWL.annotatedTarget))
        out.setdefault(key, []).extend(g.objects(ax, DCTERMS.source))
    return out


def _row(g: Graph, s: Any, pred: str, code: str, sources: list,
         chained: bool = False) -> dict[str, str]:
    urls = [str(g.value(src, SKG.url)) for src in sources if g.value(src, SKG.url) is not None]
    return {"subject_id": curie(str(s)), "subject_label": str(g.value(s, RDFS.label) or ""),
            "predicate_id": pred, "object_id": code,
            "mapping_justification": "semapv:MappingChaining" if chained
            else "semapv:ManualMappingCuration",
            "author_label": "spinekg developers",
            "see_also": "|".join(sorted(set(urls))),
            "comment": "sources: " + ", ".join(sorted(curie(str(x)) for x in set(sources)))
            if sources else ""}


def write_sssom(g: Graph, path: Path) -> None:
    """Write the mappings of ``g`` as an SSSOM TSV with its YAML header."""
    version = str(g.value(ONTOLOGY_IRI, OWL.versionInfo) or "")
    head = ["curie_map:", *(f"  {p}: {ns}" for p, ns in sorted(_SSSOM_PREFIXES.items())),
            f"mapping_set_id: {SKG}releases/{version}/spinekg.sssom.tsv",
            f"mapping_set_version: \"{version}\"",
            "license: https://creativecommons.org/licenses/by/4.0/",
            "mapping_set_title: spinekg mappings to HPO, UBERON, FMA, SNOMED CT and ICD-10-CM"]
    rows = mappings(g)
    cols = list(rows[0]) if rows else ["subject_id", "predicate_id", "object_id",
                                       "mapping_justification"]
    lines = ["#" + h for h in head] + ["\t".join(cols)]
    lines += ["\t".join(r[c].replace("\t", " ").replace("\n", " ") for c in cols) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def release(kg: Any, out: str | Path) -> list[Path]:
    """Write the release files of ``kg`` into the folder ``out`` (made if missing).

    Parameters
    ----------
    kg : SpineKG
    out : path
        A folder.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValueError
        ``out`` is a file, or the graph has no ontology header.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"release folder {str(out)!r} is a file; expected a folder")
    folder.mkdir(parents=True, exist_ok=True)
    g = release_graph(kg)
    paths = [folder / f"spinekg.{ext}" for ext in ("owl", "ttl", "obo", "json", "sssom.tsv")]
    g.serialize(destination=paths[0], format="xml")
    g.serialize(destination=paths[1], format="turtle")
    write_obo(g, paths[2], ONTOLOGY_IRI)
    write_obographs(g, paths[3], ONTOLOGY_IRI)
    write_sssom(g, paths[4])
    return paths
