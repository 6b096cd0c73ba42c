"""The public API: __all__ lists exactly the public names, each documented with an example."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import spinekg as skg


def test_all_is_sorted_and_complete():
    public = sorted(n for n in dir(skg) if not n.startswith("_") and not inspect.ismodule(
        getattr(skg, n)) and n not in {"annotations"})
    assert skg.__all__ == sorted(skg.__all__)
    assert sorted(set(skg.__all__) - {"__version__"}) == public


@pytest.mark.parametrize("name", [n for n in skg.__all__ if n != "__version__"])
def test_every_public_name_is_documented(name):
    obj = getattr(skg, name)
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"{name} has no docstring"


MODULES = [m.name for m in pkgutil.walk_packages(skg.__path__, "spinekg.")
           if not m.name.endswith("__main__")]


@pytest.mark.parametrize("module", MODULES)
def test_every_module_declares_all(module):
    mod = importlib.import_module(module)
    assert isinstance(getattr(mod, "__all__", None), list), f"{module} lacks __all__"
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.__all__ names missing {name}"


@pytest.mark.parametrize("method", ["term", "search", "affected_by", "compressed_roots",
                                    "treatments", "localize", "paths", "sparql"])
def test_clinical_methods_have_examples(method):
    assert "Examples" in (getattr(skg.SpineKG, method).__doc__ or "")


def test_errors_are_one_tree():
    for cls in (skg.UnknownTermError, skg.AmbiguousTermError, skg.OntologyLoadError,
                skg.ValidationError, skg.BackendError, skg.BuildError):
        assert issubclass(cls, skg.SpineKGError)
    assert issubclass(skg.UnknownTermError, KeyError)
