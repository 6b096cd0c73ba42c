"""Zones of partial preservation (ISNCSCI 2019).

A ZPP is the most caudal level, below the sensory or motor level, that keeps some function; it applies
to injuries with absent sacral function.  ``NA`` is given when it does not apply: with deep anal
pressure or sacral sensation (sensory ZPP), with voluntary anal contraction (motor ZPP), and as one of
the possibilities when a sacral item is not testable.  In AIS C the lowest non-key muscle with motor
function is considered when it lies more than three levels below a candidate.  The rules follow the
ISNCSCI Algorithm of the Praxis Spinal Cord Institute (https://github.com/praxis-isncsci/algorithm,
Apache-2.0).

Examples
--------
>>> from spinekg.clinical.isncsci.exam import ExamSide
>>> from spinekg.clinical.isncsci.zpp import sensory_zpp
>>> from spinekg.clinical.isncsci import table_from_graph
>>> t = table_from_graph(skg.load().graph)
>>> lv = t.levels[1:]
>>> s = ExamSide({}, {l: ("2" if l in ("C2", "C3") else "0") for l in lv}, {l: "0" for l in lv})
>>> sensory_zpp(t, s, "No")
['C3']
"""

from __future__ import annotations

import re

from .exam import ExamSide
from .levels import layout
from .table import KeyTable

__all__ = ["sensory_zpp", "motor_zpp"]

CAN_BE_ABSENT = frozenset({"0", "NT", "0*", "NT*"})


def _check(s: ExamSide, level: str, variable: bool) -> tuple[bool, str | None, bool]:
    pp, lt = s.prick[level], s.touch[level]
    if pp == "0" and lt == "0":
        return True, None, variable
    if pp not in CAN_BE_ABSENT or lt not in CAN_BE_ABSENT:
        return False, level + "*" if variable else level, variable
    if pp in ("NT", "NT*") or lt in ("NT", "NT*"):
        return True, level + "*" if variable else level, variable
    return True, level + "*", True


def sensory_zpp(t: KeyTable, s: ExamSide, dap: str) -> list[str]:
    """Possible sensory ZPP of one side; ``dap`` is deep anal pressure."""
    if (
        dap not in ("No", "NT")
        or s.touch["S4_5"] not in CAN_BE_ABSENT
        or s.prick["S4_5"] not in CAN_BE_ABSENT
    ):
        return ["NA"]
    lv = layout(t).levels
    cont, level, _ = _check(s, "S4_5", False)
    out = ["NA"] if dap == "NT" or not cont or level is not None else []
    found: list[str] = []
    variable = False
    for i in range(len(lv) - 2, -1, -1):  # S3 up to C1
        if i == 0:
            found.append(lv[0])
            break
        cont, level, var = _check(s, lv[i], variable)
        variable = variable or var
        if level:
            found.append(level)
        if not cont:
            break
    return out + found[::-1]


class _Lv:
    __slots__ = ("name", "lt", "pp", "motor", "index", "previous")

    def __init__(self, name, lt, pp, motor, index):
        self.name, self.lt, self.pp, self.motor, self.index, self.previous = name, lt, pp, motor, index, None


_NORMAL_S = re.compile(r"(^2$)|(\*\*$)")
_NORMAL_M = re.compile(r"(^5$)|(\*\*$)")
_HAS_FUNCTION = re.compile(r"^[1-5]|^(NT|[0-4])\*\*$")
_NT_OR_0STAR = re.compile(r"^(NT\*?$)|(0\*$)")
_BELOW_S1 = re.compile(r"(S2|S3|INT)\*?(,|$)")


def _range(t: KeyTable, s: ExamSide, top: str, bottom: str):
    lay = layout(t)
    cur = top_lv = bottom_lv = nonkey = first_star = last_normal = None
    for i, name in enumerate(lay.levels):
        m = s.motor[name] if name in lay.next_motor else None
        lv = _Lv(name, "2" if i == 0 else s.touch[name], "2" if i == 0 else s.prick[name], m, i)
        if first_star is None and ("*" in lv.lt or "*" in lv.pp or "*" in (m or "")):
            first_star = lv
        if last_normal is None and (
            not _NORMAL_S.search(lv.lt) or not _NORMAL_S.search(lv.pp) or not _NORMAL_M.search(m or "")
        ):
            last_normal = cur
        if m is not None and name == s.nonkey:
            nonkey = lv
        if name == top:
            cur = top_lv = lv
        elif cur is not None:
            lv.previous = cur
            cur = lv
        if name == bottom:
            bottom_lv = cur
            if last_normal is None:
                last_normal = cur
            break
    if top_lv is None or bottom_lv is None or last_normal is None:
        raise ValueError("motor ZPP: cannot determine the range of levels to check")
    return top_lv, bottom_lv, nonkey, first_star, last_normal


def _star(lv: _Lv, last_normal: _Lv, first_star: _Lv | None) -> bool:
    if first_star is None:
        return False
    if lv.motor is not None:
        return "0*" in lv.motor
    if re.search(r"\d\*", lv.lt) or re.search(r"\d\*", lv.pp):
        return True
    return first_star.index <= lv.index <= last_normal.index


def motor_zpp(t: KeyTable, s: ExamSide, vac: str, ais: list[str], motor: list[str]) -> list[str]:
    """Possible motor ZPP of one side, given the AIS grades and this side's motor levels."""
    if vac == "Yes":
        return ["NA"]
    zpp = ["NA"] if vac == "NT" else []
    test_nonkey = any("C" in a.upper() for a in ais)
    bare = [m.replace("*", "") for m in motor]
    motor_str = ",".join(bare)
    top = bare[0]
    bottom = ("S3" if bare[-1] == "INT" else bare[-1]) if _BELOW_S1.search(",".join(motor)) else "S1"
    top_lv, _, nonkey, first_star, last_normal = _range(t, s, top, bottom)
    cur = _
    add_nonkey = nonkey_added = False
    while True:
        is_top = cur.name == top_lv.name
        override = test_nonkey and nonkey is not None and nonkey.index - cur.index > 3
        if cur.motor is not None:
            is_nonkey = nonkey is not None and cur.name == nonkey.name
            name = cur.name + ("*" if _star(cur, last_normal, first_star) else "")
            function = bool(_HAS_FUNCTION.search(cur.motor))
            if function or _NT_OR_0STAR.search(cur.motor):
                if override:
                    add_nonkey = True
                else:
                    zpp.insert(0, name)
                    nonkey_added = nonkey_added or is_nonkey
            if function or is_top:
                break
        else:
            if cur.name in motor_str:
                if override:
                    add_nonkey = True
                else:
                    zpp.insert(0, cur.name + ("*" if _star(cur, last_normal, first_star) else ""))
            if is_top:
                break
        cur = cur.previous
    if add_nonkey and not nonkey_added and nonkey is not None:
        zpp.append(nonkey.name)
    idx = layout(t).index
    zpp.sort(key=lambda z: -1 if z == "NA" else idx.get(z.replace("*", "", 1), -1))
    return zpp
