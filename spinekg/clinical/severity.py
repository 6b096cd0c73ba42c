"""Severity bands and the guideline's recommendation at each (degenerative cervical
myelopathy by the mJOA score, for example).

Read from the graph: a ``skg:SeverityBand`` is ``skg:severityOf`` a condition, named by
``skg:severityName`` and bounded by ``skg:mjoaMin``/``skg:mjoaMax``; a
``skg:TreatmentRecommendation`` is ``skg:recommendedFor`` the condition
``skg:atSeverity`` a band and ``skg:recommendsTier`` a tier (``skg:recommends`` a
treatment, with its ``skg:recommendationStrength``). An escalation rule tied to a band
(``skg:atSeverity``) holds only at that band.

Examples
--------
>>> kg = skg.load()
>>> severity_band(kg, "skg:condition_degenerative_cervical_myelopathy", 13).label
'moderate degenerative cervical myelopathy'
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..core.terms import Term
from .derived import ancestors
from .results import TierPlan, TreatmentItem

__all__ = ["Guideline", "guideline", "severity_band"]


def _bands(kg: Any, condition: str) -> tuple[str, ...]:
    ix = kg.index
    for node, _ in ancestors(kg, condition, "skg:subtypeOf"):
        bands = ix.subjects(node, "skg:severityOf")
        if bands:
            return bands
    return ()


def severity_band(kg: Any, condition: str, severity: object) -> Term:
    """The band of ``condition`` that ``severity`` names: a band name ("mild") or a score
    (an mJOA score as an int).

    Raises
    ------
    ValueError
        No bands are recorded for the condition, or the value fits none of them (the
        message lists the bands).
    TypeError
        ``severity`` is neither a name nor an int.
    """
    ix = kg.index
    bands = _bands(kg, condition)
    label = ix.terms[condition].label
    if not bands:
        raise ValueError(f"severity={severity!r}: no severity bands are recorded for {label!r}")
    listing = "; ".join(f"{ix.value(b, 'skg:severityName')} (mJOA {ix.value(b, 'skg:mjoaMin')}"
                        f"-{ix.value(b, 'skg:mjoaMax')})" for b in bands)
    if isinstance(severity, bool) or not isinstance(severity, (str, int)):
        raise TypeError(f"severity must be a band name or an mJOA score (int), got "
                        f"{type(severity).__name__}: {severity!r}")
    for b in bands:
        if isinstance(severity, str):
            if severity.strip().casefold() == str(ix.value(b, "skg:severityName")).casefold():
                return ix.terms[b]
        elif ix.value(b, "skg:mjoaMin", -1) <= severity <= ix.value(b, "skg:mjoaMax", -1):
            return ix.terms[b]
    raise ValueError(f"severity={severity!r} fits no band of {label!r}; expected one of: "
                     f"{listing}")


class Guideline(NamedTuple):
    """The guideline's options at one band: the tiers it recommends (strongest first,
    each with the treatments it names), their recommendations, and the escalation rules
    tied to the band."""

    options: tuple[TierPlan, ...]
    recommendations: tuple[str, ...]
    rules: tuple[str, ...]


def guideline(kg: Any, condition: str, band: str, tiers: tuple[TierPlan, ...]) -> Guideline:
    """The options the recommendations give for ``condition`` at ``band`` (see
    :class:`Guideline`); a tier of the ladder keeps its own treatments, the one the
    recommendation names first.

    Examples
    --------
    >>> kg = skg.load()
    >>> from spinekg.clinical.lesions import ladder
    >>> lad = ladder(kg, "skg:condition_degenerative_cervical_myelopathy")
    >>> g = guideline(kg, "skg:condition_degenerative_cervical_myelopathy",
    ...               "skg:severity_dcm_mild", lad.tiers)
    >>> sorted(t.name for t in g.options)
    ['conservative', 'surgical']
    """
    ix = kg.index
    chain = [n for n, _ in ancestors(kg, condition, "skg:subtypeOf")]
    recs = [r for n in chain for r in ix.subjects(n, "skg:recommendedFor")
            if band in ix.objects(r, "skg:atSeverity")]
    by_tier = {t.tier.curie: t for t in tiers}
    strength = {"recommend": 0, "suggest": 1}
    # the stronger recommendation first; between equals, the guideline's order
    # (surgery, then the alternative it offers)
    recs.sort(key=lambda r: (strength.get(str(ix.value(r, "skg:recommendationStrength")), 2),
                             -_rank(ix, r), r))
    options: dict[str, TierPlan] = {}
    for r in recs:
        for tier in ix.objects(r, "skg:recommendsTier"):
            if tier in options:
                continue
            named = [ix.terms[t] for t in ix.objects(r, "skg:recommends")]
            have = by_tier.get(tier)
            first = [i for i in (have.treatments if have else ()) if i.treatment in named]
            rest = [i for i in (have.treatments if have else ()) if i.treatment not in named]
            made = [TreatmentItem(t, ix.value(t.curie, "skg:mechanism"),
                                  sources=ix.node_sources.get(r, ()))
                    for t in named if not any(i.treatment == t for i in first)]
            options[tier] = TierPlan(ix.terms[tier], int(ix.value(tier, "skg:tierRank", 0)),
                                     tuple(first + made + rest))
    rules = tuple(r for n in chain for r in ix.subjects(n, "skg:forCondition")
                  if band in ix.objects(r, "skg:atSeverity"))
    return Guideline(tuple(options.values()), tuple(recs), rules)


def _rank(ix: Any, rec: str) -> int:
    tiers = ix.objects(rec, "skg:recommendsTier")
    return max((int(ix.value(t, "skg:tierRank", 0)) for t in tiers), default=0)
