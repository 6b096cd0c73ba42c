"""Pictures of the graph's answers (the ``plot`` extra): the public name of
:mod:`spinekg.faces.plot` (body maps, path diagrams, the cord crossing, the ISNCSCI
worksheet), :mod:`spinekg.faces.layers_plot` (what a lesion weakens and spares) and
:mod:`spinekg.faces.differential` (the differential as a bar chart).

Examples
--------
>>> from spinekg.plot import body_map, cord_crossing, path_diagram, worksheet
>>> callable(body_map) and callable(path_diagram) and callable(cord_crossing)
True
"""

from __future__ import annotations

from .faces.differential import differential
from .faces.layers_plot import lesion_chart
from .faces.plot import body_map, cord_crossing, path_diagram, worksheet

__all__ = ["body_map", "cord_crossing", "differential", "lesion_chart", "path_diagram", "worksheet"]
