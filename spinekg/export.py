"""Write the graph to a file: the public name of :mod:`spinekg.core.export`.

Examples
--------
>>> from spinekg.export import export
>>> callable(export)
True
"""

from __future__ import annotations

from .core.export import export

__all__ = ["export"]
