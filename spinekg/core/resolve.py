"""Text → :class:`~spinekg.core.terms.Term`: labels, synonyms, CURIEs, IRIs, ICD-10-CM
codes and sides.

Matching ignores case, spacing, hyphens and punctuation, and understands the
ways people put a side: "left L4", "L4 left", "left L4 nerve root",
"L4 root, left side". A condition's ICD-10-CM code finds it, with or without
the dot.

Examples
--------
>>> kg = skg.load()
>>> kg.term("L4 root, left side").curie
'skg:root_L4_left'
>>> kg.term("big toe", side="right").curie
'skg:area_great_toe_right'
>>> kg.term("M48.062").label
'lumbar spinal stenosis'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from ..errors import AmbiguousTermError, UnknownTermError
from ..pipeline.fuzzy import best_matches, close_matches
from .codes import code_index
from .index import Index
from .terms import Term, curie, words

__all__ = ["Resolver", "normalize", "parse_side", "SIDE_TERMS"]

SIDE_TERMS = {"left": "skg:Left", "right": "skg:Right"}
_SIDE_WORDS = {"left": "left", "right": "right", "lt": "left", "rt": "right"}
_FILLER = {"side", "sided", "the", "on", "of", "a", "an", "in", "at"}
# words that, after a level, name that level's root ("L5 radiculopathy" is the L5 root)
_ROOT_WORDS = {"radiculopathy", "radic", "radiculitis", "compression", "impingement"}
_PUNCT = re.compile(r"[\s\-_/,.;:()'\"\[\]]+")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # Cc characters but the tab
_LEVEL = re.compile(r"^(c|t|l|s|co)(\d{1,2})$")
MAX_TEXT = 300


def normalize(text: str) -> str:
    """Fold case, accents, punctuation and spacing.

    Examples
    --------
    >>> normalize("  L4-L5  Disc "), normalize("Dorsum of foot")
    ('l4 l5 disc', 'dorsum of foot')
    """
    if not text.isascii():  # fold accents ("Achilles" typed with diacritics)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _PUNCT.sub(" ", text.casefold()).strip()


def parse_side(side: object) -> str | None:
    """``"left"``/``"right"`` (or ``None``) from what a user passes as a side.

    Raises
    ------
    ValueError
        Anything but left, right, both/bilateral or None.

    Examples
    --------
    >>> parse_side("Left"), parse_side(None), parse_side("both")
    ('left', None, None)
    """
    if side is None:
        return None
    if type(side) is str and (side == "left" or side == "right"):  # as the library passes it
        return side
    if not isinstance(side, str):
        raise TypeError(f"side must be a string or None, got {type(side).__name__}: {side!r}")
    s = normalize(side)
    if s in ("left", "l", "lt", "skg left"):
        return "left"
    if s in ("right", "r", "rt", "skg right"):
        return "right"
    if s in ("both", "bilateral", "central", "midline"):
        return None
    raise ValueError(f"side={side!r}; expected 'left', 'right', 'both' or None")


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected a term as a string, got {type(text).__name__}: {text!r}")
    if len(text) > MAX_TEXT:
        raise ValueError(f"term text is {len(text)} characters long; at most {MAX_TEXT} "
                         f"(starts {text[:40]!r})")
    if _CONTROL.search(text):
        raise ValueError(f"term text {text!r} contains control characters; expected printable "
                         "text such as 'left L4' or 'skg:root_L4_left'")
    if not text.strip():
        raise ValueError(f"empty term {text!r}; expected a label, synonym, CURIE or IRI "
                         "such as 'left L4' or 'skg:root_L4_left'")
    return text.strip()


class Resolver:
    """Label index over an :class:`~spinekg.core.index.Index`."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.codes = code_index(index)  # HP:, SNOMED:, ICD-10-CM, UBERON: ... → the mapped terms
        exact: dict[str, set[str]] = defaultdict(set)
        neutral: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        names_of = {c: (term.label, *index.alt_labels.get(c, ()))
                    for c, term in index.terms.items()}
        key_of = {n: normalize(n) for names in names_of.values() for n in names}
        for c, names in names_of.items():
            if c in index.schema and not c.startswith("skg:"):
                continue
            keys = {key_of[n] for n in names}
            keys |= {_drop_filler(k) for k in keys}  # "back of calf" finds "back of the calf"
            keys.add(normalize(c))
            keys.add(normalize(c.partition(":")[2]))
            for code in index.values.get(c, {}).get("skg:icd10cm", ()):  # "M48.062"
                keys.update((normalize(str(code)), normalize(str(code).replace(".", ""))))
            for k in keys:
                if k:
                    exact[k].add(c)
            side = index.side(c)
            if side:
                for n in names:
                    k = key_of[n]
                    if k.startswith(side + " "):
                        neutral[k[len(side) + 1:]][side].add(c)
                        neutral[_drop_filler(k[len(side) + 1:])][side].add(c)
        self.exact = {k: tuple(sorted(v)) for k, v in exact.items()}
        self.neutral = {k: {s: tuple(sorted(v)) for s, v in d.items()} for k, d in neutral.items()}
        self._keys = sorted(set(self.exact) | set(self.neutral))  # the "did you mean" list
        self._exact_keys = list(self.exact)
        levels = []
        for c in index.instances("skg:SpinalNerveRoot"):
            name = index.value(c, "skg:levelName")
            order = index.value(c, "skg:segmentIndex")
            if name and order is not None:
                levels.append((int(order), str(name)))
        self.levels = [name for _, name in sorted(set(levels))]
        # each label and synonym as written, with the one term the rules below give it:
        # a name typed exactly so is a single lookup, and for the names of unsided things
        # (a condition, a symptom) whatever side is asked
        self.surface: dict[str, str] = {}
        self.any_side: set[str] = set()
        for names in names_of.values():
            for name in names:
                if not name or name != name.strip() or len(name) > MAX_TEXT \
                        or _CONTROL.search(name):  # text _check_text would refuse or change
                    continue
                try:
                    found = self._candidates(name, key_of[name])
                except ValueError:  # a name with two sides in it: left to the full rules
                    continue
                if len(found) == 1:
                    self.surface[name] = found[0]
                    key = key_of[name]
                    if (index.side(found[0]) is None and key not in self.neutral
                            and self.exact.get(key) == (found[0],)
                            and _SIDE_WORDS.keys().isdisjoint(key.split())
                            and _FILLER.isdisjoint(key.split())):
                        self.any_side.add(name)  # no side asked can change what it means

    # -- the main entry -----------------------------------------------------------
    def term(self, text: object, *, side: object = None, kinds: tuple[str, ...] = ()) -> Term:
        """Resolve ``text`` to one Term (see the module docstring)."""
        if isinstance(text, Term):
            if side is not None and text.curie in self.index.terms:
                self._same_side(text.curie, text.label, parse_side(side))
            return text
        if type(text) is str and (side is None or (side == "left" or side == "right")
                                  and text in self.any_side):
            hit = self.surface.get(text)
            if hit is not None and (not kinds or self._of_kinds(hit, kinds)):
                return self.index.terms[hit]
        raw = _check_text(text)
        want_side = parse_side(side)
        found = self.candidates(raw, side=want_side)
        if kinds:
            narrowed = [c for c in found if self._of_kinds(c, kinds)]
            if found and not narrowed:
                raise self.wrong_kind(raw, found, kinds, [])
            found = narrowed
        if not found:
            raise UnknownTermError(raw, self.suggest(raw))
        if len(found) > 1:
            raise AmbiguousTermError(raw, [self.index.terms[c] for c in found])
        return self.index.terms[found[0]]

    def _same_side(self, c: str, raw: str, side: str | None) -> str:
        """``c``, unless it is on the other side than ``side`` (then a ValueError)."""
        has = self.index.side(c)
        if side and has in ("left", "right") and has != side:
            raise _side_conflict(raw, f"is on the {has} side", side)
        return c

    def _of_kinds(self, c: str, kinds: tuple[str, ...]) -> bool:
        return self.index.terms[c].kind in kinds or any(
            self.index.is_a(c, k if ":" in k else f"skg:{k}") for k in kinds)

    def candidates(self, raw: str, *, side: str | None = None) -> list[str]:
        """The CURIEs ``raw`` could mean (empty when none)."""
        return self._candidates(raw, normalize(raw), side)

    def _candidates(self, raw: str, key: str, side: str | None = None) -> list[str]:
        """:meth:`candidates` with ``key``, ``raw`` normalized, already made."""
        ix = self.index
        coded = self.codes.lookup(raw)  # a mapped code means our term, never the external node
        if coded:
            return [c for c in coded if not side or ix.side(c) in (side, None)] or \
                [self._same_side(coded[0], raw, side)]
        if raw in ix.terms:
            return [self._same_side(raw, raw, side)]
        if "://" in raw:  # an IRI, maybe in <...> or with http for https
            written = raw.strip("<>")
            for form in (written, "https://" + written[len("http://"):]
                         if written.startswith("http://") else written):
                if curie(form) in ix.terms:
                    return [self._same_side(curie(form), raw, side)]
        tokens = key.split()
        if _SIDE_WORDS.keys().isdisjoint(tokens) and _FILLER.isdisjoint(tokens):
            rest = rest_keep = key  # no side word, no filler: the key as it is
        else:
            said = {_SIDE_WORDS[t] for t in tokens if t in _SIDE_WORDS}
            if len(said) > 1:
                raise ValueError(f"{raw!r} names two sides; expected one of left or right")
            if side and said and side not in said:
                raise _side_conflict(raw, f"names the {next(iter(said))} side", side)
            side = side or (said.pop() if said else None)
            rest = " ".join(t for t in tokens if t not in _SIDE_WORDS and t not in _FILLER)
            rest_keep = " ".join(t for t in tokens if t not in _SIDE_WORDS)
        for k in (rest_keep, rest):
            by_side = self.neutral.get(k)
            if by_side:
                if side:
                    if by_side.get(side):
                        return list(by_side[side])
                else:
                    return sorted(c for cs in by_side.values() for c in cs)
        for k in (key, rest_keep, rest):
            hits = self.exact.get(k)
            if hits and len(hits) > 1:  # an individual wins over a class of the same name
                hits = tuple(c for c in hits if c not in ix.schema) or hits
            if hits:
                if side:
                    sided = [c for c in hits if ix.side(c) in (side, None)]
                    return sided or list(hits)
                return list(hits)
        if not _ROOT_WORDS.isdisjoint(tokens):  # "S1 radiculopathy", "left L5 radic": the root
            bare = " ".join(t for t in rest.split() if t not in _ROOT_WORDS)
            if bare and bare != rest:
                return [c for c in self._candidates(bare, bare, side)
                        if ix.is_a(c, "skg:SpinalNerveRoot")]
        return []

    def wrong_kind(self, raw: str, found: Sequence[str], kinds: Sequence[str],
                   suggestions: Sequence[str]) -> UnknownTermError:
        """The error for ``raw`` naming ``found``, none of them one of ``kinds``.

        Examples
        --------
        >>> kg = skg.load()
        >>> str(kg.resolver.wrong_kind("left L4", ["skg:root_L4_left"], ["Condition"], []))
        "'left L4' names the spinal nerve root 'left L4 nerve root'; expected a condition"
        """
        terms = [self.index.terms[c] for c in found]
        names = " and ".join(f"the {words(t.kind)} {t.label!r}" for t in terms[:3])
        wanted = [k for k in kinds  # a kind under another one asked for says nothing more
                  if not any(f"skg:{o}" in self.index.superclasses(f"skg:{k}") for o in kinds)]
        expected = " or ".join(dict.fromkeys(words(k) for k in wanted))
        labels = {t.label for t in terms}
        return UnknownTermError(raw, [s for s in suggestions if s not in labels],
                                expected=expected, names=names)

    def suggest(self, raw: str, n: int = 5) -> list[str]:
        """Labels close to ``raw``: neighbouring levels first, then spelling."""
        key = normalize(raw)
        tokens = [t for t in key.split() if t not in _SIDE_WORDS and t not in _FILLER
                  and t not in ("root", "nerve")]
        out: list[str] = []
        if len(tokens) == 1 and _LEVEL.match(tokens[0]):
            out.extend(self._neighbour_levels(tokens[0]))
            if out:  # a level past the end of its region: its neighbours say it best
                return out
        for k in close_matches(key, self._keys, n=n, cutoff=0.6):
            label = self._label_for(k)
            if label not in out:
                out.append(label)
        return out[:n]

    def _neighbour_levels(self, token: str) -> list[str]:
        m = _LEVEL.match(token)
        assert m
        region, number = m.group(1).upper(), int(m.group(2))
        region = "Co" if region == "CO" else region
        same = [lv for lv in self.levels if re.fullmatch(rf"{region}\d+", lv)]
        if not same:
            return []
        nums = sorted(int(lv[len(region):]) for lv in same)
        if nums[0] <= number <= nums[-1]:
            return []
        edge = f"{region}{nums[-1] if number > nums[-1] else nums[0]}"
        i = self.levels.index(edge)
        j = i + 1 if number > nums[-1] else i - 1
        return [edge] + ([self.levels[j]] if 0 <= j < len(self.levels) else [])

    def _label_for(self, key: str) -> str:
        if key in self.neutral:
            return key
        hits = self.exact.get(key, ())
        return self.index.terms[hits[0]].label if len(hits) == 1 else key

    def search(self, text: object, limit: int = 10) -> list[Term]:
        """Terms whose names contain or resemble ``text``, best first."""
        raw = _check_text(text)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ValueError(f"limit={limit!r}; expected a positive integer")
        key = normalize(raw)
        scored: dict[str, float] = {}
        for k, cs in self.exact.items():
            if k == key:
                s = 3.0
            elif k.startswith(key):
                s = 2.0 + len(key) / len(k)
            elif key in k:
                s = 1.0 + len(key) / len(k)
            else:
                continue
            for c in cs:
                scored[c] = max(scored.get(c, 0.0), s)
        if len(scored) < limit:
            for k, score in best_matches(key, self._exact_keys, n=limit, cutoff=0.7):
                for c in self.exact[k]:
                    scored.setdefault(c, score)
        schema, terms = self.index.schema, self.index.terms
        # things before the classes and properties that type them, at the same score, and
        # properties after everything else unless named exactly; a class named like one
        # of the things found says nothing more
        ranked = sorted(scored, key=lambda c: (
            terms[c].kind.endswith("Property") and scored[c] < 3.0, -scored[c], c in schema,
            terms[c].label))
        named = {terms[c].label for c in ranked if c not in schema}
        ranked = [c for c in ranked if c not in schema or terms[c].label not in named]
        return [terms[c] for c in ranked[:limit]]


def _side_conflict(raw: str, what: str, side: str) -> ValueError:
    return ValueError(f"{raw!r} {what} but side={side!r} was asked; expected a name without "
                      f"a side, or the {side} one")


def _drop_filler(key: str) -> str:
    return " ".join(t for t in key.split() if t not in _FILLER) or key

