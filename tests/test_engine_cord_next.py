"""The differential engine's conus/cauda equina split, one-phrase sign names, spared
muscles after a nerve lesion and the next best test for a foot drop (issues 17, 19).
Each expectation cites the source of the clinical fact (the graph's source ids)."""

from __future__ import annotations

import pytest


def _ev(cand):
    return {e.finding: e for e in cand.evidence}


def test_sphincter_loss_perianal_numbness_and_umn_signs_is_conus_not_cauda_equina(kg):
    # Dawodu (Medscape) Table 1 [src_dawodu_medscape_ces_cms]: conus - urinary retention
    # early, symmetric perianal numbness, ankle jerks affected, a combination of lower and
    # upper motor neuron effects; cauda equina - mostly lower motor neuron, areflexic
    loc = kg.localize(numbness=["perianal area"],
                      signs={"urinary retention": "present", "Babinski": "positive"},
                      reflexes={"left ankle jerk": "absent", "right ankle jerk": "absent",
                                "left knee jerk": "brisk", "right knee jerk": "brisk"})
    assert loc.best.kind == "conus"
    ces = next(c for c in loc.ranked if c.kind == "cauda equina")
    assert loc.best.probability > 10 * ces.probability
    ev = _ev(ces)
    assert ev["sign: Babinski"].likelihood_ratio < 1
    assert ev["reflex: left knee jerk increased"].likelihood_ratio < 1
    assert any(s.predicate == "skg:arguesAgainst" for s in ev["sign: Babinski"].path.steps)


def test_cauda_equina_without_umn_signs_still_wins(kg):
    # Dawodu [src_dawodu_medscape_ces_cms]: saddle numbness, retention, absent ankle jerks
    loc = kg.localize(numbness=["saddle area"], signs={"urinary retention": "present"},
                      reflexes={"left ankle jerk": "absent", "right ankle jerk": "absent"})
    assert loc.best.kind == "cauda equina"


def test_a_sign_named_with_and_is_one_finding(kg):
    # the sign's own name (StatPearls anterior cord syndrome [src_statpearls_anterior_cord])
    loc = kg.localize(signs={"loss of pain and temperature": "present"},
                      weakness=["left hip flexion 1/5", "right hip flexion 1/5"])
    assert not loc.unresolved
    assert [r.label for r in loc.state.resolved if r.group == "sign"] == \
        ["sign: loss of pain and temperature"]


def test_a_fibular_lesion_spares_inversion_more_than_an_l5_root(kg):
    # StatPearls peroneal nerve injury [src_statpearls_peroneal_injury]: tibialis posterior
    # (tibial nerve) inverts the foot; a lesion at the fibular head spares it
    from spinekg.clinical.differential.catalog import space
    from spinekg.clinical.differential.likelihood import column, defaults

    sp = space(kg)
    col, _, _ = column(kg, sp, ("motor", "skg:action_foot_inversion_left"))
    at = {r.key: i for i, r in enumerate(sp.rows)}
    fib = col[at["skg:nerve_common_fibular_left@skg:site_fibular_head_left"]]
    l5 = col[at["skg:root_L5_left"]]
    assert fib <= l5 * defaults(kg)["default_partial_action_factor"] + 1e-9


def test_next_tests_for_a_foot_drop_put_inversion_and_hip_abduction_first(kg):
    # L5 vs the common fibular nerve: hip abduction (gluteus medius, superior gluteal
    # nerve, L5) and inversion (tibialis posterior, tibial nerve) [src_statpearls_peroneal_injury]
    loc = kg.localize(side="left", weakness=["foot drop"], numbness=["dorsum of foot"])
    names = [t.test.label for t in loc.next_tests(5)]
    assert {"left hip abduction", "left foot inversion"} <= set(names)


def test_next_tests_do_not_repeat_the_same_information(kg):
    # thumb abduction and opposition are both median-supplied thenar muscles (MRC Aids
    # [src_mrc1976_aids]): the second adds less than the first once it is proposed
    loc = kg.localize(side="right", numbness=["thumb"])
    tests = list(loc.next_tests(10))
    gains = [t.gain for t in tests]
    assert gains == sorted(gains, reverse=True)
    first = {t.test.label: t.gain for t in tests}
    assert first["right thumb abduction"] > 1.5 * first.get("right thumb opposition", 0)


def test_a_four_root_pattern_is_the_cauda_equina_not_two_nerves(kg):
    # Dawodu (Medscape) [src_dawodu_medscape_ces_cms]: cauda equina syndrome is the
    # simultaneous compression of multiple lumbosacral roots; L3 (anterior thigh, knee
    # extension), L4 (medial shin), L5 (top of foot, big toe extension), S1 (sole, plantar
    # flexion) cannot be two roots; two unrelated nerve lesions are no named pattern
    loc = kg.localize(numbness=["anterior thigh", "medial shin", "top of foot", "sole"],
                      weakness=["knee extension", "great toe extension", "ankle plantar flexion"])
    assert loc.best.kind == "cauda equina" and loc.best.flag
    assert not any(c.kind == "combination" and {t.curie.partition("@")[0] for t in c.targets}
                   <= {"skg:nerve_sciatic_left", "skg:nerve_sciatic_right",
                       "skg:nerve_femoral_left", "skg:nerve_femoral_right"}
                   for c in loc.ranked)


def test_double_crush_keeps_a_root_with_a_nerve_that_carries_its_fibres(kg):
    # Upton and McComas 1973, the double crush: the C6 root and the median nerve at the
    # wrist (C6 fibres run in the median nerve); no pair of two nerve lesions is formed
    loc = kg.localize(side="right", pain=["neck", "lateral forearm"],
                      numbness=["thumb", "index finger", "middle finger"],
                      weakness=["wrist extension 4/5", "APB 4/5"], reflexes={"brachioradialis": "reduced"})
    best = next(c for c in loc.ranked if c.kind == "combination")
    assert {t.curie for t in best.targets} >= {"skg:root_C6_right", "skg:nerve_median_right"}
    for c in loc.ranked:
        if c.kind == "combination":
            kinds = [kg.term(t.curie).kind for t in c.targets]
            assert not all(k in ("PeripheralNerve", "EntrapmentSite") or "Plexus" in k
                           for k in kinds), c.label


def test_clonus_romberg_and_thenar_wasting_point_to_cervical_myelopathy(kg):
    # McCormick 2020 Table 2 [src_mccormick2020_csm_jabfm]: sustained foot clonus, Romberg
    # test and thenar atrophy in cervical spondylotic myelopathy
    loc = kg.localize(signs={"ankle clonus": "present", "Romberg": "positive",
                             "thenar wasting": "present"})
    assert loc.best.root.curie == "skg:condition_degenerative_cervical_myelopathy"
    ev = {e.finding: e for e in loc.best.evidence}
    assert all(e.likelihood_ratio > 1 and e.path.sources for e in ev.values())


def test_suggestions_are_searched_when_read_not_by_the_question(kg):
    from spinekg.clinical import wording

    sug = wording.suggester(kg)
    calls = []
    real = sug.suggest
    sug.suggest = lambda *a, **k: calls.append(a) or real(*a, **k)
    try:
        loc = kg.localize(side="left", numbness=["big toe", "dorsum of fot", "zebra patch"],
                          strict=False)
        assert not calls and len(loc.unresolved) == 2
        assert "dorsum of the foot" in loc.suggestions["numbness: dorsum of fot"]
        assert len(calls) == 2  # each unknown word once, on first reading
        dict(loc.suggestions)
        assert len(calls) == 2
    finally:
        sug.suggest = real


def test_spastic_legs_with_normal_arms_are_a_thoracic_myelopathy(kg):
    # Nagpal and Johnson (AAPM&R) [src_aapmr_thoracic_myelopathy]: a thoracic cord insult
    # with upper motor neuron signs; normal arm reflexes and a negative Hoffmann sign
    # (a cervical cord sign: Hilton 2018 [src_hilton2018_dcm_assessment]) argue against DCM
    loc = kg.localize(signs={"Babinski": "positive", "Hoffmann": "negative", "spasticity": "present"},
                      reflexes={"left knee jerk": "brisk", "right knee jerk": "brisk",
                                "left biceps": "2+", "right biceps": "2+"})
    assert loc.best.root.curie == "skg:condition_thoracic_myelopathy"
    dcm = next(c for c in loc.ranked if c.root.curie == "skg:condition_degenerative_cervical_myelopathy")
    assert {e.finding: e for e in dcm.evidence}["sign: Hoffmann"].likelihood_ratio < 1


def test_anterior_cord_pattern_is_not_a_cauda_equina_tie(kg):
    # Syndrome of the anterior spinal artery (Neurology 1952) [src_asa_syndrome_neurology1952]:
    # loss of pain and temperature below the level, "A disturbance of bladder function occurred
    # in all cases with early retention", vibratory and position sense preserved; StatPearls
    # [src_statpearls_asas]: "There will be the preservation of proprioception"
    loc = kg.localize(weakness=["left hip flexion 1/5", "right hip flexion 1/5"],
                      normal=["proprioception"],
                      signs={"loss of pain and temperature": "present", "urinary retention": "present"})
    assert loc.best.root.curie == "skg:condition_anterior_cord_syndrome"
    ces = next(c for c in loc.ranked if c.kind == "cauda equina")
    assert loc.best.probability > 5 * ces.probability
    ev = _ev(loc.best)
    assert "src_asa_syndrome_neurology1952" in {s.rpartition(":")[2] for s in
                                                ev["sign: urinary retention"].path.sources}
    assert ev["normal: proprioception"].likelihood_ratio > 1  # argued against, and it is normal


def test_absent_reflex_sign_gives_the_cauda_equina_no_brisk_reflexes(kg):
    # Medscape Table 4 [src_dawodu_medscape_ces_cms_table4]: the bulbocavernosus reflex is absent
    # in low cauda equina lesions, which are areflexic; an absent reflex is no upper motor neuron
    # sign, so brisk knee jerks alone never list the cauda equina syndrome
    loc = kg.localize(reflexes={"left knee jerk": "brisk", "right knee jerk": "brisk"})
    assert not [c for c in loc.ranked if c.kind == "cauda equina"]
    loc = kg.localize(numbness=["saddle area"], signs={"absent bulbocavernosus reflex": "present"})
    assert loc.best.kind in ("cauda equina", "conus")
    assert _ev(loc.best)["sign: absent bulbocavernosus reflex"].likelihood_ratio > 1


def test_thumb_numbness_tests_the_c6_key_muscle_before_a_shared_muscle(kg):
    # wrist extension is in the C6 myotome (the muscle the root is tested by); the serratus
    # anterior is supplied by C5, C6 and C7 together, so a C6 lesion weakens it less often
    loc = kg.localize(side="left", numbness=["thumb"])
    order = [t.test.curie for t in loc.next_tests(25)]
    assert order.index("skg:action_wrist_extension_left") < 3
    assert "skg:action_scapular_protraction_left" not in order[:10]
    # and it still proposes the C6 reflex and thenar strength
    assert "skg:reflex_brachioradialis_left" in order
    assert order[0] == "skg:action_thumb_abduction_left"


def test_a_muscle_one_root_supplies_alone_keeps_that_roots_full_sensitivity(kg):
    from spinekg.clinical.differential.candidates import root_items

    c5 = root_items(kg, "skg:root_C5_left")
    c6 = root_items(kg, "skg:root_C6_left")
    # rhomboids: C5 primary only; serratus anterior: C5, C6 and C7 primary
    assert c5[("motor", "skg:action_scapular_retraction_left")][0] == 0.67
    assert c6[("motor", "skg:action_scapular_protraction_left")][0] == pytest.approx(0.67 * 0.5)
