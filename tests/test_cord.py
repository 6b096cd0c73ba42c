"""Issue 17: what a cord lesion affects, by side. Expected values from the sources the
graph cites: Brown-Séquard (hemisection) syndrome, fpnotebook (src_fpnotebook_hemisection):
weakness and loss of proprioception on the side of the lesion, below it; loss of pain and
temperature on the other side, from two levels below (spinothalamic fibres cross about
two segments above their entry); the corticospinal tract crosses in the medulla
(src_uw_corticospinal). Segment levels in the adult canal: the C6 and C7 segments lie
behind the C5-C6 disc (src_upol_vertebromedullary, src_arslan_spinal_cord); cervical
cord compression is a myelopathy (Fehlings 2017, src_fehlings2017_dcm_scope).
"""

from __future__ import annotations

import pytest


def _by(imp):
    return {(d.finding.label, d.side, d.from_level) for d in imp.deficits}


BSS_T4_LEFT = {
    ("weakness", "left", "T5"),
    ("loss of joint position and vibration sense", "left", "T5"),
    ("loss of pain and temperature sensation", "right", "T6"),
}


def test_left_half_of_t4(kg):
    imp = kg.affected_by("left half of the T4 cord segment")
    assert _by(imp) == BSS_T4_LEFT
    assert imp.side == "left" and imp.level == "T4"
    assert [r.label for r in imp.roots] == ["left T4 nerve root"]
    assert "myelopathy" in imp.flags
    assert "brown-séquard syndrome" in {s.label for s in imp.syndromes}


def test_only_the_crossing_predicate_crosses(kg):
    """The crossed deficit goes through the one predicate the graph marks
    skg:crossesMidline; the deficits that stay on the lesion's side do not use it."""
    crossing = {p for p in kg.index.terms if kg.index.value(p, "skg:crossesMidline") is True}
    assert crossing == {"skg:decussatesTo"}
    imp = kg.affected_by("left half of the T4 cord segment")
    for d in imp.deficits:
        assert d.crosses == (d.side != "left")
        assert d.path.steps[0].predicate == "skg:carriesTract"
        assert d.cause.target == d.finding
        if d.crosses:
            assert {s.predicate for s in d.crossing.steps} == crossing
            assert d.crossing.target.label == "right half of the T6 spinal cord segment"
        else:
            assert d.crossing is None
        assert all(s.sources for s in d.path.steps)


def test_brown_sequard_at_t4_left(kg):
    imp = kg.affected_by("brown-sequard syndrome", level="T4", side="left")
    assert _by(imp) == BSS_T4_LEFT
    assert imp.lesion.label == "brown-séquard syndrome"
    assert imp.deficits[0].path.source == imp.lesion
    right = kg.affected_by("brown-sequard syndrome", level="T4", side="right")
    assert {(f, "left" if s == "right" else "right", lv) for f, s, lv in _by(right)} == \
        BSS_T4_LEFT
    with pytest.raises(ValueError, match="one half of the cord: give side"):
        kg.affected_by("brown-sequard syndrome", level="T4")
    with pytest.raises(ValueError, match="unknown cord level"):
        kg.affected_by("brown-sequard syndrome", level="T13", side="left")


def test_a_whole_segment_affects_both_sides(kg):
    imp = kg.affected_by("C6 spinal cord segment")
    assert {d.side for d in imp.deficits} == {"left", "right"}
    assert {r.label for r in imp.roots} == {"left C6 nerve root", "right C6 nerve root"}


def test_central_cervical_stenosis_reaches_the_cord(kg):
    imp = kg.affected_by("central canal stenosis", level="C5-C6")
    assert imp.lesion.label == "cervical central canal stenosis"
    assert {t.label for t in imp.reaches} == {"C6 spinal cord segment", "C7 spinal cord segment"}
    assert {t.label for t in imp.roots} == {"left C6 nerve root", "right C6 nerve root"}
    assert "myelopathy" in imp.flags
    assert imp.side == "bilateral"
    assert "flag: myelopathy" in str(imp)
