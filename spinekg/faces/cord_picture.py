"""The spinal cord crossing: why a lesion of one cord half loses pain on the other side.

:func:`cord_crossing` draws a stretch of the cord seen from behind — its left and right
halves segment by segment, the long tracts each half carries (``skg:carriesTract``),
the crossings of the pain and temperature fibres (``skg:decussatesTo``, the only edges
that join left to right) — and, beside the body's two sides, what a lesion of one half
loses and from which segment down (``skg:servesSide``, ``skg:lesionCauses``). Every
fact is read from the graph. Needs the ``plot`` extra (matplotlib).

Examples
--------
>>> ax = cord_crossing(skg.load(), "left T10 hemicord")
>>> ax.get_legend() is not None
True
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..core.terms import Term
from .body_map import check_kg

__all__ = ["cord_crossing", "TRACT_COLOURS"]

#: Line colours, given to the tracts (a left and right pair share one) in name order.
TRACT_COLOURS = ("#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9")
_HALF = 2.4  # width of a cord half, in data units; a segment is one unit high


def _sign(ix: Any, node: str) -> int:
    """-1 for the patient's left, +1 for the right: seen from behind, left is on the left."""
    side = ix.objects(node, "skg:hasSide") or (node,)
    label = ix.terms[side[0]].label if side[0] in ix.terms else ""
    if label not in ("left", "right"):
        raise ValueError(f"{node!r} has no left or right side")
    return -1 if label == "left" else 1


def _half_segment(kg: Any, lesion: Any) -> str:
    """The cord half a lesion names: a half segment, or the root a half segment gives."""
    ix = kg.index
    curie = lesion.curie if isinstance(lesion, Term) else kg.term(lesion).curie \
        if isinstance(lesion, str) else None
    if curie is None:
        raise TypeError(f"lesion must be a Term or a name such as 'left T10 hemicord', "
                        f"got {lesion!r}")
    if ix.is_a(curie, "skg:SpinalCordHalfSegment"):
        return curie
    halves = [s for s in ix.subjects(curie, "skg:givesRoot")
              if ix.is_a(s, "skg:SpinalCordHalfSegment")]
    if not halves:
        raise ValueError(f"{lesion!r} is neither a half of a spinal cord segment nor a root "
                         f"one gives; expected e.g. 'left T10 hemicord' or 'left T10'")
    return halves[0]


def _name(ix: Any, tract: str) -> str:
    """A tract's label without its side ("left spinothalamic tract" -> "spinothalamic tract")."""
    label = ix.terms[tract].label
    for side in ix.objects(tract, "skg:hasSide"):
        word = ix.terms[side].label + " "
        if label.startswith(word):
            return label[len(word):]
    return label


def cord_crossing(kg: Any, lesion: str | Term, *, above: int = 3, below: int = 5,
                  ax: Any = None, legend: bool = True) -> Any:
    """Draw the cord around a lesion of one half, its tracts, crossings and losses.

    The cord is seen from behind, so the patient's left is on the viewer's left. Each
    segment row shows the two halves and the tracts they carry; grey arrows are the
    ``skg:decussatesTo`` crossings of pain and temperature fibres from the segment
    where they enter to the other half higher up (the crossings into the lesion are
    drawn dark). Bars beside the cord show, for each tract of the lesioned half, the
    side of the body it serves and from which segment down its function is lost: the
    lesion's own segment for a tract that does not cross in the cord, the entry segment
    of the fibres that cross into the lesion for one that does.

    Parameters
    ----------
    kg : SpineKG
        The graph.
    lesion : str or Term
        The lesioned half segment ("left T10 hemicord", a CURIE), or a root (the half
        segment that gives it).
    above, below : int
        How many segments to draw above and below the lesion.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure is made when omitted.
    legend : bool
        Add the legend of tracts, crossings, the lesion and the losses.

    Returns
    -------
    matplotlib.axes.Axes
        The halves are patches with ``gid`` ``"half:<CURIE>"``, the lesion
        ``"lesion:<CURIE>"``, each loss bar ``"loss:<tract CURIE>"`` and each crossing
        arrow ``"crossing:<subject> <object>"``.

    Raises
    ------
    ValueError
        The lesion is neither a cord half nor a root, or ``above``/``below`` is negative.
    TypeError
        ``kg`` is not a SpineKG, or ``lesion`` is not a name or Term.

    Examples
    --------
    >>> kg = skg.load()
    >>> ax = cord_crossing(kg, "left T10")
    >>> sorted(p.get_gid() for p in ax.patches if p.get_gid().startswith("loss:"))[:1]
    ['loss:skg:tract_dorsal_column_left']
    >>> cord_crossing(kg, "left L5", above=-1)
    Traceback (most recent call last):
    ...
    ValueError: above=-1, below=5; expected whole numbers >= 0
    """
    check_kg(kg)
    if not all(isinstance(n, int) and n >= 0 for n in (above, below)):
        raise ValueError(f"above={above!r}, below={below!r}; expected whole numbers >= 0")
    ix = kg.index
    hit = _half_segment(kg, lesion)
    index = {h: int(ix.value(h, "skg:segmentIndex"))
             for h in ix.instances("skg:SpinalCordHalfSegment")
             if ix.value(h, "skg:segmentIndex") is not None}
    at = index[hit]
    rows = [h for h in index if at - above <= index[h] <= at + below]
    top, bottom = min(index[h] for h in rows), max(index[h] for h in rows)

    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, Rectangle

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.0 + 0.62 * (bottom - top + 1) + 1.2))
    tracts = sorted({t for h in rows for t in ix.objects(h, "skg:carriesTract")},
                    key=lambda t: (_name(ix, t), t))
    names = list(dict.fromkeys(_name(ix, t) for t in tracts))
    colour = {n: TRACT_COLOURS[i % len(TRACT_COLOURS)] for i, n in enumerate(names)}
    # the x of each tract inside its half: the first name nearest the midline
    offset = {n: (i + 1) / (len(names) + 1) * _HALF for i, n in enumerate(names)}

    for h in rows:
        s, y = _sign(ix, h), -index[h]
        ax.add_patch(Rectangle((min(0, s * _HALF), y - 0.46), _HALF, 0.92, fc="#eeeeee",
                               ec="#999999", lw=0.6, zorder=1, gid=f"half:{h}"))
        for t in ix.objects(h, "skg:carriesTract"):
            x = s * offset[_name(ix, t)]
            ax.plot([x, x], [y - 0.5, y + 0.5], color=colour[_name(ix, t)], lw=2.2, zorder=2,
                    solid_capstyle="butt")
        level = ix.value(h, "skg:levelName") or ix.terms[h].label
        ax.plot([s * _HALF, s * (_HALF + 0.35)], [y, y], color="#777777", lw=1, zorder=1)
        if s < 0:
            ax.text(0, y, str(level), ha="center", va="center", fontsize=7.5, zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    ax.plot([0, 0], [-bottom - 0.5, -top + 0.5], color="#999999", lw=0.8, ls=(0, (3, 3)),
            zorder=1)
    s_hit = _sign(ix, hit)
    ax.add_patch(Rectangle((min(0, s_hit * _HALF), -at - 0.46), _HALF, 0.92, fc="#d62728",
                           alpha=0.35, hatch="xx", ec="#a50f15", lw=1.5, zorder=3,
                           gid=f"lesion:{hit}"))

    crossing_tract = {}  # the tract of a half that serves the other side (crosses in the cord)
    for h in rows:
        for t in ix.objects(h, "skg:carriesTract"):
            if any(_sign(ix, side) != _sign(ix, h) for side in ix.objects(t, "skg:servesSide")):
                crossing_tract[h] = t
    for h in rows:
        for o in ix.objects(h, "skg:decussatesTo"):
            if o not in index or o not in rows:
                continue
            into = o == hit
            x1 = _sign(ix, o) * offset[_name(ix, crossing_tract[o])] if o in crossing_tract else 0
            arrow = FancyArrowPatch((_sign(ix, h) * _HALF, -index[h]), (x1, -index[o]),
                                    arrowstyle="-|>", mutation_scale=9, lw=1.6 if into else 0.8,
                                    color="#222222" if into else "#aaaaaa", zorder=4 if into else 2,
                                    connectionstyle="arc3,rad=-0.15" if _sign(ix, h) < 0
                                    else "arc3,rad=0.15", gid=f"crossing:{h} {o}")
            ax.add_patch(arrow)

    n_side = {-1: 0, 1: 0}
    for t in sorted(ix.objects(hit, "skg:carriesTract"), key=lambda t: _name(ix, t)):
        crossed = ix.subjects(hit, "skg:decussatesTo") if t == crossing_tract.get(hit) else ()
        start = min((index[c] for c in crossed if c in index), default=at)
        for side in ix.objects(t, "skg:servesSide"):
            s = _sign(ix, side)
            x = s * (_HALF + 0.9 + 0.45 * n_side[s])
            n_side[s] += 1
            ax.add_patch(Rectangle((x - 0.12, -bottom - 0.5), 0.24, bottom + 0.5 - start + 0.5,
                                   fc=colour[_name(ix, t)], ec="none", zorder=3,
                                   gid=f"loss:{t}"))
            effect = "; ".join(ix.terms[e].label for e in ix.objects(t, "skg:lesionCauses"))
            level = ix.value(next(h for h in index if index[h] == start), "skg:levelName")
            text = textwrap.fill(f"{ix.terms[side].label} side: {effect} from {level} down", 30)
            ax.text(s * (_HALF + 2.5), -start - 0.55 * (n_side[s] - 1) * 1.6, text,
                    ha="left" if s > 0 else "right", va="top", fontsize=7.5,
                    color=colour[_name(ix, t)], zorder=6)
    for text, s in (("L", -1), ("R", 1)):
        ax.text(s * _HALF / 2, -top + 1.0, text, ha="center", va="center", fontsize=13,
                fontweight="bold", color="#333333")
    ax.set_title(f"{ix.terms[hit].label}: lesion, crossings and losses\n"
                 "seen from behind — patient's left on the viewer's left", fontsize=9.5)
    ax.set_xlim(-_HALF - 7.5, _HALF + 7.5)
    ax.set_ylim(-bottom - 0.9, -top + 1.5)
    ax.set_axis_off()
    if legend:
        _legend(ax, names, colour)
    return ax


def _legend(ax: Any, names: list[str], colour: dict[str, str]) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Line2D([], [], color=colour[n], lw=2.2, label=n) for n in names]
    handles += [Line2D([], [], color="#222222", lw=1.4, marker=">", markersize=5,
                       label="pain and temperature fibres crossing (skg:decussatesTo)"),
                Patch(fc="#d62728", alpha=0.35, hatch="xx", ec="#a50f15", label="lesion"),
                Patch(fc="#777777", label="lost on that side of the body, from the bar's top down")]
    leg = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
                    fontsize=7.5, frameon=False)
    leg.set_gid("legend")
