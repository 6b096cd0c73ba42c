"""IRIs and prefixes used across spinekg.

Examples
--------
>>> from spinekg.namespaces import SKG, PREFIXES
>>> str(SKG.root_L4_left)
'https://w3id.org/spinekg/root_L4_left'
>>> PREFIXES["skg"] == str(SKG)
True
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

__all__ = ["BASE", "SKG", "OBO", "PREFIXES", "CURIE_PREFIXES"]

BASE = "https://w3id.org/spinekg/"
SKG = Namespace(BASE)
OBO = Namespace("http://purl.obolibrary.org/obo/")

#: Prefixes bound in every graph and in every SPARQL query.
PREFIXES: dict[str, str] = {
    "skg": BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "obo": str(OBO),
    "sh": "http://www.w3.org/ns/shacl#",
}

#: OBO-style identifier prefixes (``UBERON:0001130``) and where they expand to.
CURIE_PREFIXES: dict[str, str] = {
    "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
    "FMA": "http://purl.obolibrary.org/obo/FMA_",
    "HP": "http://purl.obolibrary.org/obo/HP_",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "SNOMEDCT": "http://snomed.info/id/",
    "MESH": "http://id.nlm.nih.gov/mesh/",
}
