"""Case resolution: every finding of a :class:`~spinekg.clinical.case.Findings`, in the
words people write, to the finding keys of the differential engine.

A phrase is resolved by :mod:`spinekg.clinical.findings`; here it gets its side (a side
inside the phrase keeps its own), its state (a reflex grade, a sign's own accepted and
abnormal states: "Babinski": "absent" is a negative sign, "anal wink": "absent" a reduced
reflex), its MRC grade and its keys.

Examples
--------
>>> from spinekg.clinical.case import Findings
>>> found, _, _ = resolve_case(skg.load(), Findings.of(signs={"Babinski": "absent"}))
>>> found[0].keys, found[0].present
(((('sign', 'skg:sign_babinski'),),), False)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.resolve import normalize
from ..errors import AmbiguousTermError, UnknownTermError
from .findings import (
    AREA_KINDS,
    CASE_KINDS,
    REFLEX_STATES,
    _attempts,
    _candidates,
    _sideless,
    reflex_state,
    resolve_finding,
)

__all__ = ["Resolved", "resolve_case"]


@dataclass(frozen=True)
class Resolved:
    """One finding of a case, resolved: its label, the finding keys it may stand for
    (alternatives: the engine takes the best), whether it was present, its MRC grade."""

    label: str
    group: str
    keys: tuple[tuple[tuple[str, str], ...], ...]
    present: bool
    grade: float | None = None
    side: str | None = None


def _names_anything(kg: Any, name: str, side: str | None, kinds: tuple[str, ...]) -> bool:
    """Whether any text :func:`~spinekg.clinical.findings.resolve_finding` would try for
    ``name`` as one of ``kinds`` names a term (of any kind)."""
    try:
        return any(_candidates(kg, a, side) for a in _attempts(name, kinds))
    except ValueError:  # two sides named: let the routes below say so
        return True


def _names_for(kg: Any, name: str, side: str | None, kinds: tuple[str, ...]) -> list[str]:
    """CURIEs ``name`` may mean among ``kinds`` (no suggestion search: [] if none)."""
    ix = kg.index
    memo = kg._memo.setdefault("case_names", {})
    key = (name, side, kinds)
    hit = memo.get(key)
    if hit is not None:
        return list(hit)
    found: list[str] = []
    if not _names_anything(kg, name, side, kinds):
        # no text tried for any of the kinds names anything: every route below starts
        # from those names, so an unknown phrase stops here
        if len(memo) < 50_000:
            memo[key] = ()
        return found
    groups = list(dict.fromkeys(AREA_KINDS if k in AREA_KINDS else (k,) for k in kinds))
    for k in groups:
        try:
            got = resolve_finding(kg, name, side, k, suggest=False)
        except (UnknownTermError, AmbiguousTermError, ValueError):
            continue
        found += [c for c in got if c not in found]
        if found and k != ("Muscle",):
            break
    if not found:
        for attempt in _attempts(name, ()):
            try:
                cands = _candidates(kg, attempt, side)
            except ValueError:
                cands = []
            found = [c for c in cands if any(ix.is_a(c, f"skg:{k}") or ix.terms[c].kind == k
                                             for k in kinds)]
            if found:
                break
    if len(memo) < 50_000:
        memo[key] = tuple(found)
    return found


def _own_state(kg: Any, c: str, value: object) -> bool | None:
    """Whether ``value`` is an abnormal state of sign ``c`` by the sign's own accepted and
    abnormal states in the graph (``skg:acceptedState``, ``skg:abnormalState``: for the
    Babinski sign "absent" is accepted and normal); None when the sign has none or the
    value is not one of them.

    Examples
    --------
    >>> kg = skg.load()
    >>> _own_state(kg, "skg:sign_babinski", "absent"), _own_state(kg, "skg:sign_babinski", "Present")
    (False, True)
    """
    vals = kg.index.values.get(c, {})
    abnormal = {str(v).lower() for v in vals.get("skg:abnormalState", ())}
    accepted = {str(v).lower() for v in vals.get("skg:acceptedState", ())}
    v = str(value).strip().lower() if value is not None else None
    if not abnormal or v not in accepted:
        return None
    return v in abnormal


def _keys(kg: Any, group: str, curies: list[str], state: str | None) -> list[tuple]:
    """Finding keys of the engine for resolved CURIEs."""
    ix = kg.index
    out = []
    for c in curies:
        kind = ix.terms[c].kind
        if kind in AREA_KINDS:
            out.append(("pain" if group == "pain" else "sens", c))
        elif kind == "MuscleAction":
            out.append(("motor", c))
        elif kind == "Muscle":
            out += [("motor", a) for a in ix.objects(c, "skg:testedBy")]
        elif kind == "Reflex":
            if state in ("decreased", "absent"):
                out.append(("low", c))
            elif state == "increased":
                out.append(("high", c))
            else:
                out += [("low", c), ("high", c)]
        else:
            out.append(("sign", c))
    return out


def resolve_case(kg: Any, case: Any, *, strict: bool = True
                 ) -> tuple[list[Resolved], list[str], dict[str, tuple[str, ...]]]:
    """Resolve every finding of a :class:`~spinekg.clinical.case.Findings`.

    Returns ``(resolved, unresolved, suggestions)``; ``unresolved`` holds ``"kind:
    words"`` and ``suggestions`` the near names of each, unless ``strict``, which
    raises :class:`UnknownTermError` instead.

    Examples
    --------
    >>> from spinekg.clinical.case import Findings
    >>> found, _, _ = resolve_case(skg.load(), Findings.of(side="left", weakness=["EHL 4/5"]))
    >>> found[0].keys, found[0].grade
    (((('motor', 'skg:action_great_toe_extension_left'),),), 4.0)
    """
    from .differential.likelihood import grade_of
    from .wording import Suggestions, parse_phrase, sign_state, suggester

    out: list[Resolved] = []
    unresolved: list[str] = []
    suggestions = Suggestions(kg)  # searched when first read, never by the question
    for f in case.items:
        if f.kind == "imaging":
            continue
        ph = parse_phrase(f.text)
        side = ph.side if ph.side in ("left", "right") else f.side if f.side in ("left", "right") \
            else None
        sides = (side,) if ph.side in ("left", "right") else ("left", "right") \
            if "bilateral" in (ph.side, f.side) else (side,)
        present = f.present and not ph.negated
        state = None
        group = f.kind
        if f.kind == "reflex":
            state = reflex_state(f.value) or reflex_state(ph.state) or (
                "normal" if not f.present else None)
            if state is None:
                raise ValueError(f"reflex state {f.value!r} for {f.text!r}; expected one of "
                                 f"{', '.join(REFLEX_STATES)} (or a grade 0 to 4+)")
            present = state != "normal"
        elif f.kind == "sign" and reflex_state(f.value) in ("decreased", "absent", "increased") \
                and _names_for(kg, _sideless(f.text), side, CASE_KINDS["reflex"]):
            # a reflex given as a sign ("anal wink": "absent") is that reflex, reduced or
            # increased, not a sign found negative
            state, group = reflex_state(f.value), "reflex"
        elif f.kind in ("sign", "history"):
            positive = sign_state(f.value)
            if positive is None:
                raise ValueError(f"sign state {f.value!r} for {f.text!r}; expected positive or "
                                 "negative (present, absent, limited, painful, normal ...)")
            present = present and positive
        elif ph.state and f.kind in ("weakness", "pain", "numbness", "normal"):
            state = reflex_state(ph.state)
            group = "reflex" if state else group
            if state:
                present = present and state != "normal"
        kinds = CASE_KINDS["reflex"] if group == "reflex" else CASE_KINDS[f.kind]
        names = ph.names or (f.text,)
        if ph.state and f.kind in ("sign", "history"):  # "brisk reflexes" is the sign's name
            names = (_sideless(f.text),)
        if f.kind in ("sign", "history") and (ph.negated or ph.side == "bilateral") and \
                kg.resolver.exact.get(normalize(f.text)):
            # the whole phrase is the feature's own name ("no pain when seated",
            # "bilateral buttock or leg pain"): its "no" or "bilateral" is not the finding's
            names, sides = (f.text,), (side,)
            present = f.present and bool(sign_state(f.value))
        elif ph.bracket:
            names = names + (ph.bracket,)
        elif len(names) > 1:  # "loss of pain and temperature" is one sign's own name
            whole = _sideless(f.text)
            if kg.resolver.exact.get(normalize(whole)):
                names = (whole,)
        for name in names:
            per_side: list[tuple[str | None, list[tuple]]] = []
            for s in sides:
                curies = _names_for(kg, name, s, kinds)
                if f.kind == "sign" and group != "reflex" and curies:
                    own = _own_state(kg, curies[0], f.value)
                    if own is not None:  # the sign's own states decide ("Babinski": "absent")
                        present = f.present and not ph.negated and own
                per_side.append((s, _keys(kg, group, curies, state if present else "normal")))
            if not any(k for _, k in per_side):
                if strict:
                    sugg = suggester(kg).suggest(name, kinds)
                    try:
                        other = kg.resolver.candidates(name, side=side)
                    except ValueError:
                        other = []
                    if other:  # it names something, of another kind
                        raise kg.resolver.wrong_kind(name, other, CASE_KINDS[f.kind], sugg)
                    raise UnknownTermError(name, sugg)
                suggestions.add(f"{f.kind}: {name}", name, kinds)
                unresolved.append(f"{f.kind}: {name}")
                continue
            label = f"{f.kind}: {f.text}" + (f" {state}" if group == "reflex" and state
                                              and f.kind in ("reflex", "sign") else "")
            for s, keys in per_side:
                if not keys:
                    continue
                lab = label if len(per_side) == 1 else f"{label} ({s})"
                if group == "reflex" and (state == "normal" or not present):
                    # a normal reflex: neither reduced nor increased
                    out += [Resolved(lab, group, ((k,),), False, None, s) for k in keys]
                    continue
                out.append(Resolved(lab, group, (tuple(keys),), present, grade_of(
                    ph.grade or (f.value if f.kind == "weakness" else None)), s))
            if ph.bracket:
                break
    return out, unresolved, suggestions
