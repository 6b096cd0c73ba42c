"""The index of a set of RDF files, cached on disk under the files' content hash.

A later :func:`index_of` of the same files (same bytes, same library version, same
index layout) reads the index back instead of parsing and indexing again.

The cache holds no code: each file is one header line (layout number, key, SHA-256
and length of the payload) and the index as JSON of plain lists and strings (see
:mod:`spinekg.core.payload`); nothing is unpickled. A file is used only when

* its folder and the file itself belong to the user and nobody else may write them
  (else nothing is cached, and nothing is read: the load just parses);
* its header names the key asked for and the payload's hash and length match (a
  flipped bit or a cut file is discarded and rebuilt, never an error).

Temporary files are made with :func:`tempfile.mkstemp` (``O_EXCL``, mode 0600) and
moved into place; the newest :data:`KEEP` indexes are kept, older ones removed.

Examples
--------
>>> from spinekg.pipeline.parse import bundled_files
>>> index, _ = index_of(bundled_files())
>>> index.n_triples > 1000
True
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

from rdflib import Graph

from .._version import __version__ as _version
from ..pipeline.parse import fast_triples, parse_files
from .index import Index
from .payload import FORMAT

__all__ = ["KEEP", "cached_index", "digest", "index_of", "read_index", "safe_dir",
           "write_index"]

#: How many cached indexes (one per distinct set of files) are kept.
KEEP = 8
_MAGIC = b"spinekg-index"


def _cache_dir() -> Path | None:
    env = os.environ.get("SPINEKG_CACHE_DIR")
    if env == "":
        return None
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "spinekg" if not env else base


def _mine(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    owner = getattr(os, "geteuid", None)
    return (owner is None or st.st_uid == owner()) and not st.st_mode & 0o022


def safe_dir(folder: Path, *, create: bool = False) -> bool:
    """Whether ``folder`` may hold a cache: a folder of this user that only this user
    may write (made with mode 0700 when ``create``). Never raises.

    Examples
    --------
    >>> import tempfile, os, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> safe_dir(d)
    True
    >>> os.chmod(d, 0o777); safe_dir(d)
    False
    """
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(st.st_mode) and _mine(st)


def digest(paths: list[Path]) -> str:
    """The cache key of ``paths``: a hash of the library version, the index layout and
    every file's name and bytes (read in pieces)."""
    h = hashlib.sha256(_version.encode())
    h.update(Path(__file__).with_name("index.py").read_bytes())  # index layout changes
    for p in paths:
        h.update(str(p.name).encode())
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()[:32]


def read_index(path: Path, key: str) -> Index | None:
    """The index cached at ``path`` for ``key``, or None (missing, not safe, corrupt).

    Never raises: any fault means "no cache" and the caller rebuilds it.
    """
    try:
        if not safe_dir(path.parent):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or not _mine(st):
                return None
            header = fh.readline(200).split()
            if (len(header) != 5 or header[0] != _MAGIC or header[1] != str(FORMAT).encode()
                    or header[2] != key.encode()):
                return None
            size = int(header[4])
            body = fh.read(size + 1)
        if len(body) != size or hashlib.sha256(body).hexdigest().encode() != header[3]:
            return None
        return Index.from_payload(json.loads(body))
    except (OSError, ValueError, RecursionError, MemoryError, UnicodeDecodeError):
        return None


def write_index(path: Path, index: Index, key: str) -> bool:
    """Write ``index`` for ``key`` to ``path`` (atomically, through a private temp file).

    Returns whether it was written; never raises (a cache that cannot be written is
    no cache). The folder must be :func:`safe_dir`.
    """
    try:
        if not safe_dir(path.parent):
            return False
        body = json.dumps(index.to_payload(), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    except (OSError, ValueError, TypeError, RecursionError, MemoryError):
        return False
    head = b" ".join([_MAGIC, str(FORMAT).encode(), key.encode(),
                      hashlib.sha256(body).hexdigest().encode(), str(len(body)).encode()])
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(head + b"\n" + body)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def _evict(cache: Path, keep: int = KEEP) -> None:
    """Keep the newest ``keep`` indexes; remove older ones, old pickles and stale temps."""
    try:
        found = []
        for entry in os.scandir(cache):
            name = entry.name
            if name.startswith("index-") and name.endswith(".pickle"):
                os.unlink(entry.path)  # an old layout that ran code when read: never used
            elif name.startswith("index-") and name.endswith(".json"):
                found.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
        for _, old in sorted(found, reverse=True)[keep:]:
            os.unlink(old)
    except OSError:
        pass


def cached_index(paths: list[Path], graph_factory) -> tuple[Index, Graph | None]:
    """The index of ``paths``: from the content-hash cache, or built and cached.

    ``graph_factory`` returns an rdflib Graph (kept and returned) or any iterable of
    rdflib-term triples (then no graph is returned: it is parsed when first needed).
    """
    cache = _cache_dir()
    key = digest(paths) if cache is not None else None
    if cache is not None:
        hit = read_index(cache / f"index-{key}.json", key)
        if hit is not None:
            try:
                os.utime(cache / f"index-{key}.json")  # recently used: kept by _evict
            except OSError:
                pass
            return hit, None
    g = graph_factory()
    ix = Index.from_triples(g)
    if not isinstance(g, Graph):
        g = None
    if cache is not None and safe_dir(cache, create=True):
        if write_index(cache / f"index-{key}.json", ix, key):
            _evict(cache)
    return ix, g


def index_of(files: list[Path]) -> tuple[Index, Graph | None]:
    """The index of ``files`` (cached), parsed by Oxigraph when it is installed, else rdflib."""
    return cached_index(files, lambda: fast_triples(files) or parse_files(files))
