"""A worksheet-style picture of an ISNCSCI exam: scores right and left by level, the levels marked.

The middle column names each level's key sensory point (from the graph); the cells on either side hold
light touch, pin prick and, at key-muscle levels, the motor score, shaded by score (hatched when
flagged ``*``/``**``).  Lines mark the sensory and motor levels of each side and the neurological level
of injury (dashed lines where several levels are possible).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from spinekg.clinical.isncsci import isncsci
>>> from spinekg.clinical.isncsci.exam import exam_keys
>>> from spinekg.plot import worksheet
>>> ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
>>> ex.update(analContraction="No", analSensation="No", t8RightTouch="0", t8RightPrick="0")
>>> ax = worksheet(isncsci(skg.load(), ex))
>>> ax.get_legend() is not None
True
"""

from __future__ import annotations

from typing import Any

from ..clinical.isncsci.result import Result

__all__ = ["worksheet", "SENSORY_COLOURS", "MOTOR_COLOURS"]

SENSORY_COLOURS = {"0": "#d7301f", "1": "#fdae61", "2": "#a6d96a", "NT": "#bdbdbd"}
MOTOR_COLOURS = {
    "0": "#b2182b",
    "1": "#e34a33",
    "2": "#fc8d59",
    "3": "#fee08b",
    "4": "#d9ef8b",
    "5": "#66bd63",
    "NT": "#bdbdbd",
}
_LINES = {"sensory": ("#2166ac", "-"), "motor": ("#762a83", "-"), "nli": ("black", "--")}


def _colour(value: str, table: dict[str, str]) -> str:
    base = value.rstrip("*")
    return table.get(base, "#ffffff")


def worksheet(result_or_exam: Any, ax: Any = None, *, kg: Any = None, title: str | None = None):
    """Draw the exam as a worksheet body map; return the matplotlib Axes.

    Parameters
    ----------
    result_or_exam : Result or exam mapping
        A :class:`~spinekg.clinical.isncsci.result.Result`, or an exam (then ``kg`` classifies it).
    ax : matplotlib Axes, optional
        Drawn into a new figure when not given.
    kg : spinekg KG or rdflib.Graph, optional
        Needed only when an exam is given.
    title : str, optional
        Defaults to the NLI and AIS.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    if not isinstance(result_or_exam, Result):
        if kg is None:
            raise TypeError("worksheet: pass a Result, or an exam together with kg= (spinekg.load())")
        from ..clinical.isncsci.classify import isncsci

        result_or_exam = isncsci(kg, result_or_exam)
    r: Result = result_or_exam
    t, e = r.table, r.exam
    rows = list(t.levels[1:])  # C2 ... S4_5, top to bottom
    n = len(rows)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 11))
    # columns: right motor, right LT, right PP | labels | left PP, left LT, left motor
    cols = {
        ("right", "motor"): 0,
        ("right", "touch"): 1,
        ("right", "prick"): 2,
        ("left", "prick"): 8,
        ("left", "touch"): 9,
        ("left", "motor"): 10,
    }
    for i, lv in enumerate(rows):
        y = n - 1 - i
        for (side, kind), x in cols.items():
            s = e.side(side)
            if kind == "motor":
                if lv not in t.motor_levels:
                    continue
                v, colours = s.motor[lv], MOTOR_COLOURS
            else:
                v, colours = getattr(s, kind)[lv], SENSORY_COLOURS
            ax.add_patch(
                Rectangle(
                    (x, y),
                    1,
                    1,
                    facecolor=_colour(v, colours),
                    edgecolor="white",
                    hatch="///" if v.endswith("*") else None,
                    linewidth=1,
                )
            )
            ax.text(x + 0.5, y + 0.5, v, ha="center", va="center", fontsize=7)
        site = t.point(lv, "right").site.replace("right ", "", 1)
        name = lv.replace("_", "-")
        motor = f" | {t.muscle(lv, 'right').label.replace('right ', '', 1)}" if lv in t.motor_levels else ""
        ax.text(5.5, y + 0.5, f"{name}  {site}{motor}", ha="center", va="center", fontsize=7)

    def mark(levels: tuple[str, ...], x0: float, x1: float, kind: str) -> None:
        colour, style = _LINES[kind]
        several = len(levels) > 1
        for v in levels:
            base = v.rstrip("*")
            y = -0.05 if base in ("INT", "S4_5") else n - 1 - rows.index(base) if base in rows else n
            ax.plot([x0, x1], [y, y], color=colour, linestyle=":" if several else style, linewidth=2.5)

    for side, (sx0, sx1, mx0, mx1) in (("right", (1, 3, 0, 1)), ("left", (8, 10, 10, 11))):
        mark(getattr(r, f"{side}_sensory"), sx0, sx1, "sensory")
        mark(getattr(r, f"{side}_motor"), mx0, mx1, "motor")
    mark(r.nli, -0.2, 11.2, "nli")
    for x, text in (
        (0.5, "R motor"),
        (1.5, "R LT"),
        (2.5, "R PP"),
        (5.5, "level  key sensory point | key muscle"),
        (8.5, "L PP"),
        (9.5, "L LT"),
        (10.5, "L motor"),
    ):
        ax.text(x, n + 0.4, text, ha="center", va="bottom", fontsize=8, fontweight="bold")
    f = r.to_totals()
    ax.text(
        5.5,
        -0.9,
        f"anal contraction {e.vac}, deep anal pressure {e.dap} | complete/incomplete "
        f"{f['injuryComplete']} | ZPP sensory R {f['rightSensoryZpp']} L {f['leftSensoryZpp']}, "
        f"motor R {f['rightMotorZpp']} L {f['leftMotorZpp']}",
        ha="center",
        va="top",
        fontsize=7,
    )
    ax.set_xlim(-0.3, 11.3)
    ax.set_ylim(-1.6, n + 1.2)
    ax.set_axis_off()
    ax.set_title(title or f"ISNCSCI: NLI {f['neurologicalLevelOfInjury']}, AIS {f['asiaImpairmentScale']}")
    handles = [Patch(facecolor=c, label=f"sensation {k}") for k, c in SENSORY_COLOURS.items()]
    handles += [Patch(facecolor=MOTOR_COLOURS[k], label=f"motor {k}") for k in ("0", "3", "5")]
    handles += [Patch(facecolor="white", edgecolor="grey", hatch="///", label="flagged * / **")]
    handles += [
        Line2D([], [], color=_LINES[k][0], linestyle=_LINES[k][1], linewidth=2.5, label=lab)
        for k, lab in (("sensory", "sensory level"), ("motor", "motor level"), ("nli", "NLI"))
    ]
    handles += [Line2D([], [], color="grey", linestyle=":", linewidth=2.5, label="one of several possible")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    return ax
