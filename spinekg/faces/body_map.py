"""Body maps: a schematic body with the affected areas shaded by the kind of evidence.

Needs the ``plot`` extra (matplotlib); matplotlib is imported inside the function, so
``import spinekg`` never needs it.

The body-map shapes are data, not code: ``ontology/body_map.json`` holds one polygon per
body-area CURIE and view (``"front"``, ``"back"``), for both sides, plus the silhouette
under ``"outline"``. The back view shows the heel and the sole but no toes.

Anatomical convention
---------------------
The figure shows the body in the anatomical position (standing, arms at the sides, palms
forward) *as the viewer sees it*:

* ``view="front"`` — seen from the front, facing the viewer, like a patient in front of
  the examiner: the patient's **left is on the viewer's right**;
* ``view="back"`` — seen from behind: the patient's **left is on the viewer's left**.

Left areas are only ever drawn on the patient's left. Each view is labelled with the
letters L and R on the patient's sides so the figure reads the same in print.

Examples
--------
>>> kg = skg.load()
>>> ax = body_map(kg, kg.affected_by("left L5"))
>>> ax.get_title()
"front view — patient's left on the viewer's right"
>>> ax.get_legend() is not None
True
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..clinical.results import Impact
from ..core.terms import Term

__all__ = ["body_map", "check_kg", "COLOURS", "KINDS"]

VIEWS = ("front", "back")
_GREY = "#e8e8e8"
_EDGE = "#a0a0a0"
_TITLES = {
    "front": "front view — patient's left on the viewer's right",
    "back": "back view — patient's left on the viewer's left",
}


@lru_cache(maxsize=1)
def _shapes() -> dict[str, Any]:
    """The body-map JSON (read once)."""
    from ..pipeline.build import ontology_dir

    with open(ontology_dir() / "body_map.json", encoding="utf-8") as fh:
        return json.load(fh)


def _area(points: list[list[float]]) -> float:
    """Signed polygon area (shoelace)."""
    s = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        s += x0 * y1 - x1 * y0
    return s / 2


def _centroid(points: list[list[float]]) -> tuple[float, float]:
    """Area-weighted centroid of a simple polygon."""
    a = _area(points)
    if abs(a) < 1e-12:
        n = len(points)
        return sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * a), cy / (6 * a)


def check_kg(kg: Any) -> None:
    """Raise TypeError unless ``kg`` is a SpineKG (the pictures read the graph through it).

    Examples
    --------
    >>> check_kg("kg")
    Traceback (most recent call last):
    ...
    TypeError: kg must be a SpineKG (from spinekg.load()), got 'kg'
    """
    from ..kg import SpineKG

    if not isinstance(kg, SpineKG):
        raise TypeError(f"kg must be a SpineKG (from spinekg.load()), got {kg!r}")


#: The evidence kinds a body map tells apart, in the order they win when an area has several.
KINDS = ("key sensory point", "dermatome", "pain referral", "alternative reading", "selected")
#: Fill colour of each kind (Okabe-Ito, readable with the common colour-vision deficiencies).
COLOURS = {"key sensory point": "#009E73", "dermatome": "#0072B2", "pain referral": "#D55E00",
           "alternative reading": "#CC79A7", "selected": "#E69F00"}
_HATCH = {"alternative reading": "xx"}  # an alternative reading reads as one in grey print too


def _affected_areas(kg: Any, impact_or_terms: Any) -> dict[str, list[str]]:
    """Each body-area CURIE to shade (in order, no repeats) -> the kinds of evidence for it."""
    ix = kg.index
    out: dict[str, list[str]] = {}

    def add_area(curie: str, given: object, kind: str) -> None:
        if ix.is_a(curie, "skg:KeySensoryPoint"):
            parents = ix.objects(curie, "skg:partOf")
            if not parents:
                raise ValueError(f"key sensory point {given!r} has no skg:partOf area")
            for parent in parents:
                out.setdefault(parent, []).append(kind)
        elif ix.is_a(curie, "skg:BodyArea"):
            out.setdefault(curie, []).append(kind)
        else:
            raise ValueError(f"{given!r} is not a body area or key sensory point; expected "
                             f"an Impact or body areas such as 'left great toe'")

    if isinstance(impact_or_terms, Impact):
        imp = impact_or_terms
        for kind, terms in (("dermatome", imp.dermatome_areas),
                            ("key sensory point", imp.key_sensory_points),
                            ("pain referral", imp.pain_areas)):
            for t in terms:
                alt = t.curie in imp.paths and imp.rank(t) == "alternative"
                add_area(t.curie, t, "alternative reading" if alt else kind)
    elif isinstance(impact_or_terms, (str, bytes)) or not isinstance(impact_or_terms,
                                                                      Iterable):
        raise TypeError(f"impact_or_terms must be an Impact or an iterable of Terms/CURIE "
                        f"strings, got {impact_or_terms!r}")
    else:
        for item in impact_or_terms:
            if isinstance(item, Term):
                add_area(item.curie, item, "selected")
            elif isinstance(item, str):
                add_area(kg.term(item).curie, item, "selected")
            else:
                raise TypeError(f"expected a Term or a CURIE/label string, got {item!r}")
    return {c: sorted(set(k), key=KINDS.index) for c, k in out.items()}


def body_map(kg: Any, impact_or_terms: Impact | Iterable[Term | str], *,
             view: str = "front", ax: Any = None, color: Any = None,
             label: bool = True, legend: bool = True) -> Any:
    """Draw a schematic body with the affected (lateralised) body areas shaded.

    Anatomical position, drawn as the viewer sees it: with ``view="front"`` the
    patient faces the viewer, so the patient's left is on the **viewer's right**; with
    ``view="back"`` the patient's left is on the **viewer's left**. Left areas are
    only ever drawn on the patient's left; the letters L and R mark the sides.

    Each area is filled in the colour of the strongest kind of evidence for it
    (:data:`KINDS`, colours :data:`COLOURS`): a key sensory point lies in it, a
    dermatome covers it, pain is referred to it, or only the alternative reading
    (where sources disagree) puts it there (cross-hatched). A dermatome area that also
    receives referred pain is hatched in the pain colour. A legend names the kinds
    drawn.

    Parameters
    ----------
    kg : SpineKG
        The graph the terms come from (for labels and key sensory points).
    impact_or_terms : Impact or iterable of Term or str
        An :class:`~spinekg.Impact` (its ``dermatome_areas``, the areas its
        ``key_sensory_points`` are ``skg:partOf``, and its ``pain_areas``), or body
        areas / key sensory points as Terms, CURIEs or labels (kind ``"selected"``).
    view : {"front", "back"}
        Which side of the body to show.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure is made when omitted.
    color : matplotlib colour, optional
        One fill for every affected area instead of a colour per kind (no hatching).
    label : bool
        Name the affected areas at the side of the figure, with leader lines.
    legend : bool
        Add the legend of the kinds of evidence drawn.

    Returns
    -------
    matplotlib.axes.Axes
        Each area is a ``Polygon`` patch whose ``gid`` is its CURIE; affected areas
        have the label ``"affected"``.

    Raises
    ------
    ValueError
        ``view`` is not "front" or "back", or a term is not a body area.
    TypeError
        ``kg`` is not a SpineKG, or ``impact_or_terms`` is neither an Impact nor an
        iterable of Terms/strings.

    Notes
    -----
    Areas are drawn largest first, unaffected before affected, so a shaded area is
    never hidden by an unshaded one. Affected areas that this view cannot show (the
    buttock from the front, the toes from the back) are counted in a footnote when
    ``label`` is true.

    Examples
    --------
    >>> from spinekg.plot import body_map
    >>> kg = skg.load()
    >>> ax = body_map(kg, kg.affected_by("left L5"), view="back")
    >>> shaded = {p.get_gid() for p in ax.patches if p.get_label() == "affected"}
    >>> "skg:area_buttock_left" in shaded, "skg:area_buttock_right" in shaded
    (True, False)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['dermatome', 'pain referral', 'alternative reading', 'not affected']
    >>> ax = body_map(kg, ["left great toe", "skg:area_thumb_left"], label=False)
    >>> body_map(kg, [], view="side")
    Traceback (most recent call last):
    ...
    ValueError: view='side'; expected 'front' or 'back'
    """
    if view not in VIEWS:
        raise ValueError(f"view={view!r}; expected 'front' or 'back'")
    check_kg(kg)
    kinds = _affected_areas(kg, impact_or_terms)
    affected = list(kinds)

    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Polygon

    if color is not None:
        to_rgba(color)  # a bad colour fails here, before anything is drawn
    data = _shapes()
    shapes: dict[str, list[list[float]]] = data[view]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 8.5))

    for part, pts in data.get("outline", {}).get(view, {}).items():
        ax.add_patch(Polygon(pts, closed=True, facecolor="#fbfbfb", edgecolor="#555555",
                             linewidth=0.9, zorder=1, gid=f"outline:{part}"))

    drawn: list[tuple[str, bool]] = []  # (main kind, hatched with pain) of the areas drawn
    order = sorted(shapes, key=lambda c: (c in kinds, -abs(_area(shapes[c])), c))
    for z, curie in enumerate(order):
        on = curie in kinds
        main = kinds[curie][0] if on else ""
        fill = (color if color is not None else COLOURS[main]) if on else _GREY
        ax.add_patch(Polygon(shapes[curie], closed=True, facecolor=fill,
                             edgecolor="#444444" if on else _EDGE,
                             hatch=_HATCH.get(main) if on and color is None else None,
                             linewidth=0.6 if on else 0.4, zorder=2 + z * 1e-3,
                             gid=curie, label="affected" if on else "area"))
        pain = on and color is None and main != "pain referral" and "pain referral" in kinds[curie]
        if pain:  # the pain hatching over the area's own colour
            ax.add_patch(Polygon(shapes[curie], closed=True, fill=False, hatch="////",
                                 edgecolor=COLOURS["pain referral"], linewidth=0,
                                 zorder=2 + z * 1e-3 + 5e-4, gid=f"pain:{curie}"))
        if on:
            drawn.append((main, pain))

    shown = [c for c in affected if c in shapes]
    if label and shown:
        _label_areas(ax, kg, shown, shapes)
    missing = [c for c in affected if c not in shapes]
    elsewhere = [c for c in missing if any(c in data[v] for v in VIEWS if v != view)]
    nowhere = [c for c in missing if c not in elsewhere]
    if nowhere:
        warnings.warn(f"no body-map shape for {', '.join(nowhere)}; add them to "
                      f"ontology/body_map.json", stacklevel=2)
    if label and elsewhere:
        other = "back" if view == "front" else "front"
        ax.text(0, -24, f"+ {len(elsewhere)} affected area(s) seen in the {other} view",
                ha="center", va="top", fontsize=8, color="#555555")
    if legend:
        _legend(ax, drawn, color)

    # sides: L and R at the patient's left and right
    left_x = 1 if view == "front" else -1
    for text, sign in (("L", left_x), ("R", -left_x)):
        ax.text(sign * 42, 196, text, ha="center", va="center", fontsize=14,
                fontweight="bold", color="#333333")
    ax.set_title(_TITLES[view], fontsize=10)
    ax.set_xlim(-95, 95)
    ax.set_ylim(-30, 202)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def _legend(ax: Any, drawn: list[tuple[str, bool]], color: Any) -> None:
    """A legend entry per kind of evidence drawn (one entry when ``color`` is one fill)."""
    from matplotlib.patches import Patch

    handles = []
    if color is not None:
        if drawn:
            handles.append(Patch(facecolor=color, edgecolor="#444444", label="affected"))
    else:
        for kind in KINDS:
            if any(main == kind for main, _ in drawn):
                handles.append(Patch(facecolor=COLOURS[kind], edgecolor="#444444",
                                     hatch=_HATCH.get(kind), label=kind))
        if any(pain for _, pain in drawn):
            handles.append(Patch(facecolor="white", edgecolor=COLOURS["pain referral"],
                                 hatch="////", label="pain referral as well"))
    handles.append(Patch(facecolor=_GREY, edgecolor=_EDGE, label="not affected"))
    leg = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
                    fontsize=7.5, frameon=False, handlelength=1.6, columnspacing=1.2)
    leg.set_gid("legend")


def _label_areas(ax: Any, kg: Any, curies: list[str], shapes: dict[str, Any]) -> None:
    """Labels in the margins (each on the side its area is drawn), with leader lines."""
    ix = kg.index
    for sign in (1, -1):
        items = []
        for c in curies:
            cx, cy = _centroid(shapes[c])
            if (cx >= 0) == (sign > 0):
                items.append((cy, cx, c))
        items.sort(reverse=True)
        gap, y_prev = 7.5, None
        placed = []
        for cy, cx, c in items:
            y = cy if y_prev is None else min(cy, y_prev - gap)
            placed.append([y, cx, cy, c])
            y_prev = y
        # push back up if the stack ran off the bottom
        lowest = -20.0
        for i in range(len(placed) - 1, -1, -1):
            if placed[i][0] < lowest:
                placed[i][0] = lowest
            lowest = placed[i][0] + gap
        for y, cx, cy, c in placed:
            term = ix.terms.get(c)
            text = term.label if term is not None else c
            ax.annotate(text, xy=(cx, cy), xytext=(sign * 44, y),
                        ha="left" if sign > 0 else "right", va="center", fontsize=7.5,
                        arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.6,
                                    "shrinkA": 1, "shrinkB": 0},
                        zorder=10)
