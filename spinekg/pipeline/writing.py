"""Where the template build may write: never into the installed package, never through a
symbolic link, and it removes only its own stale files from the default folder.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "abox"
>>> write_abox(out, {out / "roots.ttl": "# empty\\n"}, default=False)
>>> sorted(p.name for p in out.iterdir())
['roots.ttl']
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BuildError

__all__ = ["write_abox"]


def _package_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def _check_out(out: Path, default: bool) -> None:
    """Refuse to write into the installed package (an installed wheel's ontology)."""
    package = _package_dir()
    target = out.resolve()
    if target == package or package in target.parents:
        if default:
            raise BuildError(f"the ontology at {out.parent} is inside the installed spinekg "
                             "package (not a source checkout); pass templates= and out= "
                             "(spinekg build --templates DIR --out DIR) to build elsewhere")
        raise BuildError(f"{out} is inside the installed spinekg package; it is never written")


def write_abox(folder: Path, texts: dict[Path, str], *, default: bool,
               explicit: bool = False) -> None:
    """Write ``texts`` (path → Turtle) into ``folder``.

    ``default``: ``folder`` is the ontology's own ``abox/`` (then ``.ttl`` files no
    table makes any more are removed, but only when the folder is a real folder and the
    file a real file, never through a link). ``explicit``: the templates were named by
    the caller. The installed package is never written.

    Raises
    ------
    BuildError
        ``folder`` is inside the installed package, or a file to write is a link.
    """
    _check_out(folder, default and not explicit)
    folder.mkdir(parents=True, exist_ok=True)
    if default and not os.path.islink(folder):
        for stale in set(folder.glob("*.ttl")) - set(texts):
            if stale.is_file() and not os.path.islink(stale):
                stale.unlink()
    for path, text in texts.items():
        if os.path.islink(path):
            raise BuildError(f"{path} is a symbolic link; refusing to write through it")
        path.write_text(text, encoding="utf-8")
