"""The spinekg command line."""

from __future__ import annotations

import json

import pytest

from spinekg.faces.cli import main


def test_affected(capsys):
    assert main(["affected", "left L4"]) == 0
    out = capsys.readouterr().out
    assert "left medial leg" in out and "right" not in out.replace("right", "", 0)


def test_affected_lesion_json(capsys):
    assert main(["affected", "foraminal stenosis", "--level", "L4-L5", "--side", "left",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["roots"] == [{"label": "left L4 nerve root", "curie": "skg:root_L4_left"}]
    assert out["side"] == "left" and out["level"] == "L4-L5"
    assert out["lesion"]["curie"] == "skg:condition_lumbar_foraminal_stenosis"
    assert {"category": "reflexes", "label": "left patellar reflex"}.items() <= next(
        r for r in out["items"] if r["label"] == "left patellar reflex").items()


def test_affected_lesion_explained(capsys):
    code = main(["affected", "lumbar foraminal stenosis", "--level", "L4-L5", "--side", "left",
                 "--explain"])
    assert code == 0
    assert "why left patellar reflex" in capsys.readouterr().out


def test_treatments_json(capsys):
    assert main(["treatments", "lumbar spinal stenosis", "--months", "4", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["recommended"] == "surgical" and plan["urgent"] is False
    assert "3–6 months" in plan["reason"] and plan["months_conservative"] == 4
    assert any(r["recommended"] and r["tier"] == "surgical" for r in plan["treatments"])


def test_localize(capsys):
    assert main(["localize", "--side", "left", "--numbness", "dorsum of foot", "--weakness",
                 "great toe extension", "--reflex", "achilles=normal"]) == 0
    assert "left L5 nerve root" in capsys.readouterr().out.splitlines()[0]


def test_localize_with_the_next_examinations(capsys):
    # a numb thumb: C6 root against the median nerve at the wrist; the reflex to test is a C6 one
    assert main(["localize", "--side", "left", "--numbness", "thumb", "--next", "1",
                 "--by-kind"]) == 0
    out = capsys.readouterr().out
    plan = out.split("next examinations:")[1].strip().splitlines()
    assert len(plan) == 4 and "left brachioradialis reflex (reflex)" in plan[2]
    assert main(["localize", "--side", "left", "--numbness", "thumb", "--next", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["next_tests"]) == 2 and data["next_tests"][0]["gain_bits"] > 0
    assert main(["localize", "--text", "numb left thumb", "--next", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["next_tests"][0]["test"].startswith("left ")


def test_paths_and_term(capsys):
    assert main(["paths", "left L4", "left", "--via", "skg:hasSide"]) == 0
    assert "has side" in capsys.readouterr().out
    assert main(["term", "big toe, left"]) == 0
    assert "skg:area_great_toe_left" in capsys.readouterr().out


def test_sparql_file(tmp_path, capsys):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?f WHERE { skg:root_L5_left skg:exitsThrough ?f }")
    assert main(["sparql", str(q)]) == 0
    assert "foramen_L5_S1_left" in capsys.readouterr().out


def test_build_check(capsys):
    assert main(["build", "--check"]) == 0


@pytest.mark.parametrize("argv", [["affected", "L6"], ["affected", "left L4", "--level", "x"],
                                  ["treatments", "lumbar spinal stenosis", "--months", "-2"],
                                  ["localize", "--reflex", "achilles"],
                                  ["localize", "--numbness", "thumb", "--next", "-1"],
                                  ["compressed", "foraminal disc herniation", "--level", "L9-L10"]])
def test_bad_input_exits_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("spinekg") and "Traceback" not in err[0]


@pytest.mark.slow  # validates and writes the whole ontology
def test_validate_and_export(tmp_path, capsys):
    from spinekg.pipeline.parse import bundled_files

    assert main(["validate", *map(str, bundled_files())]) == 0
    out = tmp_path / "g.graphml"
    assert main(["export", str(out)]) == 0 and out.stat().st_size > 1000


def test_docs_page(tmp_path, capsys):
    out = tmp_path / "docs" / "ontology.html"
    assert main(["docs", "--out", str(out)]) == 0
    html = out.read_text()
    assert "skg:root_L4_left" in html and "Sources (" in html and "left L4 nerve root" in html


def test_stats(capsys):
    assert main(["stats", "--json"]) == 0
    counts = {r["what"]: r["count"] for r in json.loads(capsys.readouterr().out)}
    assert counts["spinal nerve root"] == 62
    assert counts["source"] > 40 and counts["sourced statements (axioms)"] > 500


@pytest.mark.slow  # writes the whole graph several times
def test_export_paths_fail_cleanly_or_are_made(tmp_path, capsys):
    deep = tmp_path / "new" / "folder" / "spine.ttl"
    assert main(["export", str(deep)]) == 0 and deep.stat().st_size > 1000
    assert main(["export", str(tmp_path), "--format", "turtle"]) == 2
    assert "is a folder; expected a file name such as" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "x.json"), "--format", "turtle"]) == 2
    err = capsys.readouterr().err
    assert "has the suffix of json but the format is turtle" in err and "Traceback" not in err
    assert not (tmp_path / "x.json").exists()


def test_graphml_edges_carry_their_predicate(tmp_path):
    import networkx as nx

    out = tmp_path / "spine.graphml"
    assert main(["export", str(out)]) == 0
    G = nx.read_graphml(out, force_multigraph=True)
    preds = {d["predicate"] for _, _, d in G.edges(data=True)}
    assert {"skg:hasDermatome", "skg:partOf", "skg:compressesRoot"} <= preds
