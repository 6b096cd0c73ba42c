"""Sphinx configuration of the spinekg documentation (``make docs``).

The API reference is generated from the docstrings (autosummary + numpydoc), the
notebooks under ``notebooks/`` are executed by myst-nb (``-D nb_execution_mode=off``
skips that), and the one-page ontology reference (``spinekg docs``) is written into
the site when the build finishes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# the notebook kernels import this source tree too
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])
# the kernels draw figures into the page (a test run may have set MPLBACKEND=Agg)
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"

from spinekg import __version__  # noqa: E402

project = "spinekg"
author = "spinekg developers"
copyright = "spinekg developers, MIT licence"
release = version = __version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_nb",
]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "images/*.md"]
templates_path = ["_templates"]

# API reference
autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "none"  # numpydoc's Parameters sections say the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()

# notebooks: executed once, the results cached between builds
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_timeout = 900
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_cache_path = str(ROOT / "docs" / "_build" / ".jupyter_cache")
nb_merge_streams = True

html_theme = "furo"
html_title = f"spinekg {__version__}"
html_static_path: list[str] = []

#: the file name of the one-page ontology reference inside the site
ONTOLOGY_PAGE = "ontology-reference.html"


def _write_ontology_page(app, exception) -> None:
    """Write the ``spinekg docs`` page into the built site."""
    if exception is not None or app.builder.format != "html":
        return
    import spinekg
    from spinekg.faces.docs import write_docs

    write_docs(spinekg.load(), Path(app.outdir) / ONTOLOGY_PAGE)


def setup(app):
    app.connect("build-finished", _write_ontology_page)
    app.connect("autodoc-skip-member", _skip_aliases)


def _skip_aliases(app, what, name, obj, skip, options):
    """Type aliases (``Finding = tuple[...]``) are not classes to document."""
    import types
    import typing

    if isinstance(obj, (types.GenericAlias, typing._GenericAlias)):  # type: ignore[attr-defined]
        return True
    return None
