"""SHACL shapes and QC queries: the bundled ontology conforms; each fixture breaks one rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import spinekg as skg
from spinekg.pipeline.build import ontology_dir
from spinekg.pipeline.validate import qc_queries

DATA = Path(__file__).parent / "data"
SHAPE_FIXTURES = sorted((DATA / "invalid").glob("*.ttl"))
QC_FIXTURES = sorted((DATA / "qc").glob("*.ttl"))
TBOX = sorted((ontology_dir() / "tbox").glob("*.ttl"))


def test_bundled_ontology_conforms(kg):
    report = kg.validate()
    assert report.conforms, str(report)


def test_every_shape_has_a_fixture():
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    g = Graph()
    for p in (ontology_dir() / "shapes").glob("*.ttl"):
        g.parse(p)
    shapes = {str(s).rsplit("/", 1)[-1] for s in g.subjects(RDF.type, SH.NodeShape)}
    assert shapes == {p.stem for p in SHAPE_FIXTURES}


@pytest.mark.parametrize("fixture", SHAPE_FIXTURES, ids=lambda p: p.stem)
def test_invalid_fixture_fails_exactly_its_shape(fixture):
    report = skg.validate([*TBOX, fixture], qc=False)
    assert not report.conforms
    assert report.checks == {fixture.stem}, str(report)


def test_every_qc_query_has_a_fixture():
    assert set(qc_queries()) == {p.stem for p in QC_FIXTURES}


@pytest.mark.parametrize("fixture", QC_FIXTURES, ids=lambda p: p.stem)
def test_qc_fixture_fails_exactly_its_query(fixture):
    report = skg.validate([*TBOX, fixture], shacl=False)
    assert report.checks == {fixture.stem}, str(report)


def test_tbox_holds_no_individuals():
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    for path in TBOX:
        g = Graph().parse(path)
        assert not list(g.subjects(RDF.type, OWL.NamedIndividual)), path.name


def test_cli_validate_exits_nonzero_on_violations(capsys):
    from spinekg.faces.cli import main

    assert main(["validate", str(SHAPE_FIXTURES[0])]) == 1
    assert "violation" in capsys.readouterr().out


@pytest.mark.parametrize("bad", [None, 42, "file.ttl", [3]])
def test_validate_rejects_what_is_not_a_graph_or_paths(bad):
    with pytest.raises(TypeError) as err:
        skg.validate(bad)
    assert repr(bad if not isinstance(bad, list) else bad[0])[:10] in str(err.value)
