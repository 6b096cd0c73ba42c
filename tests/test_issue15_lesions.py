"""Issue 15 items 3, 6, 7 and 8: central lumbar lesions compress the cauda equina, the
conus is flagged, a one-sided lesion without a side says so, and the myelopathy ladder
follows the severity bands.

Sources (as the graph cites them): StatPearls, Cauda equina and conus medullaris
syndromes (src_statpearls_ces_cms) and Dawodu, Medscape (src_dawodu_medscape_ces_cms):
below the conus a central lesion compresses the lumbosacral roots of the cauda equina,
S2-S4 serving bladder, bowel and saddle; compressive damage from T12 to L2 gives a conus
medullaris syndrome. Saifuddin 1998 (src_saifuddin1998_conus): the conus ends on
average at the lower third of L1, range from the middle third of T12 to the upper
third of L3. Berra 2021 (src_c_berra2021): a lateral lesion compresses the root on its
side. Fehlings 2017 AO Spine guideline (src_fehlings2017_dcm_guideline): surgery is
recommended for moderate (mJOA 12-14) and severe (mJOA <= 11) degenerative cervical
myelopathy; for mild (mJOA 15-17) surgery or a supervised trial of structured
rehabilitation is suggested, and if nonoperative care is chosen, surgery on
deterioration.
"""

from __future__ import annotations

import pytest

from spinekg.clinical.lesions import ladder


def _levels(kg, terms):
    return {(kg.index.value(t.curie, "skg:levelName"), kg.index.side(t.curie)) for t in terms}


@pytest.mark.parametrize("lesion", ["central disc herniation", "lumbar central canal stenosis"])
def test_central_l4_l5_compresses_the_cauda_equina(kg, lesion):
    imp = kg.affected_by(lesion, level="L4-L5")
    got = _levels(kg, imp.roots)
    for lv in ("L5", "S1", "S2", "S3", "S4"):
        assert {(lv, "left"), (lv, "right")} <= got
    assert not {lv for lv, _ in got} & {"L1", "L2", "L3", "L4"}  # the level and below
    assert "cauda equina" in imp.flags
    assert imp.side == "bilateral"
    assert "cauda equina" in {t.label for t in imp.reaches}
    # the S2-S4 roots reach the saddle: the perianal skin is among the items, its path
    # running from the disc through the cauda equina to a sacral root
    perianal = [t for t in imp.dermatome_areas + imp.key_sensory_points
                if "perianal" in t.label]
    assert perianal
    nodes = [t.label for t in imp.explain(perianal[0]).nodes]
    assert "cauda equina" in nodes


def test_cauda_equina_roots_are_explained_through_the_cauda_equina(kg):
    from spinekg.clinical.affected import _lesion_roots

    term = kg.term("central disc herniation")
    roots, found, flags, reaches = _lesion_roots(kg, term, "skg:disc_L4_L5", "L4-L5", None)
    steps = dict(found)["skg:root_S3_right"]
    assert [s.predicate for s in steps] == ["skg:overlies", "skg:containsRoot"]
    assert steps[0].target.label == "cauda equina"


def test_central_l5_s1_starts_at_s1(kg):
    imp = kg.affected_by("central disc herniation", level="L5-S1")
    assert {lv for lv, _ in _levels(kg, imp.roots)} >= {"S1", "S2", "S3", "S4"}
    assert "L5" not in {lv for lv, _ in _levels(kg, imp.roots)}


@pytest.mark.parametrize("level", ["T12-L1", "L1-L2"])
def test_conus_is_flagged_with_its_range(kg, level):
    imp = kg.affected_by("central disc herniation", level=level)
    conus = [f for f in imp.flags if f.startswith("conus medullaris")]
    assert len(conus) == 1
    assert "L1 vertebra" in conus[0] and "T12 vertebra" in conus[0] and "L3 vertebra" in conus[0]
    assert "conus medullaris" in {t.label for t in imp.reaches}
    assert imp.side == "bilateral"


def test_no_conus_flag_below_l2(kg):
    imp = kg.affected_by("central disc herniation", level="L3-L4")
    assert not any(f.startswith("conus") for f in imp.flags)


@pytest.mark.parametrize("lesion,level,root", [
    ("paracentral disc herniation", "L5-S1", "S1"),
    ("lumbar foraminal stenosis", "L4-L5", "L4"),
])
def test_one_sided_lesion_without_a_side(kg, lesion, level, root):
    imp = kg.affected_by(lesion, level=level)
    assert imp.side is None  # not "bilateral": the side was not given
    assert imp.roots == () and imp.dermatome_areas == ()
    assert set(imp.alternatives) == {"left", "right"}
    for side, terms in imp.alternatives.items():
        assert _levels(kg, terms) == {(root, side)}
    assert "side not given" in str(imp)
    left = kg.affected_by(lesion, level=level, side="left")
    assert left.side == "left" and _levels(kg, left.roots) == {(root, "left")}
    assert left.alternatives == {}


@pytest.mark.parametrize("severity,options", [
    ("mild", {"surgical", "conservative"}), (16, {"surgical", "conservative"}),
    ("moderate", {"surgical"}), (13, {"surgical"}),
    ("severe", {"surgical"}), (10, {"surgical"}),
])
def test_myelopathy_by_severity(kg, severity, options):
    plan = kg.treatments("degenerative cervical myelopathy", severity=severity)
    assert {o.name for o in plan.options} == options
    assert plan.recommended in plan.options
    assert plan.severity.label.startswith(
        {"mild": "mild", 16: "mild", "moderate": "moderate", 13: "moderate"}.get(severity, "severe"))
    if options == {"surgical"}:
        assert plan.recommended.name == "surgical" and "recommends" in plan.reason
    else:
        assert "structured rehabilitation" in plan.reason
        assert "progressive motor deficit" in plan.next_step


def test_mild_rule_is_not_dcm_general_rule(kg):
    lad = ladder(kg, "skg:condition_degenerative_cervical_myelopathy")
    assert lad.elective is None and lad.urgent == ()
    assert [r for r, _, _ in lad.by_severity] == ["skg:escalation_dcm_mild_deterioration"]
    plan = kg.treatments("degenerative cervical myelopathy", months_conservative=12)
    assert plan.recommended.name == "conservative" and "severity" in plan.reason
    assert "progressive motor deficit" not in plan.next_step


def test_severity_bad_input(kg):
    with pytest.raises(ValueError, match="fits no band.*mild \\(mJOA 15-17\\)"):
        kg.treatments("degenerative cervical myelopathy", severity=19)
    with pytest.raises(ValueError, match="no severity bands are recorded"):
        kg.treatments("lumbar spinal stenosis", severity="mild")
    with pytest.raises(TypeError, match="band name or an mJOA score"):
        kg.treatments("degenerative cervical myelopathy", severity=True)
