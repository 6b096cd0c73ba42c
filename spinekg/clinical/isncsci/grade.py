"""Completeness and the ASIA Impairment Scale (ISNCSCI 2019).

* complete (``C``) means no sacral sparing: no light touch or pin prick at S4-5 on either side, no deep
  anal pressure and no voluntary anal contraction; otherwise incomplete (``I``);
* AIS A complete; B sensory incomplete with no motor function more than three levels below the motor
  level on either side (a non-key muscle with motor function counts, which decides B against C);
  C motor incomplete with fewer than half of the key muscles below the neurological level graded 3 or
  more; D at least half; E normal (all intact with anal contraction).  Motor incomplete means
  voluntary anal contraction, or sacral sensory sparing with motor function more than three levels
  below the motor level on one side.

Each rule returns every grade that a not testable or flagged score leaves possible, as the ISNCSCI
Algorithm of the Praxis Spinal Cord Institute (https://github.com/praxis-isncsci/algorithm, Apache-2.0)
does.

Examples
--------
>>> from spinekg.clinical.isncsci.grade import injury_complete
>>> from spinekg.clinical.isncsci.exam import Exam, ExamSide
>>> side = ExamSide({}, {"S4_5": "0"}, {"S4_5": "NT"})
>>> injury_complete(Exam(side, side, "No", "No"))
['C', 'I']
"""

from __future__ import annotations

from .exam import Exam, ExamSide
from .levels import Layout, layout, nli
from .table import KeyTable

__all__ = ["injury_complete", "ais"]

CAN_BE_ABSENT = frozenset({"0", "NT", "0*", "NT*"})


def _s45(e: Exam) -> tuple[str, str, str, str]:
    return e.right.touch["S4_5"], e.right.prick["S4_5"], e.left.touch["S4_5"], e.left.prick["S4_5"]


def injury_complete(e: Exam) -> list[str]:
    """Possible completeness: ``['C']``, ``['I']``, ``['C', 'I']``, ``['I*']`` or ``['C*', 'I*']``."""
    vals = _s45(e)
    if e.vac == "No" and e.dap == "No":
        if all(v == "0" for v in vals):
            return ["C"]
        if all(v in ("0", "0*") for v in vals):
            return ["C*", "I*"]
        if all(v in ("0", "0**") for v in vals):
            return ["I*"]
    if e.vac != "Yes" and e.dap != "Yes" and all(v in CAN_BE_ABSENT for v in vals):
        return ["C", "I"]
    return ["I"]


def _sensory_preserved(e: Exam) -> tuple[bool, bool]:
    vals = _s45(e)
    result = e.dap != "No" or any(v != "0" for v in vals)
    variable = (
        e.dap == "No" and not all(v == "0" for v in vals) and all(v in ("0", "0*", "0**") for v in vals)
    )
    return result, variable


def _start(lay: Layout, m: str) -> int:
    """Index into the key muscles of the first one more than three levels below motor level ``m``."""
    base = m.replace("*", "")
    i = lay.index["S4_5"] if base == "INT" else lay.index[base] + 4
    return lay.motor_above[i]


def _no_motor_below(lay: Layout, s: ExamSide, levels: list[str]) -> tuple[bool, bool]:
    variable = False
    for m in levels:
        none_found = True
        for lvl in lay.motor[_start(lay, m) :]:
            v = s.motor[lvl]
            if v in ("0*", "0**"):
                variable = True
            if v not in CAN_BE_ABSENT or lvl == s.nonkey:
                none_found = False
                break
        if none_found:
            return True, variable
    return False, False


def _motor_below(lay: Layout, s: ExamSide, levels: list[str]) -> tuple[bool, bool]:
    variable = False
    for m in levels:
        for lvl in lay.motor[_start(lay, m) :]:
            v = s.motor[lvl]
            if v == "0**":
                variable = True
            if v != "0" or lvl == s.nonkey:
                return True, variable
    return variable, variable


def _c_rule(lay: Layout, e: Exam, nlis: list[str]) -> tuple[bool, bool]:
    """Fewer than half of the key muscles below the NLI can be graded 3 or more."""
    for n in nlis:
        n = n.replace("*", "")
        i = lay.index["S4_5"] if n == "INT" else lay.index[n]
        start = lay.motor_above[i + 1]
        half = len(lay.motor) - start
        count = variable = 0
        for lvl in lay.motor[start:]:
            for s in (e.left, e.right):
                v = s.motor[lvl]
                if v in ("0", "1", "2", "NT", "NT*"):
                    count += 1
                elif v in ("0*", "1*", "2*"):
                    count += 1
                    variable += 1
            if count - variable > half:
                return True, False
        if count > half and count - variable <= half:
            return True, True
    return False, False


_AT_LEAST_3_VAR = frozenset({"0*", "1*", "2*", "0**", "1**", "2**"})


def _d_rule(lay: Layout, e: Exam, nlis: list[str]) -> tuple[bool, bool]:
    """At least half of the key muscles below the NLI can be graded 3 or more."""
    result = variable = False
    for n in nlis:
        n = n.replace("*", "")
        if n == "INT":
            break
        start = lay.motor_above[lay.index[n] + 1]
        half = len(lay.motor) - start
        if half == 0:
            return True, False
        count = var = 0
        for lvl in lay.motor[start:]:
            for s in (e.left, e.right):
                v = s.motor[lvl]
                count += v not in ("0", "1", "2")
                var += v in _AT_LEAST_3_VAR
            if count - var >= half:
                return True, False
        if count >= half:
            result = True
            variable = variable or count - var < half
    return result, variable


def ais(t: KeyTable, e: Exam, complete: list[str], motor: dict[str, list[str]], nlis: list[str]) -> list[str]:
    """Possible ASIA Impairment Scale grades.

    ``complete`` is :func:`injury_complete`'s answer, ``motor`` the possible motor levels per side
    (``{'right': [...], 'left': [...]}``) and ``nlis`` the possible neurological levels.
    """
    lay = layout(t)
    if e.vac == "Yes" and nlis == ["INT"]:
        return ["E"]
    if e.vac == "Yes" and nlis == ["INT*"]:
        return ["E*"]
    out = []
    if any("C" in c for c in complete):
        out.append("A*" if any("*" in c for c in complete) else "A")
    sp, sp_var = _sensory_preserved(e)
    r_no, r_var = _no_motor_below(lay, e.right, motor["right"])
    l_no, l_var = _no_motor_below(lay, e.left, motor["left"])
    if sp and e.vac != "Yes" and r_no and l_no:
        out.append("B*" if sp_var or (e.vac == "No" and (l_var or r_var)) else "B")
    # motor incomplete?
    mi, mi_var = e.vac != "No", False
    if not mi and sp:
        r, rv = _motor_below(lay, e.right, motor["right"])
        lft, lv = _motor_below(lay, e.left, motor["left"])
        if r or lft:
            mi, mi_var = True, rv or lv
    if mi:
        c, c_var = _c_rule(lay, e, nlis)
        if c:
            bare = e.without_flags()
            c_bare, _ = _c_rule(lay, bare, nli(t, bare))
            out.append("C*" if c_var or mi_var or not c_bare else "C")
        d, d_var = _d_rule(lay, e, nlis)
        if d:
            out.append("D*" if d_var or mi_var else "D")
    if e.vac != "No":
        if "INT*" in nlis:
            out.append("E*")
        elif "INT" in nlis:
            out.append("E")
    return out
