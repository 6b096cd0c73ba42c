"""Read and check an ISNCSCI exam.

An exam is given flat, as in the published reference cases: ``c5RightMotor``, ``s4_5LeftPrick``,
``t4RightTouch`` ... with values ``"0"``-``"2"`` (sensation) or ``"0"``-``"5"`` (motor) or ``"NT"``
(not testable), optionally flagged ``*`` or ``**`` (impairment not due to the spinal cord injury), plus
``analContraction`` and ``analSensation`` (``"Yes"``/``"No"``/``"NT"``) and optionally
``rightLowestNonKeyMuscleWithMotorFunction`` / ``leftLowestNonKeyMuscleWithMotorFunction`` (a level).
A dict, any mapping, a pandas Series (one row of a table) or the nested form of the Praxis
algorithm (``{"right": {"motor": {...}, "lightTouch": {...}, "pinPrick": {...}}, "left": ...,
"voluntaryAnalContraction": ..., "deepAnalPressure": ...}``) are accepted.

Examples
--------
>>> from spinekg.clinical.isncsci.exam import parse_exam, exam_keys
>>> flat = {k: "2" for k in exam_keys() if k.endswith(("Touch", "Prick"))}
>>> flat.update({k: "5" for k in exam_keys() if k.endswith("Motor")})
>>> flat.update(analContraction="Yes", analSensation="Yes")
>>> parse_exam(flat).right.motor["C5"]
'5'
>>> parse_exam({**flat, "c6LeftMotor": "6"})
Traceback (most recent call last):
...
spinekg.clinical.isncsci.exam.ExamError: c6LeftMotor: '6' is not a motor score (0-5 or NT, ...)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import SpineKGError
from .table import SIDES, STANDARD_LEVELS, STANDARD_MOTOR_LEVELS

__all__ = ["ExamError", "ExamSide", "Exam", "parse_exam", "exam_keys", "SENSORY_VALUES", "MOTOR_VALUES"]

SENSORY_LEVELS = STANDARD_LEVELS[1:]  # C2 ... S4_5 carry a key sensory point
#: Accepted sensory scores; a flag marks an impairment not due to the injury (``**``: consider normal).
SENSORY_VALUES = frozenset({"0", "1", "2", "0*", "1*", "0**", "1**", "NT", "NT*", "NT**"})
#: Accepted motor scores.
MOTOR_VALUES = frozenset(
    {str(i) for i in range(6)} | {f"{i}{f}" for i in range(5) for f in ("*", "**")} | {"NT", "NT*", "NT**"}
)
ANAL_VALUES = {"yes": "Yes", "no": "No", "nt": "NT"}
_CAP = {"right": "Right", "left": "Left"}


class ExamError(SpineKGError, ValueError):
    """An exam value is missing or not allowed; the message starts with the field's name."""


@dataclass(frozen=True)
class ExamSide:
    """One side of an exam: scores by level name (``'C5'``, ``'S4_5'``) and the lowest non-key muscle."""

    motor: Mapping[str, str]
    touch: Mapping[str, str]
    prick: Mapping[str, str]
    nonkey: str | None = None


@dataclass(frozen=True)
class Exam:
    """A checked exam: ``right`` and ``left`` sides, ``vac`` (voluntary anal contraction) and ``dap``
    (deep anal pressure), each ``'Yes'``, ``'No'`` or ``'NT'``."""

    right: ExamSide
    left: ExamSide
    vac: str
    dap: str

    def side(self, name: str) -> ExamSide:
        """The ``'right'`` or ``'left'`` side."""
        return self.right if name == "right" else self.left

    def without_flags(self) -> Exam:
        """The same exam with every ``*`` removed (used by the AIS C rule)."""

        def strip(d: Mapping[str, str]) -> dict[str, str]:
            return {k: v.replace("*", "") for k, v in d.items()}

        sides = [
            ExamSide(strip(s.motor), strip(s.touch), strip(s.prick), s.nonkey)
            for s in (self.right, self.left)
        ]
        return Exam(sides[0], sides[1], self.vac, self.dap)


def exam_keys() -> list[str]:
    """The 132 flat score keys in worksheet order (right then left; touch, prick, motor).

    Examples
    --------
    >>> from spinekg.clinical.isncsci.exam import exam_keys
    >>> keys = exam_keys()
    >>> len(keys), keys[0], keys[-1]
    (132, 'c2RightTouch', 's1LeftMotor')
    """
    out = []
    for side in SIDES:
        for lv in SENSORY_LEVELS:
            out += [f"{lv.lower()}{_CAP[side]}Touch", f"{lv.lower()}{_CAP[side]}Prick"]
        out += [f"{lv.lower()}{_CAP[side]}Motor" for lv in STANDARD_MOTOR_LEVELS]
    return out


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def _score(field: str, v: Any, allowed: frozenset[str], what: str) -> str:
    if _missing(v):
        raise ExamError(f"{field}: missing; every key sensory point and key muscle needs a score or 'NT'")
    if isinstance(v, bool):
        raise ExamError(f"{field}: {v!r} is not a {what}")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip().upper()
    if s in allowed:
        return s
    base = s.rstrip("*")
    if base in {x.rstrip("*") for x in allowed} and s.endswith("*"):
        flag = s[len(base) :]
        reason = "a normal score cannot be flagged" if len(flag) <= 2 else "flags are * or **"
        raise ExamError(f"{field}: {v!r} has an unknown flag {flag!r} ({reason})")
    raise ExamError(f"{field}: {v!r} is not a {what}")


def _anal(field: str, v: Any) -> str:
    if _missing(v):
        raise ExamError(f"{field}: missing; expected 'Yes', 'No' or 'NT'")
    if isinstance(v, bool):
        return "Yes" if v else "No"
    s = ANAL_VALUES.get(str(v).strip().lower())
    if s is None:
        raise ExamError(f"{field}: {v!r} is not 'Yes', 'No' or 'NT'")
    return s


def _nonkey(field: str, v: Any) -> str | None:
    if _missing(v):
        return None
    s = str(v).strip().upper().replace("-", "_").replace("S4_S5", "S4_5")
    if s not in STANDARD_LEVELS[1:]:
        raise ExamError(f"{field}: {v!r} is not a level C2 ... S4_5")
    return s


def _from_nested(exam: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {
        "analContraction": exam.get("voluntaryAnalContraction"),
        "analSensation": exam.get("deepAnalPressure"),
    }
    for side in SIDES:
        s = exam.get(side)
        if not isinstance(s, Mapping):
            raise ExamError(f"{side}: expected a mapping with motor, lightTouch and pinPrick")
        cap = _CAP[side]
        for part, suffix in (("motor", "Motor"), ("lightTouch", "Touch"), ("pinPrick", "Prick")):
            for lv, val in (s.get(part) or {}).items():
                flat[f"{str(lv).lower()}{cap}{suffix}"] = val
        flat[f"{side}LowestNonKeyMuscleWithMotorFunction"] = s.get("lowestNonKeyMuscleWithMotorFunction")
    return flat


def parse_exam(exam: Any) -> Exam:
    """Check an exam and return it as an :class:`Exam`.

    Parameters
    ----------
    exam : Mapping, pandas.Series or Exam
        The flat reference-case form, the nested Praxis form, or an :class:`Exam` (returned as is).
        Other keys (``id``, ``totals``, comments) are ignored.  Numbers (``5``, ``2.0``) are read as
        scores; ``"nt"``/``"yes"`` in any case are accepted.

    Raises
    ------
    ExamError
        Naming the field: a missing key point or key muscle, a score out of range, an unknown flag,
        an anal item that is not Yes/No/NT, or a non-key muscle that is not a level.

    Examples
    --------
    >>> from spinekg.clinical.isncsci.exam import parse_exam
    >>> parse_exam({"analContraction": "No"})
    Traceback (most recent call last):
    ...
    spinekg.clinical.isncsci.exam.ExamError: c2RightTouch: missing; every key sensory point ...
    """
    if isinstance(exam, Exam):
        return exam
    if hasattr(exam, "to_dict") and not isinstance(exam, Mapping):  # pandas Series
        exam = exam.to_dict()
    if not isinstance(exam, Mapping):
        raise TypeError(f"an exam is a mapping (dict, pandas Series), got {type(exam).__name__}")
    if "right" in exam and "left" in exam and isinstance(exam.get("right"), Mapping):
        exam = _from_nested(exam)
    sides = []
    for side in SIDES:
        cap = _CAP[side]
        touch, prick, motor = {}, {}, {}
        for lv in SENSORY_LEVELS:
            for d, suffix in ((touch, "Touch"), (prick, "Prick")):
                key = f"{lv.lower()}{cap}{suffix}"
                d[lv] = _score(
                    key,
                    exam.get(key),
                    SENSORY_VALUES,
                    "sensory score (0-2 or NT, optionally flagged * or **)",
                )
        for lv in STANDARD_MOTOR_LEVELS:
            key = f"{lv.lower()}{cap}Motor"
            motor[lv] = _score(
                key, exam.get(key), MOTOR_VALUES, "motor score (0-5 or NT, optionally flagged * or **)"
            )
        nk = f"{side}LowestNonKeyMuscleWithMotorFunction"
        sides.append(ExamSide(motor, touch, prick, _nonkey(nk, exam.get(nk))))
    vac = _anal("analContraction", exam.get("analContraction"))
    dap = _anal("analSensation", exam.get("analSensation"))
    return Exam(sides[0], sides[1], vac, dap)
