"""Sensory levels, motor levels and the neurological level of injury (ISNCSCI 2019).

Each function returns the list of possible levels, most rostral first; a trailing ``*`` on a level
marks a result that depends on a flagged score (impairment not due to the injury), ``INT`` means
intact.  The rules follow the ISNCSCI Algorithm of the Praxis Spinal Cord Institute
(https://github.com/praxis-isncsci/algorithm, Apache-2.0), which implements the 2019 revision:

* sensory level: the most caudal level whose key point and every one above have normal (2) light
  touch and pin prick; a not testable point below normal ones makes every level down to the next
  abnormal one possible;
* motor level: the most caudal key muscle graded at least 3 with every key muscle above it graded 5;
  where no key muscle tests a level (C1-C4, T2-L1, S2-S3) the motor level is taken as the sensory level
  (for C4 and L1 when the key muscle below, C5 or L2, is weak, and for T1/S1 when the sensory levels
  of the block and below are normal);
* neurological level of injury: the most caudal level where sensation and motor function are normal
  on both sides.

Examples
--------
>>> from spinekg.clinical.isncsci import table_from_graph
>>> from spinekg.clinical.isncsci.exam import parse_exam
>>> from spinekg.clinical.isncsci.levels import sensory_levels, motor_levels, nli
>>> t = table_from_graph(skg.load().graph)
>>> ex = {f"{lv.lower()}{s}{k}": "2" for lv in t.levels[1:]
...       for s in ("Right", "Left") for k in ("Touch", "Prick")}
>>> ex.update({f"{lv.lower()}{s}Motor": "5" for lv in t.motor_levels for s in ("Right", "Left")})
>>> ex.update(c7RightTouch="1", analContraction="Yes", analSensation="Yes")
>>> e = parse_exam(ex)
>>> sensory_levels(t, e.right), motor_levels(t, e.left, e.vac), nli(t, e)
(['C6'], ['INT'], ['C6'])
"""

from __future__ import annotations

from dataclasses import dataclass

from .exam import Exam, ExamSide
from .table import KeyTable

__all__ = ["Layout", "layout", "check_sensory", "sensory_levels", "motor_levels", "nli", "check_motor"]

ABNORMAL = frozenset({"0", "1", "0*", "1*"})
NT_VARIABLE = frozenset({"0**", "1**"})
NT_NOT_VARIABLE = frozenset({"2", "NT", "NT**"})
WEAK = frozenset({"0", "1", "2"})
NORMAL_M = frozenset({"5", "0**", "1**", "2**", "3**", "4**", "NT**"})
STAR_WEAK = frozenset({"0*", "1*", "2*", "NT*"})
STAR2_WEAK = frozenset({"0**", "1**", "2**"})
NOT_CONT = frozenset({"0*", "1*", "2*", "NT*", "3", "4", "3*", "4*"})
NEXT_BAD = frozenset({"0", "1", "2", "0*", "1*", "2*", "NT", "NT*"})
NEXT_STAR = frozenset({"0*", "1*", "2*", "NT", "NT*"})
NOT_VAR = frozenset({"5", "3", "4", "3*", "4*", "NT"})
STAR2 = frozenset({"0**", "1**", "2**", "3**", "4**", "NT**"})


@dataclass(frozen=True)
class Layout:
    """Positions derived once from a :class:`KeyTable`: level index, kind of each level, blocks."""

    levels: tuple[str, ...]
    motor: tuple[str, ...]
    index: dict
    kind: tuple[str, ...]  # 'sensory', 'pre', 'motor', 'end', 'last' per level
    next_motor: dict  # motor level -> next key muscle in its block (or None at its end)
    pre_of: dict  # 'pre' level -> first key muscle of its block
    block_of: dict  # 'end' level -> (pre level, end level)
    motor_above: tuple[int, ...]  # number of key muscles above level index i (i may run past the end)


_LAYOUTS: dict[int, tuple[KeyTable, Layout]] = {}


def layout(t: KeyTable) -> Layout:
    """The :class:`Layout` of ``t`` (cached)."""
    hit = _LAYOUTS.get(id(t))
    if hit is not None and hit[0] is t:
        return hit[1]
    lv, motor = t.levels, t.motor_levels
    index = {name: i for i, name in enumerate(lv)}
    kind = ["sensory"] * len(lv)
    kind[-1] = "last"
    next_motor, pre_of, block_of = {}, {}, {}
    for block in t.blocks:
        pre = lv[index[block[0]] - 1]
        kind[index[pre]] = "pre"
        pre_of[pre] = block[0]
        for a, b in zip(block, block[1:] + (None,)):
            kind[index[a]] = "motor" if b else "end"
            next_motor[a] = b
        block_of[block[-1]] = (pre, block[-1])
    above = tuple(sum(1 for m in motor if index[m] < i) for i in range(len(lv) + 8))
    out = Layout(lv, motor, index, tuple(kind), next_motor, pre_of, block_of, above)
    _LAYOUTS[id(t)] = (t, out)
    return out


def _star(level: str, variable: bool) -> str:
    return level + "*" if variable else level


def check_sensory(s: ExamSide, level: str, nxt: str, variable: bool) -> tuple[bool, str | None, bool]:
    """One step down the sensory levels: (continue, possible level, variable)."""
    lt, pp = s.touch[nxt], s.prick[nxt]
    if lt == "2" and pp == "2":
        return True, None, variable
    if lt in ABNORMAL or pp in ABNORMAL:
        return False, _star(level, variable), variable
    if lt == "NT*" or pp == "NT*":
        return False, level + "*", True
    if lt == "NT" or pp == "NT":
        if lt in NT_VARIABLE or pp in NT_VARIABLE:
            return True, _star(level, variable), True
        return True, _star(level, variable), variable
    return True, None, True


def sensory_levels(t: KeyTable, s: ExamSide) -> list[str]:
    """Possible sensory levels of one side, e.g. ``['T3']`` or ``['C5', 'C6']``."""
    lv = layout(t).levels
    out, variable = [], False
    for i in range(len(lv) - 1):
        cont, level, var = check_sensory(s, lv[i], lv[i + 1], variable)
        variable = variable or var
        if level:
            out.append(level)
        if not cont:
            return out
    out.append(_star("INT", variable))
    return out


def check_motor(s: ExamSide, level: str, nxt: str, variable: bool) -> tuple[bool, str | None, bool]:
    """One step down the key muscles of a block: (continue, possible level, variable)."""
    m, n = s.motor[level], s.motor[nxt]
    cont, out, var = False, None, variable
    if m not in WEAK and m not in NOT_CONT and n not in WEAK:
        cont = True
    if not (m in NORMAL_M and n not in NEXT_BAD):
        if m in STAR_WEAK or (m in STAR2_WEAK and n in NEXT_STAR):
            out = level + "*"
        else:
            out = _star(level, variable)
    if m not in NOT_VAR:
        if m in STAR2:
            if n not in WEAK:
                var = True
        else:
            var = True
    elif m == "5" and n in STAR2_WEAK:
        var = True
    return cont, out, var


def _before_block(s: ExamSide, level: str, nxt: str, variable: bool) -> tuple[bool, str | None, bool]:
    n = s.motor[nxt]
    return (n not in WEAK, _star(level, variable) if n in NEXT_BAD else None, variable or n in STAR2_WEAK)


def _end_of_block(s: ExamSide, lay: Layout, level: str, variable: bool) -> tuple[bool, str | None, bool]:
    pre, end = lay.block_of[level]
    lv = lay.levels
    s_cont, s_level, s_var = True, None, False
    for i in range(lay.index[pre], lay.index[end] + 1):
        c, lvl, v = check_sensory(s, lv[i], lv[i + 1], False)
        if not c:
            s_cont = False
        if lvl:
            s_level = lvl
        if v:
            s_var = True
    m = s.motor[level]
    cont, out, var = True, None, variable
    if m in ("3", "4", "0*", "1*", "2*", "3*", "4*", "NT*") or not s_cont:
        cont = False
    if m == "NT" or not (m in NORMAL_M and s_cont and not s_level):
        if m in STAR_WEAK or (m in STAR2_WEAK and (s_level or not s_cont)):
            out = level + "*"
        else:
            out = _star(level, variable)
    if (
        m in STAR_WEAK
        or m in STAR2_WEAK
        or (m in ("3**", "4**", "NT**") and s_cont)
        or (m in ("5", "NT") and s_cont and s_var and not s_level)
    ):
        var = True
    return cont, out, var


def motor_levels(t: KeyTable, s: ExamSide, vac: str) -> list[str]:
    """Possible motor levels of one side; ``vac`` is the voluntary anal contraction."""
    lay = layout(t)
    lv = lay.levels
    out: list[str] = []
    variable = False
    for i, level in enumerate(lv):
        k = lay.kind[i]
        if k == "sensory":
            res = check_sensory(s, level, lv[i + 1], variable)
        elif k == "pre":
            res = _before_block(s, level, lay.pre_of[level], variable)
        elif k == "motor":
            res = check_motor(s, level, lay.next_motor[level], variable)
        elif k == "end":
            res = _end_of_block(s, lay, level, variable)
        else:  # the last level (S4-5): voluntary anal contraction decides
            above = lv[i - 1]
            had = above in out or above + "*" in out
            if vac == "No":
                if had:
                    return out
                res = (False, _star(above, variable), variable)
            elif vac == "NT":
                if not had:
                    out.append(_star(above, variable))
                res = (False, _star("INT", variable), variable)
            else:
                res = (False, _star("INT", variable), variable)
        variable = variable or res[2]
        if res[1]:
            out.append(res[1])
        if not res[0]:
            return out
    return out


def _without_motor(level: str, left, right, variable: bool) -> tuple[bool, str | None, bool]:
    out = None
    if left[1] or right[1]:
        if left[1] and right[1] and "*" in left[1] and "*" in right[1]:
            out = level + "*"
        else:
            out = _star(level, variable)
    return left[0] and right[0], out, variable or left[2] or right[2]


def _with_motor(e: Exam, lay: Layout, level: str, sens, variable: bool) -> tuple[bool, str | None, bool]:
    k = lay.kind[lay.index[level]]
    res = []
    for s in (e.left, e.right):
        if k == "pre":
            res.append(_before_block(s, level, lay.pre_of[level], variable))
        elif k == "end":
            res.append(check_motor(s, level, level, variable))
        else:
            res.append(check_motor(s, level, lay.next_motor[level], variable))
    left, right = res
    out = None
    if left[1] or right[1] or sens[1]:
        if left[1] and right[1] and ("*" in left[1] or "*" in right[1]):
            out = level + "*"
        else:
            out = _star(level, variable)
    if not sens[0]:
        return sens[0], out, sens[2]
    return left[0] and right[0], out, variable or sens[2] or left[2] or right[2]


def nli(t: KeyTable, e: Exam) -> list[str]:
    """Possible neurological levels of injury of an exam."""
    lay = layout(t)
    lv = lay.levels
    out: list[str] = []
    variable = False
    for i in range(len(lv) - 1):
        level = lv[i]
        left = check_sensory(e.left, level, lv[i + 1], variable)
        right = check_sensory(e.right, level, lv[i + 1], variable)
        res = _without_motor(level, left, right, variable)
        if lay.kind[i] in ("pre", "motor", "end"):
            res = _with_motor(e, lay, level, res, variable)
        variable = variable or res[2]
        if res[1]:
            out.append(res[1])
        if not res[0]:
            return out
    out.append(_star("INT", variable))
    return out
