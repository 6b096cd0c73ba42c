"""The query benchmark compares like with like: each SPARQL query it times returns what
the spinekg question returns, and its check fails when either side answers otherwise."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_queries.py"


@pytest.fixture(scope="module")
def bench():
    """benchmarks/bench_queries.py as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_queries", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # 433 questions in SPARQL
def test_sparql_and_spinekg_agree_on_every_question(bench, kg):
    bench.check_equivalence(kg)


def test_the_checks_cover_each_kind_of_question(bench, kg):
    rotation = bench.rotations(kg)
    assert len(rotation["affected_root"]) == len(kg.index.instances("skg:SpinalNerveRoot"))
    assert {kind for _, kind, _ in bench.timed_rows(kg)} == set(rotation)
    assert all(rotation.values())


def _changed(method, change):
    def ask(*args, **kwargs):
        return change(method(*args, **kwargs))
    return ask


def _key_points_as_areas(imp):
    return dataclasses.replace(imp, key_sensory_points=(),
                               dermatome_areas=imp.dermatome_areas + imp.key_sensory_points)


WRONG_ANSWERS = {
    "a category left out": ("affected_by", lambda imp: dataclasses.replace(imp, reflexes=()),
                            "reflexes"),
    "key points not split from areas": ("affected_by", _key_points_as_areas,
                                        "key_sensory_points"),
    "primary and alternative swapped": (
        "compressed_roots",
        lambda c: dataclasses.replace(c, roots=c.alternatives, alternatives=c.roots),
        "compressed_roots"),
    "no path found": ("paths", lambda paths: [], "paths"),
    "wrong tier recommended": (
        "treatments", lambda plan: dataclasses.replace(plan, recommended=plan.tiers[0]),
        "recommended"),
}


@pytest.mark.parametrize("name", WRONG_ANSWERS)
def test_a_wrong_spinekg_answer_fails_the_check(bench, kg, monkeypatch, name):
    method, change, message = WRONG_ANSWERS[name]
    monkeypatch.setattr(kg, method, _changed(getattr(kg, method), change))
    with pytest.raises(AssertionError, match=message):
        bench.check_equivalence(kg)


@pytest.fixture
def queries(bench, monkeypatch):
    """bench.QUERIES, editable for one test (the prepared queries are recompiled)."""
    bench.prepared.cache_clear()
    yield bench.QUERIES
    monkeypatch.undo()
    bench.prepared.cache_clear()


def test_a_query_that_asks_less_fails_the_check(bench, kg, queries, monkeypatch):
    without_key_points = bench.ROOT_ITEMS.replace(
        "UNION { ?r skg:hasDermatome/skg:hasKeySensoryPoint ?x", "UNION { ?r skg:noSuchEdge ?x")
    assert without_key_points != bench.ROOT_ITEMS
    monkeypatch.setitem(queries, "affected_root",
                        f"SELECT ?cat ?x ?label WHERE {{ {without_key_points} }}")
    with pytest.raises(AssertionError, match="key_sensory_points"):
        bench.check_equivalence(kg)


@pytest.mark.parametrize("query", ["path6", "path6_pp"])
def test_an_unbounded_path_query_is_not_the_6_hop_question(bench, kg, queries, monkeypatch,
                                                           query):
    # `partOf*` also finds the 7-hop path from a paracentral herniation to the upper limb
    monkeypatch.setitem(queries, query, queries[query].replace("partOf?", "partOf*"))
    with pytest.raises(AssertionError, match="left upper limb"):
        bench.check_equivalence(kg)


def test_new_question_forgets_what_the_keys_name(bench, kg, capsys, monkeypatch):
    asks = [row.question.ours for row in bench.timed_rows(kg)]
    bench.check_new_question(kg, asks)
    assert capsys.readouterr().err == "", "COLD_KEYS names memos the library renamed"
    monkeypatch.setattr(bench, "COLD_KEYS", ("answers", "renamed_table"))
    bench.check_new_question(kg, asks)
    assert "['renamed_table'] are not in kg._memo" in capsys.readouterr().err
