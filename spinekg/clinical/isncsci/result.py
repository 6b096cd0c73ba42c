"""The classification result: every field a tuple of the possible values.

Examples
--------
>>> from spinekg.clinical.isncsci import isncsci
>>> from spinekg.clinical.isncsci.exam import exam_keys
>>> ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
>>> ex.update(c6RightTouch="1", c6RightPrick="1", analContraction="Yes", analSensation="Yes")
>>> r = isncsci(skg.load(), ex)
>>> r.right_sensory, r.nli, r.ais
(('C5',), ('C5',), ('D',))
>>> r.to_totals()["rightSensory"], r.to_totals()["rightMotorZpp"]
('C5', 'NA')
>>> print(r.explain().splitlines()[0])
right sensory level C5: every key sensory point down to C5 is normal; the C6 key point (right C6 ...
...[skg:ksp_C6_right -> skg:dermatome_C6_right -> skg:root_C6_right] is not
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .exam import Exam
from .table import KeyTable
from .totals import Totals, camel

__all__ = ["Result", "format_text", "CLASSIFICATION_KEYS"]



@dataclass(frozen=True)
class Result:
    """An ISNCSCI classification.

    Level fields hold level names (``'C5'``, ``'INT'`` intact); ``injury_complete`` ``'C'``/``'I'``;
    ``ais`` ``'A'``-``'E'``; ZPPs a level or ``'NA'``.  Several values mean each is possible (a not
    testable or flagged score leaves the answer open); a trailing ``*`` marks a value that rests on a
    score flagged as not due to the injury.  ``totals`` holds the score totals.
    """

    right_sensory: tuple[str, ...]
    left_sensory: tuple[str, ...]
    right_motor: tuple[str, ...]
    left_motor: tuple[str, ...]
    nli: tuple[str, ...]
    injury_complete: tuple[str, ...]
    ais: tuple[str, ...]
    right_sensory_zpp: tuple[str, ...]
    left_sensory_zpp: tuple[str, ...]
    right_motor_zpp: tuple[str, ...]
    left_motor_zpp: tuple[str, ...]
    totals: Totals
    exam: Exam = field(repr=False, compare=False)
    table: KeyTable = field(repr=False, compare=False)

    def to_totals(self) -> dict[str, str]:
        """The result in the reference cases' ``totals`` format (comma lists, ``INT``, ``NA``, ``ND``)."""
        out = self.totals.as_strings()
        out.update({key: ",".join(getattr(self, name)) for name, key in CLASSIFICATION_KEYS.items()})
        return out

    def explain(self) -> str:
        """Say, line by line, which key point or key muscle decided each level, with its path to the root."""
        lines = []
        for side in ("right", "left"):
            for v in getattr(self, f"{side}_sensory"):
                lines.append(f"{side} sensory level {v}: {self._why_sensory(side, v.rstrip('*'))}")
        for side in ("right", "left"):
            for v in getattr(self, f"{side}_motor"):
                lines.append(f"{side} motor level {v}: {self._why_motor(side, v.rstrip('*'))}")
        lines.append(
            f"neurological level of injury {','.join(self.nli)}: the most caudal level with normal sensation "
            f"and motor function on both sides (sensory R {','.join(self.right_sensory)} / L "
            f"{','.join(self.left_sensory)}, motor R {','.join(self.right_motor)} / L "
            f"{','.join(self.left_motor)})"
        )
        e = self.exam
        s45 = ", ".join(
            f"{s} S4-5 LT {e.side(s).touch['S4_5']} PP {e.side(s).prick['S4_5']}" for s in ("right", "left")
        )
        lines.append(
            f"injury {','.join(self.injury_complete)} (C complete, I incomplete): voluntary anal contraction "
            f"{e.vac}, deep anal pressure {e.dap}, {s45}"
        )
        lines.append(f"AIS {','.join(self.ais)}: {_AIS_WHY}")
        for kind in ("sensory", "motor"):
            for side in ("right", "left"):
                z = ",".join(getattr(self, f"{side}_{kind}_zpp"))
                why = (
                    "NA: not applicable with sacral sparing"
                    if z == "NA"
                    else "lowest level with preserved function"
                )
                lines.append(f"{side} {kind} ZPP {z}: {why}")
        return "\n".join(lines)

    def _why_sensory(self, side: str, base: str) -> str:
        t = self.table
        if base == "INT":
            return "every key sensory point C2 ... S4-5 is normal (or not testable)"
        nxt = t.levels[t.levels.index(base) + 1]
        return (f"every key sensory point down to {base} is normal; the {nxt} key point "
                f"{self._point(side, nxt)} is not")

    def _point(self, side: str, level: str) -> str:
        p = self.table.point(level, side)
        s = self.exam.side(side)
        return (
            f"({p.label}: light touch {s.touch[level]}, pin prick {s.prick[level]}) [{' -> '.join(p.path)}]"
        )

    def _why_motor(self, side: str, base: str) -> str:
        t, s = self.table, self.exam.side(side)
        if base == "INT":
            return (
                f"every key muscle is normal, sensation normal and voluntary anal contraction {self.exam.vac}"
            )
        if base in t.motor_levels:
            m = t.muscle(base, side)
            return (
                f"key muscle {m.label} ({base}) graded {s.motor[base]}, every key muscle above graded 5 "
                f"[{' -> '.join(m.path)}]"
            )
        i = t.levels.index(base)
        nxt = t.levels[i + 1]
        if nxt in t.motor_levels:
            m = t.muscle(nxt, side)
            return (
                f"no key muscle tests {base}: the motor level is the sensory level, as the key muscle below, "
                f"{m.label} ({nxt}), is graded {s.motor[nxt]} [{' -> '.join(m.path)}]"
            )
        if nxt == t.levels[-1] and self.exam.vac != "Yes":
            return f"no key muscle tests {base}; voluntary anal contraction is {self.exam.vac}"
        return (f"no key muscle tests {base}: the motor level is the sensory level; the {nxt} key point "
                f"{self._point(side, nxt)} is not normal")


#: Reference-case key of each classification field of :class:`Result` (``right_sensory`` ->
#: ``rightSensory``; the two abbreviations spelled out as the reference cases spell them).
CLASSIFICATION_KEYS: dict[str, str] = {
    f.name: {"nli": "neurologicalLevelOfInjury", "ais": "asiaImpairmentScale"}.get(f.name, camel(f.name))
    for f in fields(Result) if f.name not in ("totals", "exam", "table")
}

_AIS_WHY = (
    "A complete; B sensory but no motor function more than three levels below the motor level (non-key "
    "muscles count); C motor incomplete with fewer than half of the key muscles below the neurological "
    "level graded 3 or more; D at least half; E normal"
)


def format_text(result: Result) -> str:
    """The classification as a short text block for printing.

    Examples
    --------
    >>> from spinekg.clinical.isncsci import isncsci, format_text
    >>> from spinekg.clinical.isncsci.exam import exam_keys
    >>> ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
    >>> ex.update(analContraction="Yes", analSensation="Yes")
    >>> print(format_text(isncsci(skg.load(), ex)))  # doctest: +NORMALIZE_WHITESPACE
                            right   left
    sensory level           INT     INT
    motor level             INT     INT
    sensory ZPP             NA      NA
    motor ZPP               NA      NA
    neurological level      INT
    complete/incomplete     I
    AIS                     E
    UEMS (R+L)              25+25 = 50
    LEMS (R+L)              25+25 = 50
    light touch (R+L)       56+56 = 112
    pin prick (R+L)         56+56 = 112
    """
    f = result.to_totals()

    def row(name: str, right: str, left: str = "") -> str:
        return f"{name:<24}{right:<8}{left}".rstrip()

    lines = [
        row("", "right", "left"),
        row("sensory level", f["rightSensory"], f["leftSensory"]),
        row("motor level", f["rightMotor"], f["leftMotor"]),
        row("sensory ZPP", f["rightSensoryZpp"], f["leftSensoryZpp"]),
        row("motor ZPP", f["rightMotorZpp"], f["leftMotorZpp"]),
        row("neurological level", f["neurologicalLevelOfInjury"]),
        row("complete/incomplete", f["injuryComplete"]),
        row("AIS", f["asiaImpairmentScale"]),
    ]
    for name, k in (
        ("UEMS", "UpperMotor"),
        ("LEMS", "LowerMotor"),
        ("light touch", "Touch"),
        ("pin prick", "Prick"),
    ):
        total = f[k[0].lower() + k[1:] + "Total"]
        lines.append(row(f"{name} (R+L)", f"{f['right' + k + 'Total']}+{f['left' + k + 'Total']} = {total}"))
    return "\n".join(lines)
