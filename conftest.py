"""Doctests assume ``import spinekg as skg``.

In the doctests ``skg.load()`` (the bundled ontology, nothing else) gives one SpineKG shared
by all of them: the examples only ask questions, and the answers do not depend on which
SpineKG is asked; every other call goes to the library itself.
"""

from __future__ import annotations

import os
import types

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


class _Shared(types.ModuleType):
    """``spinekg`` for the doctests, with ``load()`` answered by one shared SpineKG."""

    def __init__(self) -> None:
        super().__init__("spinekg")
        self._kg = None

    def __getattr__(self, name: str):
        import spinekg

        return getattr(spinekg, name)

    def load(self, *extra, **options):
        import spinekg

        if extra or options:
            return spinekg.load(*extra, **options)
        if self._kg is None:
            self._kg = spinekg.load()
        return self._kg


_SKG = _Shared()


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace["skg"] = _SKG
