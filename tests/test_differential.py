"""The differential engine (issue 19): probabilities, normal findings, every candidate
kind, clinician wording, next tests, batch. Each expectation cites the source of the
clinical fact it checks (the graph's source ids in brackets)."""

from __future__ import annotations

import json

import pytest

from spinekg.clinical.case import Findings
from spinekg.errors import UnknownTermError


def test_probabilities_sum_to_one_and_are_in_rank_order(kg):
    loc = kg.localize(side="left", numbness=["big toe"], weakness=["EHL 4/5"])
    probs = [c.probability for c in loc.ranked]
    assert sum(probs) == pytest.approx(1.0, abs=1e-4)
    assert probs == sorted(probs, reverse=True)
    assert [c.score for c in loc.candidates] == probs[:len(loc.candidates)]


def test_a_normal_finding_lowers_the_candidates_it_contradicts(kg):
    # the ankle jerk is the S1 reflex (Harrison's table; StatPearls DTR [src_statpearls_dtr])
    base = kg.localize(side="right", numbness=["lateral foot"])
    after = kg.localize(side="right", numbness=["lateral foot"], normal=["ankle jerk"])
    def s1(loc):
        return next(c for c in loc.ranked if c.root.curie == "skg:root_S1_right")
    assert s1(after).probability < s1(base).probability
    assert any("ankle jerk" in x for x in s1(after).contradicts)
    ev = {e.finding: e for e in s1(after).evidence}
    assert ev["normal: ankle jerk"].likelihood_ratio < 1 and ev["normal: ankle jerk"].path


def test_no_weakness_and_no_reflex_change_favour_a_sensory_nerve(kg):
    # meralgia paresthetica: anterolateral thigh numbness without motor or reflex change
    # (Medscape [src_medscape_meralgia]); L2/L3 roots weaken hip flexion/knee extension
    loc = kg.localize(side="left", numbness=["lateral thigh"],
                      normal=["knee extension", "hip flexion", "hip adduction", "knee jerk"])
    assert loc.best.root.curie == "skg:nerve_lateral_femoral_cutaneous_left"
    assert loc.best.kind == "nerve"


def test_fibular_palsy_ranks_above_L5_when_inversion_and_hip_abduction_are_normal(kg):
    # issue 16; StatPearls peroneal nerve injury [src_statpearls_peroneal_injury]: the
    # tibial nerve (tibialis posterior, inversion) and the superior gluteal nerve
    # (gluteus medius, hip abduction) are spared by a lesion at the fibular head
    loc = kg.localize(side="left", weakness=["foot drop"], numbness=["dorsum of foot"],
                      normal=["ankle inversion", "hip abduction"])
    by = {c.root.curie: c for c in loc.ranked}
    fib = next(c for c in loc.ranked if "skg:site_fibular_head_left" in {t.curie for t in c.targets})
    assert fib.probability > by["skg:root_L5_left"].probability
    without = kg.localize(side="left", weakness=["foot drop"], numbness=["dorsum of foot"])
    assert without.best.root.curie == "skg:root_L5_left"  # L5 is the commoner answer alone


def test_cervical_myelopathy_from_umn_signs(kg):
    # Hilton 2018 [src_hilton2018_dcm_assessment], Medscape [src_medscape_cervical_spondylosis_exam]:
    # hand clumsiness, Hoffmann, hyperreflexia and a broad-based gait are DCM findings
    loc = kg.localize(signs={"Hoffmann": "positive", "brisk reflexes": "present",
                             "broad-based gait": "present"}, history=["hand clumsiness"])
    assert loc.best.root.curie == "skg:condition_degenerative_cervical_myelopathy"
    assert loc.best.kind == "cord" and loc.best.flag


def test_inverted_supinator_sets_the_level_c5_c6(kg):
    # GPnotebook [src_gpnotebook_inverted_supinator]: a cord lesion at C5 or C6
    loc = kg.localize(signs={"inverted supinator": "positive", "Hoffmann": "positive"},
                      history=["hand clumsiness"])
    assert loc.best.root.curie == "skg:condition_degenerative_cervical_myelopathy"
    assert set(loc.best.levels) <= {"C5", "C6"}


def test_retention_saddle_anaesthesia_absent_ankle_jerks_is_cauda_equina(kg):
    # Dawodu (Medscape) [src_dawodu_medscape_ces_cms]; StatPearls [src_statpearls_ces_cms]
    loc = kg.localize(numbness=["saddle area"], signs={"urinary retention": "present"},
                      reflexes={"left ankle jerk": "absent", "right ankle jerk": "absent"})
    assert loc.best.kind == "cauda equina"
    assert loc.best.root.curie == "skg:condition_cauda_equina_syndrome"
    assert any("cauda equina" in f for f in loc.flags)


def test_early_sphincter_loss_perianal_numbness_and_umn_signs_is_conus(kg):
    # Dawodu table [src_dawodu_medscape_ces_cms]: conus — urinary retention and atonic anal
    # sphincter with overflow incontinence early, symmetric perianal numbness, mixed
    # UMN/LMN signs (hyperreflexic distal paresis), ankle jerks affected
    loc = kg.localize(numbness=["perianal area"],
                      signs={"overflow incontinence": "present", "urinary retention": "present",
                             "hyperreflexia": "present"},
                      reflexes={"left ankle jerk": "absent", "right ankle jerk": "absent"})
    assert loc.best.kind == "conus"


def test_negated_red_flags_do_not_flag(kg):
    base = kg.localize(side="left", numbness=["big toe"], history=["no urinary retention"])
    assert not any("red flag" in f for f in base.flags)
    case = Findings.of(side="left", numbness=["big toe"])
    assert not any("red flag" in f for f in kg.localize(case).flags)


def test_next_tests_for_foot_drop_name_hip_abduction_and_inversion(kg):
    # issue 16: L5 vs the common fibular nerve is told apart by hip abduction (gluteus
    # medius, superior gluteal nerve, L5) and ankle inversion (tibialis posterior, tibial)
    loc = kg.localize(side="left", weakness=["foot drop"], numbness=["dorsum of foot"])
    names = [t.test.label for t in loc.next_tests(40)]
    assert "left hip abduction" in names[:3]
    assert "left foot inversion" in names
    t = loc.next_tests(1)[0]  # weak hip abduction confirms L5; normal takes L5 from 0.49 down
    assert t.if_positive == "left L5 nerve root"
    assert t.if_positive_p > loc.best.probability > t.if_negative_p


def test_next_tests_for_thumb_numbness_name_the_c6_reflexes(kg):
    # the brachioradialis and biceps reflexes are C6/C5-C6 (Kang 2020 [src_kang_2020])
    loc = kg.localize(side="right", numbness=["thumb"])
    names = [t.test.label for t in loc.next_tests(40)]
    assert "right brachioradialis reflex" in names and "right biceps reflex" in names


def test_next_tests_by_kind_for_thumb_numbness_give_the_c6_reflexes_and_the_carpal_tunnel_tests(kg):
    # C6 root vs the median nerve at the wrist: the reflexes of C6 (brachioradialis C6,
    # biceps C5-C6, Kang 2020) and the carpal tunnel's provocative tests (Phalen, Tinel,
    # Dabbagh 2023) are the ones a clinician does for a numb thumb (issue 19)
    loc = kg.localize(side="right", numbness=["thumb"])
    reflexes = [t.test.label for t in loc.next_tests(2, kind="reflex")]
    assert set(reflexes) == {"right brachioradialis reflex", "right biceps reflex"}
    tests = [t.test.label for t in loc.next_tests(4, kind="test")]
    assert {"right phalen test", "right tinel sign at the carpal tunnel"} <= set(tests)
    phalen = next(t for t in loc.next_tests(4, kind="test") if t.test.label == "right phalen test")
    assert phalen.if_positive == "right median nerve at the carpal tunnel"
    plan = loc.next_tests_by_kind(1)
    assert [t.kind for t in plan] == ["strength of", "sensation of", "reflex", "test"]


def test_next_tests_refuse_an_unknown_kind(kg):
    loc = kg.localize(side="right", numbness=["thumb"])
    with pytest.raises(ValueError, match="use one of strength, sensation, reflex, test"):
        loc.next_tests(3, kind="imaging")


@pytest.mark.parametrize("kwargs,curie", [
    ({"weakness": ["shoulder abduction 4-/5", "elbow flexion 4/5"], "reflexes": {"biceps": "1+"}},
     "skg:root_C5_right"),
    ({"weakness": ["wrist extension (ECRL) 4/5"], "numbness": ["thumb"]}, "skg:root_C6_right"),
    ({"weakness": ["EHL weakness", "can't walk on heels"], "numbness": ["numb outer calf"]},
     "skg:root_L5_right"),
])
def test_clinician_wording(kg, kwargs, curie):
    # ISNCSCI key muscles and points (Kirshblum 2011 [src_isncsci_2011]); Kang 2020
    assert kg.localize(side="right", **kwargs).best.root.curie == curie


def test_side_word_inside_a_phrase_keeps_its_side(kg):
    loc = kg.localize(side="right", numbness=["little toe", "now also left buttock"])
    sides = {r.label: r.side for r in loc.state.resolved}
    assert sides == {"numbness: little toe": "right", "numbness: now also left buttock": "left"}
    assert any(f.startswith("findings on both sides") for f in loc.flags)


def test_mrc_grade_matters(kg):
    # dense weakness from one root is unusual (muscles have several roots: MRC 1976 [src_mrc1976_aids])
    mild = kg.localize(side="left", weakness=["EHL 4/5"])
    dense = kg.localize(side="left", weakness=["EHL 1/5"])
    def l5(loc):
        return next(c for c in loc.ranked if c.root.curie == "skg:root_L5_left")
    assert l5(dense).evidence[0].likelihood_ratio < l5(mild).evidence[0].likelihood_ratio * 4


def test_unknown_words_are_listed_with_suggestions(kg):
    loc = kg.localize(side="left", numbness=["dorsum of fot", "glowing toes"], strict=False)
    assert "numbness: dorsum of fot" in loc.unresolved
    assert "dorsum of the foot" in loc.suggestions["numbness: dorsum of fot"]
    with pytest.raises(UnknownTermError):
        kg.localize(side="left", numbness=["glowing toes"])


def test_imaging_text_and_incidental_imaging(kg):
    loc = kg.localize(side="left", numbness=["big toe", "top of foot"],
                      imaging="MRI: left L4-L5 paracentral disc herniation")
    assert loc.best.root.curie == "skg:root_L5_left"
    other = kg.localize(side="right", numbness=["dorsum of foot"], weakness=["EHL 4/5"],
                        imaging="MRI: left L5-S1 paracentral disc herniation")
    assert other.best.root.curie == "skg:root_L5_right"
    assert any("incidental" in f for f in other.flags)


def test_findings_object_as_first_argument(kg):
    case = Findings.of(side="left", numbness=["top of foot"], weakness={"EHL": "4/5"})
    assert kg.localize(case).best.root.curie == "skg:root_L5_left"


def test_json_has_lists_and_paths(kg):
    data = kg.localize(side="left", numbness=["big toe"]).to_json()
    c = data["candidates"][0]
    assert isinstance(c["levels"], list) and isinstance(c["explains"], list)
    assert any(e["path"] for e in c["evidence"])
    json.dumps(data)


def test_localize_many(kg):
    import pandas as pd

    df = kg.localize_many(pd.DataFrame([{"side": "right", "numbness": "thumb"},
                                        {"side": "left", "weakness": "EHL;foot drop"}]))
    assert list(df["level"]) == ["C6", "L5"]
    assert set(df.columns) >= {"best", "probability", "runner_up", "flags"}


def test_double_crush_is_one_candidate_with_two_targets(kg):
    # Upton & McComas 1973: a cervical root lesion with carpal tunnel syndrome; C6 gives
    # the brachioradialis reflex and wrist extension (Kang 2020), the median nerve at the
    # carpal tunnel APB and the index/middle fingers (StatPearls [src_statpearls_hand_compression])
    loc = kg.localize(side="right", numbness=["thumb", "index finger", "middle finger"],
                      weakness=["wrist extension 4/5", "APB 4/5"],
                      reflexes={"brachioradialis": "reduced"}, normal=["elbow extension"])
    combos = [c for c in loc.ranked if c.kind == "combination"]
    assert any({"skg:root_C6_right", "skg:nerve_median_right"} <= {t.curie for t in c.targets}
               for c in combos[:3])


def test_groin_pain_with_painful_limited_internal_rotation_is_the_hip(kg):
    # issue 18; Altman 1991 [src_altman1991_hip_oa]: hip pain with internal rotation limited
    # and painful; Khan 2004 [src_khan2004_hip_oa_pain]: groin pain; L3 refers pain to the
    # groin (Sasaki 2014 [src_sasaki_2014]) but limited internal rotation is the joint's
    loc = kg.localize(side="right", pain=["groin"],
                      signs={"FADIR": "positive", "hip internal rotation": "limited and painful"})
    by = {c.root.curie: c for c in loc.ranked}
    assert loc.best.root.curie == "skg:condition_hip_osteoarthritis_right"
    assert loc.best.kind == "musculoskeletal"
    assert by["skg:condition_hip_osteoarthritis_right"].probability > \
        by.get("skg:root_L3_right", loc.ranked[-1]).probability
