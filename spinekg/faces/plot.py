"""The pictures of the graph's answers, in one place (the ``plot`` extra).

:func:`body_map` (:mod:`~spinekg.faces.body_map`), :func:`path_diagram`
(:mod:`~spinekg.faces.path_diagram`), :func:`cord_crossing`
(:mod:`~spinekg.faces.cord_picture`) and :func:`worksheet`
(:mod:`~spinekg.faces.worksheet`); public as :mod:`spinekg.plot`. Each picture has a
legend.

Examples
--------
>>> from spinekg.faces.plot import body_map, cord_crossing, path_diagram, worksheet
>>> all(map(callable, (body_map, cord_crossing, path_diagram, worksheet)))
True
"""

from __future__ import annotations

from .body_map import body_map
from .cord_picture import cord_crossing
from .path_diagram import path_diagram
from .worksheet import worksheet

__all__ = ["body_map", "cord_crossing", "path_diagram", "worksheet"]
