"""Issue 16: the peripheral nerve layer's questions (innervation, nerve and site impacts,
discriminate). Expected values are written from the sources the graph cites:

- MRC, *Aids to the Examination of the Peripheral Nervous System* (Memorandum 45, 1976;
  src_mrc1976_aids): each muscle's nerve and roots, main root first;
- O'Brien, *Aids* 5th ed. 2010 (src_obrien_2010): the reflex arcs;
- the entrapment rows: the branches to triceps leave the radial nerve above the spiral
  groove; the anterior interosseous nerve leaves the median nerve in the forearm, above
  the carpal tunnel; the short head of biceps femoris is supplied from the fibular
  division of the sciatic nerve above the knee.
"""

from __future__ import annotations

import pytest

from spinekg.errors import UnknownTermError


def _labels(terms):
    return {t.label for t in terms}


# (muscle, first nerve, main roots, contributing roots) from the MRC Aids
@pytest.mark.parametrize("muscle,nerve,roots,contributing", [
    ("tibialis posterior", "tibial nerve", {"L5"}, {"L4"}),
    ("tibialis anterior", "deep fibular nerve", {"L4"}, {"L5"}),
    ("gluteus medius", "superior gluteal nerve", {"L5"}, {"L4", "S1"}),
    ("extensor hallucis longus", "deep fibular nerve", {"L5"}, {"S1"}),
    ("deltoid", "axillary nerve", {"C5"}, {"C6"}),
    ("biceps brachii", "musculocutaneous nerve", {"C5", "C6"}, set()),
    ("triceps brachii", "radial nerve", {"C7"}, {"C6", "C8"}),
    ("abductor pollicis brevis", "median nerve", {"C8", "T1"}, set()),
    ("first dorsal interosseous", "ulnar nerve", {"C8", "T1"}, set()),
    ("rhomboid muscles", "dorsal scapular nerve", {"C5"}, {"C4"}),
    ("serratus anterior", "long thoracic nerve", {"C5", "C6", "C7"}, set()),
    ("adductor longus", "obturator nerve", {"L2", "L3", "L4"}, set()),
])
def test_innervation_of_a_muscle(kg, muscle, nerve, roots, contributing):
    inn = kg.innervation(muscle, side="left")
    assert inn.muscle.label == f"left {muscle}"
    assert inn.nerves[0].label == f"left {nerve}"
    level = lambda ts: {kg.index.value(t.curie, "skg:levelName") for t in ts}  # noqa: E731
    assert level(inn.roots) == roots
    assert level(inn.alternatives) == contributing
    # every path runs from one of the muscle's roots to the muscle, every step sourced
    assert {p.source.curie for p in inn.paths} == {t.curie for t in inn.roots + inn.alternatives}
    for p in inn.paths:
        assert p.target == inn.muscle
        assert all(s.sources for s in p.steps)
    assert "roots:" in str(inn)
    assert list(inn.to_dataframe()["muscle"])[0] == inn.muscle.label


def test_innervation_chain_goes_up_to_the_plexus(kg):
    """Deltoid: axillary nerve, a terminal branch of the posterior cord; its C5 fibres
    run through the upper trunk and its posterior division (MRC Aids, Downstate lab 24)."""
    inn = kg.innervation("left deltoid")
    assert [t.label for t in inn.nerves] == ["left axillary nerve",
                                              "left posterior cord of the brachial plexus"]
    c5 = next(p for p in inn.paths if p.source.label == "left C5 nerve root")
    assert [t.label for t in c5.nodes] == [
        "left C5 nerve root", "left upper trunk of the brachial plexus",
        "left posterior division of the upper trunk", "left posterior cord of the brachial plexus",
        "left axillary nerve", "left deltoid"]
    ta = kg.innervation("right TA")  # the abbreviation clinicians write
    assert [t.label for t in ta.nerves][:2] == ["right deep fibular nerve",
                                                 "right common fibular nerve"]
    assert ta.nerves[-1].label == "right sacral plexus"


def test_innervation_bad_input(kg):
    with pytest.raises(UnknownTermError, match="did you mean: tibialis anterior"):
        kg.innervation("tibialis anteriro")
    with pytest.raises(UnknownTermError, match="names the peripheral nerve .*expected a muscle"):
        kg.innervation("femoral nerve", side="left")
    with pytest.raises(ValueError, match="names the left side but side='right'"):
        kg.innervation("left tibialis anterior", side="right")


def test_fibular_head_spares_the_short_head_of_biceps_femoris(kg):
    for imp in (kg.affected_by("left fibular head"),
                kg.affected_by("common fibular nerve at the fibular head", side="left"),
                kg.affected_by("common fibular nerve", side="left")):
        muscles = _labels(imp.muscles)
        assert "left short head of biceps femoris" not in muscles
        assert {"left tibialis anterior", "left extensor hallucis longus",
                "left fibularis longus"} <= muscles
        assert "left tibialis posterior" not in muscles  # tibial nerve
        assert imp.side == "left"
        assert "left ankle dorsiflexion" in _labels(imp.muscle_actions)
        path = imp.explain("left tibialis anterior")
        assert path.target.label == "left tibialis anterior"
    site = kg.affected_by("left fibular head")
    assert site.site.label == "left fibular head" and site.nerve.label == "left common fibular nerve"
    assert site.explain("left tibialis anterior").steps[0].predicate == "skg:entrapmentSiteOf"


def test_spiral_groove_spares_triceps_and_its_reflex(kg):
    imp = kg.affected_by("radial nerve at the spiral groove", side="right")
    assert "right triceps brachii" not in _labels(imp.muscles)
    assert "right triceps brachii" in _labels(imp.spared)
    assert "right triceps reflex" not in _labels(imp.reflexes)
    assert "right brachioradialis reflex" in _labels(imp.reflexes)
    whole = kg.affected_by("right radial nerve")
    assert "right triceps brachii" in _labels(whole.muscles)
    assert "right triceps reflex" in _labels(whole.reflexes)


def test_carpal_tunnel_spares_what_leaves_above_it(kg):
    imp = kg.affected_by("left carpal tunnel")
    muscles = _labels(imp.muscles)
    assert {"left abductor pollicis brevis", "left opponens pollicis"} <= muscles
    assert not muscles & {"left flexor pollicis longus", "left pronator teres",
                          "left flexor carpi radialis"}


def test_a_sensory_nerve_supplies_no_muscle(kg):
    imp = kg.affected_by("lateral femoral cutaneous nerve", side="left")
    assert imp.muscles == () and imp.muscle_actions == ()
    assert "supplies no muscle" in imp.note and "supplies no muscle" in str(imp)
    assert "left lateral thigh" in _labels(imp.cutaneous_areas)


def test_plexus_part_reaches_what_its_roots_supply(kg):
    """An upper trunk lesion (C5, C6) weakens deltoid and biceps but not rhomboids (dorsal
    scapular nerve, from the C5 root) nor serratus anterior (long thoracic nerve, C5-C7
    roots): both leave above the trunk (MRC Aids)."""
    imp = kg.affected_by("left upper trunk of the brachial plexus")
    muscles = _labels(imp.muscles)
    assert {"left deltoid", "left biceps brachii", "left supraspinatus"} <= muscles
    assert not muscles & {"left rhomboid muscles", "left serratus anterior"}
    assert "left abductor pollicis brevis" not in muscles  # C8, T1


def test_nerve_bad_input(kg):
    with pytest.raises(UnknownTermError, match="names the muscle .*expected a spinal nerve root"):
        kg.affected_by("left tibialis anterior")
    with pytest.raises(ValueError, match="not an entrapment site of"):
        kg.affected_by("ulnar nerve at the carpal tunnel", side="left")
    with pytest.raises(ValueError, match="names the right side but side='left'"):
        kg.affected_by("right common peroneal nerve", side="left")
    with pytest.raises(ValueError, match="level='L4-L5' is only for a lesion"):
        kg.affected_by("left femoral nerve", level="L4-L5")


def _points(d, label):
    return {f.points_to.label for f in d.findings if f.finding.label == label}


def test_l5_root_vs_common_fibular_nerve(kg):
    """MRC Aids: tibialis posterior (inversion) is supplied by the tibial nerve, gluteus
    medius (hip abduction) by the superior gluteal nerve, both L5; neither by the common
    fibular nerve."""
    d = kg.discriminate("L5", "common fibular nerve", side="left")
    inv = next(f for f in d.for_a if f.finding.label == "left foot inversion")
    assert "left tibialis posterior" in _labels(inv.muscles)
    assert "left tibial nerve" in inv.why and "L5" in inv.why
    assert inv.path.source.label == "left L5 nerve root" and inv.path.target == inv.finding
    hip = next(f for f in d.for_a if f.finding.label == "left hip abduction")
    assert "left gluteus medius" in _labels(hip.muscles)
    assert "left superior gluteal nerve" in hip.why
    assert hip.clean and hip.rank == "primary"
    assert "left ankle dorsiflexion" not in {f.finding.label for f in d.findings}
    assert "left ankle dorsiflexion" in _labels(d.shared)
    assert "foot inversion" in str(d)


@pytest.mark.parametrize("a,b,finding,to_a", [
    # C6: biceps and brachioradialis (C5, C6); the carpal tunnel: APB (C8, T1, median)
    ("C6", "median nerve at the carpal tunnel", "left elbow flexion", True),
    ("C6", "median nerve at the carpal tunnel", "left brachioradialis reflex", True),
    ("C6", "median nerve at the carpal tunnel", "left thumb abduction", False),
    # C8: APB through the median nerve; the medial forearm is not ulnar skin
    ("C8", "ulnar nerve at the cubital tunnel", "left thumb abduction", True),
    ("C8", "ulnar nerve at the cubital tunnel", "left medial forearm", True),
    # C7: triceps and its reflex leave the radial nerve above the spiral groove
    ("C7", "radial nerve at the spiral groove", "left elbow extension", True),
    ("C7", "radial nerve at the spiral groove", "left triceps reflex", True),
    ("C7", "radial nerve at the spiral groove", "left brachioradialis reflex", False),
    # L3/L4 vs femoral: hip adduction is the obturator nerve's
    (["L3", "L4"], "femoral nerve", "left hip adduction", True),
    # C5/C6 vs the upper trunk: rhomboids and serratus anterior leave above the trunk
    (["C5", "C6"], "upper trunk of the brachial plexus", "left scapular retraction", True),
    (["C5", "C6"], "upper trunk of the brachial plexus", "left scapular protraction", True),
    # root vs cord: an upper motor neuron sign is the cord's
    ("C6", "C6 spinal cord segment", "hoffmann sign", False),
])
def test_classic_discriminating_pairs(kg, a, b, finding, to_a):
    d = kg.discriminate(a, b, side="left")
    assert _points(d, finding) == {(d.a if to_a else d.b).label}
    f = next(f for f in d.findings if f.finding.label == finding)
    assert f.path.steps and all(s.sources for s in f.path.steps)


def test_any_weakness_or_reflex_change_points_to_the_root_not_lfcn(kg):
    d = kg.discriminate(["L2", "L3"], "lateral femoral cutaneous nerve", side="left")
    motor = [f for f in d.findings if f.category in ("action", "reflex")]
    assert motor and all(f.points_to == d.a for f in motor)
    assert "left hip flexion" in {f.finding.label for f in motor}


def test_discriminate_is_the_difference_of_the_profiles(kg):
    """A finding's muscles are reached by the lesion it points to and not by the other."""
    from spinekg.clinical.discriminate import lesion_profile

    for a, b in (("left C7", "left spiral groove"), ("left L5", "left common fibular nerve")):
        d = kg.discriminate(a, b)
        prof = {d.a: lesion_profile(kg, d.a.curie), d.b: lesion_profile(kg, d.b.curie)}
        for f in d.findings:
            other = d.b if f.points_to == d.a else d.a
            for m in f.muscles:
                assert m.curie in prof[f.points_to].muscles
                assert m.curie not in prof[other].muscles


def test_discriminate_bad_input(kg):
    with pytest.raises(ValueError, match="same lesion"):
        kg.discriminate("left L5", "L5", side="left")
    with pytest.raises(UnknownTermError, match="names the muscle"):
        kg.discriminate("left tibialis anterior", "left L5")
