"""The path engine: patterns, inverse and transitive steps, sources on every step."""

from __future__ import annotations

import networkx as nx
import pytest

import spinekg as skg
from spinekg.core.search import compile_pattern


def test_root_reaches_its_side_dermatome_and_left_areas_only(kg):
    G = kg.nx
    [side] = skg.paths(G, "skg:root_L4_left", "skg:Left", via="skg:hasSide")
    assert side.steps[0].sources
    reach = skg.paths(G, "skg:root_L4_left", via="skg:hasDermatome/skg:coversArea")
    targets = {p.target.curie for p in reach}
    assert "skg:area_medial_malleolus_left" in targets
    assert targets and all(not t.endswith("_right") for t in targets)
    assert skg.paths(G, "skg:root_L4_left", "skg:dermatome_L4_left", via="skg:hasDermatome")


def test_inverse_and_transitive_steps(kg):
    found = kg.paths("left great toe", "left lower limb", via="skg:partOf+")
    assert found and found[0].steps[-1].target.curie == "skg:area_lower_limb_left"
    back = kg.paths("left medial malleolus", "left L4", via="^skg:coversArea/^skg:hasDermatome")
    assert back and all(s.inverse for s in back[0].steps)
    assert str(back[0]).startswith("left medial malleolus ←covers area— ")


def test_list_via_means_any_order_of_those_predicates(kg):
    found = kg.paths("left L5", "left lower limb",
                     via=["skg:hasDermatome", "skg:coversArea", "skg:partOf"], max_hops=6)
    assert found
    assert {s.predicate for s in found[0]} <= {"skg:hasDermatome", "skg:coversArea",
                                               "skg:partOf"}


def test_six_hop_path_and_limit(kg):
    via = ("skg:affectsZone/^skg:inZone/skg:compressesRoot/skg:hasDermatome/skg:coversArea/"
           "skg:partOf*")
    found = kg.paths("paracentral disc herniation", "left lower limb", via=via, max_hops=6,
                     limit=3)
    assert 1 <= len(found) <= 3
    assert all(len(p) <= 6 for p in found)
    assert found[0].steps[2].predicate == "skg:compressesRoot"
    assert found[0].steps[2].target.curie.endswith("_left")


def test_no_path_is_empty_list(kg):
    assert kg.paths("left L5", "right", via="skg:hasSide") == []


def test_index_and_networkx_agree(kg):
    via = "skg:hasMyotome/skg:includesAction"
    a = {str(p) for p in kg.paths("left L5", via=via)}
    b = {str(p) for p in skg.paths(kg.nx, "skg:root_L5_left", via=via)}
    assert a == b and a


def test_missing_node_passes_networkx_error_through(kg):
    with pytest.raises(nx.NodeNotFound):
        skg.paths(kg.nx, "skg:nothing")


@pytest.mark.parametrize("bad", ["", "skg:a/(", "skg:a|", "(skg:a", "noprefix", "skg:a//skg:b"])
def test_bad_patterns(bad):
    with pytest.raises(ValueError, match="bad via pattern"):
        compile_pattern(bad)


@pytest.mark.parametrize("hops", [0, -1, 13, 2.5, True])
def test_bad_max_hops(kg, hops):
    with pytest.raises(ValueError, match="max_hops"):
        kg.paths("left L4", "left", max_hops=hops)


@pytest.mark.parametrize("G", [None, 3, {}, "graph", nx.Graph()])
def test_paths_needs_a_multidigraph(G):
    with pytest.raises(TypeError, match="MultiDiGraph"):
        skg.paths(G, "skg:root_L4_left", "skg:Left")


def test_empty_via_says_what_is_valid(kg):
    with pytest.raises(ValueError, match="expected e.g."):
        kg.paths("left L4", "left", via="")


def test_limit_returns_the_shortest_paths(kg):
    via = ["skg:partOf", "skg:hasPart", "skg:coversArea", "^skg:coversArea"]
    every = kg.paths("left great toe", "left lower limb", via=via, max_hops=4)
    first = kg.paths("left great toe", "left lower limb", via=via, max_hops=4, limit=2)
    assert len(every) > 2
    assert [len(p) for p in first] == sorted(len(p) for p in every)[:2]


PATTERNS = [
    None,
    "skg:hasDermatome/skg:coversArea/skg:partOf*",
    ["skg:partOf", "^skg:partOf", "skg:coversArea", "^skg:coversArea"],
    "(skg:affectsZone/^skg:inZone/skg:compressesRoot)|skg:compressionCauses",
    "skg:affectsZone/^skg:inZone/skg:compressesRoot/skg:hasDermatome/skg:coversArea/skg:partOf*",
    "(^skg:refersPainTo|skg:refersPainTo|skg:partOf)+",
    "*/*",
    "^*",
]
PAIRS = [
    ("skg:root_L4_left", "skg:area_lower_limb_left"),
    ("skg:root_L5_right", "skg:area_foot_right"),
    ("skg:condition_paracentral_disc_herniation", "skg:area_lower_limb_left"),
    ("skg:condition_lumbar_foraminal_stenosis", "skg:root_L4_right"),
    ("skg:area_great_toe_left", "skg:area_hip_left"),
    ("skg:root_C6_left", "skg:Left"),
]


@pytest.mark.parametrize("via", PATTERNS, ids=str)
@pytest.mark.parametrize("source,target", PAIRS)
@pytest.mark.parametrize("limit", [None, 2])
def test_pruning_finds_exactly_the_same_paths(kg, via, source, target, limit):
    from spinekg.core.search import compile_pattern, search

    pattern = compile_pattern(via)
    a = search(kg._adj, source, target, pattern, max_hops=5, limit=limit)
    b = search(kg._adj, source, target, pattern, max_hops=5, limit=limit, prune=False)
    assert [str(p) for p in a] == [str(p) for p in b]


def test_the_pruning_cases_are_not_all_empty(kg):
    from spinekg.core.search import compile_pattern, search

    found = sum(bool(search(kg._adj, s, t, compile_pattern(v), max_hops=5, limit=None))
                for v in PATTERNS for s, t in PAIRS)
    assert found >= 12


def test_kept_distance_tables_give_the_same_paths_in_any_order(kg):
    """One cache shared by every question, asked with hop bounds that go up and down:
    a table walked to more hops serves fewer, a shallower one is walked again."""
    import random

    from spinekg.core.search import DistanceTables, compile_pattern, search

    questions = [(v, s, t, hops, limit) for v in PATTERNS for s, t in PAIRS
                 for hops in (2, 5, 3) for limit in (None, 1)]
    random.Random(5).shuffle(questions)
    cache = DistanceTables()
    for via, source, target, hops, limit in questions:
        pattern = compile_pattern(via)
        kept = search(kg._adj, source, target, pattern, max_hops=hops, limit=limit,
                      distances=cache)
        fresh = search(kg._adj, source, target, pattern, max_hops=hops, limit=limit,
                       prune=False)
        assert [str(p) for p in kept] == [str(p) for p in fresh], (via, source, target, hops)
    assert len(cache) == len(PATTERNS) * len({t for _, t in PAIRS})
    assert {guide.hops for guide in cache.values()} == {5}  # the deepest bound asked
    assert cache.pairs == sum(guide.size for guide in cache.values()) > 0


def test_distance_tables_stay_within_their_budget(kg):
    from spinekg.core.search import DistanceTables, compile_pattern, search

    pattern = compile_pattern(PATTERNS[2])
    roomy, tight = DistanceTables(), DistanceTables(budget=10)
    for source, target in PAIRS:
        a = search(kg._adj, source, target, pattern, max_hops=5, limit=None, distances=roomy)
        b = search(kg._adj, source, target, pattern, max_hops=5, limit=None, distances=tight)
        assert [str(p) for p in a] == [str(p) for p in b]
    assert roomy.pairs > 10 and tight.pairs <= 10
    assert all(guide.size <= 10 for guide in tight.values())
    assert len(tight) < len(roomy)


def test_kg_paths_keeps_one_table_per_pattern_and_target(kg):
    kg = skg.load()  # a SpineKG of its own: the shared one's tables hold other questions
    via = "skg:hasDermatome/skg:coversArea/skg:partOf*"
    kg.paths("left L4", "left lower limb", via=via)
    [(key, guide)] = kg._memo["distances"].items()
    assert key == (via, "skg:area_lower_limb_left")
    assert guide.dist[guide.pattern.begin]["skg:root_L4_left"] == 3  # dermatome, area, limb
    found = kg.paths("left L5", "left lower limb", via=via, limit=1)
    assert kg._memo["distances"] == {key: guide}  # the second source reused it
    assert [s.predicate for s in found[0].steps][:2] == ["skg:hasDermatome", "skg:coversArea"]


@pytest.mark.parametrize("via,says", [
    ("skg:hasSid", "skg:hasSid links no two nodes the path engine walks .*did you mean "
                   "skg:hasSide"),
    ("skg:hasDermatome/skg:coversAreas", "skg:coversAreas links no two nodes"),
    ("rdf:type", "rdf:type links no two nodes .* left to kg.sparql"),
])
def test_a_predicate_the_graph_lacks_is_an_error_not_no_path(kg, via, says):
    with pytest.raises(ValueError, match=says):
        kg.paths("left L4", "left", via=via)


def test_limit_applies_without_a_target_too(kg):
    via = "skg:hasDermatome/skg:coversArea"
    every = kg.paths("left L4", via=via)
    assert len(every) > 2
    assert kg.paths("left L4", via=via, limit=2) == every[:2]
    assert skg.paths(kg.nx, "skg:root_L4_left", via=via, limit=1) == every[:1]


def test_any_multidigraph_works_even_with_integer_keys_and_a_string_source():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", sources="src1")  # key 0, one source given as a string
    [p] = skg.paths(G, "a", "b")
    assert str(p) == "a —0→ b" and p.sources == ("src1",)


def test_a_misspelt_predicate_on_a_networkx_graph_is_an_error(kg):
    with pytest.raises(ValueError, match="skg:coverArea is the key of no edge in G"):
        skg.paths(kg.nx, "skg:root_L4_left", "skg:area_knee_left",
                  via="skg:hasDermatome/skg:coverArea")
    assert skg.paths(kg.nx, "skg:root_L4_left", "skg:Right", via="skg:hasSide") == []
