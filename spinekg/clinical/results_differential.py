"""The answer of the differential: a :class:`Localization` of :class:`Candidate` s, each
with the :class:`Evidence` of every finding (its likelihood ratio and path).

Examples
--------
>>> loc = skg.load().localize(side="left", numbness=["big toe"])
>>> isinstance(loc, Localization) and isinstance(loc.best, Candidate)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.search import Path
from ..core.tables import Tabular
from ..core.terms import Term, Terms

__all__ = ["Candidate", "Evidence", "Localization"]


def _labels(terms: Terms) -> str:
    return ", ".join(t.label for t in terms)


def _ref(term: Term | None) -> dict[str, str] | None:
    """A term in JSON: its label and CURIE."""
    return None if term is None else {"label": term.label, "curie": term.curie}


@dataclass(frozen=True)
class Evidence:
    """What one finding did to one candidate: its likelihood ratio (P(finding |
    candidate) over P(finding | a candidate that does not explain it)) and the path of
    graph edges that makes it so (None when the candidate does not explain it)."""

    finding: str
    likelihood_ratio: float
    path: Path | None = None
    present: bool = True


@dataclass(frozen=True)
class Candidate:
    """One lesion (or, for a combined answer, several) that could explain the findings.

    ``root`` is kept for old code: the target of a root candidate (and the target of
    any other candidate). ``score`` is the posterior probability, like ``probability``.
    """

    root: Term
    level: str
    score: float
    explains: tuple[str, ...]
    unexplained: tuple[str, ...]
    contradicts: tuple[str, ...]
    lesions: tuple[str, ...]
    paths: tuple[Path, ...] = field(compare=False, default=())
    notes: tuple[str, ...] = ()
    flag: str | None = None
    kind: str = "root"
    targets: Terms = ()
    levels: tuple[str, ...] = ()
    side: str | None = None
    probability: float = 0.0
    evidence: tuple[Evidence, ...] = field(compare=False, default=())
    label: str = ""

    @property
    def target(self) -> Term:
        """The candidate's main term (a root, nerve, plexus part, syndrome, condition)."""
        return self.root

    def __str__(self) -> str:
        return f"{self.label or self.root.label} ({self.kind}, p={self.probability:.2f})"


@dataclass(frozen=True)
class Localization(Tabular):
    """The differential for a set of findings: candidates with posterior probabilities."""

    candidates: tuple[Candidate, ...]
    findings: tuple[str, ...]
    unresolved: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    #: how many findings a lesion should explain: all but normal ones, plus imaging
    n_abnormal: int | None = None
    #: every candidate weighed (``candidates`` holds the first ``limit``); probabilities sum to 1
    ranked: tuple[Candidate, ...] = field(default=(), compare=False)
    state: Any = field(default=None, compare=False, repr=False)
    #: near names for each word left unresolved
    suggestions: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def next_tests(self, n: int = 10, kind: str | None = None) -> Any:
        """The examinations not yet done, by expected information gain, optionally of one
        ``kind`` ("strength", "sensation", "reflex", "test"; see
        :mod:`spinekg.clinical.differential.next_tests`)."""
        from .differential.next_tests import next_tests

        return next_tests(self, n=n, kind=kind)

    def next_tests_by_kind(self, k: int = 2) -> Any:
        """The best ``k`` examinations of each kind, kind by kind: an examination plan."""
        from .differential.next_tests import by_kind

        return by_kind(self, k=k)

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"rank": i, "candidate": c.label or c.root.label, "kind": c.kind,
                 "root": c.root.label, "level": c.level,
                 "probability": round(c.probability, 4), "score": round(c.score, 4),
                 "explains": "; ".join(c.explains), "unexplained": "; ".join(c.unexplained),
                 "contradicts": "; ".join(c.contradicts), "lesions": "; ".join(c.lesions),
                 "flag": c.flag or ""}
                for i, c in enumerate(self.candidates, start=1)]

    def __str__(self) -> str:
        of = len(self.findings) if self.n_abnormal is None else self.n_abnormal
        lines = [f"{i}. {c.label or c.root.label} ({c.kind}, p={c.probability:.2f}) explains "
                 f"{len(c.explains)}/{of}" + (" — flagged" if c.flag else "")
                 for i, c in enumerate(self.candidates, start=1)]
        if not self.candidates:
            lines.append("no candidate root")
        lines += [f"flag: {f}" for f in self.flags]
        if self.unresolved:
            lines.append("unresolved: " + ", ".join(
                u + (f" (did you mean: {', '.join(self.suggestions[u])}?)"
                     if self.suggestions.get(u) else "") for u in self.unresolved))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The findings, the candidates (lists, with targets, levels and the evidence of
        each finding: its likelihood ratio and path), the flags and the words left
        unresolved, as one JSON-ready mapping."""
        cands = []
        for c in self.candidates:
            cands.append({
                "candidate": c.label or c.root.label, "kind": c.kind, "target": _ref(c.root),
                "targets": [_ref(t) for t in c.targets], "levels": list(c.levels),
                "side": c.side, "probability": c.probability, "flag": c.flag,
                "explains": list(c.explains), "unexplained": list(c.unexplained),
                "contradicts": list(c.contradicts), "lesions": list(c.lesions),
                "notes": list(c.notes),
                "evidence": [{"finding": e.finding, "likelihood_ratio": e.likelihood_ratio,
                              "present": e.present, "path": str(e.path) if e.path else None,
                              "sources": list(e.path.sources) if e.path else []}
                             for e in c.evidence]})
        return {"findings": list(self.findings), "candidates": cands,
                "flags": list(self.flags), "unresolved": list(self.unresolved),
                "suggestions": {k: list(v) for k, v in self.suggestions.items()}}

    def _caption(self) -> str:
        return "differential"
