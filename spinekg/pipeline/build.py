"""Generate the ABox Turtle from the side-neutral template tables.

Every ``ontology/templates/*.tsv`` becomes ``ontology/abox/<name>.ttl``. Two kinds
of table exist (see ``ontology/README.md``):

* **entity tables** (a column ``id``): one row per entity; columns ``class``,
  ``sided``, ``label``, ``alt_labels``, ``definition``, ``sources`` and any
  property CURIE (``skg:partOf``, ``skos:exactMatch`` ...);
* **fact tables** (columns ``subject``, ``predicate``, ``object``): one row per
  sourced edge, with ``sources``, ``frequency``, ``rank``, ``uncertain``, ``note``.

A row whose entity is ``sided`` is written twice, as ``<id>_left`` and
``<id>_right``; every sided id the row refers to takes the same side, so a
left root only ever reaches left areas. Edges of properties marked
``skg:requiresSource`` carry their sources as an ``owl:Axiom``; sub-properties
are also stated as their spinekg super-property (an OBO super-property such as BFO
part of is declared in the TBox for OWL tools, not written on every edge).

Examples
--------
>>> from spinekg.pipeline.build import build, ontology_dir
>>> outputs = build(ontology_dir(), write=False)
>>> "roots.ttl" in {p.name for p in outputs}
True
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from ..errors import BuildError
from ..namespaces import CURIE_PREFIXES, PREFIXES, SKG
from .templates import (
    ENTITY_COLUMNS,
    FACT_COLUMNS,
    FREQUENCIES,
    RANKS,
    SIDED_VALUES,
    Row,
    Tables,
    read_table,
    split_cell,
)

__all__ = ["build", "check", "ontology_dir", "SIDES"]

#: The two sides a ``sided`` row is written for, with the label prefix of each.
SIDES: dict[str, str] = {"left": "Left", "right": "Right"}

_MAPPINGS = {SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
             SKOS.relatedMatch}


def ontology_dir() -> Path:
    """Return the folder holding the bundled ontology.

    Returns
    -------
    pathlib.Path
        ``ontology/`` of the source tree, or the copy shipped inside the wheel.

    Examples
    --------
    >>> (ontology_dir() / "spinekg.ttl").is_file()
    True
    """
    here = Path(__file__).resolve().parents[1]  # the spinekg package
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "spinekg.ttl").is_file():
            return candidate
    raise FileNotFoundError(f"bundled ontology not found next to {here}")


class _Builder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tbox = Graph()
        for ttl in sorted((root / "tbox").glob("*.ttl")):
            self.tbox.parse(ttl, format="turtle")
        self.object_props = set(self.tbox.subjects(RDF.type, OWL.ObjectProperty))
        self.datatype_props = set(self.tbox.subjects(RDF.type, OWL.DatatypeProperty))
        self.requires_source = set(self.tbox.subjects(SKG.requiresSource, Literal(True)))
        self.super_props: dict[URIRef, list[URIRef]] = {}
        for sub, sup in self.tbox.subject_objects(RDFS.subPropertyOf):
            if str(sup).startswith(str(SKG)):  # OBO super-properties (BFO part of, RO
                self.super_props.setdefault(sub, []).append(sup)  # innervated by) are
                # declared for OWL tools, which infer them; writing each edge again under
                # them would double every path
        self.tables = Tables()

    # -- reading -----------------------------------------------------------------
    def read(self) -> None:
        paths = sorted((self.root / "templates").glob("*.tsv"))
        if not paths:
            raise BuildError(f"no templates found under {self.root / 'templates'}")
        for path in paths:
            header, rows = read_table(path)
            name = path.stem
            if "id" in header:
                unknown = [h for h in header if h not in ENTITY_COLUMNS and ":" not in h]
                if unknown:
                    raise BuildError(f"{path.name}: unknown column(s) {unknown}; use a CURIE "
                                     f"such as skg:partOf or one of {sorted(ENTITY_COLUMNS)}")
                self.tables.entities[name] = rows
                for row in rows:
                    ident = row.cells.get("id", "")
                    if not ident:
                        raise BuildError(f"{row.where()}: empty id")
                    if ident in self.tables.sided:
                        raise BuildError(f"{row.where()}: id {ident!r} is defined twice")
                    sided = row.cells.get("sided", "")
                    if sided not in SIDED_VALUES:
                        raise BuildError(f"{row.where()}: sided={sided!r}; expected yes, midline "
                                         "or no")
                    self.tables.sided[ident] = SIDED_VALUES[sided]
            elif {"subject", "predicate", "object"} <= set(header):
                unknown = [h for h in header if h not in FACT_COLUMNS]
                if unknown:
                    raise BuildError(f"{path.name}: unknown column(s) {unknown}; expected "
                                     f"{sorted(FACT_COLUMNS)}")
                self.tables.facts[name] = rows
            else:
                raise BuildError(f"{path.name}: header needs 'id' (entity table) or "
                                 "'subject, predicate, object' (fact table)")

    # -- resolving references -----------------------------------------------------
    def _unknown(self, row: Row, ident: str) -> BuildError:
        close = difflib.get_close_matches(ident, list(self.tables.sided), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return BuildError(f"{row.where()}: unknown id {ident!r}{hint}")

    def _curie(self, row: Row, value: str) -> URIRef:
        prefix, _, local = value.partition(":")
        if prefix in PREFIXES:
            iri = URIRef(PREFIXES[prefix] + local)
            if prefix == "skg" and local not in self.tables.sided and (iri, None, None) not in \
                    self.tbox:
                base, _, side = local.rpartition("_")
                if not (side in SIDES and self.tables.sided.get(base) == "sided"):
                    raise self._unknown(row, local)
            return iri
        if prefix in CURIE_PREFIXES:
            return URIRef(CURIE_PREFIXES[prefix] + local)
        known = sorted(set(PREFIXES) | set(CURIE_PREFIXES))
        raise BuildError(f"{row.where()}: unknown prefix in {value!r}; known: {known}")

    def _ref(self, row: Row, value: str, side: str | None) -> list[URIRef]:
        """IRIs a cell value stands for on ``side`` (both sides when None)."""
        if ":" in value:
            return [self._curie(row, value)]
        kind = self.tables.sided.get(value)
        if kind is None:
            base, _, s = value.rpartition("_")
            if s in SIDES and self.tables.sided.get(base) == "sided":
                return [SKG[value]]
            raise self._unknown(row, value)
        if kind != "sided":
            return [SKG[value]]
        sides = [side] if side else list(SIDES)
        return [SKG[f"{value}_{s}"] for s in sides]

    def _source_refs(self, row: Row) -> list[URIRef]:
        refs = []
        for src in split_cell(row.cells.get("sources", "")):
            if self.tables.sided.get(src) is None:
                raise self._unknown(row, src)
            refs.append(SKG[src])
        return refs

    # -- writing ------------------------------------------------------------------
    def _literal(self, row: Row, prop: URIRef, value: str) -> Literal:
        rng = self.tbox.value(prop, RDFS.range)
        if rng == XSD.integer:
            try:
                return Literal(int(value))
            except ValueError:
                raise BuildError(f"{row.where()}: {value!r} is not an integer") from None
        if rng == XSD.decimal:
            try:
                number = Decimal(value)
            except ArithmeticError:
                raise BuildError(f"{row.where()}: {value!r} is not a number") from None
            lexical = format(number, "f")  # canonical form, so Turtle round-trips
            return Literal(lexical if "." in lexical else lexical + ".0", datatype=XSD.decimal)
        if rng == XSD.boolean:
            if value not in {"true", "false"}:
                raise BuildError(f"{row.where()}: {value!r} is not true or false")
            return Literal(value == "true")
        if rng == XSD.anyURI:
            return Literal(value, datatype=XSD.anyURI)
        if prop in (RDFS.label, SKOS.altLabel, SKOS.definition, RDFS.comment):
            return Literal(value, lang="en")
        return Literal(value)

    def _edge(self, g: Graph, row: Row, s: URIRef, p: URIRef, o: URIRef,
              sources: list[URIRef], annotate: bool) -> None:
        for prop in [p, *self.super_props.get(p, [])]:
            g.add((s, prop, o))
            if not (annotate or prop in self.requires_source):
                continue
            if prop in self.requires_source and not sources:
                raise BuildError(f"{row.where()}: {p.n3(g.namespace_manager)} needs a source "
                                 "(fill the 'sources' column)")
            ax = SKG["axiom_" + hashlib.sha1(f"{s} {prop} {o}".encode()).hexdigest()[:16]]
            g.add((ax, RDF.type, OWL.Axiom))
            g.add((ax, OWL.annotatedSource, s))
            g.add((ax, OWL.annotatedProperty, prop))
            g.add((ax, OWL.annotatedTarget, o))
            for src in sources:
                g.add((ax, DCTERMS.source, src))
            cells = row.cells
            if cells.get("frequency"):
                g.add((ax, SKG.frequency, Literal(cells["frequency"])))
            if cells.get("rank"):
                g.add((ax, SKG.evidenceRank, Literal(cells["rank"])))
            if cells.get("uncertain") == "true":
                g.add((ax, SKG.uncertain, Literal(True)))
            if cells.get("note"):
                g.add((ax, RDFS.comment, Literal(cells["note"], lang="en")))

    def _entity(self, g: Graph, row: Row) -> None:
        cells = row.cells
        ident = cells["id"]
        kind = self.tables.sided[ident]
        sources = self._source_refs(row)
        label = cells.get("label", "")
        if not label:
            raise BuildError(f"{row.where()}: {ident!r} has no label")
        for side in (list(SIDES) if kind == "sided" else [None]):
            s = SKG[f"{ident}_{side}"] if side else SKG[ident]
            prefix = f"{side} " if side else ""
            g.add((s, RDF.type, OWL.NamedIndividual))
            for cls in split_cell(cells.get("class", "")):
                g.add((s, RDF.type, self._curie(row, cls)))
            g.add((s, RDFS.label, Literal(prefix + label, lang="en")))
            for alt in split_cell(cells.get("alt_labels", "")):
                g.add((s, SKOS.altLabel, Literal(prefix + alt, lang="en")))
            if cells.get("definition"):
                text = cells["definition"]
                if side:
                    text = f"{text} ({SIDES[side]} side.)"
                g.add((s, SKOS.definition, Literal(text, lang="en")))
            for src in sources:
                g.add((s, DCTERMS.source, src))
            if side:
                g.add((s, SKG.hasSide, SKG[SIDES[side]]))
                other = "right" if side == "left" else "left"
                g.add((s, SKG.lateralCounterpart, SKG[f"{ident}_{other}"]))
            elif kind == "midline":
                g.add((s, SKG.hasSide, SKG.Midline))
            for column, value in cells.items():
                if column in ENTITY_COLUMNS or not value:
                    continue
                p = self._curie(row, column)
                for item in split_cell(value):
                    if p in self.object_props or p in _MAPPINGS:
                        for o in self._ref(row, item, side):
                            self._edge(g, row, s, p, o, sources, annotate=False)
                    else:
                        g.add((s, p, self._literal(row, p, item)))

    def _fact(self, g: Graph, row: Row) -> None:
        cells = row.cells
        for column, allowed in (("frequency", FREQUENCIES), ("rank", RANKS),
                                ("uncertain", {"", "true", "false"})):
            if cells.get(column, "") not in allowed:
                raise BuildError(f"{row.where()}: {column}={cells[column]!r}; expected one of "
                                 f"{sorted(a for a in allowed if a)}")
        p = self._curie(row, cells["predicate"])
        if p not in self.object_props:
            raise BuildError(f"{row.where()}: {cells['predicate']!r} is not an object property "
                             "of the TBox")
        sources = self._source_refs(row)
        if not sources:
            raise BuildError(f"{row.where()}: a fact row needs at least one source")
        subj, obj = cells["subject"], cells["object"]
        sided = any(self.tables.sided.get(v) == "sided" for v in (subj, obj))
        for side in (list(SIDES) if sided else [None]):
            for s in self._ref(row, subj, side):
                for o in self._ref(row, obj, side):
                    self._edge(g, row, s, p, o, sources, annotate=True)

    def graphs(self) -> Iterator[tuple[str, Graph]]:
        for name, rows in sorted({**self.tables.entities, **self.tables.facts}.items()):
            g = Graph()
            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns)
            for row in rows:
                if name in self.tables.entities:
                    self._entity(g, row)
                else:
                    self._fact(g, row)
            yield name, g


def _serialize(g: Graph) -> str:
    """Turtle with subjects, predicates and objects sorted (stable diffs)."""
    nm = g.namespace_manager
    used = sorted(PREFIXES.items())
    out = [f"@prefix {p}: <{ns}> ." for p, ns in used]
    out.append("")
    for s in sorted(set(g.subjects())):
        if isinstance(s, BNode):
            raise BuildError("blank nodes are not written by the template build")
        preds = sorted(set(g.predicates(s)), key=lambda p: (p != RDF.type, str(p)))
        parts = []
        for p in preds:
            objs = sorted(g.objects(s, p), key=lambda o: (type(o).__name__, str(o),
                                                          str(getattr(o, "datatype", ""))))
            pname = "a" if p == RDF.type else p.n3(nm)
            parts.append(f"    {pname} " + ",\n        ".join(o.n3(nm) for o in objs))
        out.append(s.n3(nm) + "\n" + " ;\n".join(parts) + " .\n")
    return "\n".join(out)


def build(root: Path | str | None = None, *, write: bool = True) -> dict[Path, str]:
    """Generate ``abox/*.ttl`` from ``templates/*.tsv``.

    Parameters
    ----------
    root : path, optional
        The ontology folder (default: the bundled one).
    write : bool
        Write the files (default) or only return their text.

    Returns
    -------
    dict
        Output path → Turtle text, one per template table.

    Raises
    ------
    BuildError
        A row names an unknown id, lacks a source, or has a malformed cell; the
        message gives the table, the line and what would be right.

    Examples
    --------
    >>> texts = build(write=False)
    >>> any("root_L4_left" in t for t in texts.values())
    True
    """
    root = Path(root) if root is not None else ontology_dir()
    builder = _Builder(root)
    builder.read()
    texts: dict[Path, str] = {}
    for name, g in builder.graphs():
        texts[root / "abox" / f"{name}.ttl"] = _serialize(g)
    if write:
        (root / "abox").mkdir(exist_ok=True)
        for stale in set((root / "abox").glob("*.ttl")) - set(texts):
            stale.unlink()
        for path, text in texts.items():
            path.write_text(text, encoding="utf-8")
    return texts


def check(root: Path | str | None = None) -> list[str]:
    """Names of the ABox files that differ from what the templates generate.

    Examples
    --------
    >>> check()
    []
    """
    root = Path(root) if root is not None else ontology_dir()
    texts = build(root, write=False)
    drift = [p.name for p, t in texts.items()
             if not p.is_file() or p.read_text(encoding="utf-8") != t]
    extra = {p.name for p in (root / "abox").glob("*.ttl")} - {p.name for p in texts}
    return sorted(drift + list(extra))

