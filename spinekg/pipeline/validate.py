"""Check a graph against the SHACL shapes and the QC queries of the ontology.

The whole bundled ontology is checked by ``kg.validate()`` (a few seconds; the report
is kept for the rest of the process). The examples check the TBox alone.

Examples
--------
>>> from spinekg.pipeline.build import ontology_dir
>>> report = validate(sorted((ontology_dir() / "tbox").glob("*.ttl")))
>>> report.conforms
True
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF

from ..curies import curie
from ..namespaces import PREFIXES
from .build import ontology_dir

__all__ = ["validate", "ValidationReport", "Finding", "qc_queries"]

_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Finding:
    """One violation: which check, which node, and what is wrong."""

    check: str
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {' '.join(filter(None, (self.focus, self.path)))}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The result of :func:`validate`: ``conforms`` and the readable findings."""

    conforms: bool
    findings: tuple[Finding, ...] = ()
    shacl_text: str = field(default="", repr=False)

    @property
    def checks(self) -> set[str]:
        """Names of the shapes and QC queries that failed."""
        return {f.check for f in self.findings}

    def __str__(self) -> str:
        if self.conforms:
            return "conforms: no SHACL or QC violations"
        return f"{len(self.findings)} violation(s):\n" + "\n".join(str(f) for f in self.findings)


def qc_queries(root: Path | None = None) -> dict[str, str]:
    """The QC queries: name → SPARQL text (each must return no rows).

    Examples
    --------
    >>> "crossed-sides" in qc_queries()
    True
    """
    root = root or ontology_dir()
    return {p.name.removesuffix("-violation.rq"): p.read_text(encoding="utf-8")
            for p in sorted((root / "qc").glob("*-violation.rq"))}


def _shapes(root: Path) -> Graph:
    g = Graph()
    for p in sorted((root / "shapes").glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


#: Reports already made in this process: a question asked again (the same files, unchanged
#: on disk, or the same graph object of the same size) is answered without running SHACL
#: again. A budget keeps it small.
_REPORTS: dict[tuple, ValidationReport] = {}
_GRAPH_REPORTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_BUDGET = 16


def validate(graph: Graph | Iterable[str | Path], *, shacl: bool = True, qc: bool = True
             ) -> ValidationReport:
    """Run the SHACL shapes and QC queries over ``graph``.

    Parameters
    ----------
    graph : rdflib.Graph or list of paths
        The graph to check, or files to parse (with the bundled TBox added, so
        class hierarchies are known).
    shacl, qc : bool
        Which checks to run.

    Returns
    -------
    ValidationReport

    Examples
    --------
    >>> from spinekg.pipeline.parse import bundled_files
    >>> validate(bundled_files()[:2], shacl=False).conforms
    True
    """
    checks = (shacl, qc)
    if isinstance(graph, Graph):
        hit = _GRAPH_REPORTS.get(graph)
        if hit is not None and hit[0] == (len(graph), checks):
            return hit[1]
        report = _run(graph, shacl=shacl, qc=qc)
        _GRAPH_REPORTS[graph] = ((len(graph), checks), report)
        return report
    key = _files_key(graph, checks)
    if key is not None and key in _REPORTS:
        return _REPORTS[key]
    report = _run(graph, shacl=shacl, qc=qc)
    if key is not None:
        if len(_REPORTS) >= _BUDGET:
            _REPORTS.pop(next(iter(_REPORTS)))
        _REPORTS[key] = report
    return report


def _files_key(files: Any, checks: tuple[bool, bool]) -> tuple | None:
    """The files as they are on disk now (path, size, change time), or None when they
    cannot be read as such (the checks below then say what is wrong)."""
    if isinstance(files, (str, Path)) or not isinstance(files, (list, tuple)):
        return None
    try:
        stats = tuple((str(Path(f).resolve()), Path(f).stat().st_size, Path(f).stat().st_mtime_ns)
                      for f in files)
    except (OSError, TypeError, ValueError):
        return None
    return (stats, checks, ontology_dir())


def _run(graph: Graph | Iterable[str | Path], *, shacl: bool = True, qc: bool = True
             ) -> ValidationReport:
    """The checks behind :func:`validate`, unmemoised."""
    from pyshacl import validate as shacl_validate

    from .parse import parse_files

    root = ontology_dir()
    if not isinstance(graph, Graph):
        if isinstance(graph, (str, Path)) or not isinstance(graph, (list, tuple)):
            raise TypeError(f"validate takes an rdflib.Graph or a list of file paths, got "
                            f"{type(graph).__name__}: {graph!r:.80}")
        for p in graph:
            if not isinstance(p, (str, Path)):
                raise TypeError(f"validate: {p!r} is not a file path")
        files = [Path(p) for p in graph]
        tbox = sorted((root / "tbox").glob("*.ttl"))
        graph = parse_files([*tbox, *[f for f in files if f not in tbox]])
    findings: list[Finding] = []
    text = ""
    if shacl:
        shapes = _shapes(root)
        conforms, results, text = shacl_validate(graph, shacl_graph=shapes,
                                                 inference="none", advanced=False,
                                                 allow_warnings=False)
        if not conforms:
            for r in results.subjects(RDF.type, _uri(_SH + "ValidationResult")):
                shape = results.value(r, _uri(_SH + "sourceShape"))
                # property shapes are blank nodes: name them after their node shape
                owner = shapes.value(predicate=_uri(_SH + "property"), object=shape) \
                    if shape is not None else None
                name = str(owner if owner is not None else shape).rpartition("/")[2]
                path = results.value(r, _uri(_SH + "resultPath"))
                msg = results.value(r, _uri(_SH + "resultMessage"))
                focus = results.value(r, _uri(_SH + "focusNode"))
                findings.append(Finding(name, curie(str(focus)),
                                        curie(str(path)) if path is not None else None,
                                        str(msg)))
    if qc:
        for name, rows in _qc_rows(graph, qc_queries(root)):
            for values in rows:
                findings.append(Finding(name, values[0] if values else "",
                                        None, "QC violation: " + " ".join(values)))
    findings.sort(key=lambda f: (f.check, f.focus, f.path or ""))
    return ValidationReport(conforms=not findings, findings=tuple(findings), shacl_text=text)


def _uri(value: str) -> Any:
    from rdflib import URIRef

    return URIRef(value)


def _qc_rows(graph: Graph, queries: dict[str, str]) -> Any:
    """Each QC query's rows as CURIE lists: run by Oxigraph's SPARQL engine when pyoxigraph
    is installed (the same SPARQL, some hundred times faster on the whole ontology than
    rdflib's), else by rdflib."""
    try:
        import pyoxigraph as ox
    except ImportError:
        ox = None
    if ox is None:
        for name, query in queries.items():
            yield name, [[curie(str(v)) for v in row if v is not None]
                         for row in graph.query(query, initNs=PREFIXES)]
        return
    from .oxparse import from_rdflib_term

    store = ox.Store()
    store.extend(ox.Quad(from_rdflib_term(s), from_rdflib_term(p), from_rdflib_term(o))
                 for s, p, o in graph)
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    for name, query in queries.items():
        rows = []
        for sol in store.query(prologue + query):
            rows.append([curie(v.value) for v in sol if v is not None])
        yield name, rows
