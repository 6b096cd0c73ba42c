"""From a patient's findings to a differential with probabilities, explained.

``localize`` turns its input (keyword groups, or a
:class:`~spinekg.clinical.case.Findings`) into one :class:`Findings`, resolves each
finding against the graph (:func:`spinekg.clinical.case_resolve.resolve_case`) and runs
the differential engine of :mod:`spinekg.clinical.differential` (the model is in
:mod:`spinekg.clinical.differential.model`). The old points scorer is gone: a
candidate's ``score`` is now its posterior probability.

Examples
--------
>>> import spinekg as skg
>>> kg = skg.load()
>>> loc = kg.localize(side="right", numbness=["thumb"], weakness=["wrist extension"],
...                   reflexes={"brachioradialis": "decreased"})
>>> loc.best.root.label
'right C6 nerve root'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..core.resolve import parse_side
from ..errors import UnknownTermError
from .case import Findings
from .case_resolve import resolve_case
from .findings import REFLEX_STATES

__all__ = ["localize", "REFLEX_STATES", "as_findings", "parse_imaging"]

_LEVEL = re.compile(r"\b([CTLS])(\d{1,2})\s*[-/]\s*([CTLS])?(\d{1,2})\b", re.I)


def as_findings(findings: Any = None, *, side: object = None, **groups: Any) -> Findings:
    """One :class:`Findings` from a Findings object or the keyword groups."""
    side_name = parse_side(side) if not (isinstance(side, str) and side.strip().lower()
                                         in ("both", "bilateral")) else "bilateral"
    if findings is not None:
        if not isinstance(findings, Findings):
            raise TypeError(f"localize() takes a Findings object as its first argument, got "
                            f"{type(findings).__name__}; use the keyword form otherwise")
        extra = Findings.of(side=side_name, **groups).items
        f = findings if side_name is None else findings.with_side(side_name)
        return Findings(items=f.items + extra, side=f.side, negated=f.negated,
                        uncertain=f.uncertain, unparsed=f.unparsed, unresolved=f.unresolved,
                        source=f.source)
    for name in ("pain", "numbness", "weakness", "normal", "history"):
        v = groups.get(name)
        if v is not None and not isinstance(v, (str, Sequence, Mapping)) and not hasattr(v, "__iter__"):
            raise TypeError(f"{name} must be a list of strings, got {v!r}")
    for name in ("reflexes", "signs"):
        v = groups.get(name)
        if v is not None and not isinstance(v, Mapping):
            raise TypeError(f"{name} must map a name to a state, got {v!r} (a phrase with its "
                            "state, 'absent ankle jerk', may go in any list of findings)")
        for key, state in (v or {}).items():
            if not isinstance(state, str):
                raise ValueError(f"{name[:-1] if name == 'signs' else 'reflex'} state {state!r} "
                                 f"for {key!r}; expected a word or grade such as 'absent', '1+', "
                                 "'positive'")
    return Findings.of(side=side_name, **groups)


def parse_imaging(kg: Any, imaging: Any) -> tuple[str, str, str | None]:
    """(lesion, level, side) from a tuple or a report line ("MRI: left L4-L5 foraminal
    disc herniation").

    Examples
    --------
    >>> parse_imaging(skg.load(), "MRI: left L4-L5 foraminal disc herniation")
    ('foraminal disc herniation', 'L4-L5', 'left')
    """
    if isinstance(imaging, str):
        text = re.sub(r"^\s*(mri|ct|x-?ray|imaging|myelogram)\s*[:\-]?\s*", "", imaging, flags=re.I)
        m = _LEVEL.search(text)
        if not m:
            raise ValueError(f"imaging={imaging!r}; expected a level such as L4-L5 in the text")
        a, n1, b, n2 = m.groups()
        level = f"{a.upper()}{n1}-{(b or a).upper()}{n2}"
        side = next((s for s in ("left", "right") if re.search(rf"\b{s}\b", text, re.I)), None)
        if re.search(r"\b(bilateral|both)\b", text, re.I):
            side = None
        lesion = _LEVEL.sub(" ", text)
        lesion = re.sub(r"\b(left|right|bilateral|both|at|level|sided|-sided)\b", " ", lesion,
                        flags=re.I)
        lesion = " ".join(lesion.replace(",", " ").split()).strip(" .;:")
        return lesion, level, side
    if isinstance(imaging, Sequence) and len(imaging) == 3 and all(
            isinstance(x, str) or x is None for x in imaging):
        return imaging[0], imaging[1], imaging[2]
    raise ValueError(f"imaging={imaging!r}; expected (lesion, level, side), e.g. "
                     "('foraminal disc herniation', 'L4-L5', 'right'), or a report line")


def _imaging(kg: Any, imaging: Any, strict: bool, unresolved: list[str]) -> tuple | None:
    if imaging is None:
        return None
    from .affected import compressed_roots

    lesion, level, side = parse_imaging(kg, imaging)
    try:
        comp = compressed_roots(kg, lesion, level=level, side=side)
    except (UnknownTermError, ValueError) as err:
        if strict:
            raise type(err)(f"imaging={imaging!r}: {err}") if isinstance(err, ValueError) \
                and not isinstance(err, UnknownTermError) else \
                ValueError(f"imaging={imaging!r}: {err}") from err
        unresolved.append(f"imaging: {lesion} at {level}")
        return None
    paths = {p.target.curie: p.steps for p in comp.paths}
    roots = tuple(paths)
    label = f"{lesion} at {level}" + (f", {side}" if side else "")
    return label, roots, paths


def localize(kg: Any, findings: Any = None, /, *, side: object = None,
             pain: Sequence[str] = (), numbness: Sequence[str] = (),
             weakness: Sequence[str] | Mapping[str, str] = (),
             reflexes: Mapping[str, str] | None = None, normal: Sequence[str] = (),
             signs: Mapping[str, str] | None = None, history: Sequence[str] = (),
             imaging: Any = None, strict: bool = True, limit: int = 5) -> Any:
    """The differential of a patient's findings: every candidate kind, with posterior
    probabilities and the evidence for each (see
    :mod:`spinekg.clinical.differential.model`).

    Parameters
    ----------
    findings : Findings, optional
        A case built by hand or read by an adapter; the keyword groups add to it.
    side : {"left", "right", "both"}, optional
        Side of the findings that name none; a side inside a phrase ("left buttock")
        keeps its own.
    pain, numbness : list of str
        Body areas as people write them ("numb outer calf", "between the shoulder blades").
    weakness : list of str, or dict of str to MRC grade
        Actions or muscles ("shoulder abduction 4-/5", "EHL weakness", "can't walk on heels").
    reflexes : dict, optional
        Reflex name → state ("absent", "1+", "brisk"; the four states of
        :data:`REFLEX_STATES` and the usual grades).
    normal : list of str
        Actions, muscles, areas, reflexes and signs examined and found normal.
    signs : dict, optional
        Sign or test → result ("Babinski": "positive", "hip internal rotation":
        "limited and painful").
    history : list of str
        History features ("pain on walking relieved by sitting"); "no ..." negates.
    imaging : (lesion, level, side) or str, optional
        A lesion seen on imaging, or a report line ("MRI: left L4-L5 foraminal disc
        herniation"); weighed as one more finding.
    strict : bool
        Unknown words raise :class:`UnknownTermError` (default); otherwise they go to
        ``.unresolved`` with suggestions.
    limit : int
        Number of candidates in ``.candidates`` (``.ranked`` holds them all).

    Returns
    -------
    Localization
        ``.candidates`` best first with ``.probability``, ``.kind``, ``.target``,
        ``.targets``, ``.levels``, ``.side`` and ``.evidence``; ``.flags``;
        ``.unresolved``; ``.next_tests()``.

    Raises
    ------
    UnknownTermError
        A finding matches no term and ``strict`` is true.
    ValueError
        A state not understood, malformed imaging, ``limit < 1``, or no findings.

    Examples
    --------
    >>> import spinekg as skg
    >>> kg = skg.load()
    >>> loc = kg.localize(side="left", numbness=["top of foot"],
    ...                   weakness=["great toe extension"], reflexes={"ankle jerk": "normal"})
    >>> loc.best.level, loc.best.root.curie
    ('L5', 'skg:root_L5_left')
    >>> kg.localize(side="left", numbness=["big toe", "glowing toes"], strict=False).unresolved
    ('numbness: glowing toes',)
    """
    if not isinstance(strict, bool):
        raise TypeError(f"strict must be True or False, got {strict!r}")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError(f"limit={limit!r}; expected a positive integer")
    if imaging is not None:
        parse_imaging(kg, imaging)  # malformed imaging fails before anything else
    case = as_findings(findings, side=side, pain=pain, numbness=numbness, weakness=weakness,
                       reflexes=reflexes, normal=normal, signs=signs, history=history)
    if not case.items and imaging is None:
        raise ValueError("no findings: give at least one of pain, numbness, weakness, reflexes, "
                         "normal, signs, history or imaging")
    key = ("localize", case, None if imaging is None else (imaging if isinstance(imaging, str)
                                                            else tuple(imaging)), strict, limit)
    answers = kg._memo.setdefault("loc_answers", {})
    hit = answers.get(key)
    if hit is not None:
        return hit
    from .differential.explain import answer
    from .differential.model import State

    resolved, unresolved, suggestions = resolve_case(kg, case, strict=strict)
    img = _imaging(kg, imaging, strict, unresolved)
    labels = [r.label for r in resolved]
    labels = list(dict.fromkeys(labels)) + ([f"imaging: {img[0]}"] if img else [])
    st = State(kg, resolved, img, case.side)
    loc = answer(st, limit, [*case.unresolved, *unresolved], labels, suggestions)
    if len(answers) < 50_000:
        answers[key] = loc
    return loc
