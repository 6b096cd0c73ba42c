"""Guards that keep untrusted files from reaching the network, expanding entities,
following links out of their folder or exhausting memory.

Examples
--------
>>> from pathlib import Path
>>> from spinekg.pipeline.safety import guard_parse
>>> with guard_parse(Path("x.ttl"), "turtle"):
...     pass
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OntologyLoadError

__all__ = ["MAX_FILE_BYTES", "MAX_STORE_BYTES", "SpineKGWarning", "check_files", "guard_parse"]


class SpineKGWarning(UserWarning):
    """Something the user should know but that does not stop the load.

    Raised (as a warning) by :func:`spinekg.load` when an extra file gives a bundled
    term a second value of a property that has one value per term (label, side,
    level name, region).
    """


#: Files larger than this are refused before parsing by the memory backend (rdflib
#: needs about 47 bytes of memory per byte of Turtle: 9.3 GB for a 199 MB file).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: The limit of the oxigraph backend (on disk with ``path=``; Rust parsers, streamed).
MAX_STORE_BYTES = 4 * 1024 * 1024 * 1024
#: Bytes of memory the memory backend needs per byte of input (measured, rounded up).
_MEMORY_PER_BYTE = 50

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


def _refuse_dtd(path: Path) -> OntologyLoadError:
    return OntologyLoadError(path, "RDF/XML with a DOCTYPE or ENTITY declaration is refused "
                                   "(external entities and entity expansion are not allowed)")


def _check_xml(path: Path) -> None:
    """Refuse a DOCTYPE or ENTITY declaration anywhere in the file, in any encoding.

    defusedxml's expat reader reads the whole file as a stream (bounded memory) and
    stops at a DTD or an entity; a file in an encoding expat does not read (UTF-32) is
    scanned as text in 1 MiB pieces instead. A file that is not well-formed XML is
    refused here with expat's line and column.
    """
    import xml.sax

    from defusedxml import DefusedXmlException
    from defusedxml.sax import make_parser

    parser = make_parser()
    parser.forbid_dtd = parser.forbid_entities = parser.forbid_external = True
    parser.setContentHandler(xml.sax.ContentHandler())
    try:
        with open(path, "rb") as fh:
            parser.parse(fh)
    except DefusedXmlException:
        raise _refuse_dtd(path) from None
    except xml.sax.SAXParseException as err:
        if "encoding" not in str(err):
            from .position import load_error

            col = err.getColumnNumber()
            raise load_error(path, f"not well-formed XML: {err.getMessage()}",
                             err.getLineNumber(), col + 1 if col is not None else None) from None
        _scan_xml(path)  # an encoding expat cannot read: scan the text


def _scan_xml(path: Path) -> None:
    with open(path, "rb") as fh:
        decoder = codecs.getincrementaldecoder(_xml_codec(fh.read(4)))(errors="replace")
        fh.seek(0)
        tail = ""
        while True:
            chunk = fh.read(1 << 20)
            text = tail + decoder.decode(chunk, final=not chunk)
            if _DOCTYPE_TEXT.search(text):
                raise _refuse_dtd(path)
            if not chunk:
                return
            tail = text[-16:]


def _check_jsonld(path: Path) -> None:
    import json

    from .position import load_error

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise load_error(path, f"not valid JSON: {err.msg}", err.lineno, err.colno) from None
    except UnicodeDecodeError as err:
        raise OntologyLoadError(path, f"not valid JSON: not UTF-8 text ({err.reason} at byte "
                                      f"{err.start})") from None
    except RecursionError:
        raise OntologyLoadError(path, "JSON nested too deeply to read") from None
    stack = [doc]  # a loop, not recursion: any depth json could read is walked
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import") and _is_reference(value):
                    raise OntologyLoadError(path, f"JSON-LD {key} given by reference "
                                                  f"({str(value)[:80]!r}) is refused: nothing "
                                                  "is fetched or read besides the file itself; "
                                                  "inline the @context")
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def _is_reference(value: object) -> bool:
    """A context that names another document (URL, relative or absolute path)."""
    if isinstance(value, str):
        return True
    if isinstance(value, list):
        try:
            return any(_is_reference(v) for v in value)
        except RecursionError:  # lists in lists as deep as json reads: refused too
            return True
    if isinstance(value, dict):
        return "@import" in value
    return False


def _check_link(path: Path) -> None:
    """A symbolic link is followed only to a file in the folder it is in."""
    if not os.path.islink(path):
        return
    target = path.resolve()
    folder = path.parent.resolve()
    if folder not in target.parents:
        raise OntologyLoadError(path, "is a symbolic link to a file outside its folder; "
                                      "refused (pass the file itself if you mean it)")


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _too_big(path: Path, size: int, limit: int) -> OntologyLoadError:
    if limit <= MAX_FILE_BYTES:
        advice = (f"in memory, files up to {limit >> 20} MiB are read; use "
                  "backend='oxigraph' with path= (an on-disk store), which reads files up to "
                  f"{MAX_STORE_BYTES} bytes ({MAX_STORE_BYTES >> 30} GiB)")
    else:
        advice = f"the oxigraph on-disk store reads files up to {limit >> 30} GiB"
    return OntologyLoadError(path, f"file is {size} bytes; the limit is {limit} bytes: {advice}")


def check_files(paths: Iterable[Path], backend: str = "memory") -> None:
    """Before any file is read or hashed: refuse links out of a file's folder, files over
    the backend's size limit, and (memory backend) files that together would need more
    memory than the machine has free.

    Raises
    ------
    OntologyLoadError
        Names the file and the bound, and what to use instead.
    """
    limit = MAX_FILE_BYTES if backend == "memory" else MAX_STORE_BYTES
    paths = [Path(p) for p in paths]
    total = 0
    for path in paths:
        path = Path(path)
        _check_link(path)
        try:
            size = path.stat().st_size
        except OSError:
            continue  # a missing file is reported by the caller
        if size > limit:
            raise _too_big(path, size, limit)
        total += size
    free = _available_memory() if backend == "memory" else None
    if free is not None and total * _MEMORY_PER_BYTE > free:
        raise OntologyLoadError(
            ", ".join(str(p) for p in paths) if len(paths) < 4 else "the files",
            f"{total} bytes of RDF need about {total * _MEMORY_PER_BYTE >> 20} MiB in the memory "
            f"backend but {free >> 20} MiB are free; use backend='oxigraph' with path= (an "
            "on-disk store)")


@contextmanager
def guard_parse(path: Path, fmt: str, limit: int = MAX_FILE_BYTES) -> Iterator[None]:
    """Refuse input that could fetch, expand or exhaust before rdflib parses it.

    Raises
    ------
    OntologyLoadError
        The file is too large (over ``limit`` bytes), a symbolic link out of its
        folder, an RDF/XML file declares entities, or a JSON-LD file names a remote
        context.
    """
    _check_link(path)
    if path.is_file():
        size = path.stat().st_size
        if size > limit:
            raise _too_big(path, size, limit)
        if fmt == "xml":
            _check_xml(path)
        elif fmt == "json-ld":
            _check_jsonld(path)
    yield
