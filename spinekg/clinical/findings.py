"""Finding resolution: from the words of an examination to the graph terms they mean.

Kept apart from scoring (:mod:`spinekg.clinical.localize`): a finding such as "EHL
weakness", "can't walk on heels", "numb top of foot" or "ankle jerk 1+" is turned
into the CURIEs of the muscle actions, body areas or reflexes it may name (both sides
when no side is known), and the reflex state it gives. A symptom that *is* the
weakness of an action (foot drop: skg:weaknessOf ankle dorsiflexion) stands for that
action, a muscle (deltoid, EHL) for the actions it is tested by (skg:testedBy), and a
symptom named for where it is felt (saddle numbness) for that area.

Examples
--------
>>> kg = skg.load()
>>> resolve_finding(kg, "EHL weakness", "left", ("MuscleAction",))
['skg:action_great_toe_extension_left']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..core.resolve import _check_text, normalize
from ..errors import AmbiguousTermError, UnknownTermError

__all__ = ["AREA_KINDS", "CASE_KINDS", "REFLEX_STATES", "REFLEX_WORDS", "Finding",
           "reflex_state", "resolve_finding", "resolve_findings"]

#: One resolved finding: (group, text as given, CURIEs it may mean, reflex state or None).
Finding = tuple[str, str, list[str], "str | None"]

REFLEX_STATES = ("normal", "decreased", "absent", "increased")
#: other ways to write a reflex state, grades of the usual 0-4+ scale included
REFLEX_WORDS = {
    **{w: "normal" for w in ("2+", "2", "present", "intact", "normal")},
    **{w: "decreased" for w in ("1+", "1", "reduced", "diminished", "depressed",
                                 "hypoactive", "hyporeflexic", "sluggish", "trace", "decreased")},
    **{w: "absent" for w in ("0", "none", "lost", "areflexic", "absent")},
    **{w: "increased" for w in ("3+", "3", "4+", "4", "brisk", "hyperactive", "exaggerated",
                                 "hyperreflexic", "increased")},
}
AREA_KINDS = ("BodyArea", "KeySensoryPoint")
_LEAD = re.compile(
    r"^(?:can ?not|can t|cannot|unable to|difficulty(?: with)?|trouble(?: with)?|"
    r"weak(?:ness)?(?: of| in)?|loss of(?: sensation| feeling)?(?: in| over)?|reduced|"
    r"decreased|no|numb(?:ness)?(?: of| in| over)?|pain(?:ful)?(?: in)?|"
    r"(?:tingling|pins and needles|paraesthesiae?|paresthesiae?|burning|aching|sore(?:ness)?)"
    r"(?: in| of| over)?)\s+")
# the same words after the name: "EHL weakness", "big toe numbness", "thigh pain"
_TRAIL = re.compile(r"\s+(?:weakness|weak|paresis|numbness|numb|tingling|pain|ache)$")


def _gerund(phrase: str) -> str | None:
    """``"cock the wrist"`` → ``"cocking the wrist"`` (how action synonyms are written)."""
    verb, _, rest = phrase.partition(" ")
    if not verb.isalpha() or len(verb) < 3 or verb.endswith("ing"):
        return None
    if verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1]
    return f"{verb}ing {rest}".strip()


def _attempts(raw: str, kinds: tuple[str, ...]) -> list[str]:
    """The texts tried in turn for one finding, most literal first."""
    attempts = [raw]
    stripped = normalize(raw)
    while True:
        new = _TRAIL.sub("", _LEAD.sub("", stripped))
        if new == stripped or not new:
            break
        stripped = new
        attempts.append(stripped)
    if stripped.endswith("s") and not stripped.endswith(("ss", "us", "is")) and len(stripped) > 3:
        attempts.append(stripped[:-1])  # "buttocks" -> "buttock"
    if "MuscleAction" in kinds and stripped:
        g = _gerund(stripped)
        if g:
            attempts.append(g)
    if "Reflex" in kinds and stripped and not stripped.endswith(("reflex", "jerk")):
        attempts += [stripped + " reflex", stripped + " jerk"]
    if "ExaminationTest" in kinds and stripped and not stripped.endswith(("test", "sign")):
        attempts += [stripped + " test", stripped + " sign"]  # "Spurling" -> "spurling test"
    return attempts


def _candidates(kg: Any, text: str, side: str | None) -> list[str]:
    """``kg.resolver.candidates(text, side=side)``, memoised: one phrase is tried as each
    kind of finding in turn, with the same texts."""
    memo = kg._memo.setdefault("loc_candidates", {})
    hit = memo.get((text, side))
    if hit is None:
        hit = tuple(kg.resolver.candidates(text, side=side))
        if len(memo) < 50_000:
            memo[(text, side)] = hit
    return list(hit)


def resolve_finding(kg: Any, text: object, side: str | None, kinds: tuple[str, ...],
                    suggest: bool = True) -> list[str]:
    """CURIEs a finding may mean (both sides when no side is known). Memoised."""
    raw = _check_text(text)
    memo = kg._memo.setdefault("loc_resolve", {})
    key = (raw, side, kinds)
    hit = memo.get(key)
    if hit is not None:
        return list(hit)
    ix, res = kg.index, kg.resolver
    for attempt in _attempts(raw, kinds):
        found = [c for c in _candidates(kg, attempt, side) if ix.terms[c].kind in kinds]
        if not found and kinds == AREA_KINDS:
            # a symptom named for where it is felt ("saddle numbness") stands for that area
            found = [a for c in _candidates(kg, attempt, side)
                     if ix.is_a(c, "skg:Symptom") for a in ix.objects(c, "skg:feltIn")
                     if side is None or ix.side(a) in (side, None)]
        if not found and "MuscleAction" in kinds:
            # a symptom that is the weakness of an action (foot drop) stands for the action,
            # and a muscle (deltoid, EHL) for the actions it is tested by
            found = [a for c in _candidates(kg, attempt, side)
                     for p in (("skg:weaknessOf",) if ix.is_a(c, "skg:Symptom") else
                               ("skg:testedBy",) if ix.is_a(c, "skg:Muscle") else ())
                     for a in ix.objects(c, p) if side is None or ix.side(a) in (side, None)]
        if found:
            if len(memo) < 50_000:
                memo[key] = tuple(found)
            return found
    if not suggest:
        raise UnknownTermError(raw, [])
    stripped = _attempts(raw, ())[-1]
    suggestions = [t.label for t in res.search(stripped or raw, limit=20)
                   if t.kind in kinds][:5] if stripped else []
    try:
        other = res.candidates(raw, side=side)
    except ValueError:  # two sides named: nothing to say about what it is
        other = []
    if other:  # it names something, of another kind
        raise res.wrong_kind(raw, other, kinds, suggestions)
    raise UnknownTermError(raw, suggestions or res.suggest(raw))



def resolve_findings(kg: Any, side_name: str | None, *, pain: Iterable[str] = (),
                     numbness: Iterable[str] = (), weakness: Iterable[str] = (),
                     reflexes: Mapping[str, str] | None = None, imaging: object = None,
                     strict: bool = True) -> tuple[list[Finding], list[str]]:
    """Check the findings and resolve each to the graph terms it may mean.

    Returns ``(findings, unresolved)``: each finding is ``(group, text, CURIEs,
    reflex state)``; ``unresolved`` lists ``"group: text"`` for the words that name
    nothing (only when ``strict`` is false; otherwise they raise).

    Examples
    --------
    >>> found, unknown = resolve_findings(skg.load(), "left", weakness=["foot drop"])
    >>> found[0][2]
    ['skg:action_ankle_dorsiflexion_left']
    """
    if not isinstance(strict, bool):
        raise TypeError(f"strict must be True or False, got {strict!r}")
    groups: dict[str, list[str]] = {}
    for name, values in (("pain", pain), ("numbness", numbness), ("weakness", weakness)):
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, Iterable):
            raise TypeError(f"{name} must be a list of strings, got {values!r}")
        groups[name] = list(values)
    if reflexes is not None and not isinstance(reflexes, Mapping):
        raise TypeError(f"reflexes must map a reflex name to a state, got {reflexes!r}")
    reflexes = dict(reflexes or {})
    for name, state in reflexes.items():
        if not isinstance(state, str) or state.strip().lower() not in REFLEX_WORDS:
            raise ValueError(f"reflex state {state!r} for {name!r}; expected one of "
                             f"{', '.join(REFLEX_STATES)} (or a grade 0 to 4+)")
    if not any(groups.values()) and not reflexes and imaging is None:
        raise ValueError("no findings: give at least one of pain, numbness, weakness, reflexes "
                         "or imaging")

    findings: list[Finding] = []
    unresolved: list[str] = []
    kinds = {"pain": AREA_KINDS, "numbness": AREA_KINDS, "weakness": ("MuscleAction",)}
    items = [(g, v, None) for g, vals in groups.items() for v in vals]
    items += [("reflex", k, REFLEX_WORDS[v.strip().lower()]) for k, v in reflexes.items()]
    for group, text, state in items:
        try:
            curies = resolve_finding(kg, text, side_name, kinds.get(group, ("Reflex",)))
        except (UnknownTermError, AmbiguousTermError):
            if strict:
                raise
            unresolved.append(f"{group}: {text}")
            continue
        findings.append((group, str(text), curies, state))
    return findings, unresolved


# -- a whole case (the differential engine's input) ------------------------------------

#: what each kind of finding may name, in the order tried
_SIDE_WORDS = re.compile(r"\b(left|right|bilateral|both)\b", re.I)

CASE_KINDS = {
    "pain": AREA_KINDS, "numbness": AREA_KINDS, "weakness": ("MuscleAction",),
    "reflex": ("Reflex",),
    "sign": ("ClinicalSign", "ExaminationTest", "HistoryFeature", "Symptom", "Reflex"),
    "history": ("HistoryFeature", "ClinicalSign", "Symptom", "ExaminationTest"),
    "normal": ("MuscleAction", "BodyArea", "KeySensoryPoint", "Reflex", "ClinicalSign",
               "ExaminationTest", "Muscle"),
}


def _sideless(text: str) -> str:
    """``text`` without its side words ("left brisk reflexes" -> "brisk reflexes")."""
    return " ".join(_SIDE_WORDS.sub(" ", text).split())


def reflex_state(word: str | None) -> str | None:
    """The reflex state a word or grade stands for ("1+" → "decreased"), or None.

    Examples
    --------
    >>> reflex_state("1+"), reflex_state("brisk"), reflex_state("wobbly")
    ('decreased', 'increased', None)
    """
    return None if word is None else REFLEX_WORDS.get(str(word).strip().lower())
