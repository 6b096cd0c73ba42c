"""The entity rules of the note reader, generated from the graph, and the grammar of values.

Every name the reader recognises as a finding is a label or synonym of a graph term
(``skos:prefLabel`` / ``skos:altLabel``), made side-neutral ("left ankle jerk" →
"ankle jerk") and written the few other ways clinicians type it: "reflex" and "jerk"
for each other, British and American spellings ("anaesthesia"/"anesthesia"), a
hyphen as a space, "deltoid" for "deltoid muscle", "spurling" for "spurling test".
Which *role* a name plays (a body area, a muscle, a reflex, a sign or test, ...)
comes from the classes of its term, so a term another branch adds (an examination
test, a muscle) is recognised without a change here.

What is written here by hand is grammar only: MRC grades ("4-/5"), reflex grades
("2+"), state words ("reduced", "brisk"), results ("positive"), sides ("R", "left",
"bilateral"), spinal levels ("L4-L5", "C5/6"), and the cue words that say what a
mention of a body area is (pain, numbness, normal sensation).

Examples
--------
>>> kg = skg.load()
>>> vocab = vocabulary(kg)
>>> sorted({role for role, _ in vocab["ankle jerk"]})
['reflex']
>>> sorted({role for role, _ in vocab["ehl"]})
['muscle']
>>> [(c.kind, c.value) for c in cues("Deltoid 4-/5, biceps jerk reduced, triceps 2+")]
[('mrc', '4-/5'), ('reflexword', 'reflex'), ('state', 'decreased'), ('reflex_grade', '2+')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["ROLES", "Cue", "cues", "iter_names", "level_text", "role_of_classes", "vocabulary"]

#: reader role -> the graph classes whose instances play it (first role listed wins a tie)
ROLES: dict[str, tuple[str, ...]] = {
    "sign": ("skg:ClinicalSign",),
    "reflex": ("skg:Reflex",),
    "action": ("skg:MuscleAction",),
    "muscle": ("skg:Muscle",),
    "area": ("skg:BodyArea", "skg:KeySensoryPoint"),
    "symptom": ("skg:Symptom",),
    "condition": ("skg:Condition",),
    "treatment": ("skg:Treatment",),
}
#: a class whose own label ends so (an examination test, a clinical sign) holds signs
_SIGN_CLASS = re.compile(r"(?:^|\s)(?:test|sign|manoeuvre|maneuver)$")
_SIDE_PREFIX = re.compile(r"^(?:left|right)\s+")
_SPELLINGS = (("anaesth", "anesth"), ("paraesth", "paresth"), ("oedema", "edema"),
              ("haem", "hem"), ("manoeuvre", "maneuver"))
_TRAILING = {"muscle": re.compile(r"\s+muscle$"),
             "sign": re.compile(r"(?:'s)?\s+(?:test|sign|manoeuvre|maneuver)$")}


def role_of_classes(kg: Any) -> dict[str, str]:
    """Class CURIE -> reader role, for the classes of :data:`ROLES` and every class whose
    label ends in "test" or "sign" (those hold signs).

    Examples
    --------
    >>> role_of_classes(skg.load())["skg:Reflex"]
    'reflex'
    """
    ix = kg.index
    out = {cls: role for role, classes in ROLES.items() for cls in classes}
    for c, term in ix.terms.items():
        if term.kind == "Class" and c not in out and _SIGN_CLASS.search(term.label.lower()):
            out[c] = "sign"
    return out


def _variants(name: str, role: str) -> set[str]:
    """The ways a clinician types one side-neutral name."""
    base = {name, name.replace("-", " ")}
    if role == "reflex":
        base |= {n.replace(" reflex", " jerk") for n in base if n.endswith(" reflex")}
        base |= {n.replace(" jerk", " reflex") for n in base if n.endswith(" jerk")}
        base |= {n + ("es" if n.endswith("x") else "s") for n in base
                 if n.endswith((" jerk", " reflex"))}
    if role == "area":  # "suprapubic" for "suprapubic area", "soles" for "sole"
        base |= {n.rsplit(" ", 1)[0] for n in base
                 if n.endswith((" area", " region")) and len(n.rsplit(" ", 1)[0]) >= 4}
        base |= {n + "s" for n in base if n[-1:].isalpha() and not n.endswith("s")}
    trail = _TRAILING.get(role)
    if trail is not None:
        base |= {trail.sub("", n) for n in base if len(trail.sub("", n)) >= 3}
    for uk, us in _SPELLINGS:
        base |= {n.replace(uk, us) for n in base} | {n.replace(us, uk) for n in base
                                                      if uk not in n}
    return {n for n in base if n.strip()}


def vocabulary(kg: Any) -> dict[str, tuple[tuple[str, str], ...]]:
    """Side-neutral name (lower case) -> the (role, CURIE) pairs it may stand for.

    Memoised per SpineKG. Names of the graph's terms whose classes play a role in
    :data:`ROLES` (or are tests and signs by their class label), with their variants.

    Examples
    --------
    >>> ("area", "skg:area_lateral_arm_left") in vocabulary(skg.load())["outer upper arm"]
    True
    """
    memo = kg._memo.get("text_vocabulary")
    if memo is not None:
        return memo
    ix = kg.index
    roles = role_of_classes(kg)
    order = list(ROLES)
    found: dict[str, set[tuple[str, str]]] = {}
    for c, term in ix.terms.items():
        if c in ix.schema:
            continue
        mine = {r for cls, r in roles.items() if ix.is_a(c, cls)}
        if not mine:
            continue
        role = min(mine, key=lambda r: order.index(r) if r in order else -1)
        sided = ix.side(c) is not None
        for name in (term.label, *ix.alt_labels.get(c, ())):
            name = " ".join(name.lower().split())
            if sided:
                name = _SIDE_PREFIX.sub("", name)
            for v in _variants(name, role):
                found.setdefault(v, set()).add((role, c))
    vocab = {k: tuple(sorted(v)) for k, v in found.items()}
    kg._memo["text_vocabulary"] = vocab
    return vocab


# -- the grammar of values ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Cue:
    """One grammar word or value in a note: its kind, canonical value and offsets."""

    kind: str
    value: str
    start: int
    end: int


_STATES = {
    "absent": r"absent|lost|areflexi[ac]|nil",
    "decreased": r"reduced|diminished|decreased|depressed|hypoactive|sluggish|trace|hyporeflexi[ac]",
    "increased": r"brisk|exaggerated|hyperactive|increased|hyperreflexi[ac]",
    "normal": r"normal|intact|present|preserved|symmetric(?:al)?|equal|unremarkable",
}
#: (group name, cue kind, regex, fixed value or None for the words as written), tried in
#: this order at each position of the text
_CUE_PATTERNS: tuple[tuple[str, str, str, str | None], ...] = (
    ("mrc", "mrc", r"(?<![\w/+-])[0-5]\s*[+-]?\s*/\s*5(?![\d/])", None),
    ("rgrade", "reflex_grade", r"(?<![\w/.])(?:[0-4]\s*\+(?!\s*/)|0(?![\w/+]|\.\d))", None),
    ("level", "level", r"\b[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?\b", None),
    ("right", "side", r"\b(?:(?i:right|rt)|R)\b(?!\s*[-/]?\s*\d)", "right"),
    ("left", "side", r"\b(?:(?i:left|lt)|L)\b(?!\s*[-/]?\s*\d)", "left"),
    ("both", "side", r"\b(?i:bilateral(?:ly)?|(?:on\s+)?both(?:\s+sides)?)\b", "bilateral"),
    ("pos", "result", r"\b(?i:positive|\+ve|pos)\b", "positive"),
    ("neg", "result", r"\b(?i:negative|-ve|neg)\b", "negative"),
    ("numb", "numb", r"\b(?i:numb(?:ness)?|tingl\w*|pins\s+and\s+needles|par(?:a)?esthesi\w*|"
                     r"hyp(?:o)?(?:a)?esthesi\w*|an(?:a)?esthesi\w*|dys(?:a)?esthesi\w*|"
                     r"sensory\s+loss|loss\s+of\s+sensation)\b", "numbness"),
    ("sens", "sensation", r"\b(?i:sensation|sensory|light\s+touch|pin\s*prick|feeling)\b",
     "sensation"),
    ("pain", "pain", r"\b(?i:pain(?:ful)?|ache|aching|sore(?:ness)?|radiat\w*|shooting|burning)\b",
     "pain"),
    ("weak", "weak", r"\b(?i:weak(?:ness)?|paresis|power)\b", "weakness"),
    ("rword", "reflexword", r"\b(?i:reflex(?:es)?|jerks?)\b", "reflex"),
    ("img", "imaging", r"\b(?:MRI|MR|CT|(?i:imaging|x-?ray|radiograph\w*|scan|myelogra\w*))\b",
     "imaging"),
    *((f"st_{state}", "state", rf"\b(?i:{words})\b", state) for state, words in _STATES.items()),
)
_CUE_RX = re.compile("|".join(f"(?P<{g}>{rx})" for g, _, rx, _ in _CUE_PATTERNS))
_CUE_OF = {g: (kind, value) for g, kind, _, value in _CUE_PATTERNS}


def cues(text: str, offset: int = 0) -> list[Cue]:
    """The grammar words and values of ``text``, in order of where they start.

    ``offset`` is added to every position (the start of a sentence in its note).
    "symmetric" is a state (normal) and a side (bilateral) at once.

    Examples
    --------
    >>> [(c.kind, c.value) for c in cues("Spurling positive on the right")]
    [('result', 'positive'), ('side', 'right')]
    >>> [(c.kind, c.value) for c in cues("MRI: left L4-L5 foraminal disc herniation")]
    [('imaging', 'imaging'), ('side', 'left'), ('level', 'L4-L5')]
    """
    out: list[Cue] = []
    for m in _CUE_RX.finditer(text):
        kind, value = _CUE_OF[m.lastgroup]
        a, b = offset + m.start(), offset + m.end()
        out.append(Cue(kind, value or "".join(m.group().split()), a, b))
        if m.lastgroup == "st_normal" and m.group().lower().startswith("symmetric"):
            out.append(Cue("side", "bilateral", a, b))
    return out


def level_text(raw: str) -> str:
    """A spinal level as the graph writes it: ``"L4/5"`` → ``"L4-L5"``.

    Examples
    --------
    >>> level_text("L4/5"), level_text("C5-C6"), level_text("S1")
    ('L4-L5', 'C5-C6', 'S1')
    """
    m = re.fullmatch(r"([CTLS])(\d{1,2})(?:[-/]([CTLS])?(\d{1,2}))?", "".join(raw.split()))
    if not m:
        return raw
    head = f"{m.group(1)}{m.group(2)}"
    if m.group(4) is None:
        return head
    return f"{head}-{m.group(3) or m.group(1)}{m.group(4)}"


def iter_names(vocab: dict[str, tuple[tuple[str, str], ...]]) -> Iterator[tuple[str, str]]:
    """(name, label for the entity) pairs for the target rules: the label is the first role."""
    for name, pairs in vocab.items():
        yield name, pairs[0][0].upper() if len({r for r, _ in pairs}) == 1 else "TERM"
