"""Frozen result types with ``to_dataframe()`` and ``_repr_html_`` for notebooks.

Examples
--------
>>> kg = skg.load()
>>> impact = kg.affected_by("left L4")
>>> impact.side
'left'
>>> "<table" in impact._repr_html_()
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.search import Path, Step
from ..core.tables import Tabular
from ..core.terms import Term, Terms
from .results_differential import Candidate, Evidence, Localization, _labels, _ref  # noqa: F401

# Candidate, Evidence and Localization (the differential's answers) are in
# results_differential; they are imported here for the code that imported them from here.
__all__ = ["Compression", "Impact", "PathMap", "TierPlan", "TreatmentItem", "TreatmentPlan"]


class PathMap(Mapping):
    """Explanation paths by item CURIE; each :class:`Path` is made when first read.

    Built from one or more layers, each a mapping ``item -> steps`` or a pair
    ``(head, mapping)``: the first layer that holds an item gives its path,
    ``head + steps`` (a lesion's rule steps, then the root's own).

    Examples
    --------
    >>> kg = skg.load()
    >>> paths = kg.affected_by("left L4").paths
    >>> str(paths["skg:reflex_patellar_left"])
    'left L4 nerve root —mediates reflex→ left patellar reflex'
    """

    __slots__ = ("_layers", "_made", "_keys")

    def __init__(self, *layers: Mapping[str, tuple[Step, ...]]
                 | tuple[tuple[Step, ...], Mapping[str, tuple[Step, ...]]]) -> None:
        self._layers = tuple(lay if isinstance(lay, tuple) else ((), lay) for lay in layers)
        self._made: dict[str, Path] = {}
        self._keys: tuple[str, ...] | None = None

    def __getitem__(self, key: str) -> Path:
        made = self._made.get(key)
        if made is None:
            for head, steps in self._layers:
                tail = steps.get(key)
                if tail is not None:
                    made = self._made[key] = Path(head + tail)
                    break
            else:
                raise KeyError(key)
        return made

    def _all(self) -> tuple[str, ...]:
        if self._keys is None:
            self._keys = tuple(dict.fromkeys(k for _, steps in self._layers for k in steps))
        return self._keys

    def __contains__(self, key: object) -> bool:
        return any(key in steps for _, steps in self._layers)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"<PathMap of {len(self)} explanation paths>"


@dataclass(frozen=True)
class Impact(Tabular):
    """What a compressed root (or a lesion) affects, with the explanation of each item.

    ``paths`` maps each item's CURIE to the path that reaches it from a root (or
    from the lesion through the compression rule). ``side`` is the roots' side,
    ``"bilateral"`` for a central lesion (or both sides asked), and None for a one-sided
    lesion asked without a side: then ``roots`` and the items are empty and
    ``alternatives`` gives each side's roots (``{"left": (...), "right": (...)}``).
    ``flags`` are plain-language warnings read from the graph (``"cauda equina"``,
    ``"conus medullaris: ..."``, ``"myelopathy"``); ``reaches`` what of the cord, conus
    or cauda equina a central lesion reaches at its level.
    """

    query: str = field(compare=False)  # how it was asked: "left L5" equals ("L5", side="left")
    roots: Terms
    side: str | None
    region: Term | None
    dermatome_areas: Terms
    key_sensory_points: Terms
    muscle_actions: Terms
    reflexes: Terms
    pain_areas: Terms
    symptoms: Terms
    paths: Mapping[str, Path] = field(default_factory=dict, compare=False)
    lesion: Term | None = None
    level: str | None = None
    flags: tuple[str, ...] = ()
    reaches: Terms = ()
    alternatives: Mapping[str, Terms] = field(default_factory=dict)

    _FIELDS = ("dermatome_areas", "key_sensory_points", "muscle_actions", "reflexes",
               "pain_areas", "symptoms")

    def items(self) -> list[tuple[str, Term]]:
        """``(category, term)`` for every affected item."""
        return [(f, t) for f in self._FIELDS for t in getattr(self, f)]

    def explain(self, item: str | Term) -> Path:
        """The path that explains one item (a Term, CURIE or label; on a one-sided
        impact the label may leave the side out: "great toe").

        Examples
        --------
        >>> skg.load().affected_by("left L5").explain("great toe").target.label
        'left great toe'
        """
        key = item.curie if isinstance(item, Term) else item
        if key in self.paths:
            return self.paths[key]
        labels = (key, f"{self.side} {key}") if self.side in ("left", "right") else (key,)
        for label in labels:
            for _, t in self.items():
                if t.label == label:
                    return self.paths[t.curie]
        raise KeyError(f"{item!r} is not among the affected items of {self.query!r}")

    def rank(self, item: str | Term) -> str:
        """``"alternative"`` when an edge of the item's explanation is the alternative
        reading of sources that disagree (great toe from L4), else ``"primary"``.

        Examples
        --------
        >>> imp = skg.load().affected_by("left L4")
        >>> imp.rank("left great toe"), imp.rank("left medial malleolus")
        ('alternative', 'primary')
        """
        path = self.explain(item)
        return "alternative" if any(s.info.rank == "alternative" for s in path.steps) \
            else "primary"

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per affected item: category, label, CURIE, evidence rank, path,
        sources."""
        rows = []
        for category, t in self.items():
            p = self.paths.get(t.curie)
            rows.append({"category": category, "label": t.label, "curie": t.curie,
                         "rank": self.rank(t) if p else "",
                         "path": str(p) if p else "",
                         "sources": "; ".join(p.sources) if p else ""})
        return rows

    def to_json(self) -> dict[str, Any]:
        """The whole answer as one JSON-ready mapping: what was asked, the roots, side,
        region, lesion and level, and the items (as :meth:`to_rows`)."""
        return {"query": self.query, "roots": [_ref(t) for t in self.roots], "side": self.side,
                "region": _ref(self.region), "lesion": _ref(self.lesion), "level": self.level,
                "flags": list(self.flags), "reaches": [_ref(t) for t in self.reaches],
                "alternatives": {s: [_ref(t) for t in ts] for s, ts in self.alternatives.items()},
                "items": self.to_rows()}

    def __str__(self) -> str:
        what = _labels(self.roots) or ("not of the nerves" if self.lesion and not
                                       self.alternatives and self.level is None else "side not given")
        lines = [f"{self.query}: {what} ({self.side}"
                 + (f", {self.region.label}" if self.region else "") + ")"]
        lines += [f"  if {s}: {_labels(ts)}" for s, ts in self.alternatives.items()]
        if self.reaches:
            lines.append(f"  reaches: {_labels(self.reaches)}")
        lines += [f"  flag: {f}" for f in self.flags]
        marked = False
        for f in self._FIELDS:
            terms = getattr(self, f)
            if terms:
                names = []
                for t in terms:
                    alt = t.curie in self.paths and self.rank(t) == "alternative"
                    marked |= alt
                    names.append(t.label + ("*" if alt else ""))
                lines.append(f"  {f.replace('_', ' ')}: {', '.join(names)}")
        if marked:
            lines.append("  * the alternative reading where sources disagree")
        return "\n".join(lines)


@dataclass(frozen=True)
class Compression(Tabular):
    """The roots a lesion at a level and side compresses, and the rule's path."""

    lesion: Term
    level: str
    side: str | None
    roots: Terms
    alternatives: Terms
    paths: tuple[Path, ...] = field(compare=False, default=())

    def to_rows(self) -> list[dict[str, Any]]:
        rows = []
        for p in self.paths:
            rows.append({"root": p.target.label, "curie": p.target.curie,
                         "rank": p.steps[-1].info.rank or "primary", "path": str(p),
                         "sources": "; ".join(p.sources)})
        return rows

    def to_json(self) -> dict[str, Any]:
        """The lesion, level, side, roots and alternatives, and each rule's path (as
        :meth:`to_rows`), as one JSON-ready mapping."""
        return {"lesion": _ref(self.lesion), "level": self.level, "side": self.side,
                "roots": [_ref(t) for t in self.roots],
                "alternatives": [_ref(t) for t in self.alternatives], "paths": self.to_rows()}

    def __str__(self) -> str:
        alt = f" (also possible: {_labels(self.alternatives)})" if self.alternatives else ""
        return f"{self.lesion.label} at {self.level}: {_labels(self.roots)}{alt}"


@dataclass(frozen=True)
class TreatmentItem:
    """One treatment with what it does and, for a class, its members."""

    treatment: Term
    mechanism: str | None
    members: Terms = ()
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class TierPlan:
    """One rung of the ladder."""

    tier: Term
    rank: int
    treatments: tuple[TreatmentItem, ...]

    @property
    def name(self) -> str:
        return self.tier.label


@dataclass(frozen=True)
class TreatmentPlan(Tabular):
    """The treatment ladder of a condition and where a patient stands on it."""

    condition: Term
    tiers: tuple[TierPlan, ...]
    recommended: TierPlan
    urgent: bool
    reason: str
    next_step: str
    months_conservative: float | None = None
    red_flags: Terms = ()
    paths: tuple[Path, ...] = field(compare=False, default=())
    #: the severity band asked for, and the tiers the guideline offers at it (first:
    #: ``recommended``); empty when no severity was given
    severity: Term | None = None
    options: tuple[TierPlan, ...] = ()

    def to_rows(self) -> list[dict[str, Any]]:
        rows = []
        for tier in self.tiers:
            for item in tier.treatments:
                rows.append({"tier": tier.name, "rank": tier.rank,
                             "treatment": item.treatment.label,
                             "does": item.mechanism or "",
                             "members": _labels(item.members),
                             "recommended": tier is self.recommended,
                             "sources": "; ".join(item.sources)})
        return rows

    def to_json(self) -> dict[str, Any]:
        """The plan as one JSON-ready mapping: the recommended tier, urgency, reason and
        next step, and every treatment (as :meth:`to_rows`)."""
        return {"condition": _ref(self.condition), "recommended": self.recommended.name,
                "urgent": self.urgent, "reason": self.reason, "next_step": self.next_step,
                "months_conservative": self.months_conservative,
                "red_flags": [_ref(t) for t in self.red_flags], "severity": _ref(self.severity),
                "options": [o.name for o in self.options], "treatments": self.to_rows()}

    def __str__(self) -> str:
        lines = [f"{self.condition.label}: {self.recommended.name}"
                 + (" (URGENT)" if self.urgent else "") + f" — {self.reason}"]
        offered = {o.tier.curie for o in self.options}
        for tier in self.tiers:
            mark = "→" if tier is self.recommended or tier.tier.curie in offered else " "
            names = ", ".join(i.treatment.label for i in tier.treatments)
            lines.append(f" {mark} {tier.rank}. {tier.name}: {names}")
        lines.append(f"next: {self.next_step}")
        return "\n".join(lines)
