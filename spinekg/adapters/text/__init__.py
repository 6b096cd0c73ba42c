"""Free-text notes: from a clinician's sentence to :class:`~spinekg.clinical.case.Findings`.

Needs the ``nlp`` extra (medSpaCy). :func:`read_findings` reads a note with the
pipeline of :mod:`.pipeline` (entity rules generated from the graph's names by
:mod:`.rules`) and turns it into findings in :mod:`.reader`.

Examples
--------
>>> f = read_findings(skg.load(), "Absent left ankle jerk. No saddle numbness.")
>>> [(x.kind, x.text, x.side, x.value) for x in f.items]
[('reflex', 'ankle jerk', 'left', 'absent')]
>>> [x.text for x in f.negated]
['saddle numbness']
"""

from __future__ import annotations

from .kwargs import localize_kwargs
from .reader import read_findings

__all__ = ["localize_kwargs", "read_findings"]
