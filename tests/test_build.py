"""Template build: committed ABox matches the templates; sides are generated, never crossed."""

from __future__ import annotations

import shutil

import pytest

from spinekg.errors import BuildError
from spinekg.pipeline.build import build, check, ontology_dir


def test_committed_abox_matches_templates():
    assert check() == [], "run `spinekg build` and commit ontology/abox/"


def test_build_is_deterministic():
    assert build(write=False) == build(write=False)


@pytest.fixture()
def tmp_ontology(tmp_path):
    root = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), root)
    return root


def test_drift_is_detected(tmp_ontology):
    roots = tmp_ontology / "templates" / "roots.tsv"
    roots.write_text(roots.read_text().replace("fourth lumbar nerve root", "4th lumbar root"))
    assert "roots.ttl" in check(tmp_ontology)


def test_sided_row_gives_both_sides_with_same_side_targets(tmp_ontology):
    texts = {p.name: t for p, t in build(tmp_ontology, write=False).items()}
    roots = texts["roots.ttl"]
    assert "skg:root_L4_left" in roots and "skg:root_L4_right" in roots
    left_block = roots.split("skg:root_L4_left\n")[1].split(" .\n")[0]
    assert "skg:foramen_L4_L5_left" in left_block
    assert "_right" not in left_block.replace("skg:root_L4_right", "")


def test_unknown_id_is_reported_with_suggestion(tmp_ontology):
    facts = tmp_ontology / "templates" / "dermatome_areas.tsv"
    lines = facts.read_text().splitlines()
    header = [i for i, line in enumerate(lines) if line.startswith("subject")][0]
    row = lines[header + 1].split("\t")
    row[2] = row[2] + "x"
    lines[header + 1] = "\t".join(row)
    facts.write_text("\n".join(lines) + "\n")
    with pytest.raises(BuildError, match=r"dermatome_areas.tsv, line \d+: unknown id"):
        build(tmp_ontology, write=False)


def test_fact_row_without_source_is_refused(tmp_ontology):
    facts = tmp_ontology / "templates" / "root_reflexes.tsv"
    facts.write_text(facts.read_text() + "root_L4\tskg:mediatesReflex\treflex_achilles\t\t\t\t\t\n")
    with pytest.raises(BuildError, match="needs at least one source"):
        build(tmp_ontology, write=False)


def test_bad_rank_is_refused(tmp_ontology):
    facts = tmp_ontology / "templates" / "root_reflexes.tsv"
    src = "src_harrison_radiculopathy"
    facts.write_text(facts.read_text()
                     + f"root_L4\tskg:mediatesReflex\treflex_achilles\t{src}\t\tmaybe\t\t\n")
    with pytest.raises(BuildError, match="rank='maybe'"):
        build(tmp_ontology, write=False)


def test_every_module_is_imported_by_the_header(g):
    from rdflib.namespace import OWL

    imports = {str(o).rsplit("/", 2)[-2] + "/" + str(o).rsplit("/", 1)[-1]
               for o in g.objects(None, OWL.imports)}
    root = ontology_dir()
    files = {f"{p.parent.name}/{p.name}" for p in [*root.glob("tbox/*.ttl"),
                                                    *root.glob("abox/*.ttl")]}
    assert files <= imports, sorted(files - imports)
