"""The path pattern language: SPARQL property-path syntax compiled to an automaton.

A ``via`` pattern is ``None`` (any predicate, forward), a string in SPARQL
property-path syntax (``skg:p``, ``^skg:p``, ``a/b``, ``a|b``, ``p*``, ``p+``, ``p?``,
parentheses, ``*`` alone for any predicate), or a list of such strings (any path made
of those steps, in any order). :func:`compile_pattern` turns it into a
:class:`Pattern`, a small nondeterministic automaton the search walks.

Examples
--------
>>> pattern = compile_pattern("skg:hasDermatome/skg:coversArea")
>>> pattern.text
'skg:hasDermatome/skg:coversArea'
>>> sorted(pattern.predicates)
['skg:coversArea', 'skg:hasDermatome']
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..curies import curie
from ..pipeline.fuzzy import close_matches

__all__ = ["ANY", "Pattern", "check_predicates", "compile_pattern"]


# --- patterns ---------------------------------------------------------------------------
_TOKEN = re.compile(r"\s*(<[^>]*>|[()|/^*+?]|[^\s()|/^*+?<>]+)")
ANY = "*"
#: Bounds of a pattern: its length, how deep its parentheses nest, and how many sets of
#: states a walk can be in (the search's work grows with each).
MAX_PATTERN = 2000
MAX_NESTING = 64
MAX_STATE_SETS = 10_000


class _NFA:
    def __init__(self) -> None:
        self.n = 0
        self.eps: dict[int, list[int]] = {}
        self.moves: dict[int, list[tuple[str, bool, int]]] = {}

    def state(self) -> int:
        self.n += 1
        return self.n - 1

    def successors(self, states: frozenset[int]) -> tuple[tuple[str, bool, frozenset[int]], ...]:
        """``(predicate, inverse, next states)`` for every move out of ``states`` (cached)."""
        cache = self.__dict__.setdefault("_succ", {})
        hit = cache.get(states)
        if hit is None:
            hit = tuple((pred, inv, self.closure([nxt])) for state in sorted(states)
                        for pred, inv, nxt in self.moves.get(state, ()))
            cache[states] = hit
        return hit

    def macro(self, start: frozenset[int], accept: int
              ) -> tuple[list[frozenset[int]], dict[frozenset[int], list[tuple[str, bool,
                                                                              frozenset[int]]]]]:
        """The state sets a walk from ``start`` can be in (those :meth:`successors`
        yields), which of them accept, and for each one the moves into it reversed, as
        ``(predicate, inverse to walk back, from-set)`` (cached)."""
        cache = self.__dict__.setdefault("_macro", {})
        hit = cache.get((start, accept))
        if hit is None:
            rev: dict[frozenset[int], list[tuple[str, bool, frozenset[int]]]] = {start: []}
            queue = [start]
            while queue:
                src = queue.pop()
                for pred, inv, dst in self.successors(src):
                    if dst not in rev:
                        if len(rev) >= MAX_STATE_SETS:
                            raise ValueError(f"via pattern too complex: a walk can be in more "
                                             f"than {MAX_STATE_SETS} sets of states; split it "
                                             "into simpler questions")
                        rev[dst] = []
                        queue.append(dst)
                    if (pred, not inv, src) not in rev[dst]:
                        rev[dst].append((pred, not inv, src))
            hit = cache[(start, accept)] = ([m for m in rev if accept in m], rev)
        return hit

    def closure(self, states: Iterable[int]) -> frozenset[int]:
        seen = set(states)
        stack = list(seen)
        while stack:
            for t in self.eps.get(stack.pop(), ()):
                if t not in seen:
                    seen.add(t)
                    stack.append(t)
        return frozenset(seen)


@dataclass(frozen=True)
class Pattern:
    """A compiled ``via`` pattern (an NFA over predicate steps)."""

    nfa: _NFA
    start: int
    accept: int
    text: str
    begin: frozenset[int] = frozenset()  # the states a walk starts in: start's closure

    @property
    def predicates(self) -> frozenset[str]:
        """The predicates the pattern names (``*`` left out)."""
        return frozenset(pred for moves in self.nfa.moves.values() for pred, _, _ in moves
                         if pred != ANY)


def compile_pattern(via: str | Sequence[str] | None) -> Pattern:
    """Compile a ``via`` pattern.

    Raises
    ------
    ValueError
        Malformed pattern; the message quotes it and says what was expected.

    Examples
    --------
    >>> compile_pattern("skg:hasDermatome/skg:coversArea").text
    'skg:hasDermatome/skg:coversArea'
    >>> compile_pattern("skg:a/(")
    Traceback (most recent call last):
    ...
    ValueError: bad via pattern 'skg:a/(': expected a predicate, got end of pattern
    """
    if isinstance(via, list):
        via = tuple(via)
    if via is not None and not isinstance(via, (str, tuple)):
        raise TypeError(f"via must be None, a pattern string or a non-empty list of strings, "
                        f"got {via!r}")
    return _compile_cached(via)


@lru_cache(maxsize=512)
def _compile_cached(via: str | Sequence[str] | None) -> Pattern:
    if via is None:
        text = "(*)+"
    elif isinstance(via, str):
        text = via
    elif isinstance(via, Sequence) and all(isinstance(v, str) for v in via) and via:
        text = "(" + "|".join(f"({v})" for v in via) + ")+"
    else:
        raise TypeError(f"via must be None, a pattern string or a non-empty list of strings, "
                        f"got {via!r}")
    if not text.strip():
        raise ValueError(f"bad via pattern {via!r}: empty; expected e.g. 'skg:hasSide', "
                         "'skg:hasDermatome/skg:coversArea', '^skg:partOf' or 'skg:partOf+'")
    if len(text) > MAX_PATTERN:
        raise ValueError(f"bad via pattern {text[:40]!r}...: {len(text)} characters long; at "
                         f"most {MAX_PATTERN}")
    tokens = [t for t in _TOKEN.findall(text)]
    if "".join(tokens).replace(" ", "") != text.replace(" ", ""):
        raise ValueError(f"bad via pattern {via!r}: unexpected characters")
    nfa = _NFA()
    pos = depth = 0

    def err(msg: str) -> ValueError:
        return ValueError(f"bad via pattern {text!r}: {msg}")

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def primary(inverse: bool) -> tuple[int, int]:
        nonlocal depth
        while peek() == "^":  # a run of ^ in a loop: 2000 of them nest no calls
            take()
            inverse = not inverse
        tok = peek()
        if tok is None:
            raise err("expected a predicate, got end of pattern")
        if tok == "(":
            take()
            depth += 1
            if depth > MAX_NESTING:
                raise ValueError(f"bad via pattern {text[:40]!r}...: parentheses nested more "
                                 f"than {MAX_NESTING} deep")
            frag = alt(inverse)
            depth -= 1
            if peek() != ")":
                raise err("missing ')'")
            take()
            return frag
        if tok in ")|/+?":
            raise err(f"expected a predicate, got {tok!r}")
        take()
        pred = ANY if tok == "*" else curie(tok[1:-1]) if tok.startswith("<") else tok
        if pred != ANY and ":" not in pred:
            raise err(f"{tok!r} is not a CURIE or <IRI>")
        a, b = nfa.state(), nfa.state()
        nfa.moves.setdefault(a, []).append((pred, inverse, b))
        return a, b

    def unary(inverse: bool) -> tuple[int, int]:
        a, b = primary(inverse)
        while peek() in ("*", "+", "?"):
            op = take()
            s, e = nfa.state(), nfa.state()
            nfa.eps.setdefault(s, []).append(a)
            nfa.eps.setdefault(b, []).append(e)
            if op in ("*", "?"):
                nfa.eps[s].append(e)
            if op in ("*", "+"):
                nfa.eps[b].append(a)
            a, b = s, e
        return a, b

    def seq(inverse: bool) -> tuple[int, int]:
        parts = [unary(inverse)]
        while peek() == "/":
            take()
            parts.append(unary(inverse))
        if inverse:
            parts.reverse()
        for (_, b1), (a2, _) in zip(parts, parts[1:]):
            nfa.eps.setdefault(b1, []).append(a2)
        return parts[0][0], parts[-1][1]

    def alt(inverse: bool) -> tuple[int, int]:
        frags = [seq(inverse)]
        while peek() == "|":
            take()
            frags.append(seq(inverse))
        if len(frags) == 1:
            return frags[0]
        s, e = nfa.state(), nfa.state()
        for a, b in frags:
            nfa.eps.setdefault(s, []).append(a)
            nfa.eps.setdefault(b, []).append(e)
        return s, e

    start, accept = alt(False)
    if pos != len(tokens):
        raise err(f"unexpected {tokens[pos]!r}")
    return Pattern(nfa, start, accept, text, nfa.closure([start]))


def check_predicates(pattern: Pattern, known: Container[str], suggest: Iterable[str],
                     what: str) -> None:
    """A ValueError when ``pattern`` names a predicate not in ``known``: ``what`` says
    why it is missing, and the closest of ``suggest`` are offered."""
    missing = sorted(p for p in pattern.predicates if p not in known)
    if missing:
        close = close_matches(missing[0], sorted(suggest), n=3, cutoff=0.6)
        raise ValueError(f"via {pattern.text!r}: {', '.join(missing)} {what}"
                         + (f"; did you mean {', '.join(close)}?" if close
                            else "; expected predicates such as skg:partOf"))
