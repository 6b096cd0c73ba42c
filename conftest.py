"""Doctests assume ``import spinekg as skg``; ``g`` and ``G`` are the bundled graph."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    import spinekg as skg

    doctest_namespace["skg"] = skg
