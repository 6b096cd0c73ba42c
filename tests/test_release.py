"""The OBO-style release (issue 21): each file loaded by the library that consumes it.

The release is written once per session (about 10 s); HermiT runs through owlready2 where
Java is installed."""

from __future__ import annotations

import json
import shutil
import warnings

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from spinekg.adapters.release import ONTOLOGY_IRI, release
from spinekg.namespaces import OBO, SKG

pytestmark = pytest.mark.slow  # consumer libraries and HermiT read the release


@pytest.fixture(scope="session")
def rel(tmp_path_factory, kg):
    out = tmp_path_factory.mktemp("release")
    release(kg, out)
    return out


def test_all_files_written(rel):
    assert sorted(p.name for p in rel.iterdir()) == [
        "spinekg.json", "spinekg.obo", "spinekg.owl", "spinekg.sssom.tsv", "spinekg.ttl"]


@pytest.fixture(scope="session")
def ttl(rel):
    return Graph().parse(rel / "spinekg.ttl", format="turtle")


def test_one_ontology_without_imports_and_with_its_header(ttl):
    assert list(ttl.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY_IRI]
    assert list(ttl.objects(None, OWL.imports)) == []
    assert ttl.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert ttl.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    for pred in (DCTERMS.title, DCTERMS.description, DCTERMS.creator):
        assert ttl.value(ONTOLOGY_IRI, pred) is not None, pred
    assert (SKG.root_L4_left, RDFS.label, None) in ttl  # the modules are merged in


@pytest.mark.parametrize(("ours", "obo"), [  # BFO part of, has part; RO innervated by
    (SKG.partOf, OBO.BFO_0000050), (SKG.hasPart, OBO.BFO_0000051),
    (SKG.innervatedBy, OBO.RO_0002005)])
def test_relations_are_sub_properties_of_bfo_and_ro(ttl, ours, obo):
    assert (ours, RDFS.subPropertyOf, obo) in ttl


def test_owlready2_loads_the_owl_and_hermit_finds_it_consistent(rel):
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    onto = world.get_ontology((rel / "spinekg.owl").as_uri()).load()
    assert len(list(onto.individuals())) > 1000
    assert onto.search_one(iri=str(SKG.root_L4_left)) is not None
    if shutil.which("java") is None:
        pytest.skip("no Java: HermiT not run")
    with onto:  # raises OwlReadyInconsistentOntologyError if inconsistent
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_pronto_reads_the_obo(rel):
    pronto = pytest.importorskip("pronto")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        onto = pronto.Ontology(str(rel / "spinekg.obo"))
    root = onto["skg:root_L4_left"]
    assert root.name == "left L4 nerve root"
    assert "skg:SpinalNerveRoot" in {t.id for t in root.superclasses(distance=1)}
    assert "UBERON:0001130" in {x.id for x in onto["skg:vertebral_column"].xrefs}
    part_of = onto.get_relationship("part_of")
    assert "skg:region_lumbar" in {t.id for t in onto["skg:vertebra_L4"].relationships[part_of]}


def test_obonet_reads_the_obo(rel):
    obonet = pytest.importorskip("obonet")
    graph = obonet.read_obo(str(rel / "spinekg.obo"))
    assert graph.nodes["skg:disc_L4_L5"]["name"] == "L4-L5 intervertebral disc"
    assert graph.has_edge("skg:vertebra_L4", "skg:region_lumbar", key="part_of")
    assert graph.graph["ontology"] == "spinekg"


def test_obographs_json(rel):
    doc = json.loads((rel / "spinekg.json").read_text(encoding="utf-8"))
    [graph] = doc["graphs"]
    assert graph["id"] == str(ONTOLOGY_IRI)
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[str(SKG.root_L4_left)]["lbl"] == "left L4 nerve root"
    edges = {(e["sub"], e["pred"], e["obj"]) for e in graph["edges"]}
    assert (str(SKG.vertebra_L4), str(OBO.BFO_0000050), str(SKG.region_lumbar)) in edges


def test_sssom_py_reads_every_mapping(rel, kg):
    pytest.importorskip("sssom")
    from sssom.parsers import parse_sssom_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        msdf = parse_sssom_table(str(rel / "spinekg.sssom.tsv"))
    df = msdf.df
    row = df[(df.subject_id == "skg:symptom_low_back_pain") & (df.object_id == "HP:0003419")]
    assert list(row.predicate_id) == ["skos:exactMatch"]
    assert set(df.mapping_justification) == {"semapv:ManualMappingCuration",
                                             "semapv:MappingChaining"}
    chained = df[df.mapping_justification == "semapv:MappingChaining"]
    assert set(chained.object_id.str.partition(":")[0]) == {"SNOMEDCT"}  # read off HPO xrefs
    assert "src_hpo_2025_01_16" in row.iloc[0]["comment"]
    n_skos = sum(1 for p in ("exactMatch", "closeMatch", "narrowMatch", "broadMatch")
                 for s, _ in kg.graph.subject_objects(URIRef(f"http://www.w3.org/2004/02/skos/core#{p}"))
                 if str(s).startswith(str(SKG)))
    assert len(df[df.predicate_id != "skos:relatedMatch"]) == n_skos


def test_cli_release(tmp_path, capsys, monkeypatch):
    # the command line's wiring only (the release itself is the session fixture's)
    import spinekg.adapters.release as mod
    from spinekg.faces.cli import main

    calls = []
    monkeypatch.setattr(mod, "release", lambda kg, out: calls.append(out) or [tmp_path / "x.obo"])
    assert main(["release", str(tmp_path / "out")]) == 0
    assert calls == [str(tmp_path / "out")]
    assert "x.obo" in capsys.readouterr().out
