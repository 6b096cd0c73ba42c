"""The index of a set of RDF files, cached on disk under the files' content hash.

A later :func:`index_of` of the same files (same bytes, same library version, same
index layout) reads the index back instead of parsing and indexing again.

Examples
--------
>>> from spinekg.pipeline.parse import bundled_files
>>> index, _ = index_of(bundled_files())
>>> index.n_triples > 1000
True
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from rdflib import Graph

from .._version import __version__ as _version
from ..pipeline.parse import fast_triples, parse_files
from .index import Index

__all__ = ["cached_index", "digest", "index_of"]


def _cache_dir() -> Path | None:
    env = os.environ.get("SPINEKG_CACHE_DIR")
    if env == "":
        return None
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "spinekg" if not env else base


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256(_version.encode())
    h.update(Path(__file__).with_name("index.py").read_bytes())  # index layout changes
    for p in paths:
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:32]


def cached_index(paths: list[Path], graph_factory) -> tuple[Index, Graph | None]:
    """The index of ``paths``: from the content-hash cache, or built and cached.

    ``graph_factory`` returns an rdflib Graph (kept and returned) or any iterable of
    rdflib-term triples (then no graph is returned: it is parsed when first needed).
    """
    cache = _cache_dir()
    key = digest(paths) if cache is not None else None
    if cache is not None:
        try:
            with open(cache / f"index-{key}.pickle", "rb") as fh:
                return pickle.load(fh), None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    g = graph_factory()
    ix = Index.from_triples(g)
    if not isinstance(g, Graph):
        g = None
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            tmp = cache / f".index-{key}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                pickle.dump(ix, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache / f"index-{key}.pickle")
        except OSError:
            pass
    return ix, g


def index_of(files: list[Path]) -> tuple[Index, Graph | None]:
    """The index of ``files`` (cached), parsed by Oxigraph when it is installed, else rdflib."""
    return cached_index(files, lambda: fast_triples(files) or parse_files(files))
