"""The candidate space: one row per lesion the engine weighs, with its profile.

A row's *profile* maps each finding key (see :mod:`.likelihood`) to the probability
that the lesion produces the finding and the path of graph edges that makes it so.
Rows that share a ``group`` are the levels (or subtypes) of one candidate: the
engine mixes them (see :mod:`.model`). Built once per SpineKG by
:func:`spinekg.clinical.differential.candidates.space`.

Examples
--------
>>> from spinekg.clinical.differential.catalog import space
>>> sp = space(skg.load())
>>> {r.kind for r in sp.rows} >= {"root", "nerve", "plexus", "cord", "conus", "cauda equina"}
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Row", "Space"]


@dataclass(frozen=True)
class Row:
    """One lesion hypothesis (one level of a cord syndrome is its own row)."""

    key: str
    kind: str
    group: str
    targets: tuple[str, ...]
    side: str | None
    levels: tuple[str, ...]
    label: str
    prior: float
    lesions: tuple[str, ...] = ()
    #: the profile keys that are specific to this lesion (a generic limb deficit below
    #: a cord lesion is not): a row is listed only when it explains one of them
    specific: frozenset = frozenset()


@dataclass
class Space:
    """Rows, their profiles and the index from finding key to explaining rows."""

    rows: list[Row] = field(default_factory=list)
    by_key: dict[tuple[str, str], list[tuple[int, float, tuple]]] = field(
        default_factory=lambda: defaultdict(list))
    columns: dict = field(default_factory=dict)
    groups: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _explain: dict = field(default_factory=dict)

    def add(self, row: Row, profile: dict[tuple[str, str], tuple[float, tuple]]) -> int:
        i = len(self.rows)
        self.rows.append(row)
        self.groups[row.group].append(i)
        for k, (p, steps) in profile.items():
            self.by_key[k].append((i, p, steps))
        return i

    def explaining(self, kg: Any, key: tuple[str, str]) -> list[tuple[int, float, tuple]]:
        """(row, probability, steps) for every row whose profile explains ``key``.

        An area finding is explained by a row's item for that area or an area that
        contains it (a part of a dermatome area is in it), and, scaled by the broad-area
        factor, by an item inside it (numb foot for the L5 dorsum of the foot); a key
        sensory point counts in full for the area that directly holds it. Pain is also
        explained by the sensory items (dermatomal pain).
        """
        hit = self._explain.get(key)
        if hit is not None:
            return hit
        kind, term = key
        out: list[tuple[int, float, tuple]] = []
        if kind not in ("sens", "pain"):
            out = list(self.by_key.get(key, ()))
        else:
            from .likelihood import defaults, need

            ix = kg.index
            broad = need(defaults(kg), "default_broad_area_factor")
            inner = need(defaults(kg), "default_inner_area_factor")
            up = ix.closure("skg:partOf")
            down = ix.closure("skg:partOf", inverse=True)
            kinds = ("sens", "pain") if kind == "pain" else ("sens",)
            for k in kinds:
                out += self.by_key.get((k, term), ())
                for b in up.get(term, ()):
                    out += [(i, p * inner, s) for i, p, s in self.by_key.get((k, b), ())]
                for b in down.get(term, ()):
                    full = ix.terms[b].kind == "KeySensoryPoint" and term in ix.objects(b, "skg:partOf")
                    out += [(i, p if full else p * broad, s) for i, p, s in self.by_key.get((k, b), ())]
        self._explain[key] = out
        return out
