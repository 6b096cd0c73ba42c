"""Property-based tests (hypothesis): resolution stays inside the error tree, localize
always ranks or refuses clearly, and the generated ABox round-trips losslessly."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

import spinekg as skg
from spinekg.errors import SpineKGError
from spinekg.pipeline.build import ontology_dir

FAST = settings(deadline=None, max_examples=200,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
ALLOWED = (SpineKGError, ValueError, TypeError)
FOREIGN = ("rdflib", "networkx", "pyparsing")

_KG = skg.load()


def _labels(kind: str) -> list[str]:
    ix = _KG.index
    return sorted({t.label for t in ix.terms.values() if t.kind == kind and t.label != t.curie})


AREAS = _labels("BodyArea") + _labels("KeySensoryPoint")
ACTIONS = _labels("MuscleAction")
REFLEXES = _labels("Reflex")
ALL_LABELS = sorted({t.label for t in _KG.index.terms.values()})

text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(ALL_LABELS),
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["left", "right", "lt", "both", "L4",
                                                       "C9", "skg:", "http://"]),
              st.sampled_from(ALL_LABELS)),
    st.from_regex(r"(c|t|l|s|co|C|T|L|S)\d{1,3}( (left|right))?", fullmatch=True),
)


def _ours(err: BaseException) -> None:
    assert isinstance(err, ALLOWED), f"{type(err).__module__}.{type(err).__name__}: {err}"
    assert not type(err).__module__.startswith(FOREIGN)
    assert str(err).strip()


@FAST
@given(text, st.one_of(st.none(), st.sampled_from(["left", "right", "both", "up"])))
def test_term_never_raises_outside_the_tree(value, side):
    try:
        t = _KG.term(value, side=side)
    except BaseException as err:  # noqa: BLE001 - the point of the test
        _ours(err)
    else:
        assert t.curie in _KG.index.terms


@FAST
@given(text, st.integers(min_value=1, max_value=30))
def test_search_returns_terms_or_clear_error(value, limit):
    try:
        found = _KG.search(value, limit=limit)
    except BaseException as err:  # noqa: BLE001
        _ours(err)
    else:
        assert len(found) <= limit
        assert all(t.curie in _KG.index.terms for t in found)


@FAST
@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text(max_size=5)),
                 st.dictionaries(st.text(max_size=3), st.text(max_size=3)), st.binary()))
def test_term_wrong_types(value):
    with pytest.raises(ALLOWED) as info:
        _KG.term(value)
    _ours(info.value)


findings = st.fixed_dictionaries({}, optional={
    "side": st.sampled_from(["left", "right", None]),
    "numbness": st.lists(st.sampled_from(AREAS), max_size=3),
    "pain": st.lists(st.sampled_from(AREAS), max_size=2),
    "weakness": st.lists(st.sampled_from(ACTIONS), max_size=3),
    "reflexes": st.dictionaries(st.sampled_from(REFLEXES),
                                st.sampled_from(["normal", "decreased", "absent", "increased"]),
                                max_size=2),
    "strict": st.booleans(),
})


@settings(deadline=None, max_examples=150)
@given(findings)
def test_localize_ranks_or_refuses_clearly(kwargs):
    # at least one abnormal finding (only-normal reflexes are reported separately)
    assume(any(kwargs.get(k) for k in ("numbness", "pain", "weakness"))
           or any(v != "normal" for v in kwargs.get("reflexes", {}).values()))
    try:
        loc = _KG.localize(**kwargs)
    except BaseException as err:  # noqa: BLE001
        _ours(err)
        return
    scores = [c.score for c in loc.candidates]
    # no root explains the findings (e.g. only "lower back", which no dermatome covers):
    # no invented candidate, and a flag that says so
    assert scores or loc.flags, "no candidates, no flag and no error"
    assert all(math.isfinite(s) for s in scores)
    assert all(a >= b for a, b in zip(scores, scores[1:])), scores
    assert len(loc.candidates) <= 5
    assert all(c.root.curie in _KG.index.terms for c in loc.candidates)


def test_label_pools_are_real():
    assert len(AREAS) > 50 and len(ACTIONS) > 20 and len(REFLEXES) > 5


ABOX = sorted((ontology_dir() / "abox").glob("*.ttl"))
CASES = [(p, f) for p in ABOX for f in ("turtle", "nt")]


@pytest.mark.parametrize("path,fmt", CASES, ids=[f"{f}-{p.name}" for p, f in CASES])
def test_abox_round_trips_losslessly(path: Path, fmt: str):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 0
    again = Graph().parse(data=g.serialize(format=fmt), format=fmt)
    assert len(again) == len(g)
    assert isomorphic(g, again)


@pytest.mark.slow  # writes and reads the whole graph
def test_whole_bundled_graph_round_trips_through_ntriples():  # escalation.ttl included
    g = Graph()
    for p in skg.load().files:
        g.parse(p, format="turtle")
    again = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert isomorphic(g, again)
