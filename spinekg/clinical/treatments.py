"""Where a patient stands on a condition's treatment ladder, and what comes next.

Every tier, treatment, threshold and red flag is read from the graph (the ladder
table of :mod:`spinekg.clinical.lesions`); nothing clinical is written here.

Examples
--------
>>> kg = skg.load()
>>> treatments(kg, "lumbar spinal stenosis", months_conservative=4).recommended.name
'surgical'
"""

from __future__ import annotations

from typing import Any

from ..core.adjacency import _make_step
from ..core.path import Path
from .affected import CONDITION, _resolve
from .derived import ancestors
from .lesions import ladder
from .results import TierPlan, TreatmentPlan
from .severity import _bands, guideline, severity_band

__all__ = ["treatments"]


def treatments(kg: Any, condition: object, *, months_conservative: object = None,
               red_flags: object = (), severity: object = None) -> TreatmentPlan:
    """The treatment ladder for ``condition`` and the recommended tier now; with
    ``severity`` (a band name or an mJOA score) the guideline's options at that band.

    See :meth:`spinekg.SpineKG.treatments`.
    """
    ix, adj = kg.index, kg._adj
    term = _resolve(kg, condition, None, ("Condition", "SpinalStenosis", "DiscHerniation",
                                          "Radiculopathy", "ClinicalSyndrome", "CordSyndrome"))
    if not ix.is_a(term.curie, CONDITION):
        raise ValueError(f"{term.label!r} is a {term.kind}, not a condition")
    months: float | None = None
    if months_conservative is not None:
        if isinstance(months_conservative, bool) or not isinstance(months_conservative,
                                                                   (int, float)):
            raise TypeError(f"months_conservative must be a number, got "
                            f"{months_conservative!r}")
        if not 0 <= months_conservative <= 600 or months_conservative != months_conservative:
            raise ValueError(f"months_conservative={months_conservative!r}; expected a number "
                             "of months from 0 to 600")
        months = float(months_conservative)
    if isinstance(red_flags, str):
        red_flags = (red_flags,)
    if not isinstance(red_flags, (list, tuple, set, frozenset)):
        raise TypeError(f"red_flags must be a list of names, got {red_flags!r}")
    flags = tuple(kg.resolver.term(f) for f in red_flags)
    for f in flags:
        if not ix.value(f.curie, "skg:isRedFlag", False):
            raise ValueError(f"{f.label!r} is not a red flag; red flags are: "
                             + ", ".join(sorted(ix.terms[c].label for c in _red_flags(kg))))
    lad = ladder(kg, term.curie)
    if not lad.tiers:
        raise ValueError(f"no treatments are recorded for {term.label!r}; ladders are "
                         f"recorded for {', '.join(_ladders_near(kg, term.curie))}")
    band = None if severity is None else severity_band(kg, term.curie, severity)
    plans = lad.tiers
    by_tier = {p.tier.curie: p for p in plans}
    options: tuple[TierPlan, ...] = ()
    paths = list(lad.paths)
    flag_nodes = {f.curie for f in flags}
    if ix.value(term.curie, "skg:isRedFlag", False):
        flag_nodes.add(term.curie)
    urgent_rule = next((r for r in lad.urgent
                        if set(ix.objects(r[0], "skg:triggeredBy")) & flag_nodes), None)
    first = plans[0]
    threshold, when = _threshold(ix, lad.elective[0] if lad.elective else None)
    if flag_nodes:  # an urgent rule is only ever found for a flag
        surgical = [p for p in plans if p.tier.curie == "skg:tier_surgical"]
        names = ", ".join(ix.terms[f].label for f in sorted(flag_nodes))
        reason = f"red flag ({names}): urgent surgical assessment, the ladder is skipped"
        if not surgical:  # the tier the flag calls for, though no operation is recorded
            tier = "skg:tier_surgical"
            surgical = [TierPlan(ix.terms[tier], int(ix.value(tier, "skg:tierRank", 3)), ())]
            reason += f"; no surgical treatment is recorded for {term.label}"
        recommended, urgent = surgical[0], True
        next_step = "urgent decompression"
        if urgent_rule:
            rule, node, up = urgent_rule
            trig = sorted(set(ix.objects(rule, "skg:triggeredBy")) & flag_nodes)[0]
            paths.insert(0, Path((_make_step(adj, trig, "skg:triggeredBy", rule, True),
                                  _make_step(adj, rule, "skg:toTier",
                                             ix.objects(rule, "skg:toTier")[0], False))))
    elif band is not None:
        recommended, urgent, reason, next_step, options = _at_severity(kg, term, band, plans)
    elif months is not None and threshold is not None and months >= threshold:
        rule, node, up = lad.elective
        target = ix.objects(rule, "skg:toTier")[0]
        recommended = by_tier.get(target, plans[-1])
        urgent = False
        reason = (f"{_duration(months, when)} of conservative care without relief: surgical "
                  f"consideration (sourced threshold {when})")
        next_step = f"{recommended.name} options, chosen with imaging that matches the symptoms"
        paths.insert(0, Path(up + (_make_step(adj, node, "skg:forCondition", rule, True),
                                   _make_step(adj, rule, "skg:toTier", target, False))))
    else:
        recommended, urgent = first, False
        if first.tier.curie != "skg:tier_conservative":  # its recorded ladder starts higher
            reason = (f"no conservative treatment is recorded for {term.label}; the first "
                      f"tier recorded for it is {first.name}")
            next_step = " → ".join(p.name for p in plans)
        elif _bands(kg, term.curie):
            by_band = "; ".join(
                f"{ix.value(b, 'skg:severityName')}: " + " or ".join(
                    o.name for o in guideline(kg, term.curie, b, plans).options)
                for b in _bands(kg, term.curie))
            reason = ("conservative care first only where the guideline offers it, by severity "
                      f"({by_band}): give severity= (a band or an mJOA score)")
            next_step = " → ".join(p.name for p in plans)
        elif when is not None:
            reason = (f"conservative care first; surgery is considered after about {when} "
                      "of failed conservative care")
            left = "" if months is None else \
                f" ({_duration(max(threshold - months, 0), when)} more before the threshold)"
            next_step = f"continue {first.name} care{left}; then {plans[-1].name}"
        else:
            reason = "conservative care first" + (
                "" if months is None else
                f"; no sourced time to surgical consideration is recorded for {term.label}")
            next_step = " → ".join(p.name for p in plans)
    return TreatmentPlan(condition=term, tiers=tuple(plans), recommended=recommended,
                         urgent=urgent, reason=reason, next_step=next_step,
                         months_conservative=months, red_flags=flags, paths=tuple(paths),
                         severity=band, options=options)


def _at_severity(kg: Any, term: Any, band: Any, plans: tuple[TierPlan, ...]
                 ) -> tuple[TierPlan, bool, str, str, tuple[TierPlan, ...]]:
    """The recommended tier, reason, next step and options the guideline gives at ``band``."""
    ix = kg.index
    g = guideline(kg, term.curie, band.curie, plans)
    if not g.options:
        raise ValueError(f"no recommendation is recorded for {term.label!r} at {band.label!r}")
    how = {str(ix.value(r, "skg:recommendationStrength")) for r in g.recommendations}
    verb = "recommends" if how == {"recommend"} else "suggests"
    names = " or ".join(
        f"{o.name} ({', '.join(i.treatment.label for i in o.treatments[:1])})" for o in g.options)
    span = f" (mJOA {ix.value(band.curie, 'skg:mjoaMin')}-{ix.value(band.curie, 'skg:mjoaMax')})" \
        if ix.value(band.curie, "skg:mjoaMin") is not None else ""
    reason = f"{band.label}{span}: the guideline {verb} {names}"
    next_step = "; ".join(
        f"if {', '.join(o.name for o in g.options[1:]) or 'that'} care is chosen: "
        f"{ix.terms[ix.objects(r, 'skg:toTier')[0]].label} when "
        + ", ".join(ix.terms[t].label for t in ix.objects(r, "skg:triggeredBy"))
        for r in g.rules if ix.objects(r, "skg:toTier")) or f"{g.options[0].name} options"
    return g.options[0], False, reason, next_step, g.options


#: Days in a month and in a week, to compare a stay in months with a threshold in weeks.
_MONTH_DAYS, _WEEK_DAYS = 30.4375, 7.0


def _threshold(ix: Any, rule: str | None) -> tuple[float | None, str | None]:
    """An elective rule's threshold in months, and in the unit its source gave it: "6–8
    weeks" when the rule records weeks (``skg:afterWeeksMin``), else "3–6 months"."""
    if rule is None:
        return None, None
    for unit, per_month in (("weeks", _MONTH_DAYS / _WEEK_DAYS), ("months", 1.0)):
        low = ix.value(rule, f"skg:after{unit.capitalize()}Min")
        if low is not None:
            high = ix.value(rule, f"skg:after{unit.capitalize()}Max")
            text = f"{float(low):g}" + (f"–{float(high):g}" if high is not None else "")
            return float(low) / per_month, f"{text} {unit}"
    return None, None


def _duration(months: float, when: str | None) -> str:
    """``months`` in the unit of the threshold it is compared with ("6.5 weeks")."""
    if when is not None and when.endswith("weeks"):
        n, unit = float(f"{months * _MONTH_DAYS / _WEEK_DAYS:.2g}"), "week"
    else:
        n, unit = months, "month"
    return f"{n:g} {unit}" + ("" if n == 1 else "s")


def _ladders_near(kg: Any, condition: str) -> list[str]:
    """Labels of the conditions with a treatment ladder that share a broader condition
    with ``condition`` (every condition with one when none does)."""
    ix = kg.index
    up = {n for n, _ in ancestors(kg, condition, "skg:subtypeOf")}
    treated = [c for c in ix.instances(CONDITION) if ladder(kg, c).tiers]
    near = [c for c in treated if up & {n for n, _ in ancestors(kg, c, "skg:subtypeOf")}]
    return sorted(ix.terms[c].label for c in near or treated)


def _red_flags(kg: Any) -> list[str]:
    ix = kg.index
    return [c for c in ix.terms if ix.value(c, "skg:isRedFlag", False)]

