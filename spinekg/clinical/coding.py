"""ICD-10-CM coding: the billable code of a condition at a level, with the Excludes1 rules.

Everything is read from the graph's code table (``skg:Icd10cmAssignment`` rows: the code
``skg:codeFor`` a condition ``skg:atDisc`` a level, or with no level for the code used when
the level is not documented; ``skg:codedWith`` the conditions that must be documented as
well) and from the ``skg:icd10cmExcludes1`` edges between conditions. The rules:

1. **Excludes1.** When the condition excludes another one that is documented too (``also``),
   the other one is coded instead, *with* the first: radiculopathy due to a lumbar disc
   herniation at L5-S1 is M51.17, not M54.17.
2. **Level.** A disc level picks the row of that disc (L5-S1 is lumbosacral, C5-C6 its own
   code); without a level, the row for an undocumented level. A condition with no row of
   its own is coded through its kinds (spinal stenosis at L4-L5 is lumbar spinal stenosis)
   or, failing that, through what it is a kind of (lumbar foraminal stenosis is coded as
   lumbar spinal stenosis).
3. **Documented with.** Among the rows left, the one whose ``skg:codedWith`` conditions are
   all documented and that uses most of them (lumbar stenosis with neurogenic claudication
   is M48.062).
4. **Side.** A side-coded condition (the hip mimics, the nerve entrapments, sciatica NOS)
   takes the row naming the side given (``skg:hasSide``; "both" for a bilateral code), or
   without a side the row naming none, coded for both sides (M16.10 'unspecified hip');
   where no bilateral code exists each side is coded on its own.

A combination with no code raises :class:`NoCodeError` saying why.

Examples
--------
>>> kg = skg.load()
>>> kg.icd10cm("lumbar radiculopathy", level="L5-S1", also="lumbar disc herniation").code
'M51.17'
>>> kg.icd10cm("cervical disc herniation", level="C5-C6", also="radiculopathy").code
'M50.122'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..core.codes import normalize_code
from ..core.resolve import parse_side
from ..core.tables import Tabular
from ..core.terms import Term
from ..errors import AmbiguousTermError, SpineKGError

__all__ = ["IcdCode", "NoCodeError", "icd10cm"]


class NoCodeError(SpineKGError, ValueError):
    """The condition, level and documented conditions given have no ICD-10-CM code."""


@dataclass(frozen=True)
class IcdCode(Tabular):
    """An ICD-10-CM code assignment and how it was reached.

    Attributes
    ----------
    code, label : str
        The code and its Tabular List title.
    billable : bool
        Valid for submission (a leaf code of the Tabular List).
    condition : Term
        The condition the code is for (after the Excludes1 rule, the one coded).
    level : Term or None
        The disc level, when one was given.
    side : str or None
        The side given ("left", "right", "bilateral"); the code names it only for a
        side-coded condition.
    rule : tuple of str
        The rule path, step by step.
    assignment : str
        CURIE of the code table row used.
    sources : tuple of str
        Its sources.
    """

    code: str
    label: str
    billable: bool
    condition: Term
    level: Term | None
    side: str | None
    rule: tuple[str, ...]
    assignment: str
    sources: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = f"{self.code} {self.label} ({'billable' if self.billable else 'not billable'})"
        return "\n".join([head, *(f"  {step}" for step in self.rule)])

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"code": self.code, "label": self.label, "billable": self.billable,
                 "condition": self.condition.label,
                 "level": self.level.label if self.level else None,
                 "rule": " / ".join(self.rule), "sources": ", ".join(self.sources)}]


def _sides(kg: Any, name: object, side: str | None) -> list[str]:
    """CURIEs a name means: one term, or (a sided term named without a side) both sides."""
    try:
        return [kg.term(name, side=side if side in ("left", "right") else None).curie]
    except AmbiguousTermError as err:
        pair = [c.curie for c in err.choices]
        if len(pair) == 2 and pair[1] in kg.index.objects(pair[0], "skg:lateralCounterpart"):
            return pair
        raise


def _conditions(kg: Any, names: object, what: str, side: str | None = None) -> list[str]:
    if names is None:
        return []
    items = [names] if isinstance(names, (str, Term)) else names
    if not isinstance(items, Iterable):
        raise TypeError(f"{what} must be a condition or a list of conditions, got {names!r}")
    out = []
    for name in items:
        for c in _sides(kg, name, side):
            if not kg.index.is_a(c, "skg:Condition"):
                raise ValueError(f"{what} {name!r} is {kg.index.terms[c].label!r}, not a condition; "
                                 "expected e.g. 'lumbar disc herniation' or 'radiculopathy'")
            out.append(c)
    return out


def _side(side: object) -> str | None:
    """"left", "right", "bilateral" or None: the sides an ICD-10-CM code can name."""
    if isinstance(side, str) and side.strip().lower() in ("both", "bilateral", "both sides"):
        return "bilateral"
    return parse_side(side)


def _by_side(ix: Any, rows: list[str], conds: list[str], side: str | None) -> list[str]:
    """The rows coding all of ``conds`` for ``side``: those naming that side when there are
    any, else those naming none (for a side-coded condition, the code when the side is not
    documented); none for both sides when only one-side codes exist (each side is coded)."""
    def coded(a: str) -> str | None:
        return next(iter(ix.objects(a, "skg:hasSide")), None)

    both = set(conds) if len(conds) > 1 else set()  # a sided condition named without a side
    fit = [a for a in rows if both <= set(ix.objects(a, "skg:codeFor"))]
    named = {"left": "skg:Left", "right": "skg:Right", "bilateral": "skg:Bilateral"}.get(side or "")
    own = [a for a in fit if coded(a) == named] if named else []
    if own:
        return own
    if side == "bilateral" and any(coded(a) in ("skg:Left", "skg:Right") for a in rows):
        return []
    return [a for a in fit if coded(a) is None]


def _level(kg: Any, level: object) -> str | None:
    if level is None:
        return None
    try:
        term = kg.term(level)
    except AmbiguousTermError:  # "L4" names the two L4 roots
        term = None
    if term is None or not kg.index.is_a(term.curie, "skg:IntervertebralDisc"):
        what = f"is {term.label!r}" if term is not None else "names no disc"
        raise ValueError(f"level {level!r} {what}, not a disc level; expected a disc level such "
                         "as 'L4-L5', 'L5-S1' or 'C5-C6'")
    return term.curie


def _groups(ix: Any, cond: str, region: str | None) -> list[tuple[str, list[str]]]:
    """The conditions to look for code rows under, in turn: the condition itself, its kinds,
    then each thing it is a kind of with that one's kinds (nearest first)."""
    down = ix.closure("skg:subtypeOf", inverse=True)
    up = ix.closure("skg:subtypeOf")

    def fits(c: str) -> bool:
        regions = ix.objects(c, "skg:inRegion")
        return region is None or not regions or region in regions

    groups = [("", [cond]), ("its kinds", sorted(c for c in down.get(cond, ()) if fits(c)))]
    parents = sorted(up.get(cond, ()), key=lambda p: len(up.get(p, ())), reverse=True)
    for p in parents:
        groups.append((f"what it is a kind of ({ix.terms[p].label})",
                       [p, *sorted(c for c in down.get(p, ()) if fits(c) and c != cond)]))
    return groups


def icd10cm(kg: Any, condition: str | Term, level: str | Term | None = None,
            side: str | None = None, *, also: object = ()) -> IcdCode:
    """The billable ICD-10-CM code for ``condition`` (at a disc ``level``), with the rules.

    Parameters
    ----------
    condition : str or Term
        A condition ("lumbar disc herniation", "cervical radiculopathy", "M48.06").
    level : str or Term, optional
        The disc level ("L5-S1", "C5-C6"); without it, the code for an undocumented level.
    side : str, optional
        "left", "right" or "both". A side-coded condition (hip osteoarthritis, carpal tunnel
        syndrome, sciatica NOS ...) takes the code of that side, or without a side the code
        for an undocumented side; the other codes carry no side and it is only checked.
    also : str or list of str
        Conditions documented as well: a cause ("lumbar disc herniation" for a
        radiculopathy, which the Excludes1 rule then codes instead) or a manifestation
        ("radiculopathy", "neurogenic claudication", "myelopathy").

    Returns
    -------
    IcdCode

    Raises
    ------
    NoCodeError
        No code row fits (the level lies outside the condition's region, or the
        condition has no code); the message says which codes exist.
    UnknownTermError, ValueError
        A name that means nothing, or that is not a condition or a disc level.

    Examples
    --------
    >>> kg = skg.load()
    >>> c = kg.icd10cm("lumbar disc herniation", level="L5-S1", also=["radiculopathy"])
    >>> c.code, c.billable
    ('M51.17', True)
    >>> kg.icd10cm("lumbar spinal stenosis", level="L4-L5", also="neurogenic claudication").code
    'M48.062'
    >>> kg.icd10cm("radiculopathy", level="L5-S1").code
    'M54.17'
    >>> kg.icd10cm("hip osteoarthritis", side="right").code, kg.icd10cm("hip osteoarthritis").code
    ('M16.11', 'M16.10')
    """
    ix = kg.index
    side_name = _side(side)
    conds = _conditions(kg, [condition], "condition", side_name)
    cond = conds[0]
    own_side = {"skg:Left": "left", "skg:Right": "right"}.get(
        next(iter(ix.objects(cond, "skg:hasSide")), ""))
    side_name = side_name or (own_side if len(conds) == 1 else None)  # "left hip osteoarthritis"
    documented = _conditions(kg, also, "also", side_name)
    disc = _level(kg, level)
    rule: list[str] = []
    up = ix.closure("skg:subtypeOf")

    def lab(c: str) -> str:
        if len(conds) > 1 and c in conds:  # a sided condition named without a side
            return ix.terms[c].label.removeprefix("left ").removeprefix("right ")
        return str(ix.value(c, "skg:levelName") or ix.terms[c].label)

    given = normalize_code(condition) if isinstance(condition, str) else None
    wanted = given.partition(":")[2] if given and given.startswith("ICD10CM:") else None

    # 1. Excludes1: a documented condition the coded one excludes is coded instead
    for d in documented:
        for src in (cond, *sorted(up.get(cond, ()))):
            for excluded in ix.objects(src, "skg:icd10cmExcludes1"):
                if d == excluded or excluded in up.get(d, ()):
                    rule.append(f"Excludes1: {lab(src)} is not coded when {lab(excluded)} is "
                                f"documented; {lab(d)} is coded, with {lab(cond)}")
                    documented = [cond, *(x for x in documented if x != d)]
                    cond, conds = d, [d]
                    break
            else:
                continue
            break
        else:
            continue
        break

    # 2. the level: the disc's own region must be the condition's
    region = None
    if disc is not None:
        region = next(iter(ix.objects(disc, "skg:inRegion")), None)
        own = ix.objects(cond, "skg:inRegion")
        if own and region not in own:
            raise NoCodeError(f"{lab(cond)} at {lab(disc)}: the level is not in the "
                              f"{', '.join(lab(r) for r in own)}; no code")
    have = {cond, *documented} | {a for d in (cond, *documented) for a in up.get(d, ())}
    rows = ix.instances("skg:Icd10cmAssignment")
    for why, group in _groups(ix, cond, region):
        fitting = [a for a in rows if set(ix.objects(a, "skg:codeFor")) & set(group)
                   and (ix.objects(a, "skg:atDisc") == ((disc,) if disc else ())
                        or (wanted and not disc))]
        if wanted:  # a code given as the condition: that code, if it fits the level
            usable = [a for a in fitting if str(ix.value(a, "skg:assignedCode")) == wanted][:1]
        else:
            usable = _by_side(ix, [a for a in fitting if set(ix.objects(a, "skg:codedWith")) <= have],
                              conds, side_name)
        if not usable:
            continue
        if wanted:
            rule.append(f"the code {wanted} was given")
        most = max(len(ix.objects(a, "skg:codedWith")) for a in usable)
        best = [a for a in usable if len(ix.objects(a, "skg:codedWith")) == most]
        codes = sorted({str(ix.value(a, "skg:assignedCode")) for a in best})
        if len(codes) > 1:
            raise NoCodeError(f"{lab(cond)}{' at ' + lab(disc) if disc else ''} has several codes "
                              f"({', '.join(codes)}); give the disc level or what is documented "
                              "with it (also=)")
        chosen = best[0]
        coded = next(c for c in ix.objects(chosen, "skg:codeFor") if c in group)
        if why:
            rule.append(f"{lab(cond)} has no code of its own here; coded through {why}: "
                        f"{lab(coded)}")
        at = next(iter(ix.objects(chosen, "skg:atDisc")), None)
        leveled = any(ix.objects(a, "skg:atDisc") for a in rows if coded in ix.objects(a, "skg:codeFor"))
        rule.append(f"{lab(coded)} at {lab(at)}" if at else
                    f"{lab(coded)}, level not documented" if leveled else lab(coded))
        with_ = ix.objects(chosen, "skg:codedWith")
        if with_:
            rule.append("documented with " + ", ".join(lab(w) for w in with_))
        unused = [d for d in documented
                  if not ({d, *up.get(d, ())} & set(with_)) and d != coded]
        if unused:
            rule.append("not part of this code: " + ", ".join(lab(d) for d in unused))
        coded_side = next(iter(ix.objects(chosen, "skg:hasSide")), None)
        if coded_side:
            rule.append(f"side {lab(coded_side)}: the code names it")
        elif side_name:
            rule.append(f"side {side_name}: not part of the code")
        return IcdCode(
            code=str(ix.value(chosen, "skg:assignedCode")),
            label=str(ix.value(chosen, "skg:icd10cmTitle", "")),
            billable=bool(ix.value(chosen, "skg:billable", False)),
            condition=ix.terms[coded], level=ix.terms[disc] if disc else None, side=side_name,
            rule=tuple(rule), assignment=chosen, sources=ix.node_sources.get(chosen, ()))
    others = sorted({str(ix.value(a, "skg:assignedCode")) for a in rows
                     if cond in ix.objects(a, "skg:codeFor")})
    hint = f"; its codes: {', '.join(others)}" if others else "; the code table has none for it"
    if side_name == "bilateral" and others:
        hint += "; with no code for both sides, each side is coded (side='left', side='right')"
    raise NoCodeError(f"no ICD-10-CM code for {lab(cond)}{' at ' + lab(disc) if disc else ''}"
                      f"{' with ' + ', '.join(lab(d) for d in documented) if documented else ''}"
                      f"{hint}")
