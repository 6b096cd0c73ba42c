"""Reading the template tables: side-neutral TSV rows, as the build sees them.

Two kinds of table exist (see ``ontology/README.md``): entity tables (a column
``id``) and fact tables (``subject``, ``predicate``, ``object`` and the qualifiers).

Examples
--------
>>> from spinekg.pipeline.build import ontology_dir
>>> header, rows = read_table(ontology_dir() / "templates" / "sides.tsv")
>>> "id" in header and len(rows) >= 2
True
>>> split_cell("a | b||c")
['a', 'b', 'c']
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError

__all__ = ["ENTITY_COLUMNS", "FACT_COLUMNS", "FREQUENCIES", "RANKS", "Row", "SIDED_VALUES",
           "Tables", "read_table", "split_cell"]

ENTITY_COLUMNS = {"id", "class", "sided", "label", "alt_labels", "definition", "sources"}
FACT_COLUMNS = {"subject", "predicate", "object", "sources", "frequency", "rank", "uncertain",
                 "note"}
FREQUENCIES = {"", "common", "uncommon", "rare"}
RANKS = {"", "primary", "alternative"}
SIDED_VALUES = {"yes": "sided", "midline": "midline", "no": "none", "": "none"}


@dataclass
class Row:
    table: str
    line: int
    cells: dict[str, str]

    def where(self) -> str:
        return f"{self.table}, line {self.line}"


@dataclass
class Tables:
    entities: dict[str, list[Row]] = field(default_factory=dict)
    facts: dict[str, list[Row]] = field(default_factory=dict)
    sided: dict[str, str] = field(default_factory=dict)  # id -> "sided" | "midline" | "none"


def read_table(path: Path) -> tuple[list[str], list[Row]]:
    lines = [
        (n, line)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        raise BuildError(f"{path.name}: empty table (expected a header row)")
    header = [h.strip() for h in lines[0][1].split("\t")]
    rows = []
    for n, line in lines[1:]:
        values = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(values) > len(header):
            raise BuildError(
                f"{path.name}, line {n}: {len(values)} cells but the header has {len(header)}"
            )
        cells = {h: v.strip() for h, v in zip(header, values)}
        rows.append(Row(path.name, n, cells))
    return header, rows


def split_cell(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]
