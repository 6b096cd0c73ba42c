"""Score totals: upper and lower extremity motor scores (UEMS, LEMS) per side, light touch and pin prick.

A total is ``None`` (shown ``"ND"``, not determinable) when any score in it is ``NT``; flags are ignored
(a ``"3*"`` counts 3).  Upper extremity muscles are the first block of key muscles (C5-T1), lower
extremity the second (L2-S1), both read from the :class:`~spinekg.clinical.isncsci.table.KeyTable`.

Examples
--------
>>> from spinekg.clinical.isncsci.exam import ExamSide, Exam
>>> from spinekg.clinical.isncsci.totals import totals
>>> from spinekg.clinical.isncsci import table_from_graph
>>> t = table_from_graph(skg.load().graph)
>>> s = ExamSide({m: "5" for m in t.motor_levels}, {l: "2" for l in t.levels[1:]},
...              {l: "1*" for l in t.levels[1:]})
>>> tot = totals(t, Exam(s, s, "Yes", "Yes"))
>>> tot.right_upper_motor, tot.upper_motor, tot.touch, tot.right_prick
(25, 50, 112, 28)
>>> tot.as_strings()["lowerMotorTotal"]
'50'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from .exam import Exam
from .table import KeyTable

__all__ = ["Totals", "totals", "TOTAL_KEYS", "camel"]


def camel(name: str) -> str:
    """The reference cases' camel-case spelling of a snake-case field name.

    >>> camel("right_upper_motor")
    'rightUpperMotor'
    """
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)



@dataclass(frozen=True)
class Totals:
    """The 14 totals of the worksheet; ``None`` where a score is not testable."""

    right_upper_motor: int | None
    left_upper_motor: int | None
    upper_motor: int | None
    right_lower_motor: int | None
    left_lower_motor: int | None
    lower_motor: int | None
    right_motor: int | None
    left_motor: int | None
    right_touch: int | None
    left_touch: int | None
    touch: int | None
    right_prick: int | None
    left_prick: int | None
    prick: int | None

    def as_strings(self) -> dict[str, str]:
        """The totals keyed as in the reference cases, ``"ND"`` for not determinable."""
        return {TOTAL_KEYS[f.name]: _fmt(getattr(self, f.name)) for f in fields(self)}


#: Reference-case key of each :class:`Totals` field: ``right_upper_motor`` -> ``rightUpperMotorTotal``.
TOTAL_KEYS: dict[str, str] = {f.name: camel(f.name) + "Total" for f in fields(Totals)}


def _fmt(v: int | None) -> str:
    return "ND" if v is None else str(v)


def _sum(values: Iterable[str]) -> int | None:
    total = 0
    for v in values:
        if v.startswith("NT"):
            return None
        total += int(v.rstrip("*"))
    return total


def _add(*vals: int | None) -> int | None:
    return None if any(v is None for v in vals) else sum(vals)  # type: ignore[arg-type]


def _side(t: KeyTable, motor: Mapping[str, str], touch: Mapping[str, str], prick: Mapping[str, str]):
    upper, lower = t.blocks[0], t.blocks[-1]
    return (
        _sum(motor[m] for m in upper),
        _sum(motor[m] for m in lower),
        _sum(motor[m] for m in t.motor_levels),
        _sum(touch[lv] for lv in t.levels[1:]),
        _sum(prick[lv] for lv in t.levels[1:]),
    )


def totals(t: KeyTable, e: Exam) -> Totals:
    """Compute the :class:`Totals` of an exam."""
    ru, rl, rm, rt, rp = _side(t, e.right.motor, e.right.touch, e.right.prick)
    lu, ll, lm, lt, lp = _side(t, e.left.motor, e.left.touch, e.left.prick)
    return Totals(
        ru, lu, _add(ru, lu), rl, ll, _add(rl, ll), rm, lm, rt, lt, _add(rt, lt), rp, lp, _add(rp, lp)
    )
