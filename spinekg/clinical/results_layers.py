"""Result types of the peripheral nerve and spinal cord layers.

:class:`Innervation` (the nerve chain and roots of a muscle), :class:`NerveImpact`
(what a nerve, an entrapment site or a plexus part supplies), :class:`Discrimination`
(the findings that tell two lesions apart, each a :class:`Discriminator`) and
:class:`CordImpact` (what a lesion of the cord affects, each deficit a
:class:`CordDeficit` with its side). All are frozen, with ``to_rows``,
``to_dataframe()``, ``_repr_html_`` and a readable ``str``.

Examples
--------
>>> kg = skg.load()
>>> inn = kg.innervation("left tibialis posterior")
>>> [t.label for t in inn.nerves][:1], [t.label for t in inn.roots]
(['left tibial nerve'], ['left L5 nerve root'])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.path import Path
from ..core.tables import Tabular
from ..core.terms import Term, Terms

__all__ = ["CordDeficit", "CordImpact", "Discrimination", "Discriminator", "Innervation",
           "NerveImpact"]


def _names(terms: Terms) -> str:
    return ", ".join(t.label for t in terms)


def _path_row(p: Path | None) -> dict[str, str]:
    return {"path": str(p) if p else "", "sources": "; ".join(p.sources) if p else ""}


@dataclass(frozen=True)
class Innervation(Tabular):
    """The nerve supply of one muscle.

    ``nerves`` runs from the nerve that supplies the muscle up to its plexus part,
    nearest first (a muscle with two nerves, such as flexor digitorum profundus, lists
    both chains one after the other); ``roots`` are the main roots, ``alternatives``
    the contributing or disputed ones; ``paths`` go root → plexus → nerve → muscle.

    Examples
    --------
    >>> inn = skg.load().innervation("gluteus medius", side="left")
    >>> inn.nerves[0].label, [t.label for t in inn.alternatives]
    ('left superior gluteal nerve', ['left L4 nerve root', 'left S1 nerve root'])
    """

    muscle: Term
    nerves: Terms
    roots: Terms
    alternatives: Terms
    actions: Terms = ()
    paths: tuple[Path, ...] = field(default=(), compare=False)

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per root path: the root, its rank, the path and its sources."""
        alt = {t.curie for t in self.alternatives}
        return [{"muscle": self.muscle.label, "root": p.source.label,
                 "rank": "alternative" if p.source.curie in alt else "primary", **_path_row(p)}
                for p in self.paths]

    def __str__(self) -> str:
        lines = [f"{self.muscle.label}: {_names(self.nerves[:1])}"
                 + (f" (via {_names(self.nerves[1:])})" if len(self.nerves) > 1 else ""),
                 f"  roots: {_names(self.roots) or 'none recorded'}"]
        if self.alternatives:
            lines.append(f"  contributing or disputed: {_names(self.alternatives)}")
        if self.actions:
            lines.append(f"  tested by: {_names(self.actions)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class NerveImpact(Tabular):
    """What a lesion of a nerve, at an entrapment site, or of a plexus part affects.

    ``muscles`` and ``muscle_actions`` it weakens, ``cutaneous_areas`` it numbs and
    ``reflexes`` it reduces, each explained in ``paths`` (by item CURIE); ``spared``
    the muscles the nerve (or the part) supplies that a lesion at the site does not
    reach (they branch above it); ``roots`` the nerve's root levels.

    Examples
    --------
    >>> imp = skg.load().affected_by("left fibular head")
    >>> "left short head of biceps femoris" in {t.label for t in imp.muscles}
    False
    """

    query: str = field(compare=False)
    lesion: Term
    nerve: Term | None
    site: Term | None
    side: str | None
    roots: Terms
    muscles: Terms
    muscle_actions: Terms
    cutaneous_areas: Terms
    reflexes: Terms
    spared: Terms = ()
    paths: Mapping[str, Path] = field(default_factory=dict, compare=False)
    note: str | None = None

    _FIELDS = ("muscles", "muscle_actions", "cutaneous_areas", "reflexes")

    def items(self) -> list[tuple[str, Term]]:
        """``(category, term)`` for every affected item."""
        return [(f, t) for f in self._FIELDS for t in getattr(self, f)]

    def explain(self, item: str | Term) -> Path:
        """The path from the lesion to one affected item (Term, CURIE or label)."""
        key = item.curie if isinstance(item, Term) else item
        if key in self.paths:
            return self.paths[key]
        for _, t in self.items():
            if key in (t.label, t.label.partition(" ")[2]):
                return self.paths[t.curie]
        raise KeyError(f"{item!r} is not among the items {self.query!r} affects")

    def to_rows(self) -> list[dict[str, Any]]:
        rows = [{"category": c, "label": t.label, "curie": t.curie,
                 **_path_row(self.paths.get(t.curie))} for c, t in self.items()]
        rows += [{"category": "spared", "label": t.label, "curie": t.curie, "path": "",
                  "sources": ""} for t in self.spared]
        return rows

    def __str__(self) -> str:
        lines = [f"{self.query}: {self.lesion.label}"
                 + (f" (roots {_names(self.roots)})" if self.roots else "")]
        for f in self._FIELDS:
            terms = getattr(self, f)
            if terms:
                lines.append(f"  {f.replace('_', ' ')}: {_names(terms)}")
        if self.spared:
            lines.append(f"  spared (branch above the lesion): {_names(self.spared)}")
        if self.note:
            lines.append(f"  note: {self.note}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Discriminator:
    """One finding that tells two lesions apart.

    ``finding`` (an action, area, reflex or sign) is abnormal under ``points_to`` and
    not under the other lesion; ``muscles`` are the muscles it tests that only
    ``points_to`` reaches (``why`` names their nerve and main roots); ``also`` the
    muscles the same action tests that the other lesion does weaken (the finding is
    then a partial one); ``rank`` is ``"alternative"`` when ``points_to`` reaches it
    only through a contributing root.
    """

    finding: Term
    category: str
    points_to: Term
    path: Path
    muscles: Terms = ()
    also: Terms = ()
    rank: str = "primary"
    why: str = ""

    @property
    def clean(self) -> bool:
        """Whether the other lesion leaves every muscle of this action alone."""
        return not self.also

    def __str__(self) -> str:
        extra = f" ({self.why})" if self.why else ""
        part = f"; {_names(self.also)} also tested by it is weak in both" if self.also else ""
        alt = " [contributing root]" if self.rank == "alternative" else ""
        return f"{self.finding.label}{extra} → {self.points_to.label}{alt}{part}"


@dataclass(frozen=True)
class Discrimination(Tabular):
    """The findings that tell lesion ``a`` from lesion ``b``, clean and primary first.

    Examples
    --------
    >>> d = skg.load().discriminate("left L5", "left common fibular nerve")
    >>> "left hip abduction" in {f.finding.label for f in d.for_a}
    True
    """

    a: Term
    b: Term
    side: str | None
    findings: tuple[Discriminator, ...]
    shared: Terms = ()

    @property
    def for_a(self) -> tuple[Discriminator, ...]:
        """The findings that, if abnormal, point to ``a``."""
        return tuple(f for f in self.findings if f.points_to == self.a)

    @property
    def for_b(self) -> tuple[Discriminator, ...]:
        """The findings that, if abnormal, point to ``b``."""
        return tuple(f for f in self.findings if f.points_to == self.b)

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"finding": f.finding.label, "category": f.category,
                 "points_to": f.points_to.label, "muscles": _names(f.muscles),
                 "why": f.why, "also_weak_in_both": _names(f.also), "rank": f.rank,
                 **_path_row(f.path)} for f in self.findings]

    def __str__(self) -> str:
        lines = [f"{self.a.label} vs {self.b.label}: {len(self.findings)} telling findings"]
        for who, group in ((self.a, self.for_a), (self.b, self.for_b)):
            lines.append(f"  abnormal → {who.label}:" + ("" if group else " none"))
            lines += [f"    {f}" for f in group]
        if self.shared:
            lines.append(f"  abnormal in both: {_names(self.shared)}")
        return "\n".join(lines)

    def _caption(self) -> str:
        return f"{self.a.label} vs {self.b.label}"


@dataclass(frozen=True)
class CordDeficit:
    """One long-tract deficit of a cord lesion: ``finding`` on ``side`` of the body from
    ``from_level`` down, through ``tract``. ``path`` runs from the lesion to the tract
    and the side it serves, ``cause`` from the tract to the finding, and for a tract
    that crosses, ``crossing`` is the crossing edge (the lowest segment whose fibres
    cross into the lesion: the deficit starts there)."""

    finding: Term
    side: str
    from_level: str
    tract: Term
    path: Path
    crosses: bool = False
    cause: Path | None = field(default=None, compare=False)
    crossing: Path | None = field(default=None, compare=False)

    def __str__(self) -> str:
        cross = ", crossed" if self.crosses else ""
        return (f"{self.finding.label}: {self.side} side from {self.from_level} down "
                f"({self.tract.label}{cross})")


@dataclass(frozen=True)
class CordImpact(Tabular):
    """What a lesion of a cord segment (or one half of it) affects.

    ``deficits`` below the lesion, each with its side (the spinothalamic one on the
    other side, through the graph's crossing edges), ``roots`` the segment gives (the
    level's own roots), ``syndromes`` its compression causes, ``flags`` the warnings.

    Examples
    --------
    >>> imp = skg.load().affected_by("left half of the T4 cord segment")
    >>> sorted({(d.finding.label, d.side) for d in imp.deficits})[0]
    ('loss of joint position and vibration sense', 'left')
    """

    query: str = field(compare=False)
    segment: Term
    side: str | None
    level: str
    deficits: tuple[CordDeficit, ...]
    roots: Terms = ()
    syndromes: Terms = ()
    flags: tuple[str, ...] = ()
    lesion: Term | None = None

    def on_side(self, side: str) -> tuple[CordDeficit, ...]:
        """The deficits on one side of the body."""
        return tuple(d for d in self.deficits if d.side == side)

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"finding": d.finding.label, "side": d.side, "from": d.from_level,
                 "tract": d.tract.label, "crosses": d.crosses, **_path_row(d.path),
                 "crossing": str(d.crossing) if d.crossing else ""} for d in self.deficits]

    def __str__(self) -> str:
        head = f"{self.query}: {self.segment.label}" + (
            f" ({self.lesion.label})" if self.lesion else "")
        lines = [head] + [f"  {d}" for d in self.deficits]
        if self.roots:
            lines.append(f"  at the level: {_names(self.roots)}")
        lines += [f"  flag: {f}" for f in self.flags]
        return "\n".join(lines)
