"""The answers of the path engine: a :class:`Path` of :class:`Step` s, each a sourced edge.

Examples
--------
>>> kg = skg.load()
>>> p = kg.paths("left L4", "left", via="skg:hasSide")[0]
>>> len(p), p.steps[0].predicate
(1, 'skg:hasSide')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .tables import Tabular
from .terms import EdgeInfo, Term, words

__all__ = ["Path", "Step"]


# --- results ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Step:
    """One edge of a path, walked forward or (``inverse=True``) backward.

    ``subject --predicate--> object`` is always the edge as stated in the graph;
    ``source``/``target`` are where the walk came from and went to.
    """

    subject: Term
    predicate: str
    object: Term
    inverse: bool = False
    info: EdgeInfo = field(default_factory=EdgeInfo)

    @property
    def source(self) -> Term:
        return self.object if self.inverse else self.subject

    @property
    def target(self) -> Term:
        return self.subject if self.inverse else self.object

    @property
    def sources(self) -> tuple[str, ...]:
        return self.info.sources


@dataclass(frozen=True, slots=True)
class Path(Tabular):
    """A chain of :class:`Step` objects: the explanation of one answer.

    Examples
    --------
    >>> kg = skg.load()
    >>> p = kg.paths("left L4", "skg:Left", via="skg:hasSide")[0]
    >>> len(p), p.source.label, p.target.label
    (1, 'left L4 nerve root', 'left')
    """

    steps: tuple[Step, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self):
        return iter(self.steps)

    @property
    def source(self) -> Term:
        return self.steps[0].source

    @property
    def target(self) -> Term:
        return self.steps[-1].target

    @property
    def nodes(self) -> tuple[Term, ...]:
        return (self.source, *(s.target for s in self.steps))

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source cited along the path, in order, without repeats."""
        return tuple(dict.fromkeys(src for s in self.steps for src in s.info.sources))

    def __str__(self) -> str:
        out = [self.source.label]
        for s in self.steps:
            arrow = f" ←{words(s.predicate)}— " if s.inverse else \
                f" —{words(s.predicate)}→ "
            out.append(arrow + s.target.label)
        return "".join(out)

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"from": s.source.label, "predicate": s.predicate, "inverse": s.inverse,
                 "to": s.target.label, "from_curie": s.source.curie, "to_curie": s.target.curie,
                 "rank": s.info.rank, "frequency": s.info.frequency,
                 "sources": "; ".join(s.info.sources)} for s in self.steps]
