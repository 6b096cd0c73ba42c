"""The differential engine: one posterior over every candidate kind.

:mod:`.model` (the probabilistic model, shown in its docstring), :mod:`.candidates`
with :mod:`.central` and :mod:`.mimics` (the candidate space read from the graph),
:mod:`.likelihood` (P(finding | candidate) and the engine defaults), :mod:`.explain`
(candidates with their evidence and flags), :mod:`.next_tests` (the next best
examination) and :mod:`.batch` (many cases).

Examples
--------
>>> from spinekg.clinical.differential import model
>>> "naive Bayes" in model.__doc__
True
"""

from __future__ import annotations

__all__: list[str] = []
