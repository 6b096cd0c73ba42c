"""Guards that keep untrusted files from reaching the network or expanding entities.

Examples
--------
>>> from pathlib import Path
>>> from spinekg.safety import guard_parse
>>> with guard_parse(Path("x.ttl"), "turtle"):
...     pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OntologyLoadError

__all__ = ["guard_parse", "MAX_FILE_BYTES", "SpineKGWarning"]


class SpineKGWarning(UserWarning):
    """Something the user should know but that does not stop the load.

    Raised (as a warning) by :func:`spinekg.load` when an extra file gives a bundled
    term a second value of a property that has one value per term (label, side,
    level name, region).
    """


#: Files larger than this are refused before parsing (bounded memory).
MAX_FILE_BYTES = 200 * 1024 * 1024

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_REMOTE = re.compile(r"https?://|ftp://|file:", re.IGNORECASE)


def _check_xml(path: Path) -> None:
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    if _DOCTYPE.search(head):
        raise OntologyLoadError(path, "RDF/XML with a DOCTYPE or ENTITY declaration is refused "
                                      "(external entities and entity expansion are not allowed)")


def _check_jsonld(path: Path) -> None:
    import json

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise OntologyLoadError(path, f"not valid JSON: {err}") from err

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import") and _has_remote(value):
                    raise OntologyLoadError(path, "JSON-LD with a remote @context is refused "
                                                  "(nothing is fetched); inline the context")
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)


def _has_remote(value: object) -> bool:
    if isinstance(value, str):
        return bool(_REMOTE.match(value))
    if isinstance(value, list):
        return any(_has_remote(v) for v in value)
    if isinstance(value, dict):
        return any(_has_remote(v) for k, v in value.items() if k in ("@import",))
    return False


@contextmanager
def guard_parse(path: Path, fmt: str) -> Iterator[None]:
    """Refuse input that could fetch, expand or exhaust before rdflib parses it.

    Raises
    ------
    OntologyLoadError
        The file is too large, an RDF/XML file declares entities, or a JSON-LD
        file names a remote context.
    """
    if path.is_file():
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OntologyLoadError(path, f"file is {size} bytes; the limit is {MAX_FILE_BYTES} "
                                          "(use backend='oxigraph' for large data)")
        if fmt == "xml":
            _check_xml(path)
        elif fmt == "json-ld":
            _check_jsonld(path)
    yield
