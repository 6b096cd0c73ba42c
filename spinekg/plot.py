"""Pictures of the graph's answers (the ``plot`` extra): the public name of
:mod:`spinekg.faces.plot`, :mod:`spinekg.faces.worksheet` and
:mod:`spinekg.faces.differential`.

Examples
--------
>>> from spinekg.plot import body_map, path_diagram
>>> callable(body_map) and callable(path_diagram)
True
"""

from __future__ import annotations

from .faces.differential import differential
from .faces.plot import body_map, path_diagram
from .faces.worksheet import worksheet

__all__ = ["body_map", "differential", "path_diagram", "worksheet"]
