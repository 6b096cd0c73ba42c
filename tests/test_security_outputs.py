"""Issue 24, items 5 (output side) and 13: export, docs and build never write the bundled
ontology, through a link or into the installed package; kg.nx writes as GraphML and GEXF."""

from __future__ import annotations

import io
import shutil

import networkx as nx
import pytest

import spinekg as skg
from spinekg.core.export import export
from spinekg.errors import BuildError
from spinekg.faces.cli import main
from spinekg.faces.docs import write_docs
from spinekg.pipeline.build import build, ontology_dir
from spinekg.pipeline.parse import bundled_files


@pytest.fixture
def tmp_ontology(tmp_path):
    root = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), root)
    return root


# --- export and docs ---------------------------------------------------------------------
def test_export_never_writes_the_bundled_ontology(kg):
    target = next(p for p in bundled_files() if p.name == "roots.ttl")
    before = target.read_bytes()
    for overwrite in (False, True):
        with pytest.raises(ValueError, match="bundled ontology"):
            export(kg, target, overwrite=overwrite)
    assert target.read_bytes() == before


def test_export_and_docs_never_write_through_a_link(kg, tmp_path):
    victim = tmp_path / "victim.ttl"
    victim.write_text("keep me")
    for name, call in (("out.ttl", lambda p: export(kg, p, overwrite=True)),
                       ("out.html", lambda p: write_docs(kg, p, overwrite=True))):
        link = tmp_path / name
        link.symlink_to(victim)
        with pytest.raises(ValueError, match="symbolic link"):
            call(link)
    assert victim.read_text() == "keep me"


def test_an_existing_file_is_replaced_only_with_force(kg, tmp_path, capsys):
    out = tmp_path / "mine.ttl"
    out.write_text("my notes")
    with pytest.raises(ValueError, match="exists; pass overwrite=True"):
        export(kg, out)
    assert main(["export", str(out)]) == 2 and out.read_text() == "my notes"
    assert "--force" in capsys.readouterr().err
    assert main(["export", str(out), "--force"]) == 0 and out.stat().st_size > 1000


def test_docs_replace_their_own_page_but_no_other_file(kg, tmp_path):
    page = tmp_path / "ontology.html"
    write_docs(kg, page)
    write_docs(kg, page)  # its own page: replaced
    other = tmp_path / "index.html"
    other.write_text("<html>my site</html>")
    with pytest.raises(ValueError, match="exists"):
        write_docs(kg, other)
    assert other.read_text() == "<html>my site</html>"
    write_docs(kg, other, overwrite=True)
    assert "root_L4_left" in other.read_text()


# --- build ---------------------------------------------------------------------------------
def test_build_never_deletes_through_a_linked_abox(tmp_ontology, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(tmp_ontology / "abox", elsewhere)
    (elsewhere / "mine.ttl").write_text("# my own file\n")
    shutil.rmtree(tmp_ontology / "abox")
    (tmp_ontology / "abox").symlink_to(elsewhere, target_is_directory=True)
    build(tmp_ontology)
    assert (elsewhere / "mine.ttl").read_text() == "# my own file\n"


def test_build_still_removes_its_own_stale_files(tmp_ontology):
    stale = tmp_ontology / "abox" / "removed_table.ttl"
    stale.write_text("# from a table that is gone\n")
    build(tmp_ontology)
    assert not stale.exists()


@pytest.mark.slow  # builds into a copy of the package
def test_build_never_writes_into_the_installed_package(tmp_ontology, tmp_path, monkeypatch):
    import spinekg.pipeline.writing as writing

    # pretend the ontology copy is the one inside an installed wheel
    monkeypatch.setattr(writing, "_package_dir", lambda: tmp_ontology.resolve())
    before = {p.name: p.read_bytes() for p in (tmp_ontology / "abox").iterdir()}
    with pytest.raises(BuildError, match="--templates DIR --out DIR"):
        build(tmp_ontology)
    with pytest.raises(BuildError, match="never written"):
        build(tmp_ontology, templates=tmp_ontology / "templates", out=tmp_ontology / "abox")
    assert {p.name: p.read_bytes() for p in (tmp_ontology / "abox").iterdir()} == before
    out = tmp_path / "built"
    written = build(tmp_ontology, templates=tmp_ontology / "templates", out=out)
    assert {p.name for p in written} == set(before) and (out / "roots.ttl").is_file()


def test_the_cli_build_needs_templates_and_out_together(capsys):
    assert main(["build", "--out", "x"]) == 2
    assert "--templates and --out go together" in capsys.readouterr().err


# --- item 13: GraphML and GEXF ---------------------------------------------------------------
@pytest.mark.parametrize("write", [nx.write_graphml, nx.write_gexf], ids=["graphml", "gexf"])
def test_networkx_writes_kg_nx_as_it_is(kg, write):
    buf = io.BytesIO()
    write(kg.nx, buf)
    assert b"skg:root_L4_left" in buf.getvalue()


def test_paths_on_kg_nx_keep_their_sources(kg):
    via = "skg:hasDermatome/skg:coversArea"
    on_nx = skg.paths(kg.nx, "skg:root_L4_left", via=via)
    on_index = kg.paths("left L4", via=via)
    assert [p.sources for p in on_nx] == [p.sources for p in on_index]
    assert all(isinstance(s, str) and ";" not in s for p in on_nx for s in p.sources)
    edge = kg.nx.edges["skg:root_L4_left", "skg:Left", "skg:hasSide"]
    assert set(edge["sources"].split("; ")) == set(
        kg.index.edge_info("skg:root_L4_left", "skg:hasSide", "skg:Left").sources)
