"""Examination tests and history features as the graph states them: what each tests, how it
is done, what it suggests or argues against, and its published accuracy with the study behind it.

An accuracy reading is one ``skg:TestAccuracy`` row: the values exactly as its source gives
them (``derived`` marks likelihood ratios computed here from sensitivity and specificity),
or ``not_published`` where the source reports none. Readings are ranked primary/alternative
where sources disagree, and listed primary first. Nothing here holds a number: every figure
comes from the graph.

Examples
--------
>>> kg = skg.load()
>>> t = kg.test("left straight leg raise")
>>> t.accuracy[0].sensitivity, t.accuracy[0].specificity, t.accuracy[0].sources
(0.91, 0.26, ('skg:src_deville2000_slr',))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.tables import Tabular
from ..core.terms import Term, Terms

__all__ = ["AccuracyReading", "ExamTest", "TestTable", "exam_test", "exam_tests"]

KINDS = ("ExaminationTest", "HistoryFeature")
_NUMBERS = ("sensitivity", "specificity", "positiveLR", "negativeLR", "sensitivityLow",
            "sensitivityHigh", "specificityLow", "specificityHigh")


@dataclass(frozen=True)
class AccuracyReading:
    """One published accuracy of a test for its targets (conditions, roots, nerves)."""

    row: Term
    targets: Terms
    sensitivity: float | None
    specificity: float | None
    positive_lr: float | None
    negative_lr: float | None
    sensitivity_ci: tuple[float | None, float | None]  # (low, high): a CI or a range
    specificity_ci: tuple[float | None, float | None]
    derived: bool
    not_published: bool
    population: str | None
    reference_standard: str | None
    sample_size: int | None
    rank: str
    sources: tuple[str, ...]
    note: str | None

    def __str__(self) -> str:
        if self.not_published:
            figures = "accuracy not published"
        else:
            parts = [f"{name} {value:g}" for name, value in (
                ("sensitivity", self.sensitivity), ("specificity", self.specificity),
                ("LR+", self.positive_lr), ("LR-", self.negative_lr)) if value is not None]
            parts += [f"{name} range {low:g}-{high:g}" for name, (low, high) in (
                ("sensitivity", self.sensitivity_ci), ("specificity", self.specificity_ci))
                if low is not None and self.sensitivity is None and self.specificity is None]
            figures = ", ".join(parts) + (" (LRs derived)" if self.derived else "")
        return f"{figures} [{self.rank}; {'; '.join(self.sources)}]"


@dataclass(frozen=True)
class ExamTest(Tabular):
    """An examination test or history feature with its accuracy readings.

    ``suggests``/``argues_against`` are the candidates a positive result points to or away
    from; ``accuracy`` the readings, primary first.
    """

    test: Term
    definition: str | None
    what_it_tests: str | None
    procedure: str | None
    positive_finding: str | None
    suggests: Terms
    argues_against: Terms
    accuracy: tuple[AccuracyReading, ...]
    sources: tuple[str, ...]

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per accuracy reading (one row saying none when the graph has none)."""
        base = {"test": self.test.label, "curie": self.test.curie, "kind": self.test.kind,
                "what it tests": self.what_it_tests or "", "procedure": self.procedure or ""}
        if not self.accuracy:
            return [{**base, "targets": "", "sensitivity": None, "specificity": None,
                     "LR+": None, "LR-": None, "rank": "", "accuracy": "no accuracy row",
                     "sources": "; ".join(self.sources)}]
        return [{**base, "targets": ", ".join(t.label for t in a.targets),
                 "sensitivity": a.sensitivity, "specificity": a.specificity,
                 "sensitivity low": a.sensitivity_ci[0], "sensitivity high": a.sensitivity_ci[1],
                 "specificity low": a.specificity_ci[0], "specificity high": a.specificity_ci[1],
                 "LR+": a.positive_lr, "LR-": a.negative_lr, "rank": a.rank,
                 "accuracy": "not published" if a.not_published else
                 ("LRs derived" if a.derived else "as published"),
                 "population": a.population or "", "sources": "; ".join(a.sources)}
                for a in self.accuracy]

    def __str__(self) -> str:
        lines = [f"{self.test.label} ({self.test.kind})"]
        for name, value in (("tests", self.what_it_tests), ("how", self.procedure),
                            ("positive", self.positive_finding)):
            if value:
                lines.append(f"  {name}: {value}")
        for name, terms in (("suggests", self.suggests), ("argues against", self.argues_against)):
            if terms:
                lines.append(f"  {name}: {', '.join(t.label for t in terms)}")
        lines += [f"  accuracy: {a}" for a in self.accuracy] or ["  accuracy: no row in the graph"]
        return "\n".join(lines)


@dataclass(frozen=True)
class TestTable(Tabular):
    """Every examination test and history feature of the graph, one side each (the left
    where a test is sided), with ``to_dataframe()`` one row per accuracy reading."""

    __test__ = False  # not a pytest test class
    tests: tuple[ExamTest, ...]

    def __iter__(self):
        return iter(self.tests)

    def __len__(self) -> int:
        return len(self.tests)

    def to_rows(self) -> list[dict[str, Any]]:
        return [row for t in self.tests for row in t.to_rows()]

    def __str__(self) -> str:
        return f"{len(self.tests)} examination tests and history features"


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _reading(kg: Any, row: str) -> AccuracyReading:
    ix = kg.index
    num = {name: _number(ix.value(row, f"skg:{name}")) for name in _NUMBERS}
    size = ix.value(row, "skg:sampleSize")
    ci = [(num[f"{v}Low"], num[f"{v}High"]) for v in ("sensitivity", "specificity")]
    return AccuracyReading(
        row=kg.term(row), targets=tuple(kg.term(t) for t in ix.objects(row, "skg:forTarget")),
        sensitivity=num["sensitivity"], specificity=num["specificity"],
        positive_lr=num["positiveLR"], negative_lr=num["negativeLR"],
        sensitivity_ci=ci[0], specificity_ci=ci[1],
        derived=str(ix.value(row, "skg:derived", "false")).lower() == "true",
        not_published=str(ix.value(row, "skg:accuracyNotPublished", "false")).lower() == "true",
        population=ix.value(row, "skg:studyPopulation"),
        reference_standard=ix.value(row, "skg:referenceStandard"),
        sample_size=None if size is None else int(size),
        rank=ix.value(row, "skg:evidenceRank") or "primary",
        sources=ix.node_sources.get(row, ()), note=ix.value(row, "rdfs:comment"))


def _record(kg: Any, curie: str) -> ExamTest:
    ix = kg.index
    readings = sorted((_reading(kg, r) for r in ix.subjects(curie, "skg:accuracyOf")),
                      key=lambda a: (a.rank != "primary", a.row.curie))
    linked = {p: tuple(kg.term(o) for o in ix.objects(curie, p))
              for p in ("skg:suggests", "skg:arguesAgainst")}
    return ExamTest(
        test=kg.term(curie), definition=ix.definitions.get(curie),
        what_it_tests=ix.value(curie, "skg:whatItTests"), procedure=ix.value(curie, "skg:procedure"),
        positive_finding=ix.value(curie, "skg:positiveFinding"),
        suggests=linked["skg:suggests"], argues_against=linked["skg:arguesAgainst"],
        accuracy=tuple(readings), sources=ix.node_sources.get(curie, ()))


def exam_test(kg: Any, name: object, *, side: object = None) -> ExamTest:
    """One examination test or history feature; see :meth:`spinekg.SpineKG.test`."""
    return _record(kg, kg.resolver.term(name, side=side, kinds=KINDS).curie)


def exam_tests(kg: Any) -> TestTable:
    """Every test and history feature, the left one of each sided pair; see
    :meth:`spinekg.SpineKG.tests`."""
    ix = kg.index
    found = sorted({c for k in KINDS for c in ix.instances(f"skg:{k}")
                    if ix.side(c) != "right"})
    return TestTable(tuple(_record(kg, c) for c in found))
