"""From a clinician's note to :class:`~spinekg.clinical.case.Findings`.

Each sentence (PyRuSH) is cut into clauses at commas, semicolons and colons. Every
graph-term entity of the sentence becomes a finding by its role and the grammar
around it (:func:`~.rules.cues`), looked for in its own clause first, then in the
rest of the sentence:

* a body area is pain, numbness or (with "sensation intact") a normal finding;
* a muscle or a muscle action is weakness with its MRC grade ("4-/5"); 5/5 is
  normal; a muscle with a reflex grade or the word "reflex"/"jerk" is its reflex;
* a reflex takes its state or grade ("reduced", "2+"): a normal one is examined and
  not abnormal (``present=False``); "absent ankle jerk" is a finding whose *value* is
  absent, never a negated finding;
* a sign or test takes its result ("Spurling positive on the right");
* a condition in a sentence about imaging ("MRI: ...") is the imaging finding, with
  its level; otherwise a condition or a treatment is history.

ConText decides what is negated ("no bladder symptoms", "denies saddle
anaesthesia"), uncertain ("possible foot drop") or history ("history of"); a
negation does not reach past a comma into a clause that gives its own value ("no
numbness, deltoid 4-/5"). Negated and uncertain findings are kept apart, never among
the items, so a denied red flag raises nothing. Text no finding was read from is
returned as ``unparsed`` spans; every finding's ``span`` slices the note back to its
mention.

Examples
--------
>>> kg = skg.load()
>>> f = read_findings(kg, "Deltoid 4-/5 on the left. Possible foot drop.")
>>> [(x.kind, x.text, x.side, x.value) for x in f.items]
[('weakness', 'Deltoid', 'left', '4-/5')]
>>> [x.text for x in f.uncertain]
['foot drop']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ...clinical.case import Finding, Findings
from .pipeline import run, text_pipeline
from .rules import Cue, cues, level_text, vocabulary

__all__ = ["read_findings"]

MAX_NOTE = 100_000
_CLAUSE = re.compile(r"[,;:]|\bbut\b|\bwhereas\b", re.I)
_FILLER = re.compile(r"(?:\b(?:of|the|a|an|and|or|to|on|in|at|over|with|is|are|was|were|has|"
                     r"have|had|by|from|for|side|sides|sided|also|there|than|which)\b|[\W_])+",
                     re.I)
_VALUE_KINDS = {"mrc", "reflex_grade", "state", "result"}


@dataclass
class _Ent:
    text: str
    start: int
    end: int
    roles: dict[str, tuple[str, ...]]
    negated: bool
    uncertain: bool
    historical: bool
    family: bool
    modifiers: tuple[tuple[int, int], ...]


@dataclass
class _Sentence:
    start: int
    end: int
    clauses: list[tuple[int, int]]
    cues: list[Cue]

    def clause_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= pos < b:
                return a, b
        return self.start, self.end

    def near(self, ent: _Ent, kinds: set[str], *, sentence: bool = True) -> Cue | None:
        """The cue of ``kinds`` nearest ``ent`` in its clause, else the first after it
        (then the last before it) in the sentence."""
        a, b = self.clause_of(ent.start)
        mine = [c for c in self.cues if c.kind in kinds and a <= c.start < b
                and not (ent.start <= c.start < ent.end)]
        if mine:
            return min(mine, key=lambda c: min(abs(c.start - ent.end), abs(ent.start - c.end)))
        if not sentence:
            return None
        after = [c for c in self.cues if c.kind in kinds and c.start >= ent.end]
        before = [c for c in self.cues if c.kind in kinds and c.end <= ent.start]
        return after[0] if after else (before[-1] if before else None)


def _sentences(doc: Any, text: str) -> list[_Sentence]:
    out = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        bounds = sorted({s} | {s + m.start() for m in _CLAUSE.finditer(text[s:e])})
        clauses = [(a, b) for a, b in zip(bounds, bounds[1:] + [e]) if b > a]
        out.append(_Sentence(s, e, clauses, cues(text[s:e], s)))
    return out


def _entities(kg: Any, doc: Any, vocab: dict) -> list[_Ent]:
    out = []
    for ent in doc.ents:
        key = " ".join(t.lower_ for t in ent)
        pairs = vocab.get(key) or vocab.get(" ".join(ent.text.lower().split()))
        if not pairs:
            continue
        roles: dict[str, tuple[str, ...]] = {}
        for role, curie in pairs:
            roles[role] = (*roles.get(role, ()), curie)
        mods = tuple((doc[m.modifier_span[0]].idx,
                      doc[m.modifier_span[1] - 1].idx + len(doc[m.modifier_span[1] - 1]))
                     for m in ent._.modifiers)
        out.append(_Ent(ent.text, ent.start_char, ent.end_char, roles, ent._.is_negated,
                        ent._.is_uncertain or ent._.is_hypothetical, ent._.is_historical,
                        ent._.is_family, mods))
    return out


class _Reader:
    """One note being read: the findings so far and the character ranges used."""

    def __init__(self, kg: Any, text: str) -> None:
        self.kg, self.text = kg, text
        self.items: list[Finding] = []
        self.negated: list[Finding] = []
        self.uncertain: list[Finding] = []
        self.used: list[tuple[int, int]] = []

    # -- one entity ----------------------------------------------------------------------
    def read(self, sent: _Sentence, ent: _Ent, ents: list[_Ent]) -> None:
        made = self._findings(sent, ent, ents)
        if not made:
            return
        side = sent.near(ent, {"side"})
        side_value = side.value if side else None
        if side:
            self.used.append((side.start, side.end))
        negated = ent.negated and not self._own_clause_value(sent, ent)
        for f in made:
            f = replace(f, side=side_value, span=(ent.start, ent.end))
            if (ent.historical or ent.family) and f.kind != "history" or ent.family:
                f = Finding("history", f.text, f.side, "family" if ent.family else f.kind,
                            True, span=f.span)
            if negated:
                self.negated.append(replace(f, present=False))
            elif ent.uncertain:
                self.uncertain.append(f)
            else:
                self.items.append(f)
        self.used.append((ent.start, ent.end))
        if negated or ent.uncertain or ent.historical or ent.family:
            self.used += list(ent.modifiers)

    def _own_clause_value(self, sent: _Sentence, ent: _Ent) -> bool:
        """A negation from outside the entity's clause does not reach a clause that gives
        its own value ("no hand numbness, deltoid 4-/5")."""
        a, b = sent.clause_of(ent.start)
        if any(a <= m0 < b for m0, _ in ent.modifiers):
            return False
        return sent.near(ent, _VALUE_KINDS, sentence=False) is not None

    def _use(self, cue: Cue | None) -> str | None:
        if cue is None:
            return None
        self.used.append((cue.start, cue.end))
        return cue.value

    def _findings(self, sent: _Sentence, ent: _Ent, ents: list[_Ent]) -> list[Finding]:
        roles, text = ent.roles, ent.text
        if sent.near(ent, {"imaging"}, sentence=True) and "condition" in roles:
            self._use(sent.near(ent, {"imaging"}))
            level = self._use(sent.near(ent, {"level"}))
            return [Finding("imaging", text, value=level_text(level) if level else None)]
        if "sign" in roles:
            result = sent.near(ent, {"result"}, sentence=False)
            state = None if result else sent.near(ent, {"state"}, sentence=False)
            value = self._use(result) or ("negative" if state and self._use(state) == "absent"
                                          else "positive")
            return [Finding("sign", text, value=value, present=value != "negative")]
        if "reflex" in roles or ("muscle" in roles and self._muscle_reflex(sent, ent)):
            return self._reflex(sent, ent)
        if "action" in roles or "muscle" in roles:
            grade = sent.near(ent, {"mrc"}, sentence=False)
            if grade is not None:
                value = self._use(grade)
                full = value.startswith("5") and not value.startswith("5-")
                return [Finding("normal" if full else "weakness", text, value=value,
                                present=not full)]
            state = sent.near(ent, {"state"}, sentence=False)
            if state is not None and state.value == "normal":
                return [Finding("normal", text, value=self._use(state), present=False)]
            self._use(sent.near(ent, {"weak"}, sentence=False))
            return [Finding("weakness", text)]
        if "area" in roles:
            return self._area(sent, ent, ents)
        if "symptom" in roles:
            return self._symptom(sent, ent, ents)
        if "condition" in roles or "treatment" in roles:
            level = sent.near(ent, {"level"}, sentence=False)
            value = self._use(level)
            return [Finding("history", text, value=level_text(value) if value else None)]
        return []

    def _muscle_reflex(self, sent: _Sentence, ent: _Ent) -> bool:
        """A muscle named with a reflex grade, or in a sentence about reflexes, is its reflex
        when the graph has a reflex of that name ("triceps 2+")."""
        if sent.near(ent, {"mrc"}, sentence=False) is not None:
            return False
        if sent.near(ent, {"reflex_grade", "reflexword"}) is None:
            return False
        res, ix = self.kg.resolver, self.kg.index
        return any(ix.terms[c].kind == "Reflex" for suffix in (" reflex", " jerk")
                   for c in res.candidates(ent.text + suffix))

    def _reflex(self, sent: _Sentence, ent: _Ent) -> list[Finding]:
        cue = sent.near(ent, {"reflex_grade", "state"}, sentence=False) or sent.near(
            ent, {"reflex_grade", "state"})
        if cue is None:
            return []
        self._use(sent.near(ent, {"reflexword"}, sentence=False))
        value = self._use(cue)
        grade_state = {"0": "absent", "1+": "decreased", "2+": "normal"}
        state = grade_state.get(value, "increased" if cue.kind == "reflex_grade" else value)
        return [Finding("reflex", ent.text, value=value, present=state != "normal")]

    def _area(self, sent: _Sentence, ent: _Ent, ents: list[_Ent]) -> list[Finding]:
        cue = sent.near(ent, {"pain", "numb", "sensation"})
        if cue is None:
            return []
        a, b = sent.clause_of(cue.start) if cue.start < ent.start else sent.clause_of(ent.start)
        kinds = {c.kind for c in sent.cues if c.kind in ("pain", "numb", "sensation")
                 and a <= c.start < b} | {cue.kind}
        out = []
        if "pain" in kinds:
            out.append(Finding("pain", ent.text))
        if "numb" in kinds:
            out.append(Finding("numbness", ent.text))
        if "sensation" in kinds and "numb" not in kinds:
            state = sent.near(ent, {"state"})
            if state is not None and state.value == "normal":
                self._use(state)
                out.append(Finding("normal", ent.text, value="sensation", present=False))
            elif state is not None:
                self._use(state)
                out.append(Finding("numbness", ent.text))
        for c in sent.cues:
            if c.kind in kinds and a <= c.start < b:
                self.used.append((c.start, c.end))
        return out

    def _symptom(self, sent: _Sentence, ent: _Ent, ents: list[_Ent]) -> list[Finding]:
        ix = self.kg.index
        curies = ent.roles["symptom"]
        own = [c for c in cues(ent.text) if c.kind in ("pain", "numb", "weak", "sensation", "state")]
        if sum(c.end - c.start for c in own) >= len(ent.text.replace(" ", "")) and any(
                o is not ent and set(o.roles) & {"area", "action", "muscle"} and
                sent.clause_of(o.start) == sent.clause_of(ent.start) for o in ents):
            # "numbness" after "hand", "reduced sensation over": the cue, not a finding
            self.used.append((ent.start, ent.end))
            return []
        if any(ix.objects(c, "skg:weaknessOf") for c in curies):
            return [Finding("weakness", ent.text)]
        kinds = {c.kind for c in own}
        if "numb" in kinds:
            return [Finding("numbness", ent.text)]
        if "pain" in kinds:
            return [Finding("pain", ent.text)]
        return [Finding("sign", ent.text, value="present")]


def _unparsed(text: str, sentences: list[_Sentence], used: list[tuple[int, int]]
              ) -> tuple[tuple[str, int, int], ...]:
    """Runs of each sentence that no finding used, less filler words and punctuation."""
    out = []
    marks = sorted(used)
    for sent in sentences:
        pos = sent.start
        for a, b in [*[(a, b) for a, b in marks if b > sent.start and a < sent.end],
                     (sent.end, sent.end)]:
            if a > pos:
                piece = text[pos:a]
                lead = len(piece) - len(piece.lstrip(" \t\n,.;:()-"))
                core = piece.strip(" \t\n,.;:()-")
                if core and _FILLER.fullmatch(core) is None:
                    out.append((core, pos + lead, pos + lead + len(core)))
            pos = max(pos, b)
    return tuple(out)


def _case_side(items: list[Finding]) -> str | None:
    sides = {f.side for f in items} - {None}
    if sides == {"left"} or sides == {"right"}:
        return sides.pop()
    return "bilateral" if sides else None


def _generic_reflexes(reader: _Reader, sent: _Sentence, ents: list[_Ent]) -> None:
    """"Reflexes symmetric 2+": reflexes named as a group, found normal."""
    for cue in sent.cues:
        word = reader.text[cue.start:cue.end]
        if cue.kind != "reflexword" or not word.lower().endswith(("es", "ks")) or any(
                e.start <= cue.start < e.end for e in ents):
            continue
        a, b = sent.clause_of(cue.start)
        if any(a <= e.start < b and set(e.roles) & {"reflex", "muscle"} for e in ents):
            continue
        ent = _Ent(word, cue.start, cue.end, {}, False, False, False, False, ())
        grade = sent.near(ent, {"reflex_grade"}, sentence=False)
        state = sent.near(ent, {"state"}, sentence=False)
        value = grade or state
        if value is not None and value.value in ("normal", "2+") and (
                state is None or state.value == "normal"):
            side = sent.near(ent, {"side"}, sentence=False)
            for c in (cue, grade, state, side):
                if c is not None:
                    reader.used.append((c.start, c.end))
            reader.items.append(Finding("normal", word, side.value if side else None,
                                        value.value, False, span=(cue.start, cue.end)))


def read_findings(kg: Any, text: str, *, sentences: str = "rules") -> Findings:
    """Read a clinician's note into :class:`~spinekg.clinical.case.Findings`.

    Parameters
    ----------
    kg : SpineKG
    text : str
        The note, as typed ("58M, 3 weeks of R neck pain radiating to the outer upper
        arm. Deltoid 4-/5, biceps jerk reduced, triceps 2+.").

    Returns
    -------
    Findings
        ``items`` with each finding's own side, value and ``span`` (offsets into
        ``text``); ``negated``, ``uncertain`` and ``unparsed`` kept apart; ``side`` the
        side of the case when the note gives one; ``source`` the note. A finding that
        names no side takes the side of the case.

    Raises
    ------
    TypeError
        ``text`` is not a string.
    ValueError
        ``text`` is empty or longer than 100,000 characters.
    ImportError
        medSpaCy (the ``nlp`` extra) is not installed.

    Other Parameters
    ----------------
    sentences : {"rules", "pyrush"}
        The sentence splitter (:mod:`~spinekg.adapters.text.pipeline`).

    Examples
    --------
    >>> kg = skg.load()
    >>> f = read_findings(kg, "Biceps jerk reduced on the right, triceps 2+.")
    >>> [(x.kind, x.text, x.side, x.value, x.present) for x in f.items]
    [('reflex', 'Biceps jerk', 'right', 'decreased', True), ('reflex', 'triceps', 'right', '2+', False)]
    >>> f.source[slice(*f.items[0].span)]
    'Biceps jerk'
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the note as a string, got {type(text).__name__}: {text!r:.60}")
    if not text.strip():
        raise ValueError(f"empty note {text!r}; expected a clinician's sentence such as "
                         "'absent left ankle jerk'")
    if len(text) > MAX_NOTE:
        raise ValueError(f"the note is {len(text)} characters long; at most {MAX_NOTE}")
    doc = run(text_pipeline(kg, sentences), text)
    vocab = vocabulary(kg)
    sentences = _sentences(doc, text)
    ents = _entities(kg, doc, vocab)
    reader = _Reader(kg, text)
    for sent in sentences:
        mine = [e for e in ents if sent.start <= e.start < sent.end]
        for ent in mine:
            reader.read(sent, ent, mine)
        _generic_reflexes(reader, sent, mine)
    side = _case_side(reader.items)
    found = Findings(items=tuple(reader.items), side=side, negated=tuple(reader.negated),
                     uncertain=tuple(reader.uncertain),
                     unparsed=_unparsed(text, sentences, reader.used), source=text)
    return found.with_side(side) if side in ("left", "right") else found
