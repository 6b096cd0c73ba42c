"""The faces: what a person sees — the command line, the pictures, the ontology page.

This layer owns presentation: :mod:`~spinekg.faces.cli` (the ``spinekg`` command,
mirroring the SpineKG methods); the pictures (the ``plot`` extra, public as
:mod:`spinekg.plot`): :mod:`~spinekg.faces.body_map`, :mod:`~spinekg.faces.path_diagram`,
:mod:`~spinekg.faces.cord_picture` and :mod:`~spinekg.faces.worksheet`, gathered in
:mod:`~spinekg.faces.plot`; :mod:`~spinekg.faces.html` (a term's neighbourhood to click
through in Jupyter) and :mod:`~spinekg.faces.docs` (the one-page HTML reference of the
ontology). It sits on top and may import every layer, the facade included; nothing in
the library imports it except the entry points (``python -m spinekg``,
``spinekg.plot``).

Examples
--------
>>> from spinekg.faces.cli import main
>>> callable(main)
True
"""

from __future__ import annotations

__all__: list[str] = []
