"""Pictures: a body map with the affected areas shaded, and explanation-path diagrams.

Both functions need the ``plot`` extra (matplotlib); matplotlib is imported inside them,
so ``import spinekg`` never needs it.

The body-map shapes are data, not code: ``ontology/body_map.json`` holds one polygon per
body-area CURIE and view (``"front"``, ``"back"``), for both sides, plus the silhouette
under ``"outline"``.

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
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import spinekg as skg
>>> from spinekg.plot import body_map, path_diagram
>>> kg = skg.load()
>>> impact = kg.affected_by("left L5")
>>> body_map(kg, impact).get_title()
"front view — patient's left on the viewer's right"
>>> ax = path_diagram([impact.explain("left great toe extension")])
"""

from __future__ import annotations

import json
import textwrap
import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..clinical.results import Impact
from ..core.search import Path
from ..core.terms import Term, words

__all__ = ["body_map", "path_diagram"]

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


def _check_kg(kg: Any) -> None:
    from ..kg import SpineKG

    if not isinstance(kg, SpineKG):
        raise TypeError(f"kg must be a SpineKG (from spinekg.load()), got {kg!r}")


def _affected_areas(kg: Any, impact_or_terms: Any) -> list[str]:
    """The body-area CURIEs to shade, in order, without repeats."""
    ix = kg.index
    out: list[str] = []

    def add_area(curie: str, given: object) -> None:
        if ix.is_a(curie, "skg:KeySensoryPoint"):
            parents = ix.objects(curie, "skg:partOf")
            if not parents:
                raise ValueError(f"key sensory point {given!r} has no skg:partOf area")
            out.extend(parents)
        elif ix.is_a(curie, "skg:BodyArea"):
            out.append(curie)
        else:
            raise ValueError(f"{given!r} is not a body area or key sensory point; expected "
                             f"an Impact or body areas such as 'left great toe'")

    if isinstance(impact_or_terms, Impact):
        for t in (*impact_or_terms.dermatome_areas, *impact_or_terms.key_sensory_points,
                  *impact_or_terms.pain_areas):
            add_area(t.curie, t)
    elif isinstance(impact_or_terms, (str, bytes)) or not isinstance(impact_or_terms,
                                                                      Iterable):
        raise TypeError(f"impact_or_terms must be an Impact or an iterable of Terms/CURIE "
                        f"strings, got {impact_or_terms!r}")
    else:
        for item in impact_or_terms:
            if isinstance(item, Term):
                add_area(item.curie, item)
            elif isinstance(item, str):
                add_area(kg.term(item).curie, item)
            else:
                raise TypeError(f"expected a Term or a CURIE/label string, got {item!r}")
    return list(dict.fromkeys(out))


def body_map(kg: Any, impact_or_terms: Impact | Iterable[Term | str], *,
             view: str = "front", ax: Any = None, color: Any = "#d62728",
             label: bool = True) -> Any:
    """Draw a schematic body with the affected (lateralised) body areas shaded.

    Anatomical position, drawn as the viewer sees it: with ``view="front"`` the
    patient faces the viewer, so the patient's left is on the **viewer's right**; with
    ``view="back"`` the patient's left is on the **viewer's left**. Left areas are
    only ever drawn on the patient's left; the letters L and R mark the sides.

    Parameters
    ----------
    kg : SpineKG
        The graph the terms come from (for labels and key sensory points).
    impact_or_terms : Impact or iterable of Term or str
        An :class:`~spinekg.Impact` (its ``dermatome_areas``, the areas its
        ``key_sensory_points`` are ``skg:partOf``, and its ``pain_areas``), or body
        areas / key sensory points as Terms, CURIEs or labels.
    view : {"front", "back"}
        Which side of the body to show.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure is made when omitted.
    color : matplotlib colour
        Fill of the affected areas; unaffected areas are light grey.
    label : bool
        Name the affected areas at the side of the figure, with leader lines.

    Returns
    -------
    matplotlib.axes.Axes
        Each area is a ``Polygon`` patch whose ``gid`` is its CURIE.

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
    buttock from the front) are counted in a footnote when ``label`` is true.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import spinekg as skg
    >>> from spinekg.plot import body_map
    >>> kg = skg.load()
    >>> ax = body_map(kg, kg.affected_by("left L5"), view="back")
    >>> shaded = {p.get_gid() for p in ax.patches if p.get_label() == "affected"}
    >>> "skg:area_buttock_left" in shaded, "skg:area_buttock_right" in shaded
    (True, False)
    >>> ax = body_map(kg, ["left great toe", "skg:area_thumb_left"], label=False)
    >>> body_map(kg, [], view="side")
    Traceback (most recent call last):
    ...
    ValueError: view='side'; expected 'front' or 'back'
    """
    if view not in VIEWS:
        raise ValueError(f"view={view!r}; expected 'front' or 'back'")
    _check_kg(kg)
    affected = _affected_areas(kg, impact_or_terms)

    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Polygon

    to_rgba(color)  # a bad colour fails here, before anything is drawn
    data = _shapes()
    shapes: dict[str, list[list[float]]] = data[view]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 8.5))

    for part, pts in data.get("outline", {}).get(view, {}).items():
        ax.add_patch(Polygon(pts, closed=True, facecolor="#fbfbfb", edgecolor="#555555",
                             linewidth=0.9, zorder=1, gid=f"outline:{part}"))

    hit = set(affected)
    order = sorted(shapes, key=lambda c: (c in hit, -abs(_area(shapes[c])), c))
    for z, curie in enumerate(order):
        on = curie in hit
        ax.add_patch(Polygon(shapes[curie], closed=True,
                             facecolor=color if on else _GREY,
                             edgecolor="#444444" if on else _EDGE,
                             linewidth=0.6 if on else 0.4, zorder=2 + z * 1e-3,
                             gid=curie, label="affected" if on else "area"))

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


def path_diagram(paths: Path | Iterable[Path], *, ax: Any = None) -> Any:
    """Draw explanation paths as one directed graph.

    Nodes are the terms on the paths (labelled with their labels), edges the graph's
    edges as stated (subject → object, so an inverse step points against the walk),
    labelled with their predicate. Nodes are laid out left to right by their distance
    from the start of the first path that reaches them; starts are blue, ends orange.

    Parameters
    ----------
    paths : Path or iterable of Path
        E.g. ``kg.paths(...)`` or ``impact.explain(...)``.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The nodes are one ``PathCollection`` with ``gid`` ``"nodes"``.

    Raises
    ------
    TypeError
        ``paths`` holds something that is not a Path.
    ValueError
        ``paths`` is empty (nothing to draw).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import spinekg as skg
    >>> from spinekg.plot import path_diagram
    >>> kg = skg.load()
    >>> found = kg.paths("lumbar spinal stenosis", "hip pain", via="skg:causesSymptom")
    >>> ax = path_diagram(found)
    >>> len(next(c for c in ax.collections if c.get_gid() == "nodes").get_offsets())
    2
    """
    if isinstance(paths, Path):
        paths = [paths]
    if isinstance(paths, (str, bytes)) or not isinstance(paths, Iterable):
        raise TypeError(f"paths must be a Path or an iterable of Paths, got {paths!r}")
    paths = list(paths)
    for p in paths:
        if not isinstance(p, Path):
            raise TypeError(f"expected spinekg.Path objects, got {p!r}")
    if not paths:
        raise ValueError("paths is empty; expected at least one Path to draw")

    import matplotlib.pyplot as plt
    import networkx as nx

    G = nx.DiGraph()
    layer: dict[str, int] = {}
    labels: dict[str, str] = {}
    for p in paths:
        for i, term in enumerate(p.nodes):
            layer[term.curie] = min(layer.get(term.curie, i), i)
            labels[term.curie] = term.label
        for s in p.steps:
            u, v = s.subject.curie, s.object.curie
            name = words(s.predicate)
            if G.has_edge(u, v):
                names = G.edges[u, v]["predicates"]
                if name not in names:
                    names.append(name)
            else:
                G.add_edge(u, v, predicates=[name])
    for node, k in layer.items():
        G.add_node(node, layer=k)

    n_layers = max(layer.values()) + 1
    tallest = max(sum(1 for k in layer.values() if k == i) for i in range(n_layers))
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 2.6 * n_layers), max(2.5, 1.3 * tallest)))
    pos = nx.multipartite_layout(G, subset_key="layer", align="vertical")
    starts = {p.source.curie for p in paths}
    ends = {p.target.curie for p in paths}
    nodes = list(G.nodes)
    colors = ["#9ecae1" if n in starts else "#fdae6b" if n in ends else "#dddddd"
              for n in nodes]
    coll = nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_color=colors, node_size=900,
                                  edgecolors="#555555", ax=ax)
    coll.set_gid("nodes")
    nx.draw_networkx_edges(G, pos, ax=ax, arrows=True, arrowstyle="-|>", arrowsize=14,
                           node_size=900, edge_color="#555555")
    nx.draw_networkx_labels(G, pos, ax=ax, font_size=8,
                            labels={n: textwrap.fill(labels[n], 16) for n in nodes})
    nx.draw_networkx_edge_labels(G, pos, ax=ax, font_size=7,
                                 edge_labels={(u, v): " / ".join(d["predicates"])
                                              for u, v, d in G.edges(data=True)})
    ax.margins(0.15)
    ax.set_axis_off()
    return ax
