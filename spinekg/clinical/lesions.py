"""Derived tables of lesions and conditions: compression rules, reach, symptoms, ladders.

The companions of :mod:`spinekg.clinical.derived` (which keeps the per-root tables):
each is read from the graph on first use and kept in ``kg._memo`` under its name —
``"rules_at"`` (the compression rules at each disc), ``"lesion_reach"`` (the region
and zones a lesion acts in), ``"condition_symptoms"`` (a condition's symptoms, with
those it inherits) and ``"ladder"`` (a condition's treatment ladder and escalation).

Examples
--------
>>> kg = skg.load()
>>> rules = rules_at(kg, "skg:disc_L4_L5")
>>> any("foraminal" in r.curie for r in rules)
True
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..core.adjacency import _make_step
from ..core.path import Path, Step
from .derived import _table, ancestors, label_order
from .results import TierPlan, TreatmentItem

__all__ = ["Ladder", "Reach", "Rule", "condition_symptoms", "ladder", "lesion_reach", "rules_at"]


class Rule(NamedTuple):
    """A compression rule at one disc, as :func:`spinekg.clinical.affected.compressed_roots`
    reads it: its side, the zones it covers (each with the step back from the zone to
    the rule), its region with the step back from it (None if it names none), and each
    root it compresses with its side, the rule's step, and the order the roots are
    listed in: ``(alternative reading?, segment index, CURIE)``."""

    curie: str
    side: str | None
    zones: dict[str, Step]
    region: tuple[str, Step] | None
    roots: tuple[tuple[str, str | None, Step, tuple[bool, int, str]], ...]


class Reach(NamedTuple):
    """Where a lesion acts: the regions of the nearest condition (itself or broader)
    that names one, the zones of the nearest that names any, each with the steps from
    the lesion, and every region a condition of the chain names, with the steps from
    the lesion to it through the nearest such condition."""

    regions: frozenset[str]
    zones: dict[str, tuple[Step, ...]]
    region_steps: dict[str, tuple[Step, ...]]


RuleAt = tuple[str, str, tuple[Step, ...]]  # (rule, condition it is for, steps up to it)




class Ladder(NamedTuple):
    """A condition's treatment ladder: ``tiers`` in rank order, ``paths`` from the
    condition to each treatment's tier (by treatment CURIE), and the escalation
    rules for it or a broader condition (``elective`` first of the non-urgent ones,
    ``urgent`` every urgent one, nearest condition first). A rule tied to a severity
    band (``skg:atSeverity``) is neither: it is in ``by_severity`` and holds only at
    that severity."""

    tiers: tuple[TierPlan, ...]
    paths: tuple[Path, ...]
    elective: RuleAt | None
    urgent: tuple[RuleAt, ...]
    by_severity: tuple[RuleAt, ...] = ()


def rules_at(kg: Any, disc: str) -> tuple[Rule, ...]:
    """The compression rules at ``disc``, by CURIE (the table holds every disc).

    Examples
    --------
    >>> kg = skg.load()
    >>> [(r.side, list(r.zones)) for r in rules_at(kg, "skg:disc_L4_L5")][3:5]
    [('left', ['skg:zone_foraminal']), ('right', ['skg:zone_foraminal'])]
    """
    table = kg._memo.get("rules_at")
    if table is None:
        ix, steps_from = kg.index, kg._adj.steps_from
        by_disc: dict[str, list[Rule]] = {}
        for rule in ix.instances("skg:CompressionRule"):
            roots = tuple(
                (st.object.curie, ix.side(st.object.curie), st,
                 (st.info.rank == "alternative",
                  ix.value(st.object.curie, "skg:segmentIndex", 0), st.object.curie))
                for st in steps_from(rule, "skg:compressesRoot"))
            region = next(iter(ix.objects(rule, "skg:inRegion")), None)
            rec = Rule(rule, ix.side(rule),
                       {z: _make_step(kg._adj, z, "skg:inZone", rule, True)
                        for z in ix.objects(rule, "skg:inZone")},
                       None if region is None else
                       (region, _make_step(kg._adj, region, "skg:inRegion", rule, True)),
                       roots)
            for d in ix.objects(rule, "skg:atDisc"):
                by_disc.setdefault(d, []).append(rec)
        table = kg._memo["rules_at"] = {d: tuple(rs) for d, rs in by_disc.items()}
    return table.get(disc, ())


def lesion_reach(kg: Any, condition: str) -> Reach:
    """The region and zones ``condition`` acts in (see :class:`Reach`).

    Examples
    --------
    >>> kg = skg.load()
    >>> reach = lesion_reach(kg, "skg:condition_lumbar_foraminal_stenosis")
    >>> sorted(reach.regions), list(reach.zones)
    (['skg:region_lumbar'], ['skg:zone_foraminal'])
    """
    table = _table(kg, "lesion_reach")
    hit = table.get(condition)
    if hit is None:
        chain = ancestors(kg, condition, "skg:subtypeOf")
        objects, steps_from = kg.index.objects, kg._adj.steps_from
        regions = next((frozenset(objects(n, "skg:inRegion")) for n, _ in chain
                        if objects(n, "skg:inRegion")), frozenset())
        zones: dict[str, tuple[Step, ...]] = {}
        for node, up in chain:
            for st in steps_from(node, "skg:affectsZone"):
                zones.setdefault(st.object.curie, up + (st,))
            if zones:
                break
        region_steps: dict[str, tuple[Step, ...]] = {}
        for node, up in chain:
            for st in steps_from(node, "skg:inRegion"):
                region_steps.setdefault(st.object.curie, up + (st,))
        table[condition] = hit = Reach(regions, zones, region_steps)
    return hit


def ladder(kg: Any, condition: str) -> Ladder:
    """The treatment ladder of ``condition`` (see :class:`Ladder`); treatments of a
    broader condition are inherited, the nearest condition's reading first.

    Examples
    --------
    >>> kg = skg.load()
    >>> [t.name for t in ladder(kg, "skg:condition_lumbar_spinal_stenosis").tiers]
    ['conservative', 'interventional', 'surgical']
    """
    table = _table(kg, "ladder")
    hit = table.get(condition)
    if hit is not None:
        return hit
    ix, steps_from = kg.index, kg._adj.steps_from
    chain = ancestors(kg, condition, "skg:subtypeOf")
    items: dict[str, tuple[Path, str]] = {}
    for node, up in chain:
        for s1 in steps_from(node, "skg:treatedWith"):
            tr = s1.object.curie
            if tr not in items:
                for s2 in steps_from(tr, "skg:inTier"):
                    items[tr] = (Path(up + (s1, s2)), s2.object.curie)
    by_tier: dict[str, list[str]] = {}
    for tr, (_, tier) in items.items():
        by_tier.setdefault(tier, []).append(tr)
    order = label_order(kg).__getitem__
    plans = []
    for tier in sorted(by_tier, key=lambda t: ix.value(t, "skg:tierRank", 99)):
        its = []
        for tr in sorted(by_tier[tier], key=order):
            info = items[tr][0].steps[-2].info
            its.append(TreatmentItem(
                treatment=ix.terms[tr], mechanism=ix.value(tr, "skg:mechanism"),
                members=tuple(ix.terms[m] for m in sorted(ix.subjects(tr, "skg:memberOf"))),
                sources=info.sources or ix.node_sources.get(tr, ()), note=info.note))
        plans.append(TierPlan(ix.terms[tier], int(ix.value(tier, "skg:tierRank", 0)),
                              tuple(its)))
    found = [(r, node, up) for node, up in chain for r in ix.subjects(node, "skg:forCondition")]
    rules = [r for r in found if not ix.objects(r[0], "skg:atSeverity")]
    elective = [r for r in rules if not ix.value(r[0], "skg:urgent", False)]
    table[condition] = hit = Ladder(
        tiers=tuple(plans), paths=tuple(items[tr][0] for tr in sorted(items)),
        elective=elective[0] if elective else None,
        urgent=tuple(r for r in rules if ix.value(r[0], "skg:urgent", False)),
        by_severity=tuple(r for r in found if ix.objects(r[0], "skg:atSeverity")))
    return hit


def condition_symptoms(kg: Any, condition: str) -> dict[str, tuple[Step, ...]]:
    """The symptoms of ``condition`` and of the broader conditions above it, each with
    its steps (the nearest condition's first). A rare symptom of a broader condition
    (bladder dysfunction of lumbar stenosis, through cauda equina) is not inherited.

    Examples
    --------
    >>> kg = skg.load()
    >>> syms = condition_symptoms(kg, "skg:condition_lumbar_foraminal_stenosis")
    >>> "skg:symptom_bowel_bladder_dysfunction" in syms  # rare in lumbar stenosis
    False
    >>> "skg:symptom_bowel_bladder_dysfunction" in condition_symptoms(
    ...     kg, "skg:condition_lumbar_spinal_stenosis")
    True
    """
    table = _table(kg, "condition_symptoms")
    hit = table.get(condition)
    if hit is None:
        hit = {}
        for anc, up in ancestors(kg, condition, "skg:subtypeOf"):
            for st in kg._adj.steps_from(anc, "skg:causesSymptom"):
                sym = st.object.curie
                if sym not in hit and not (up and st.info.frequency == "rare"):
                    hit[sym] = up + (st,)
        table[condition] = hit
    return hit
