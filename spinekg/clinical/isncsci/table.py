"""The ISNCSCI key sensory points and key muscles, read from the graph.

The standard fixes the exam's structure: 28 sensory levels C2 ... S4-5 per side (with C1 above
them), ten key muscles per side and the anal items.  Which key sensory point and which key muscle
belong to which root, and the order of the roots, are anatomical facts and come from the graph:
``skg:hasDermatome``/``skg:hasKeySensoryPoint`` and ``skg:hasMyotome``/``skg:hasKeyMuscleAction`` of
each ``skg:SpinalNerveRoot``, ordered by ``skg:segmentIndex``.  :func:`table_from_graph` builds a
:class:`KeyTable` and checks it against the standard's exam keys.

Examples
--------
>>> from spinekg.clinical.isncsci import table_from_graph
>>> t = table_from_graph(skg.load().graph)
>>> t.levels[:3], t.levels[-2:]
(('C1', 'C2', 'C3'), ('S3', 'S4_5'))
>>> t.motor_levels
('C5', 'C6', 'C7', 'C8', 'T1', 'L2', 'L3', 'L4', 'L5', 'S1')
>>> t.muscle("C5", "right").label
'right elbow flexion'
>>> t.point("S4_5", "left").roots
('left S4 nerve root', 'left S5 nerve root')
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from ...errors import SpineKGError
from ...namespaces import SKG

__all__ = ["STANDARD_LEVELS", "STANDARD_MOTOR_LEVELS", "SIDES", "KeyItem", "KeyTable", "table_from_graph"]

#: The standard's levels, top to bottom, as the exam keys spell them (C1 lies above the first key point).
STANDARD_LEVELS: tuple[str, ...] = (
    "C1",
    "C2",
    "C3",
    "C4",
    "C5",
    "C6",
    "C7",
    "C8",
    "T1",
    "T2",
    "T3",
    "T4",
    "T5",
    "T6",
    "T7",
    "T8",
    "T9",
    "T10",
    "T11",
    "T12",
    "L1",
    "L2",
    "L3",
    "L4",
    "L5",
    "S1",
    "S2",
    "S3",
    "S4_5",
)
#: The levels with a graded key muscle (0-5) on the worksheet.
STANDARD_MOTOR_LEVELS: tuple[str, ...] = ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")
SIDES: tuple[str, ...] = ("right", "left")
_SIDE_IRI = {SKG.Right: "right", SKG.Left: "left"}


@dataclass(frozen=True)
class KeyItem:
    """One key sensory point or key muscle action of one side, with the path to its roots.

    ``path`` is the chain of graph IRIs from the item to its first root (point, dermatome, root or
    action, myotome, root); ``roots`` are the root labels (two for S4-5); ``site`` is the label of the
    body area a key sensory point lies in (``skg:partOf``).
    """

    level: str
    side: str
    iri: str
    label: str
    path: tuple[str, ...]
    roots: tuple[str, ...]
    site: str = ""


@dataclass(frozen=True)
class KeyTable:
    """The ordered levels and the key items per (level, side).

    ``levels`` runs C1 ... S4_5; ``motor_levels`` are the levels with a graded key muscle; ``blocks``
    are the runs of consecutive key-muscle levels (C5-T1 and L2-S1).  ``anal`` holds the key muscle
    of the last level (voluntary anal contraction), recorded as ``analContraction``.
    """

    levels: tuple[str, ...]
    motor_levels: tuple[str, ...]
    points: Mapping[tuple[str, str], KeyItem]
    muscles: Mapping[tuple[str, str], KeyItem]
    anal: Mapping[str, KeyItem]

    @property
    def blocks(self) -> tuple[tuple[str, ...], ...]:
        """Runs of key-muscle levels that follow each other in ``levels``."""
        out: list[list[str]] = []
        for m in self.motor_levels:
            i = self.levels.index(m)
            if out and self.levels.index(out[-1][-1]) == i - 1:
                out[-1].append(m)
            else:
                out.append([m])
        return tuple(tuple(b) for b in out)

    def point(self, level: str, side: str) -> KeyItem:
        """The key sensory point of ``level`` on ``side`` ('right'/'left')."""
        return self.points[(level, side)]

    def muscle(self, level: str, side: str) -> KeyItem:
        """The key muscle action of ``level`` on ``side``."""
        return self.muscles[(level, side)]


def _label(g: Graph, node: URIRef) -> str:
    lab = g.value(node, RDFS.label)
    return str(lab) if lab is not None else str(node).rsplit("/", 1)[-1]


def _key(g: Graph, node: URIRef) -> str:
    return "skg:" + str(node)[len(str(SKG)) :] if str(node).startswith(str(SKG)) else str(node)


def _site(g: Graph, ksp: URIRef) -> str:
    area = g.value(ksp, SKG.partOf)
    return _label(g, area) if area is not None else ""


_CACHE: weakref.WeakKeyDictionary[Graph, KeyTable] = weakref.WeakKeyDictionary()


def table_from_graph(g: Graph) -> KeyTable:
    """Read the ISNCSCI key sensory points and key muscles per root level from ``g``.

    Parameters
    ----------
    g : rdflib.Graph
        A graph holding the spinekg roots (``spinekg.load().graph``).

    Returns
    -------
    KeyTable
        Cached per graph object (the graph is read once).

    Raises
    ------
    SpineKGError
        If the graph's roots, key points or key muscles do not give the standard's levels.

    Examples
    --------
    >>> from spinekg.clinical.isncsci import table_from_graph
    >>> t = table_from_graph(skg.load().graph)
    >>> t.point("C6", "right").path
    ('skg:ksp_C6_right', 'skg:dermatome_C6_right', 'skg:root_C6_right')
    >>> t.blocks
    (('C5', 'C6', 'C7', 'C8', 'T1'), ('L2', 'L3', 'L4', 'L5', 'S1'))
    """
    if not isinstance(g, Graph):
        raise TypeError(f"table_from_graph expects an rdflib.Graph, got {type(g).__name__}")
    try:
        return _CACHE[g]
    except (KeyError, TypeError):
        pass
    table = _build(g)
    try:
        _CACHE[g] = table
    except TypeError:  # pragma: no cover - graphs that refuse weak references
        pass
    return table


def _item(g: Graph, name: str, side: str, row: Sequence[URIRef], col: int, roots: tuple[str, ...],
          site: str = "") -> KeyItem:
    """The key item in ``row[col]`` (a point or an action), its path through ``row[col + 1]``
    (dermatome or myotome) to the root in ``row[2]``."""
    item = row[col]
    return KeyItem(name, side, _key(g, item), _label(g, item),
                   (_key(g, item), _key(g, row[col + 1]), _key(g, row[2])), roots, site)


def _build(g: Graph) -> KeyTable:
    # per side: [(segment index, level name, root, ksp, dermatome, action, myotome)]
    rows: dict[str, list[tuple]] = {"right": [], "left": []}
    for root in g.subjects(RDF.type, SKG.SpinalNerveRoot):
        side = _SIDE_IRI.get(g.value(root, SKG.hasSide))
        idx, name = g.value(root, SKG.segmentIndex), g.value(root, SKG.levelName)
        if side is None or idx is None or name is None:
            continue
        derm = g.value(root, SKG.hasDermatome)
        ksp = g.value(derm, SKG.hasKeySensoryPoint) if derm is not None else None
        myo = g.value(root, SKG.hasMyotome)
        act = g.value(myo, SKG.hasKeyMuscleAction) if myo is not None else None
        rows[side].append((int(idx), str(name), root, ksp, derm, act, myo))
    per_side: dict[str, tuple[list[str], dict, dict, KeyItem | None]] = {}
    for side, rs in rows.items():
        rs.sort(key=lambda r: r[0])
        last = max((i for i, r in enumerate(rs) if r[3] is not None), default=-1)
        first = min((i for i, r in enumerate(rs) if r[3] is not None), default=0)
        if last < 0:
            raise SpineKGError(
                f"the graph has no ISNCSCI key sensory point (skg:hasKeySensoryPoint) on the {side}"
            )
        levels: list[str] = [r[1] for r in rs[:first]]  # roots above the first key point (C1)
        groups: list[list[tuple]] = []
        for r in rs[first : last + 1]:
            if r[3] is None:
                raise SpineKGError(f"{_label(g, r[2])} has no ISNCSCI key sensory point")
            if groups and groups[-1][0][3] == r[3]:
                groups[-1].append(r)  # S4 and S5 share one key point: one level
            else:
                groups.append([r])
        points, muscles, anal = {}, {}, None
        for k, grp in enumerate(groups):
            name = grp[0][1] if len(grp) == 1 else grp[0][1] + "_" + grp[-1][1].lstrip("CTLS")
            levels.append(name)
            r0 = grp[0]
            roots = tuple(_label(g, r[2]) for r in grp)
            points[name] = _item(g, name, side, r0, 3, roots, _site(g, r0[3]))
            acts = {r[5] for r in grp if r[5] is not None}
            if acts:
                r1 = next(r for r in grp if r[5] is not None)
                item = _item(g, name, side, r1, 5, roots)
                if k == len(groups) - 1:
                    anal = item  # the last level's key muscle is the anal contraction
                else:
                    muscles[name] = item
        per_side[side] = (levels, points, muscles, anal)
    lv_r, lv_l = per_side["right"][0], per_side["left"][0]
    if lv_r != lv_l:
        raise SpineKGError(f"the graph's right and left ISNCSCI levels differ: {lv_r} vs {lv_l}")
    if tuple(lv_r) != STANDARD_LEVELS:
        raise SpineKGError(f"the graph's ISNCSCI levels {lv_r} are not the standard's C1 ... S4_5")
    motor = tuple(m for m in lv_r if m in per_side["right"][2])
    if motor != STANDARD_MOTOR_LEVELS or tuple(m for m in lv_r if m in per_side["left"][2]) != motor:
        raise SpineKGError(
            f"the graph's ISNCSCI key muscle levels {motor} are not the standard's "
            f"{', '.join(STANDARD_MOTOR_LEVELS)}"
        )
    points = {(lv, s): it for s in SIDES for lv, it in per_side[s][1].items()}
    muscles = {(lv, s): it for s in SIDES for lv, it in per_side[s][2].items()}
    anal = {s: per_side[s][3] for s in SIDES if per_side[s][3] is not None}
    return KeyTable(
        tuple(lv_r), motor, MappingProxyType(points), MappingProxyType(muscles), MappingProxyType(anal)
    )
