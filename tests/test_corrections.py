"""Issue 15's code corrections, each checked against the source the fix rests on."""

from __future__ import annotations

import spinekg as skg
from spinekg.faces.cli import main


def test_cervical_radiculopathy_escalates_after_weeks_of_failed_care(kg):
    """Surgery is considered after about 6 weeks of failed nonoperative care (PubMed
    11497490; AAOS OrthoInfo lists ACDF, cervical disc arthroplasty and posterior
    cervical foraminotomy); the threshold is shown in the weeks the source uses."""
    early = kg.treatments("cervical radiculopathy", months_conservative=1)
    assert early.recommended.tier.curie == "skg:tier_conservative"
    assert "6 weeks" in early.reason and "month" not in early.reason
    late = kg.treatments("cervical radiculopathy", months_conservative=3)
    assert late.recommended.tier.curie == "skg:tier_surgical" and not late.urgent
    assert {"skg:treatment_acdf", "skg:treatment_cervical_disc_arthroplasty",
            "skg:treatment_posterior_cervical_foraminotomy"} <= {
        i.treatment.curie for i in late.recommended.treatments}
    urgent = kg.treatments("cervical radiculopathy", red_flags=["progressive motor deficit"])
    assert urgent.urgent and urgent.recommended.tier.curie == "skg:tier_surgical"


def test_weeks_are_compared_as_weeks(kg):
    """6-8 weeks (NSJ review) is 1.38-1.84 months: 1.3 months is still conservative."""
    assert kg.treatments("lumbar disc herniation",
                         months_conservative=1.3).recommended.name == "conservative"
    assert kg.treatments("lumbar disc herniation",
                         months_conservative=1.4).recommended.name == "surgical"


def test_cauda_equina_is_decompressed_not_only_discectomy(kg):
    """Cauda equina syndrome: urgent decompression of the cause, by discectomy or
    laminectomy (BASS standards; Am J Emerg Med review)."""
    plan = kg.treatments("cauda equina syndrome")
    assert plan.urgent
    names = {i.treatment.curie for i in plan.recommended.treatments}
    assert {"skg:treatment_microdiscectomy", "skg:treatment_decompressive_laminectomy"} <= names


def test_open_patterns_keep_to_one_side(kg):
    """A path never reaches the other side unless the pattern names the crossing
    predicate: before, ``(*|^skg:feltIn)+`` went through lateralCounterpart (and through
    the unsided "hip pain" on to the right hip)."""
    found = kg.paths("left L4-L5 foraminal compression rule", "hip pain",
                     via="(*|^skg:feltIn)+", limit=20)
    assert found
    for p in found:
        sides = {kg.index.side(s.target.curie) for s in p.steps} - {None}
        assert sides == {"left"}, str(p)
    assert kg.paths("left L4", "right L4", max_hops=4) == []
    crossed = kg.paths("left L4", "right L4", via="skg:lateralCounterpart")
    assert [s.predicate for s in crossed[0].steps] == ["skg:lateralCounterpart"]


def test_the_side_rule_holds_on_any_networkx_graph(kg):
    assert skg.paths(kg.nx, "skg:root_L4_left", "skg:root_L4_right", max_hops=3) == []
    assert len(skg.paths(kg.nx, "skg:root_L4_left", "skg:root_L4_right",
                         via="skg:lateralCounterpart")) == 1


def test_the_declared_decussation_may_be_named(kg):
    """The spinothalamic decussation (skg:decussatesTo, skg:crossesMidline true) is the
    cord's crossing: named, it joins a right cord half to a left one."""
    [p] = kg.paths("skg:cord_T6_half_right", "skg:cord_T4_half_left", via="skg:decussatesTo")
    assert p.steps[0].predicate == "skg:decussatesTo"
    assert kg.paths("skg:cord_T6_half_right", "skg:cord_T4_half_left", max_hops=2) == []


def test_paths_from_a_lesion_at_a_level_give_the_anatomical_explanation(kg):
    """lesion -> zone -> rule -> root -> area -> symptom, as affected_by explains it."""
    found = kg.paths("foraminal stenosis", "hip pain", level="L4-L5", side="left", limit=3)
    assert 2 <= len(found) <= 3 and len(set(found)) == len(found)
    assert [len(p) for p in found] == sorted(len(p) for p in found)
    first = found[0]
    assert [s.predicate for s in first.steps[:3]] == [
        "skg:affectsZone", "skg:inZone", "skg:compressesRoot"]
    assert first.steps[2].target.curie == "skg:root_L4_left"  # foraminal L4-L5 -> L4
    assert first == kg.affected_by("foraminal stenosis", level="L4-L5", side="left").explain(
        "hip pain")


def test_two_via_options_are_both_used(capsys):
    assert main(["paths", "left L4", "left medial malleolus", "--via", "skg:hasDermatome",
                 "--via", "skg:coversArea", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "has dermatome" in out and "covers area" in out
