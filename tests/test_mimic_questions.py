"""A non-neural mimic is explained and told apart like a root (issue 18).

Hip osteoarthritis refers pain to the groin (55%), buttock (71%), thigh and knee (Lesher
et al. 2008, Pain Med 9:22, fluoroscopically guided hip injections); its examination is
limited, painful internal rotation (Altman et al. 1991 ACR criteria), while a mid-lumbar
root gives weakness, numbness, a reduced knee jerk and a positive femoral stretch test
(Suri et al. 2011, Spine 36:63).
"""

from __future__ import annotations

import pytest

import spinekg as skg


@pytest.fixture(scope="module")
def kg():
    return skg.load()


def test_hip_osteoarthritis_pain_areas(kg):
    imp = kg.affected_by("left hip osteoarthritis")
    labels = {t.label for t in imp.pain_areas}
    assert {"left groin", "left buttock", "left knee", "left thigh"} <= labels
    assert imp.roots == () and imp.side == "left" and imp.dermatome_areas == ()
    assert not any(t.label.startswith("right") for t in imp.pain_areas)
    groin = imp.explain("left groin")
    assert [s.predicate for s in groin.steps] == ["skg:causesPainIn"]
    assert "skg:src_lesher2008_hip_referral" in groin.sources
    assert "not of the nerves" in str(imp)


def test_mimic_has_no_level(kg):
    with pytest.raises(ValueError, match="not of the spine"):
        kg.affected_by("left hip osteoarthritis", level="L4-L5")


def test_vascular_mimic(kg):
    imp = kg.affected_by("right peripheral arterial disease")
    assert "right calf" in {t.label for t in imp.pain_areas}
    assert all(p.sources for p in imp.paths.values())


def test_discriminate_root_from_hip(kg):
    d = kg.discriminate("left L3", "left hip osteoarthritis")
    for_root = {f.finding.label: f for f in d.for_a}
    for_hip = {f.finding.label: f for f in d.for_b}
    assert "left femoral nerve stretch test" in for_root
    assert "left knee extension" in for_root
    assert "left hip internal rotation" in for_hip
    hip = for_hip["left hip internal rotation"]
    assert hip.points_to.label == "left hip osteoarthritis"
    assert hip.path.steps[0].predicate == "skg:suggests" and hip.path.sources
    # a mimic weakens nothing: no action or reflex points to the hip
    assert {f.category for f in d.for_b} == {"sign"}


def test_discriminate_test_between_root_and_nerve(kg):
    """The straight leg raise suggests the lower lumbosacral roots (Devillé 2000), not
    the common fibular nerve: it tells them apart."""
    d = kg.discriminate("left L5", "left common fibular nerve")
    assert "left straight leg raise" in {f.finding.label for f in d.for_a}
    assert "left straight leg raise" not in {f.finding.label for f in d.for_b}
