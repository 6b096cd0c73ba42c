"""The layer rule (issue 14): a package per layer, imports only downwards, no circle, small modules.

The rule itself lives in :mod:`spinekg.layers`; these tests hold the package to it and show
that it can fail, on a copy of the package with a deliberately wrong import.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

import spinekg
from spinekg.layers import LAYERS, layer_of, violations

PACKAGE = Path(spinekg.__file__).resolve().parent
MODULES = sorted(PACKAGE.rglob("*.py"))
LAYER_PACKAGES = [name for name, (_, members) in LAYERS.items() for m in members
                  if (PACKAGE / m / "__init__.py").is_file()]


def test_the_package_keeps_the_rule():
    assert violations() == []


def test_there_are_at_least_four_layer_packages_each_saying_what_it_owns():
    assert len(LAYER_PACKAGES) >= 4
    for name in LAYER_PACKAGES:
        doc = importlib.import_module(f"spinekg.{LAYERS[name][1][0]}").__doc__ or ""
        assert "owns" in doc and "import" in doc, f"spinekg.{name} docstring: what it owns and imports"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_is_in_a_layer_and_small(path):
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    module = ".".join(p for p in rel.parts if p != "__init__")
    assert layer_of(module) in LAYERS
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.name} has {lines} lines; split it by concern"


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "spinekg"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__", "ontology"))
    return target


def test_an_upward_import_is_caught(copy):
    """The core may not import the clinical layer, not even inside a function."""
    search = copy / "core" / "search.py"
    search.write_text(search.read_text() + "\n\ndef _wrong():\n"
                      "    from ..clinical.results import Impact\n    return Impact\n")
    found = violations(copy)
    assert "spinekg.core.search (core) imports spinekg.clinical.results (clinical)" in found[0]
    # the clinical results import the core's path types, so the wrong import also closes
    # a circle through spinekg.core.search
    assert found[1:] and all(f.startswith("import circle: ") and "spinekg.core.search" in f
                             and "spinekg.clinical.results" in f for f in found[1:])


def test_nothing_may_import_the_cli(copy):
    kg = copy / "kg.py"
    kg.write_text(kg.read_text() + "\nfrom .faces import cli  # noqa\n")
    assert any("spinekg.kg (facade) imports spinekg.faces.cli (faces)" in v
               for v in violations(copy))


def test_an_import_circle_is_caught(copy):
    """Two modules of one layer importing each other are a circle even though neither goes up."""
    (copy / "core" / "tables.py").write_text(
        (copy / "core" / "tables.py").read_text() + "\nfrom . import terms  # noqa\n")
    (copy / "core" / "terms.py").write_text(
        (copy / "core" / "terms.py").read_text() + "\nfrom . import tables  # noqa\n")
    circles = [v for v in violations(copy) if v.startswith("import circle")]
    assert circles and "spinekg.core.tables" in circles[0] and "spinekg.core.terms" in circles[0]


def test_a_module_outside_every_layer_is_refused():
    with pytest.raises(ValueError, match="add 'newthing' to spinekg.layers.LAYERS"):
        layer_of("spinekg.newthing")
