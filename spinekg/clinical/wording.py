"""Clinician wording: the parts of a written finding that are not its name.

A finding as people write it carries more than the name of what was examined: an MRC
grade ("shoulder abduction 4-/5"), a muscle in brackets ("wrist extension (ECRL)"),
a state ("absent ankle jerk", "ankle jerk 1+"), a side of its own ("now also left
buttock"), a list ("tingling in the little and ring fingers"), or a negation ("no
saddle numbness"). :func:`parse_phrase` takes those apart; the name left over is
resolved against the graph by :mod:`spinekg.clinical.findings`. Names that resolve
to nothing get suggestions from :class:`Suggester`: a prebuilt character-trigram
index narrows the labels to a bounded list that rapidfuzz then ranks, so an unknown
word costs microseconds, not a search over every label.

Examples
--------
>>> p = parse_phrase("now also left buttock")
>>> p.names, p.side
(('buttock',), 'left')
>>> parse_phrase("shoulder abduction 4-/5").grade
'4-/5'
>>> parse_phrase("tingling in the little and ring fingers").names
('tingling in the little finger', 'ring finger')
>>> parse_phrase("absent ankle jerk").state
'absent'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Phrase", "parse_phrase", "sign_state", "Suggester", "suggester", "Suggestions"]

#: the bounded list of names rapidfuzz scores for one unknown word: the 16 that share the
#: most trigrams with it (WRatio costs about 2 µs a name)
_POOL = 16

_SIDE = re.compile(r"\b(left|right|lt|rt|bilateral|both)\b\.?", re.I)
_SIDES = {"left": "left", "lt": "left", "right": "right", "rt": "right",
          "bilateral": "bilateral", "both": "bilateral"}
_GRADE = re.compile(r"(?:\bmrc\s*)?\b([0-5][+-]?\s*/\s*5|[0-5][+-]?(?=\s*$))")
_PAREN = re.compile(r"\(([^)]*)\)")
_FILL = re.compile(r"^(?:now also|now|also|and|with|plus|some|mild|marked|severe|new)\s+", re.I)
_NEG = re.compile(r"^(?:no|not|denies|without|negative for|absent)\s+", re.I)
_REFLEX_STATE = re.compile(
    r"(?<![\w+])(absent|areflexic|lost|reduced|diminished|depressed|decreased|hypoactive|sluggish|"
    r"brisk|exaggerated|hyperactive|increased|normal|intact|present|0|1\+|2\+|3\+|4\+)(?![\w+])",
    re.I)
_LIST = re.compile(r"^(?P<lead>.*?\b(?:the|in|of|over)\s+)?(?P<a>[a-z]+)\s*(?:,\s*(?P<b>[a-z]+)\s*)?"
                   r"(?:,?\s*and\s+)(?P<c>[a-z]+)\s+(?P<noun>fingers|toes)$", re.I)
_LIST2 = re.compile(r"^(?P<lead>.*?)\b(?P<items>(?:[a-z ]+,\s*)*[a-z ]+?)\s*,?\s+and\s+"
                    r"(?P<last>[a-z ]+?)\s+(?P<noun>fingers|toes)$", re.I)


@dataclass(frozen=True)
class Phrase:
    """A written finding taken apart: the names in it and what was said about them."""

    text: str
    names: tuple[str, ...]
    side: str | None = None
    grade: str | None = None
    state: str | None = None
    negated: bool = False
    bracket: str | None = None


def parse_phrase(text: str) -> Phrase:
    """Split a written finding into its names, side, MRC grade, state and negation."""
    raw = " ".join(str(text).split())
    t = raw
    bracket = None
    m = _PAREN.search(t)
    if m:
        bracket = m.group(1).strip() or None
        t = (t[:m.start()] + t[m.end():]).strip()
    grade = None
    m = _GRADE.search(t)
    if m and not re.search(r"\b[0-4]\+?\s*$", t) or (m and "/" in m.group(1)):
        grade = m.group(1).replace(" ", "")
        t = (t[:m.start()] + t[m.end():]).strip(" ,;:")
    sides = {_SIDES[s.lower()] for s in _SIDE.findall(t)}
    side = sides.pop() if len(sides) == 1 else ("bilateral" if sides else None)
    t = _SIDE.sub(" ", t)
    t = " ".join(t.split())
    while True:
        new = _FILL.sub("", t)
        if new == t:
            break
        t = new
    negated = bool(_NEG.match(t)) and not t.lower().startswith("absent ")
    if negated:
        t = _NEG.sub("", t)
    state = None
    m = _REFLEX_STATE.search(t)
    if m and re.search(r"\b(jerk|reflex|reflexes)\b", t, re.I) or (m and m.end() == len(t)):
        state = m.group(1).lower()
        t = " ".join((t[:m.start()] + t[m.end():]).split())
    names = _split_list(t) if t else ()
    return Phrase(raw, names or ((t,) if t else ()), side, grade, state, negated, bracket)


def _split_list(t: str) -> tuple[str, ...]:
    """"the thumb, index and middle fingers" → one name per finger."""
    m = _LIST2.match(t)
    if not m:
        if "," in t or " and " in t:
            parts = [p.strip() for p in re.split(r",|\band\b", t) if p.strip()]
            return tuple(parts)
        return (t,)
    lead, noun = m.group("lead"), m.group("noun")[:-1]
    items = [i.strip() for i in m.group("items").split(",") if i.strip()] + [m.group("last")]
    lead_words = lead if lead.strip() else ""
    out = []
    for i in items:
        words = i.split()
        out.append(f"{lead_words}{i}" if words[-1] in ("thumb",) else f"{lead_words}{i} {noun}")
    return tuple(" ".join(o.split()) for o in out)


_POSITIVE = {"positive", "present", "yes", "true", "+", "pos", "limited", "painful",
             "limited and painful", "painful and limited", "reproduces pain", "diminished",
             "reduced", "weak", "absent", "low", "abnormal", "upgoing", "up-going",
             "extensor", "brisk", "sustained"}
_NEGATIVE = {"negative", "neg", "no", "false", "-", "normal", "full", "intact", "downgoing",
             "down-going", "flexor", "not present", "none", "full and painless", "painless"}


def sign_state(value: str | None) -> bool | None:
    """True for a sign or test found abnormal, False for one found normal, None for a
    word that says neither.

    Examples
    --------
    >>> sign_state("limited and painful"), sign_state("negative"), sign_state("maybe")
    (True, False, None)
    """
    if value is None:
        return True
    v = " ".join(str(value).strip().lower().split())
    if v in _POSITIVE or v.startswith(("positive", "limited", "painful", "reproduc")):
        return True
    if v in _NEGATIVE or v.startswith(("negative", "normal")):
        return False
    if re.fullmatch(r"[0-9.]+", v):  # an index value (ABI 0.6): the test says abnormal
        return True
    return None


class Suggester:
    """Near names for an unknown word, from a trigram index over the graph's labels.

    Examples
    --------
    >>> s = suggester(skg.load())
    >>> "dorsum of the foot" in s.suggest("dorsum of fot", ("BodyArea",))
    True
    """

    def __init__(self, kg: Any) -> None:
        ix = kg.index
        self.names: list[tuple[str, str]] = []  # (name, kind)
        self.label_of: list[str] = []  # the side-neutral label of the name's term
        seen = set()
        for c, term in ix.terms.items():
            if c in ix.schema:
                continue
            label = re.sub(r"^(left|right) ", "", term.label)
            for name in (term.label, *ix.alt_labels.get(c, ())):
                n = " ".join(str(name).lower().split())
                n = re.sub(r"^(left|right) ", "", n)
                if n and (n, term.kind) not in seen and len(n) < 80:
                    seen.add((n, term.kind))
                    self.names.append((n, term.kind))
                    self.label_of.append(label)
        grams: dict[str, list[int]] = defaultdict(list)
        for i, (n, _) in enumerate(self.names):
            for g in _trigrams(n):
                grams[g].append(i)
        # prebuilt tables: each trigram's posting list as an array, each kind's names as
        # a mask, so an unknown word costs one bincount and one partial sort
        self.grams = {g: np.array(ids, dtype=np.int32) for g, ids in grams.items()}
        self._kinds = np.array([k for _, k in self.names])
        self._masks: dict[tuple[str, ...], np.ndarray] = {}
        self._memo: dict = {}

    def _mask(self, kinds: tuple[str, ...]) -> np.ndarray | None:
        if not kinds:
            return None
        m = self._masks.get(kinds)
        if m is None:
            m = self._masks[kinds] = np.isin(self._kinds, list(kinds))
        return m

    def suggest(self, text: str, kinds: Iterable[str] = (), n: int = 5) -> list[str]:
        key = (text, tuple(kinds))
        hit = self._memo.get(key)
        if hit is not None:
            return list(hit)
        from rapidfuzz import fuzz, process

        q = " ".join(str(text).lower().split())
        posts = [p for g in _trigrams(q) if (p := self.grams.get(g)) is not None]
        out: list[str] = []
        if posts:
            counts = np.bincount(np.concatenate(posts), minlength=len(self.names))
            mask = self._mask(key[1])
            if mask is not None:
                counts = np.where(mask, counts, 0)
            k = min(_POOL, int((counts > 0).sum()))
            pool = np.argpartition(-counts, k - 1)[:k] if k else np.array([], dtype=int)
            pool = pool[np.argsort(-counts[pool], kind="stable")]
            choices = [self.names[i][0] for i in pool]
            found = process.extract(q, choices, scorer=fuzz.WRatio, limit=n * 3, score_cutoff=60)
            out = list(dict.fromkeys(self.label_of[pool[j]] for _, _, j in found))[:n]
        if len(self._memo) < 20_000:
            self._memo[key] = tuple(out)
        return out


def _trigrams(s: str) -> set[str]:
    s = f"  {s} "
    return {s[i:i + 3] for i in range(len(s) - 2)}


def suggester(kg: Any) -> Suggester:
    """The :class:`Suggester` of ``kg`` (built once)."""
    s = kg._memo.get("diff_suggester")
    if s is None:
        s = kg._memo["diff_suggester"] = Suggester(kg)
    return s


class Suggestions(Mapping):
    """The near names of a case's unknown words, searched when first read.

    The question is answered without them; reading any (``loc.suggestions[...]``,
    printing, ``to_dict``) runs the search for every word once, memoised.

    Examples
    --------
    >>> s = Suggestions(skg.load())
    >>> s.add("numbness: dorsum of fot", "dorsum of fot", ("BodyArea",))
    >>> "dorsum of the foot" in s["numbness: dorsum of fot"]
    True
    """

    def __init__(self, kg: Any) -> None:
        self._kg = kg
        self._todo: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._done: dict[str, tuple[str, ...]] | None = None

    def add(self, key: str, name: str, kinds: Iterable[str]) -> None:
        self._todo[key] = (name, tuple(kinds))
        self._done = None

    def _found(self) -> dict[str, tuple[str, ...]]:
        if self._done is None:
            s = suggester(self._kg)
            self._done = {k: tuple(s.suggest(name, kinds, n=3))
                          for k, (name, kinds) in self._todo.items()}
        return self._done

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._found()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._todo)

    def __len__(self) -> int:
        return len(self._todo)
