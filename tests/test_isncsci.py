"""spinekg.clinical.isncsci: the 59 public ISNCSCI 2019 reference cases, cases written from the
standard's text, the key table read from the graph, input errors, the worksheet picture."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from spinekg.clinical.isncsci import (
    ExamError,
    classify,
    exam_keys,
    format_text,
    isncsci,
    parse_exam,
    table_from_graph,
)
from spinekg.errors import SpineKGError

REPO = Path(__file__).resolve().parents[1]
# CI copies shared/ beside the clone (<repo>/../shared); SPINEKG_SHARED points elsewhere when it is not.
SHARED = Path(os.environ.get("SPINEKG_SHARED", REPO.parent / "shared"))
CASES = SHARED / "reference" / "isncsci" / "isncsci_2019_public_cases.json"


def _cases() -> list[dict]:
    # CI copies shared/ beside the clone; a missing file is a failure, never a skip.
    assert CASES.exists(), f"reference cases not found at {CASES} (shared/ must sit beside the repository)"
    return json.loads(CASES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def table(kg):
    return table_from_graph(kg.graph)


def test_the_public_cases_are_all_there():
    assert len(_cases()) == 59


@pytest.mark.parametrize(
    "case", _cases() if CASES.exists() else [None], ids=lambda c: f"case{c['id']}" if c else "missing"
)
def test_public_case_matches_on_every_field(case, table):
    assert case is not None, f"reference cases not found at {CASES}"
    got = classify(case, table).to_totals()
    assert set(got) == set(case["totals"])
    diff = {k: (v, got[k]) for k, v in case["totals"].items() if got[k] != v}
    assert not diff, f"case {case['id']} (expected, got): {diff}"


def _normal(**changes) -> dict:
    ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
    ex.update(analContraction="Yes", analSensation="Yes")
    ex.update(changes)
    return ex


def _below(level: str, sensory: str = "0", motor: str = "0", **changes) -> dict:
    """Normal down to ``level`` on both sides, every score below it ``sensory``/``motor``."""
    order = ["c2", "c3", "c4", "c5", "c6", "c7", "c8", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8",
             "t9", "t10", "t11", "t12", "l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3", "s4_5"]  # fmt: skip
    cut = order.index(level.lower()) + 1
    ex = _normal(analContraction="No", analSensation="No")
    for k in exam_keys():
        lv = k.split("Right")[0].split("Left")[0]
        if order.index(lv) >= cut:
            ex[k] = motor if k.endswith("Motor") else sensory
    ex.update(changes)
    return ex


# Expected values below are written from the ISNCSCI 2019 worksheet rules (Rupp et al., Top Spinal
# Cord Inj Rehabil 2021;27(2):1-22, doi:10.46292/sci2702-1), not from this implementation's output.


def test_all_normal_exam_is_intact_and_e(table):
    # Normal sensation and motor everywhere with anal contraction: every level INT; grade E (the
    # reference algorithm returns E for an all-normal exam; the standard gives E only to patients who had
    # deficits before, which the exam itself cannot know).
    r = classify(_normal(), table)
    assert r.right_sensory == r.left_sensory == r.right_motor == r.left_motor == r.nli == ("INT",)
    assert r.injury_complete == ("I",) and r.ais == ("E",)
    assert r.right_sensory_zpp == r.right_motor_zpp == ("NA",)
    assert (
        r.totals.upper_motor == 50
        and r.totals.lower_motor == 50
        and r.totals.touch == 112
        and r.totals.prick == 112
    )


def test_complete_c5_injury_is_a_with_zpp_at_the_levels(table):
    # C5 and above normal, nothing below, no sacral sparing: sensory, motor and NLI C5, complete, AIS A;
    # the ZPPs are the levels themselves (no partly preserved level below).
    r = classify(_below("C5"), table)
    assert r.right_sensory == r.left_sensory == ("C5",)
    assert r.right_motor == r.left_motor == ("C5",)
    assert r.nli == ("C5",) and r.injury_complete == ("C",) and r.ais == ("A",)
    assert r.right_sensory_zpp == r.left_sensory_zpp == ("C5",)
    assert r.right_motor_zpp == r.left_motor_zpp == ("C5",)
    assert r.totals.right_upper_motor == 5


def test_thoracic_motor_level_takes_the_sensory_level(table):
    # T6 sensory level, arms normal, legs 0: no key muscle for T2-L1, so the motor level is T6 too.
    r = classify(_below("T6"), table)
    assert r.right_motor == r.left_motor == ("T6",) and r.nli == ("T6",) and r.ais == ("A",)


def test_c4_motor_level_when_c5_is_weak(table):
    # Sensation normal to C4, C5 key muscle 2: motor level C4 (taken from sensory, as C5 < 3).
    r = classify(_below("C4", sensory="0", motor="2"), table)
    assert r.right_motor == ("C4",) and r.nli == ("C4",)


def test_motor_level_is_lowest_muscle_3_with_5_above(table):
    # Elbow extension (C7) 3 with C5, C6 graded 5 and C8 0: motor level C7.
    ex = _below("T1", sensory="0", motor="0", c7RightMotor="3", c8RightMotor="0", t1RightMotor="0",
                c7LeftMotor="3", c8LeftMotor="0", t1LeftMotor="0")  # fmt: skip
    r = classify(ex, table)
    assert r.right_motor == r.left_motor == ("C7",)


def test_sacral_sensory_sparing_only_is_b(table):
    # Sacral light touch spared, no anal contraction, no motor below: sensory incomplete, AIS B.
    r = classify(_below("T10", s4_5RightTouch="1"), table)
    assert r.injury_complete == ("I",) and r.ais == ("B",)
    assert r.right_sensory_zpp == ("NA",)  # sacral sparing on that side: not applicable


def test_non_key_muscle_more_than_three_levels_below_makes_c(table):
    # Same exam with a non-key muscle with motor function at L5, more than three levels below the T10
    # motor level: motor incomplete, and with fewer than half the key muscles below >= 3, AIS C.
    ex = _below("T10", s4_5RightTouch="1", rightLowestNonKeyMuscleWithMotorFunction="L5")
    assert classify(ex, table).ais == ("C",)


def test_anal_contraction_makes_motor_incomplete(table):
    ex = _below("T10", analContraction="Yes")
    r = classify(ex, table)
    assert r.ais == ("C",) and r.right_motor_zpp == ("NA",)
    ex = _below("T10", analContraction="Yes", motor="3")
    assert classify(ex, table).ais == ("D",)


def test_not_testable_point_gives_several_levels(table):
    # C6 not testable on the right with C7 absent: the sensory level may be C5 or C6.
    ex = _below("C6", c6RightTouch="NT", c6RightPrick="NT")
    assert classify(ex, table).right_sensory == ("C5", "C6")
    # an NT score makes its totals not determinable
    r = classify(_normal(c6RightTouch="NT"), table)
    assert r.totals.right_touch is None and r.to_totals()["touchTotal"] == "ND"
    assert r.to_totals()["rightPrickTotal"] == "56"


def test_not_testable_sacral_items_leave_complete_open(table):
    ex = _below("T4", s4_5RightTouch="NT", analSensation="NT")
    r = classify(ex, table)
    assert r.injury_complete == ("C", "I")
    assert "A" in r.ais and "B" in r.ais
    assert r.right_sensory_zpp[0] == "NA"


def test_flag_on_a_score_marks_the_level(table):
    # C6 light touch 1** (impairment not due to the injury): the result carries a star.
    r = classify(_normal(c6RightTouch="1**"), table)
    assert any("*" in v for v in r.right_sensory)


def test_to_totals_has_the_reference_keys(table):
    keys = set(_cases()[0]["totals"])
    assert set(classify(_normal(), table).to_totals()) == keys


def test_explain_names_the_deciding_point_and_root(table):
    r = classify(_below("C5"), table)
    text = r.explain()
    assert (
        "right sensory level C5" in text
        and "skg:ksp_C6_right -> skg:dermatome_C6_right -> skg:root_C6_right" in text
    )
    assert "right wrist extension" in text or "right elbow flexion" in text
    assert "skg:root_C5_right" in text


def test_format_text(kg):
    text = format_text(isncsci(kg, _normal()))
    assert "AIS" in text and "E" in text and "25+25 = 50" in text


def test_accepts_series_nested_and_numbers(kg, table):
    pd = pytest.importorskip("pandas")
    ex = _below("T6")
    row = pd.DataFrame([ex]).iloc[0]
    assert classify(row, table).nli == ("T6",)
    nested = {s: {"motor": {}, "lightTouch": {}, "pinPrick": {}} for s in ("right", "left")}
    for k, v in ex.items():
        for side in ("Right", "Left"):
            if side in k:
                lv, kind = k.split(side)
                part = {"Motor": "motor", "Touch": "lightTouch", "Prick": "pinPrick"}[kind]
                nested[side.lower()][part][lv.upper()] = v
    nested.update(voluntaryAnalContraction="No", deepAnalPressure="No")
    assert classify(nested, table).to_totals() == classify(ex, table).to_totals()
    numeric = {k: (int(v) if v.isdigit() else v) for k, v in ex.items()}
    assert classify(numeric, table).nli == ("T6",)


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"c6LeftMotor": "6"}, "c6LeftMotor", "not a motor score"),
        ({"t4RightTouch": "3"}, "t4RightTouch", "not a sensory score"),
        ({"c5RightMotor": "4***"}, "c5RightMotor", "unknown flag"),
        ({"c5RightMotor": "5*"}, "c5RightMotor", "unknown flag"),
        ({"l2LeftPrick": "2*"}, "l2LeftPrick", "unknown flag"),
        ({"analContraction": "maybe"}, "analContraction", "Yes"),
        (
            {"rightLowestNonKeyMuscleWithMotorFunction": "X9"},
            "rightLowestNonKeyMuscleWithMotorFunction",
            "level",
        ),
        ({"s4_5RightPrick": None}, "s4_5RightPrick", "missing"),
    ],
)
def test_bad_input_names_the_field(change, field, words, table):
    with pytest.raises(ExamError) as err:
        classify(_normal(**change), table)
    assert str(err.value).startswith(field) and words in str(err.value)
    assert isinstance(err.value, ValueError) and isinstance(err.value, SpineKGError)


def test_missing_key_is_named(table):
    ex = _normal()
    del ex["l3LeftMotor"]
    with pytest.raises(ExamError, match="^l3LeftMotor: missing"):
        classify(ex, table)


def test_not_an_exam(kg):
    with pytest.raises(TypeError):
        parse_exam(["c5RightMotor"])
    with pytest.raises(TypeError):
        isncsci(object(), _normal())


def test_table_comes_from_the_graph(kg):
    from rdflib import Graph, URIRef

    t = table_from_graph(kg.graph)
    assert t.muscle("L4", "left").label == "left ankle dorsiflexion"
    assert t.point("T4", "right").path[-1] == "skg:root_T4_right"
    assert t.anal["right"].label == "voluntary anal contraction"
    # a graph without a key muscle at L3 is not the standard: refused, not silently patched
    g = Graph()
    for triple in kg.graph:
        g.add(triple)
    skg_ = "https://w3id.org/spinekg/"
    g.remove((URIRef(skg_ + "myotome_L3_right"), URIRef(skg_ + "hasKeyMuscleAction"), None))
    with pytest.raises(SpineKGError, match="key muscle levels"):
        table_from_graph(g)


def test_worksheet_renders_with_a_legend(kg, tmp_path):
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    from spinekg.plot import worksheet

    case = _cases()[0]
    ax = worksheet(isncsci(kg, case))
    assert ax.get_legend() is not None
    out = tmp_path / "worksheet.png"
    ax.figure.savefig(out, dpi=80)
    assert out.stat().st_size > 10_000
    ax2 = worksheet(case, kg=kg)  # an exam works too
    assert ax2.get_legend() is not None
