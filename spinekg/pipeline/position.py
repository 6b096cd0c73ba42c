"""Where in a file a parser stopped: the line and column of a syntax error, for every format.

Each parser reports its position its own way (rdflib's Turtle parser an offset into the
text, expat a line and a 0-based column, :mod:`json` a line and column, rdflib's
N-Triples parser only the rest of the bad line, Oxigraph a :class:`SyntaxError`).
:func:`locate` turns them all into a 1-based ``(line, column)``; when the parser gave
nothing, Oxigraph's parser (where installed) is asked to find the place.

:func:`may_quote` says whether text of the file may be shown in a message: only when the
file already read as RDF before the error (a stray non-RDF file, say one named ``.ttl``
that is not, is never quoted).

Examples
--------
>>> import json
>>> try:
...     json.loads('{\\n  "a": [1, 2\\n}')
... except ValueError as err:
...     locate(None, "json-ld", err)
(3, 1)
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import OntologyLoadError

__all__ = ["UNQUOTED", "load_error", "locate", "may_quote"]

#: The cause given for an error in a file of which nothing before it reads as RDF: such a
#: file (say a ``.ttl`` that is not Turtle at all) may hold anything, and is not quoted.
UNQUOTED = ("syntax error; nothing before it reads as RDF, so the file's text is not "
            "shown (is it an RDF file?)")


def load_error(path: Path, cause: str, line: int | None = None,
               column: int | None = None) -> OntologyLoadError:
    """An :class:`OntologyLoadError` at ``line`` (and ``column``, kept as ``.column`` and
    said at the end of the message)."""
    err = OntologyLoadError(path, f"{cause} (column {column})" if line and column else cause,
                            line)
    err.column = column if line else None  # type: ignore[attr-defined]
    return err


_STARTED = re.compile(r"(^|\n)\s*(@prefix|@base|prefix|base)\s|\.\s*(\n|$)", re.IGNORECASE)
_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "n3": "N3", "xml": "RDF_XML",
               "json-ld": "JSON_LD", "trig": "TRIG", "nquads": "N_QUADS"}


def _from_offset(text: str, at: int) -> tuple[int, int]:
    at = max(0, min(at, len(text)))
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _turtle_text(err: BaseException) -> tuple[str, int] | None:
    """rdflib's Turtle errors keep the text (UTF-8 bytes) and a character offset in it."""
    text, at = getattr(err, "_str", None), getattr(err, "_i", None)
    if isinstance(text, bytes) and isinstance(at, int):
        return text.decode("utf-8", "replace"), at
    return None


def may_quote(err: BaseException, path: Path | None = None, line: int | None = None) -> bool:
    """Whether the text before the error shows the file is RDF (a directive or a finished
    statement came first), so that quoting it tells only what the user wrote: from a
    Turtle error's own text, else from the file's lines before ``line``."""
    found = _turtle_text(err)
    if found is not None:
        return bool(_STARTED.search(found[0][:found[1]]))
    if path is None or not line:
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            before = "".join(fh.readline(1 << 16) for _ in range(min(line, 10_000)))
    except OSError:
        return False
    return bool(_STARTED.search(before))


def locate(path: Path | None, fmt: str, err: BaseException) -> tuple[int | None, int | None]:
    """``(line, column)``, 1-based, of the error ``err`` a parser raised on ``path``;
    ``(None, None)`` when no place can be found."""
    found = _reported(path, fmt, err)
    if found[0] is None and path is not None:
        found = _ask_oxigraph(path, fmt)
    return found


def _reported(path: Path | None, fmt: str, err: BaseException) -> tuple[int | None, int | None]:
    if isinstance(err, SyntaxError) and isinstance(err.lineno, int):  # Oxigraph's parsers
        return err.lineno, err.offset if isinstance(err.offset, int) else None
    turtle = _turtle_text(err)
    if turtle is not None:  # rdflib's Turtle/N3/TriG parser
        return _from_offset(*turtle)
    line_of = getattr(err, "getLineNumber", None)  # expat, through xml.sax
    if callable(line_of):
        try:
            line, col = line_of(), err.getColumnNumber()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a locator that lost its parser
            line, col = getattr(err, "_linenum", None), getattr(err, "_colnum", None)
        if isinstance(line, int) and line > 0:
            return line, col + 1 if isinstance(col, int) else None
    lineno, colno = getattr(err, "lineno", None), getattr(err, "colno", None)
    if isinstance(lineno, int) and lineno > 0:  # json.JSONDecodeError
        return lineno, colno if isinstance(colno, int) else None
    if isinstance(err, IndexError) and path is not None and fmt in ("turtle", "n3", "trig"):
        return _end_of(path)  # rdflib's Turtle parser reads past the end of the text
    msg = str(err)
    if path is not None and fmt in ("nt", "nquads") and msg.startswith("Invalid line"):
        return _nt_line(path, msg.partition(":")[2].strip())
    return None, None


def _end_of(path: Path) -> tuple[int | None, int | None]:
    try:
        data = path.read_bytes()
    except OSError:
        return None, None
    text = data.decode("utf-8", "replace").rstrip()
    return _from_offset(text, len(text))


def _nt_line(path: Path, rest: str) -> tuple[int | None, int | None]:
    """The first line that ends with ``rest`` (what rdflib's N-Triples parser had left of
    the bad line), and the column where that rest starts."""
    if not rest:
        return None, None
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\r\n")
                if line.rstrip().endswith(rest.rstrip()):
                    return n, len(line) - len(rest) + 1
    except OSError:
        pass
    return None, None


def _ask_oxigraph(path: Path, fmt: str) -> tuple[int | None, int | None]:
    try:
        import pyoxigraph as ox
    except ImportError:
        return None, None
    name = _OX_FORMATS.get(fmt)
    if name is None:
        return None, None
    try:
        for _ in ox.parse(path=str(path), format=getattr(ox.RdfFormat, name),
                          base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as err:
        if isinstance(err.lineno, int):
            return err.lineno, err.offset if isinstance(err.offset, int) else None
    except Exception:  # noqa: BLE001 - any other failure: no place found
        pass
    return None, None
