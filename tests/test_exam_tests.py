"""The entrapment and hip examination tests end to end: names as clinicians write them, the
findings a localisation reads, the lesions they tell apart, and how they move the differential.

The expected behaviour follows from the graph's facts (a positive Phalen test suggests the
median nerve at the carpal tunnel, Dabbagh 2023; a Tinel sign at the fibular neck the common
fibular nerve there, Barrett), not from the engine's current numbers.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "curie"), [
    ("left Phalen test", "skg:test_phalen_left"),
    ("right phalen's", "skg:test_phalen_right"),
    ("left tinel's at the wrist", "skg:test_tinel_carpal_tunnel_left"),
    ("left tinel at the elbow", "skg:test_tinel_cubital_tunnel_left"),
    ("right tinel at the fibular head", "skg:test_tinel_fibular_head_right"),
    ("left tarsal tunnel tinel", "skg:test_tinel_tarsal_tunnel_left"),
    ("left froment's sign", "skg:test_froment_left"),
    ("right log roll", "skg:test_log_roll_right"),
])
def test_clinicians_words_resolve(kg, text, curie):
    t = kg.term(text)
    assert t.curie == curie
    assert t.kind == "ExaminationTest"


def test_signs_are_read_as_findings_of_the_side(kg):
    loc = kg.localize(side="left", numbness=["thumb", "index finger"],
                      signs={"Phalen": "positive", "tinel's at the wrist": "positive"})
    assert not loc.unresolved
    assert {"sign: Phalen", "sign: tinel's at the wrist"} <= set(loc.findings)


def _telling(d) -> dict[str, set[str]]:
    return {"a": {f.finding.curie for f in d.for_a}, "b": {f.finding.curie for f in d.for_b}}


def test_carpal_tunnel_tests_tell_the_wrist_from_the_c6_root(kg):
    d = _telling(kg.discriminate("left median nerve at the carpal tunnel", "left C6 nerve root"))
    assert {"skg:test_phalen_left", "skg:test_tinel_carpal_tunnel_left"} <= d["a"]
    assert not {"skg:test_phalen_left", "skg:test_phalen_right"} & d["b"]
    # the other side's test says nothing about this wrist
    assert "skg:test_phalen_right" not in d["a"]


def test_fibular_head_tinel_tells_the_knee_from_the_l5_root(kg):
    d = _telling(kg.discriminate("left common fibular nerve at the fibular head",
                                 "left L5 nerve root"))
    assert "skg:test_tinel_fibular_head_left" in d["a"]


def _p(loc, label: str) -> float:
    return next(c.probability for c in loc.candidates if (c.label or c.root.label) == label)



def test_positive_phalen_raises_the_median_nerve_at_the_carpal_tunnel(kg):
    label = "left median nerve at the carpal tunnel"
    base = kg.localize(side="left", numbness=["thumb", "index finger"], limit=10)
    phalen = kg.localize(side="left", numbness=["thumb", "index finger"],
                         signs={"Phalen": "positive"}, limit=10)
    assert _p(phalen, label) > _p(base, label)


def test_negative_fibular_head_tinel_argues_against_the_fibular_head_lesion(kg):
    label = "left common fibular nerve at the fibular head"
    findings = {"side": "left", "numbness": ["dorsum of foot"],
                "weakness": ["ankle dorsiflexion"], "limit": 10}
    base = kg.localize(**findings)
    negative = kg.localize(**findings, signs={"tinel at the fibular head": "negative"})
    assert _p(negative, label) < _p(base, label)


def test_next_tests_for_thumb_and_index_numbness_propose_a_carpal_tunnel_test(kg):
    loc = kg.localize(numbness=["left thumb", "left index finger"])
    proposed = {t.test.curie for t in loc.next_tests(n=40).tests}
    assert proposed & {"skg:test_phalen_left", "skg:test_tinel_carpal_tunnel_left"}
