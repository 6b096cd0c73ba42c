"""ISNCSCI 2019: the International Standards for Neurological Classification of Spinal Cord Injury.

Classify an exam (light touch and pin prick at the 28 key sensory points per side, the ten key muscles
per side, voluntary anal contraction and deep anal pressure) into sensory and motor levels, the
neurological level of injury, completeness, the ASIA Impairment Scale grade, the zones of partial
preservation and the score totals, with every possible value where not testable or flagged scores
leave the answer open.  The key sensory points and key muscles of each root come from the graph
(:func:`table_from_graph`).

The rules follow the 2019 revision as implemented by the ISNCSCI Algorithm, Praxis Spinal Cord
Institute, https://github.com/praxis-isncsci/algorithm (Apache-2.0), which this package was written
to agree with exactly (its published reference cases and its npm package ``isncsci`` as a
differential oracle).

Examples
--------
>>> from spinekg.clinical.isncsci import isncsci, format_text
>>> from spinekg.clinical.isncsci.exam import exam_keys
>>> ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
>>> ex.update(analContraction="Yes", analSensation="Yes", l3RightMotor="3")
>>> r = isncsci(skg.load(), ex)
>>> r.right_motor, r.nli, r.ais
(('L3',), ('L3',), ('D',))
"""

from __future__ import annotations

from .classify import classify, isncsci
from .exam import Exam, ExamError, ExamSide, exam_keys, parse_exam
from .result import Result, format_text
from .table import KeyItem, KeyTable, table_from_graph
from .totals import Totals

__all__ = [
    "classify",
    "isncsci",
    "table_from_graph",
    "format_text",
    "parse_exam",
    "exam_keys",
    "Exam",
    "ExamSide",
    "ExamError",
    "Result",
    "Totals",
    "KeyTable",
    "KeyItem",
]
