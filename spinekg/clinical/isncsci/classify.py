"""Classify an exam: :func:`classify` with a key table, :func:`isncsci` with the graph.

Examples
--------
>>> from spinekg.clinical.isncsci import isncsci
>>> from spinekg.clinical.isncsci.exam import exam_keys
>>> ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
>>> ex.update(analContraction="Yes", analSensation="Yes", t1LeftMotor="NT")
>>> r = isncsci(skg.load(), ex)
>>> r.left_motor, r.ais, r.totals.left_upper_motor
(('C8', 'T1', 'INT'), ('D', 'E'), None)
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph

from .exam import parse_exam
from .grade import ais, injury_complete
from .levels import motor_levels, nli, sensory_levels
from .result import Result
from .table import KeyTable, table_from_graph
from .totals import totals
from .zpp import motor_zpp, sensory_zpp

__all__ = ["classify", "isncsci"]


def classify(exam: Any, table: KeyTable) -> Result:
    """Classify an ISNCSCI exam.

    Parameters
    ----------
    exam : Mapping, pandas.Series or Exam
        The exam (see :func:`spinekg.clinical.isncsci.exam.parse_exam`).
    table : KeyTable
        The key sensory points and key muscles (:func:`table_from_graph`).

    Returns
    -------
    Result
        Levels, completeness, AIS, zones of partial preservation and totals.

    Raises
    ------
    ExamError
        A missing or invalid score; the message names the field.

    Examples
    --------
    >>> from spinekg.clinical.isncsci import classify, table_from_graph
    >>> from spinekg.clinical.isncsci.exam import exam_keys
    >>> t = table_from_graph(skg.load().graph)
    >>> ex = {k: "0" for k in exam_keys()}
    >>> ex.update({k: "2" for k in exam_keys() if k[:2] in ("c2", "c3", "c4")})
    >>> ex.update(analContraction="No", analSensation="No")
    >>> r = classify(ex, t)
    >>> r.nli, r.injury_complete, r.ais, r.right_sensory_zpp, r.right_motor_zpp
    (('C4',), ('C',), ('A',), ('C4',), ('C4',))
    """
    e = parse_exam(exam)
    sr, sl = sensory_levels(table, e.right), sensory_levels(table, e.left)
    mr, ml = motor_levels(table, e.right, e.vac), motor_levels(table, e.left, e.vac)
    n = nli(table, e)
    comp = injury_complete(e)
    grade = ais(table, e, comp, {"right": mr, "left": ml}, n)
    return Result(
        tuple(sr), tuple(sl), tuple(mr), tuple(ml), tuple(n), tuple(comp), tuple(grade),
        tuple(sensory_zpp(table, e.right, e.dap)), tuple(sensory_zpp(table, e.left, e.dap)),
        tuple(motor_zpp(table, e.right, e.vac, grade, mr)), tuple(motor_zpp(table, e.left, e.vac, grade, ml)),
        totals(table, e), e, table,
    )  # fmt: skip


def isncsci(kg_or_graph: Any, exam: Any) -> Result:
    """Classify ``exam`` with the key points and key muscles of a graph.

    Parameters
    ----------
    kg_or_graph : spinekg KG or rdflib.Graph
        Anything with a ``.graph`` (``spinekg.load()``) or the graph itself.
    exam : Mapping, pandas.Series or Exam

    Examples
    --------
    >>> from spinekg.clinical.isncsci import isncsci
    >>> from spinekg.clinical.isncsci.exam import exam_keys
    >>> ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
    >>> ex.update(analContraction="Yes", analSensation="Yes")
    >>> isncsci(skg.load().graph, ex).ais
    ('E',)
    """
    g = kg_or_graph if isinstance(kg_or_graph, Graph) else getattr(kg_or_graph, "graph", None)
    if not isinstance(g, Graph):
        raise TypeError(f"isncsci expects a spinekg KG or an rdflib.Graph, got {type(kg_or_graph).__name__}")
    return classify(exam, table_from_graph(g))
