"""The derived tables behind the fast answers, checked against the graph itself.

Each question is answered from tables walked once per SpineKG (spinekg/derived.py).
These tests ask rdflib's SPARQL engine the same question over the same graph for every
root, every compression rule and every treated condition, check that each explanation
is made of edges that are in the graph, and that the order in which questions are asked
never changes an answer.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef

import spinekg as skg
from spinekg.clinical.derived import root_impact
from spinekg.clinical.results import Impact, PathMap
from spinekg.core.search import Step
from spinekg.core.terms import iri
from spinekg.namespaces import PREFIXES

CATEGORIES = {
    "dermatome_areas": "?r skg:hasDermatome/skg:coversArea ?x FILTER NOT EXISTS "
                       "{ ?r skg:hasDermatome/skg:hasKeySensoryPoint ?x }",
    "key_sensory_points": "?r skg:hasDermatome/skg:hasKeySensoryPoint ?x",
    "muscle_actions": "?r skg:hasMyotome/(skg:includesAction|skg:hasKeyMuscleAction) ?x",
    "reflexes": "?r skg:mediatesReflex ?x",
    "pain_areas": "?r skg:refersPainTo ?x",
    # a condition's symptoms, but a radicular one only where the root's areas lie and the
    # weakness of a movement only through the root's own myotome
    "symptoms": "{ ?r skg:compressionCauses/skg:subtypeOf*/skg:causesSymptom ?x "
                "  FILTER NOT EXISTS { ?x skg:weaknessOf ?w } "
                "  FILTER (NOT EXISTS { ?x skg:followsRootTerritory true } || EXISTS { "
                "    ?r (skg:hasDermatome/(skg:coversArea|skg:hasKeySensoryPoint))"
                "|skg:refersPainTo ?a . ?a skg:partOf* ?at . ?x skg:feltIn ?at }) } UNION "
                "{ ?r skg:refersPainTo/skg:partOf*/^skg:feltIn ?x "
                "  FILTER NOT EXISTS { ?x skg:weaknessOf ?w } } UNION "
                "{ ?r skg:hasMyotome/skg:includesAction/^skg:weaknessOf ?x }",
}


def _select(g, where: str, **bindings) -> set[str]:
    rows = g.query(f"SELECT DISTINCT ?x WHERE {{ {where} }}", initNs=dict(PREFIXES),
                   initBindings={k: URIRef(iri(v)) for k, v in bindings.items()})
    return {str(row[0]) for row in rows}


def _roots(kg) -> tuple[str, ...]:
    return kg.index.instances("skg:SpinalNerveRoot")


def _is_edge(g, step: Step) -> bool:
    return (URIRef(step.subject.iri), URIRef(iri(step.predicate)),
            URIRef(step.object.iri)) in g


@pytest.mark.slow  # every root asked again in SPARQL
def test_every_root_answers_as_sparql_does(kg):
    g = kg.graph
    assert len(_roots(kg)) == 62
    for root in _roots(kg):
        imp = kg.affected_by(root)
        for cat, where in CATEGORIES.items():
            mine = {t.iri for t in getattr(imp, cat)}
            assert mine == _select(g, where, r=root), (root, cat)
        assert [imp.region.iri] == sorted(_select(g, "?r skg:inRegion ?x", r=root))


def test_every_explanation_is_made_of_graph_edges(kg):
    g = kg.graph
    for root in _roots(kg)[::7]:
        imp = kg.affected_by(root)
        assert len(imp.paths) == len({t.curie for _, t in imp.items()})
        for _, term in imp.items():
            path = imp.paths[term.curie]
            assert path.source.curie == root and path.target.curie == term.curie
            assert all(_is_edge(g, s) for s in path.steps), str(path)
            # each step starts where the one before it ended
            assert all(a.target == b.source for a, b in zip(path.steps, path.steps[1:]))


def test_lesion_paths_go_through_the_rule_then_the_root(kg):
    g = kg.graph
    imp = kg.affected_by("lumbar foraminal stenosis", level="L4-L5", side="left")
    for _, term in imp.items():
        path = imp.paths[term.curie]
        assert path.source.curie == "skg:condition_lumbar_foraminal_stenosis"
        assert path.target.curie == term.curie
        assert all(_is_edge(g, s) for s in path.steps), str(path)
        if any(s.predicate == "skg:compressesRoot" for s in path.steps):
            assert "skg:root_L4_left" in [n.curie for n in path.nodes]


def _zone_lesions(kg) -> list[str]:
    ix = kg.index
    return [c for c in ix.instances("skg:Condition") if ix.objects(c, "skg:affectsZone")]


def test_every_rule_answers_as_sparql_does(kg):
    """Every lesion with its own zones, at every disc, on each side."""
    g, ix = kg.graph, kg.index
    query = ("SELECT ?d ?x ?s ?rs WHERE { ?c skg:affectsZone ?z . ?rule skg:inZone ?z ; "
             "skg:atDisc ?d ; skg:compressesRoot ?x . ?x skg:hasSide ?s . "
             "OPTIONAL { ?rule skg:hasSide ?rs } }")
    checked = 0
    for lesion in _zone_lesions(kg):
        rows = g.query(query, initNs=dict(PREFIXES), initBindings={"c": URIRef(iri(lesion))})
        expected: dict[tuple[str, str], set[str]] = {}
        for d, x, s, rs in rows:
            # a sided rule only on its own side; an unsided (central) rule of the lesion's
            # zone gives both sides whatever side is asked
            for asked in ((s,) if rs is not None else (URIRef(iri('skg:Left')), URIRef(iri('skg:Right')))):
                if rs is None or rs == asked:
                    expected.setdefault((str(d), str(asked)), set()).add(str(x))
        for disc in ix.instances("skg:IntervertebralDisc"):
            level = str(ix.value(disc, "skg:levelName"))
            for side in ("left", "right"):
                want = expected.get((iri(disc), iri(f"skg:{side.title()}")), set())
                try:
                    comp = kg.compressed_roots(lesion, level=level, side=side)
                except ValueError:  # a lesion of another region, or no rule at the level
                    assert not want or ix.objects(lesion, "skg:inRegion"), (lesion, level)
                    continue
                assert {t.iri for t in comp.roots + comp.alternatives} == want, \
                    (lesion, level, side)
                assert all(_is_edge(g, s) for p in comp.paths for s in p.steps)
                checked += 1
    assert checked >= 100


def test_every_ladder_answers_as_sparql_does(kg):
    g, ix = kg.graph, kg.index
    checked = 0
    for cond in ix.instances("skg:Condition"):
        expected = _select(g, "?c skg:subtypeOf*/skg:treatedWith ?x", c=cond)
        try:
            plan = kg.treatments(cond)
        except ValueError:
            assert not expected, cond
            continue
        mine = {it.treatment.iri for tier in plan.tiers for it in tier.treatments}
        assert mine == expected, cond
        for tier in plan.tiers:
            for it in tier.treatments:
                assert ix.objects(it.treatment.curie, "skg:inTier") == (tier.tier.curie,)
        checked += 1
    assert checked >= 10


QUESTIONS = [
    ("affected_by", ("left L4",), {}),
    ("affected_by", ("lumbar foraminal stenosis",), {"level": "L4-L5", "side": "left"}),
    ("affected_by", ("L5",), {"side": "both"}),
    ("compressed_roots", ("paracentral disc herniation",), {"level": "L4-L5", "side": "right"}),
    ("treatments", ("lumbar spinal stenosis",), {"months_conservative": 4}),
    ("treatments", ("cauda equina syndrome",), {}),
    ("localize", (), {"side": "left", "numbness": ["medial leg"],
                      "reflexes": {"patellar": "decreased"}}),
]


def _answers(kg, order):
    out = {}
    for i in order:
        name, args, kwargs = QUESTIONS[i]
        res = getattr(kg, name)(*args, **kwargs)
        paths = getattr(res, "paths", ())
        paths = paths.values() if isinstance(paths, PathMap) else paths
        out[i] = (res, str(res), [str(p) for p in paths])
    return out


def test_the_order_of_questions_never_changes_an_answer():
    one, two = skg.load(), skg.load()
    assert one is not two and one._memo is not two._memo
    forward = _answers(one, range(len(QUESTIONS)))
    backward = _answers(two, reversed(range(len(QUESTIONS))))
    assert forward == backward


def test_a_root_record_is_shared_not_copied(kg):
    """Two questions about one root read one record; the record's lists are the
    answer's own (tuples, so no caller can change them)."""
    a, b = kg.affected_by("left L4"), kg.affected_by("L4", side="left")
    rec = root_impact(kg, "skg:root_L4_left")
    for cat in Impact._FIELDS:
        assert getattr(a, cat) is rec.fields[cat] is getattr(b, cat)
        assert isinstance(rec.fields[cat], tuple)


def _step(kg, s, p, o):
    return kg._adj.steps_from(s, p)[kg.index.objects(s, p).index(o)]


def test_pathmap_layers(kg):
    head = (_step(kg, "skg:rule_L4_L5_foraminal_left", "skg:compressesRoot",
                  "skg:root_L4_left"),)
    reflex = _step(kg, "skg:root_L4_left", "skg:mediatesReflex", "skg:reflex_patellar_left")
    side = _step(kg, "skg:root_L4_left", "skg:hasSide", "skg:Left")
    first = {"skg:reflex_patellar_left": (reflex,)}
    second = {"skg:reflex_patellar_left": (side,), "skg:Left": (side,)}
    pm = PathMap((head, first), second)
    assert pm["skg:reflex_patellar_left"].steps == head + (reflex,)  # first layer wins
    assert pm["skg:Left"].steps == (side,)  # a plain mapping has no head
    assert list(pm) == ["skg:reflex_patellar_left", "skg:Left"] and len(pm) == 2
    assert "skg:Left" in pm and "skg:Right" not in pm
    assert pm["skg:Left"] is pm["skg:Left"]  # made once
    with pytest.raises(KeyError):
        pm["skg:Right"]
