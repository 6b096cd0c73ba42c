"""Spinal stenosis rows: a stenosis of one zone (central canal, lateral recess,
foramen) at each disc level of its region, read from the graph's compression rules.

A stenosis type that ``skg:affectsZone`` a zone and lies ``skg:inRegion`` a region is
weighed at every compression rule of that zone and region: the rule's disc is the
level and the roots the rule compresses (``skg:compressesRoot``: the traversing root on
one side for the lateral recess, the exiting root for the foramen, both traversing
roots for the central canal) make the row's lower motor neuron findings, at root
sensitivities (:func:`~.candidates.root_items`). Every row also carries what the
stenosis itself explains, from it and the types it is a subtype of (lumbar central
stenosis → lumbar spinal stenosis → spinal stenosis) and the syndromes they lead to
(``skg:mayLeadTo`` neurogenic claudication):

* the history features and tests linked to them (``skg:suggests`` /
  ``skg:arguesAgainst``: no pain when seated, relief on bending forward, the
  shopping-cart sign; Suri 2010, Nadeau 2013), at their published sensitivity;
* their symptoms (``skg:causesSymptom``) and the areas those are felt in.

The rows of one region are one candidate (the group is the most general stenosis
type of that region, lumbar spinal stenosis), which takes its best row; a row's prior
follows the sourced prevalence of its level (L4-L5 most commonly, Schroeder 2016). A row for the
region's stenosis without a level holds the history alone: when no finding points to
a root, that is the answer, and its level is not guessed. Like a central lesion, the
candidate is listed only when a finding specific to stenosis is present (a history
feature or symptom the stenosis explains), never for root findings alone: those are
the root's.

Examples
--------
>>> from spinekg.clinical.differential.catalog import space
>>> sp = space(skg.load())
>>> rows = [r for r in sp.rows if r.kind == "stenosis"]
>>> r = next(r for r in rows if r.key.endswith("rule_L4_L5_subarticular_left"))
>>> r.label, r.levels, r.side
('lumbar lateral recess stenosis at L4-L5 (left)', ('L5',), 'left')
"""

from __future__ import annotations

from typing import Any

from ..derived import ancestors, condition_reach
from .candidates import Profile, _feature_links, _levels, _put, _step, root_items
from .likelihood import defaults, need
from .space import Row, Space

__all__ = ["stenosis_rows"]

_CLASS = "skg:SpinalStenosis"


def _own(kg: Any, reach: Any) -> tuple[Profile, set]:
    """What the stenosis explains by itself: linked features, symptoms and their areas,
    of the stenosis, the types above it and the syndromes they may lead to (``reach``,
    :func:`~spinekg.clinical.derived.condition_reach`)."""
    ix = kg.index
    d = defaults(kg)
    common, other = need(d, "default_cord_sign_sensitivity_common"), need(d, "default_cord_sign_sensitivity")
    prof: Profile = {}
    causers = {x for x, _ in reach}
    for x, steps in reach:
        _feature_links(kg, x, prof, steps)
        for sym in ix.objects(x, "skg:causesSymptom"):
            info = ix.edge_info(x, "skg:causesSymptom", sym)
            if info.frequency == "rare":
                continue
            p = common if info.frequency == "common" else other
            s = steps + (_step(kg, x, "skg:causesSymptom", sym),)
            _put(prof, ("sign", sym), p, s)
            for area in ix.objects(sym, "skg:feltIn"):
                _put(prof, ("pain", area), p, s + (_step(kg, sym, "skg:feltIn", area),))
    # specific: a linked feature that points to stenosis, or a symptom felt in no one area
    # (pain in the thigh is anyone's) that nothing else causes
    fp = need(d, "default_false_positive_rate")
    specific = {k for k, (p, _) in prof.items() if k[0] == "sign" and p > fp and (
        not ix.is_a(k[1], "skg:Symptom") or ix.is_a(k[1], "skg:HistoryFeature")
        or not ix.objects(k[1], "skg:feltIn")
        and set(ix.subjects(k[1], "skg:causesSymptom")) <= causers)}
    return prof, specific


def _group(kg: Any, c: str) -> str:
    """The most general stenosis type above ``c`` that still names a region."""
    ix = kg.index
    return [x for x, _ in ancestors(kg, c, "skg:subtypeOf") if ix.objects(x, "skg:inRegion")][-1]


def _level_weight(kg: Any, prior: float) -> Any:
    """The prior weight of a stenosis at a disc: the sourced prevalence rank of the level
    (``skg:PriorWeight`` for a disc: L4-L5 is the level most commonly affected), each rank
    below multiplying it by the rank factor; a level of a region that has ranked levels
    but no rank of its own is one rank below the lowest ('most commonly at L4-5')."""
    ix = kg.index
    f = need(defaults(kg), "default_prevalence_rank_factor")
    ranks = {t: int(ix.value(pw, "skg:prevalenceRank", 1))
             for pw in ix.instances("skg:PriorWeight") for t in ix.objects(pw, "skg:forTarget")
             if ix.is_a(t, "skg:IntervertebralDisc")}
    lowest: dict[str, int] = {}
    for t, r in ranks.items():
        for g in ix.objects(t, "skg:inRegion"):
            lowest[g] = max(lowest.get(g, 0), r)

    def weight(disc: str | None) -> float:
        if disc in ranks:
            return prior * f ** (ranks[disc] - 1)
        below = [lowest[g] for g in ix.objects(disc, "skg:inRegion") if g in lowest] if disc else []
        return prior * f ** max(below) if below else prior

    return weight


def stenosis_rows(kg: Any, sp: Space) -> None:
    """Add a row per (stenosis type, compression rule) and one per region without a level."""
    ix = kg.index
    if _CLASS not in ix.terms:
        return
    prior = need(defaults(kg), "default_prior_stenosis")
    alt = need(defaults(kg), "default_alternative_reading_factor")
    at_level = _level_weight(kg, prior)
    general: dict[str, tuple[Profile, set]] = {}
    for c in sorted(ix.instances(_CLASS)):
        zones, regions = ix.objects(c, "skg:affectsZone"), set(ix.objects(c, "skg:inRegion"))
        if not zones or not regions:
            continue
        own, specific = _own(kg, condition_reach(kg, c))
        if not specific:
            continue
        group = _group(kg, c)
        if group not in general:
            general[group] = _own(kg, condition_reach(kg, group))
        for z in zones:
            for rule in ix.subjects(z, "skg:inZone"):
                if not regions & set(ix.objects(rule, "skg:inRegion")):
                    continue
                roots = ix.objects(rule, "skg:compressesRoot")
                main = [r for r in roots
                        if ix.edge_info(rule, "skg:compressesRoot", r).rank != "alternative"]
                head = (_step(kg, c, "skg:affectsZone", z), _step(kg, rule, "skg:inZone", z))
                prof = dict(own)
                for r in roots:  # a root the rule compresses only in the alternative reading
                    steps = head + (_step(kg, rule, "skg:compressesRoot", r),)  # counts less
                    for k, (p, s) in root_items(kg, r, alt if r not in main else 1.0,
                                                head=steps).items():
                        _put(prof, k, p, s)
                disc = ix.objects(rule, "skg:atDisc")
                side = ix.side(rule) if ix.side(rule) in ("left", "right") else None
                label = (ix.terms[c].label + (f" at {ix.terms[disc[0]].label.partition(' ')[0]}"
                                              if disc else "") + (f" ({side})" if side else ""))
                sp.add(Row(f"{c}@{rule}", "stenosis", group, (c, *disc, *(main or roots)), side,
                           _levels(kg, main or roots), label, at_level(disc[0] if disc else None),
                           lesions=(ix.terms[rule].label,),
                           specific=frozenset(specific)), prof)
    for group, (prof, specific) in general.items():
        sp.add(Row(group, "stenosis", group, (group,), None, (), ix.terms[group].label, prior,
                   specific=frozenset(specific)), prof)
