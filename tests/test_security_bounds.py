"""Issue 24, items 3, 6 and 10: every query, search, memo and suggestion is bounded, and
deep or huge input becomes a clear error, never a RecursionError or a traceback."""

from __future__ import annotations

import random
import string
import time
from pathlib import Path

import pytest

import spinekg as skg
from spinekg.core.pattern import compile_pattern
from spinekg.core.search import search
from spinekg.faces.cli import main

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


# --- item 3: SPARQL and paths have bounds ---------------------------------------------
def test_a_runaway_query_stops_at_its_timeout(kg):
    t = time.monotonic()
    with pytest.raises(skg.SpineKGError, match=r"ran longer than 0.5 s \(timeout=0.5\)"):
        kg.sparql(CARTESIAN, timeout=0.5)
    assert time.monotonic() - t < 10


def test_a_property_path_over_everything_stops_at_its_timeout(kg):
    """It ends within its bound with a message saying which: the timeout, or (where rdflib's
    recursion runs out of stack first, as in some worker threads) the depth."""
    t = time.monotonic()
    with pytest.raises(skg.SpineKGError, match="timeout=|too deep or too large"):
        kg.sparql("SELECT ?s ?o WHERE { ?s (!rdf:nil|^!rdf:nil)* ?o }", timeout=0.5)
    assert time.monotonic() - t < 30


@pytest.mark.slow  # an Oxigraph server
def test_rows_are_capped_and_the_cap_can_be_raised(kg):
    with pytest.raises(skg.SpineKGError, match=r"more than 100 rows \(max_rows=100\)"):
        kg.sparql("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=100)
    # every triple, with no row cap and no deadline: the cap is what is tested here, and a
    # loaded machine must not turn the whole-graph listing into a timeout
    assert len(kg.sparql("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=None, timeout=None)) \
        == kg.index.n_triples
    with pytest.raises(skg.SpineKGError, match="max_rows"):
        kg.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", max_rows=10)


def test_queries_within_their_bounds_answer_as_before(kg):
    rows = kg.sparql("SELECT ?s WHERE { ?s skg:hasSide ?side ; a skg:SpinalNerveRoot }",
                     side=kg.term("left"), timeout=5, max_rows=31)
    assert len(rows) == 31


@pytest.mark.parametrize("bad", [float("inf"), float("nan"), 0, -1, True, "10"])
def test_a_bound_that_is_no_positive_finite_number_is_a_value_error(kg, bad):
    with pytest.raises(ValueError, match="timeout="):
        kg.sparql("ASK {}", timeout=bad)


def test_open_paths_at_twelve_hops_hit_the_path_cap(kg):
    t = time.monotonic()
    with pytest.raises(skg.SpineKGError, match="more than 10000 paths match; pass limit="):
        kg.paths("left L4", "left L5", via="(*|^*)+", max_hops=12)
    assert time.monotonic() - t < 30
    assert len(kg.paths("left L4", "left L5", via="(*|^*)+", max_hops=12, limit=3)) == 3


def test_a_search_that_runs_too_long_says_so(kg):
    with pytest.raises(skg.SpineKGError, match="path search ran longer than"):
        search(kg._adj, "skg:root_L4_left", "skg:root_L5_right", compile_pattern("(*|^*)+"),
               max_hops=12, limit=None, prune=False, max_paths=10**9, seconds=0.05)


# --- item 6: deep input is an error with a message ------------------------------------
@pytest.mark.parametrize("via", ["(" * 400 + "skg:hasSide" + ")" * 400,
                                 "^" * 2000 + "skg:hasSide", "skg:hasSide" + "/" * 5000])
def test_deep_or_long_patterns_are_value_errors(kg, via):
    with pytest.raises(ValueError, match="bad via pattern"):
        kg.paths("left L4", via=via)


def test_many_inverses_within_the_length_bound_still_work(kg):
    assert len(kg.paths("left L4", via="^" * 1980 + "skg:hasSide")) == 1


def test_the_cli_gives_one_line_for_a_deep_pattern(capsys):
    assert main(["paths", "left L4", "--via", "(" * 400 + "skg:hasSide" + ")" * 400]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0] and "nested more than" in err[0]


@pytest.mark.parametrize("exc", [RecursionError, MemoryError, RuntimeError])
def test_the_cli_never_prints_a_traceback(monkeypatch, capsys, exc):
    from spinekg.faces.commands import COMMANDS

    def boom(args):
        raise exc("deep inside")

    monkeypatch.setitem(COMMANDS, "stats", boom)
    assert main(["stats"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("spinekg stats:") and "Traceback" not in err[0]


# --- item 10: memos have budgets, unknown terms are cheap -----------------------------
def test_the_via_check_memo_has_a_budget():
    kg = skg.load()
    for i in range(4200):
        via = "skg:hasSide" + " " * (i % 60) + "|" + " " * (i // 60) + "skg:hasSide"
        kg.paths("left L4", "left", via=via)
    assert len(kg._memo["via_checked"]) <= 4096


def test_an_unknown_term_costs_one_bounded_search(kg, monkeypatch):
    """A stream of junk cannot stall a server: each unknown term costs one compiled
    similarity pass over the graph's names (no per-name Python loop), and a text longer
    than the bound is refused before any search. (The time per unknown term is measured
    in benchmarks/bench_localize.py, not here.)"""
    from rapidfuzz import process

    from spinekg.core.resolve import MAX_TEXT

    calls: list[int] = []
    real = process.extract

    def counting(query, choices, **kw):
        calls.append(len(choices))
        return real(query, choices, **kw)

    monkeypatch.setattr(process, "extract", counting)
    rng = random.Random(24)
    junk = ["".join(rng.choice(string.ascii_lowercase + " ") for _ in range(rng.randint(3, 60)))
            for _ in range(200)]
    unknown = 0
    for text in junk:
        try:
            kg.term(text)
        except skg.UnknownTermError:
            unknown += 1
        except (skg.AmbiguousTermError, ValueError):
            pass
    assert unknown > 100
    assert len(calls) <= 2 * len(junk)  # at most one pass per term (and one per its words)
    assert max(calls) <= len(kg.index.terms) * 8  # over the names, not over anything larger
    with pytest.raises(ValueError, match="at most"):
        kg.term("x" * (MAX_TEXT + 1))


def test_suggestions_still_find_the_close_names(kg):
    with pytest.raises(skg.UnknownTermError) as info:
        kg.term("lumbr stenosis")
    assert "lumbar spinal stenosis" in info.value.suggestions
    with pytest.raises(ValueError, match="did you mean skg:coversArea"):
        kg.paths("left L4", via="skg:hasDermatome/skg:coverArea")


def test_no_difflib_in_the_library():
    root = Path(skg.__file__).parent
    users = [p for sub in ("core", "pipeline") for p in (root / sub).glob("*.py")
             if "import difflib" in p.read_text()]
    assert users == []
