"""Explanation-path diagrams: the terms on some paths as boxes, the sourced edges as arrows.

Needs the ``plot`` extra (matplotlib); matplotlib is imported inside the function.

Examples
--------
>>> kg = skg.load()
>>> ax = path_diagram([kg.affected_by("left L5").explain("left great toe extension")])
>>> ax.get_legend().get_title().get_text()
'node kind'
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

from ..core.search import Path
from ..curies import words

__all__ = ["path_diagram", "KIND_COLOURS"]

#: Box colours, given to the node kinds in the order they first appear on the paths.
KIND_COLOURS = ("#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6", "#fb9a99", "#ffff99", "#8dd3c7",
                "#bebada", "#80b1d3", "#fccde5", "#d9d9d9", "#bc80bd")
_START, _END = "#08519c", "#a63603"  # box borders of where the paths start and end
_DX, _DY = 3.4, 1.5  # data units between layers and between the nodes of a layer


def _check_paths(paths: Any) -> list[Path]:
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
    return paths


def _graph(paths: list[Path]) -> tuple[dict[str, tuple[int, Any]], dict[tuple[str, str], Any]]:
    """Nodes (CURIE -> (layer, Term)) and edges ((subject, object) -> predicates, frequencies)."""
    nodes: dict[str, tuple[int, Any]] = {}
    edges: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for p in paths:
        for i, term in enumerate(p.nodes):
            layer = min(nodes[term.curie][0], i) if term.curie in nodes else i
            nodes[term.curie] = (layer, term)
        for s in p.steps:
            names, freqs = edges.setdefault((s.subject.curie, s.object.curie), ([], []))
            name = words(s.predicate)
            if name not in names:
                names.append(name)
            if s.info.frequency and s.info.frequency not in freqs:
                freqs.append(s.info.frequency)
    return nodes, edges


def _edge_text(names: list[str], freqs: list[str]) -> str:
    text = " / ".join(names)
    return f"{text}\n({', '.join(freqs)})" if freqs else text


def path_diagram(paths: Path | Iterable[Path], *, ax: Any = None, legend: bool = True) -> Any:
    """Draw explanation paths as one directed graph.

    Nodes are the terms on the paths, drawn as boxes coloured by their kind (a legend
    names the kinds); the boxes where paths start and end have a dark blue and a dark
    orange border. Edges are the graph's edges as stated (subject → object, so an
    inverse step points against the walk), labelled with their predicate and, where the
    graph gives one, the frequency (``common``, ``rare`` ...). Nodes are laid out left
    to right by their distance from the start of the first path that reaches them; edge
    labels are placed along their edge where they overlap no box and no other label.

    Parameters
    ----------
    paths : Path or iterable of Path
        E.g. ``kg.paths(...)`` or ``impact.explain(...)``.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure is made when omitted.
    legend : bool
        Add the legend of node kinds, starts and ends.

    Returns
    -------
    matplotlib.axes.Axes
        The node positions are one ``PathCollection`` with ``gid`` ``"nodes"``; each
        box is a text with ``gid`` ``"node:<CURIE>"``, each edge label one with ``gid``
        ``"edge:<subject> <object>"``.

    Raises
    ------
    TypeError
        ``paths`` holds something that is not a Path.
    ValueError
        ``paths`` is empty (nothing to draw).

    Examples
    --------
    >>> from spinekg.plot import path_diagram
    >>> kg = skg.load()
    >>> found = kg.paths("lumbar spinal stenosis", "hip pain", via="skg:causesSymptom")
    >>> ax = path_diagram(found)
    >>> len(next(c for c in ax.collections if c.get_gid() == "nodes").get_offsets())
    2
    >>> [t.get_text() for t in ax.texts if t.get_gid().startswith("edge:")]
    ['causes symptom\\n(common)']
    """
    paths = _check_paths(paths)
    import matplotlib.pyplot as plt

    nodes, edges = _graph(paths)
    by_layer: dict[int, list[str]] = {}
    for curie, (layer, _) in nodes.items():
        by_layer.setdefault(layer, []).append(curie)
    n_layers = max(by_layer) + 1
    tallest = max(len(v) for v in by_layer.values())
    pos = {c: (k * _DX, ((len(col) - 1) / 2 - i) * _DY)
           for k, col in by_layer.items() for i, c in enumerate(col)}
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.5, 2.9 * n_layers), max(2.8, 1.25 * tallest + 1.4)))
    ax.set_xlim(-0.6 * _DX, (n_layers - 0.4) * _DX)
    half = max(1.0, (tallest - 1) / 2 * _DY + 0.9)
    ax.set_ylim(-half, half)
    ax.set_axis_off()

    kinds = list(dict.fromkeys(term.kind for _, term in nodes.values()))
    colour = {k: KIND_COLOURS[i % len(KIND_COLOURS)] for i, k in enumerate(kinds)}
    starts = {p.source.curie for p in paths}
    ends = {p.target.curie for p in paths}
    coll = ax.scatter([x for x, _ in pos.values()], [y for _, y in pos.values()], s=4,
                      c="#555555", zorder=1)
    coll.set_gid("nodes")
    boxes = {}
    for curie, (_, term) in nodes.items():
        border = _START if curie in starts else _END if curie in ends else "#666666"
        boxes[curie] = ax.text(*pos[curie], textwrap.fill(term.label, 18), ha="center",
                               va="center", fontsize=8, zorder=4, gid=f"node:{curie}",
                               bbox={"boxstyle": "round,pad=0.35", "fc": colour[term.kind],
                                     "ec": border,
                                     "lw": 2.0 if border != "#666666" else 0.8})
    renderer = _renderer(ax.figure)
    size = {c: _data_size(ax, t, renderer) for c, t in boxes.items()}
    taken = [t.get_window_extent(renderer) for t in boxes.values()]
    for (u, v), (names, freqs) in edges.items():
        _draw_edge(ax, pos, size, u, v, _edge_text(names, freqs), renderer, taken)
    if legend:
        _legend(ax, kinds, colour, starts, ends)
    return ax


def _renderer(fig: Any) -> Any:
    canvas = fig.canvas
    if not hasattr(canvas, "get_renderer"):  # a backend that cannot measure text
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(fig)
    return canvas.get_renderer()


def _data_size(ax: Any, text: Any, renderer: Any) -> tuple[float, float]:
    """Half width and half height of a text's box, in data units."""
    text.update_bbox_position_size(renderer)
    box = text.get_bbox_patch().get_window_extent(renderer)
    inv = ax.transData.inverted()
    (x0, y0), (x1, y1) = inv.transform([[box.x0, box.y0], [box.x1, box.y1]])
    return abs(x1 - x0) / 2, abs(y1 - y0) / 2


def _exit(centre: tuple[float, float], half: tuple[float, float],
          towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the centre of a box towards a point leaves the box."""
    (cx, cy), (hw, hh) = centre, half
    dx, dy = towards[0] - cx, towards[1] - cy
    scale = min(hw / abs(dx) if dx else float("inf"), hh / abs(dy) if dy else float("inf"))
    scale = min(scale, 1.0)
    return cx + dx * scale, cy + dy * scale


def _draw_edge(ax: Any, pos: dict, size: dict, u: str, v: str, text: str, renderer: Any,
               taken: list) -> None:
    from matplotlib.patches import FancyArrowPatch

    a = _exit(pos[u], size[u], pos[v])
    b = _exit(pos[v], size[v], pos[u])
    same_column = abs(pos[u][0] - pos[v][0]) < 1e-9
    rad = 0.35 if same_column else 0.0
    ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12, color="#555555",
                                 lw=1.0, shrinkA=2, shrinkB=2, zorder=2,
                                 connectionstyle=f"arc3,rad={rad}"))
    label = ax.text(0, 0, text, ha="center", va="center", fontsize=7, zorder=5,
                    color="#222222", gid=f"edge:{u} {v}", linespacing=1.1,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.9})
    bend = (-(b[1] - a[1]) * rad / 2, (b[0] - a[0]) * rad / 2)  # the arc's bulge
    best, best_hits = None, None
    for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.45, 0.55, 0.2, 0.8):
        for lift in (0.0, 0.3, -0.3, 0.6, -0.6):
            x = a[0] + (b[0] - a[0]) * t + bend[0] * 4 * t * (1 - t)
            y = a[1] + (b[1] - a[1]) * t + bend[1] * 4 * t * (1 - t) + lift
            label.set_position((x, y))
            box = label.get_window_extent(renderer).padded(2)
            hits = sum(box.overlaps(other) for other in taken)
            if best_hits is None or hits < best_hits:
                best, best_hits = (x, y), hits
            if hits == 0:
                break
        if best_hits == 0:
            break
    label.set_position(best)
    taken.append(label.get_window_extent(renderer).padded(2))


def _legend(ax: Any, kinds: list[str], colour: dict[str, str], starts: set, ends: set) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=colour[k], edgecolor="#666666", label=words(k)) for k in kinds]
    handles.append(Patch(facecolor="white", edgecolor=_START, lw=2, label="start of a path"))
    if ends - starts:
        handles.append(Patch(facecolor="white", edgecolor=_END, lw=2, label="end of a path"))
    leg = ax.legend(handles=handles, title="node kind", loc="upper center",
                    bbox_to_anchor=(0.5, 0.0), ncol=min(4, len(handles)), fontsize=7.5,
                    title_fontsize=8, frameon=False)
    leg.set_gid("legend")
