"""The candidate space of a SpineKG, built once from the graph: the roots, nerves,
plexus parts (:mod:`.candidates`), cord, conus and cauda equina rows
(:mod:`spinekg.clinical.differential.central`), spinal stenosis rows
(:mod:`spinekg.clinical.differential.stenosis`) and the mimics
(:mod:`spinekg.clinical.differential.mimics`), with the priors.

Examples
--------
>>> sp = space(skg.load())
>>> r = next(r for r in sp.rows if r.key == "skg:root_L5_left")
>>> r.kind, r.levels, r.side
('root', ('L5',), 'left')
"""

from __future__ import annotations

from typing import Any

from .candidates import (
    Profile,
    _feature_links,
    _lesions,
    _levels,
    _plexus_nerves,
    _plexus_roots,
    _put,
    _step,
    nerve_items,
    root_items,
)
from .central import central_rows
from .likelihood import defaults, need
from .mimics import mimic_rows
from .space import Row, Space
from .stenosis import stenosis_rows

__all__ = ["space"]


def space(kg: Any) -> Space:
    """The candidate space of ``kg`` (built once, memoised)."""
    sp = kg._memo.get("diff_space")
    if sp is None:
        with kg._lock:
            sp = kg._memo.get("diff_space")
            if sp is None:
                sp = _build(kg)
                kg._memo["diff_space"] = sp
    return sp


def _build(kg: Any) -> Space:
    ix = kg.index
    d = defaults(kg)
    sp = Space()
    prior_of = _priors(kg)
    for r in ix.instances("skg:SpinalNerveRoot"):
        prof = root_items(kg, r)
        if prof:
            sp.add(Row(r, "root", r, (r,), ix.side(r), _levels(kg, [r]), ix.terms[r].label,
                       prior_of.get(r, need(d, "default_prior_root")),
                       lesions=_lesions(kg, r), specific=frozenset(prof)), prof)
    seen: dict[str, frozenset] = {}
    for site in ix.instances("skg:EntrapmentSite"):
        for n in ix.objects(site, "skg:entrapmentSiteOf"):
            prof = nerve_items(kg, n, site, head=(_step(kg, site, "skg:entrapmentSiteOf", n),))
            where = ix.terms[site].label.removeprefix(f"{ix.side(site)} " if ix.side(site) else "")
            label = f"{ix.terms[n].label} at the {where}"
            seen[n] = frozenset(prof)
            # the tests a positive result of which suggests this site (Phalen, Tinel) or
            # the nerve wherever it is caught (Froment)
            _feature_links(kg, site, prof)
            _feature_links(kg, n, prof)
            sp.add(Row(f"{n}@{site}", "nerve", f"{n}@{site}", (n, site), ix.side(n),
                       _levels(kg, ix.subjects(n, "skg:contributesTo")), label,
                       need(d, "default_prior_nerve"), specific=frozenset(prof)), prof)
    for n in ix.instances("skg:PeripheralNerve"):
        prof = nerve_items(kg, n)
        if not prof or seen.get(n) == frozenset(prof):
            continue
        _feature_links(kg, n, prof)
        sp.add(Row(n, "nerve", n, (n,), ix.side(n), _levels(kg, ix.subjects(n, "skg:contributesTo")),
                   ix.terms[n].label, need(d, "default_prior_nerve"), specific=frozenset(prof)), prof)
    for part in ix.instances("skg:PlexusPart"):
        roots = _plexus_roots(kg, part)
        prof: Profile = {}
        for n in _plexus_nerves(kg, part):
            for k, (p, s) in nerve_items(kg, n, roots=roots, names=(
                    "default_dermatomal_sensory_sensitivity", "default_myotomal_motor_sensitivity",
                    "default_reflex_sensitivity")).items():
                _put(prof, k, p, s)
        if prof:
            sp.add(Row(part, "plexus", part, (part,), ix.side(part), _levels(kg, roots),
                       ix.terms[part].label, need(d, "default_prior_plexus"),
                       specific=frozenset(prof)), prof)
    central_rows(kg, sp)
    stenosis_rows(kg, sp)
    mimic_rows(kg, sp)
    return sp


def _priors(kg: Any) -> dict[str, float]:
    """Prior weights from the graph's sourced prevalence ranks (``skg:PriorWeight``):
    rank 1 keeps the default weight, each rank below multiplies it by the rank factor;
    the other roots of a region that has ranks get the weight of its lowest rank."""
    ix = kg.index
    rows = ix.instances("skg:PriorWeight")
    if not rows:
        return {}
    d = defaults(kg)
    f = need(d, "default_prevalence_rank_factor")
    out: dict[str, float] = {}
    lowest: dict[str, int] = {}
    for pw in rows:
        rank = int(ix.value(pw, "skg:prevalenceRank", 1))
        for t in ix.objects(pw, "skg:forTarget"):
            out[t] = need(d, "default_prior_root") * f ** (rank - 1)
            for g in ix.objects(t, "skg:inRegion"):
                lowest[g] = max(lowest.get(g, 1), rank)
    for r in ix.instances("skg:SpinalNerveRoot"):
        for g in ix.objects(r, "skg:inRegion"):
            if r not in out and g in lowest:
                out[r] = need(d, "default_prior_root") * f ** (lowest[g] - 1)
    return out


