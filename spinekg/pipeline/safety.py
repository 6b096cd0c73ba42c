"""Guards that keep untrusted files from reaching the network or expanding entities.

Examples
--------
>>> from pathlib import Path
>>> from spinekg.pipeline.safety import guard_parse
>>> with guard_parse(Path("x.ttl"), "turtle"):
...     pass
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OntologyLoadError

__all__ = ["guard_parse", "MAX_FILE_BYTES", "SpineKGWarning"]


class SpineKGWarning(UserWarning):
    """Something the user should know but that does not stop the load.

    Raised (as a warning) by :func:`spinekg.load` when an extra file gives a bundled
    term a second value of a property that has one value per term (label, side,
    level name, region).
    """


#: Files larger than this are refused before parsing (bounded memory).
MAX_FILE_BYTES = 200 * 1024 * 1024

_DOCTYPE_TEXT = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _xml_codec(head: bytes) -> str:
    """The codec to scan an XML file with (XML 1.0 appendix F: BOM or the first bytes)."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                       (codecs.BOM_UTF8, "utf-8-sig")):
        if head.startswith(bom):
            return codec
    for start, codec in ((b"\0\0\0<", "utf-32-be"), (b"<\0\0\0", "utf-32-le"),
                         (b"\0<\0?", "utf-16-be"), (b"<\0?\0", "utf-16-le")):
        if head.startswith(start):
            return codec
    return "latin-1"  # every ASCII-compatible encoding: the markup bytes are the same


def _check_xml(path: Path) -> None:
    """Refuse a DOCTYPE or ENTITY declaration anywhere in the file, in any encoding.

    The whole file is scanned in 1 MiB pieces (a prolog may hold any amount of
    comment before the DOCTYPE), so memory stays bounded.
    """
    with open(path, "rb") as fh:
        decoder = codecs.getincrementaldecoder(_xml_codec(fh.read(4)))(errors="replace")
        fh.seek(0)
        tail = ""
        while True:
            chunk = fh.read(1 << 20)
            text = tail + decoder.decode(chunk, final=not chunk)
            if _DOCTYPE_TEXT.search(text):
                raise OntologyLoadError(path, "RDF/XML with a DOCTYPE or ENTITY declaration is "
                                              "refused (external entities and entity expansion "
                                              "are not allowed)")
            if not chunk:
                return
            tail = text[-16:]


def _check_jsonld(path: Path) -> None:
    import json

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise OntologyLoadError(path, f"not valid JSON: {err}") from err

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import") and _is_reference(value):
                    raise OntologyLoadError(path, f"JSON-LD {key} given by reference ({value!r}) "
                                                  "is refused: nothing is fetched or read "
                                                  "besides the file itself; inline the @context")
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)


def _is_reference(value: object) -> bool:
    """A context that names another document (URL, relative or absolute path)."""
    if isinstance(value, str):
        return True
    if isinstance(value, list):
        return any(_is_reference(v) for v in value)
    if isinstance(value, dict):
        return "@import" in value
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
