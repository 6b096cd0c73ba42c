"""Close spellings, fast: the "did you mean" of every error message (rapidfuzz).

:func:`close_matches` answers like :func:`difflib.get_close_matches` (the same
similarity, 2·matches / total length, and cutoff), but in compiled code with an
early exit under the cutoff, so that even a long list of names costs well under a
millisecond per unknown word.

Examples
--------
>>> close_matches("lumbr stenosis", ["lumbar stenosis", "thoracic region", "sacrum"])
['lumbar stenosis']
>>> close_matches("zzzz", ["sacrum"])
[]
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["best_matches", "close_matches", "similarity"]


def best_matches(word: str, choices: Sequence[str], *, n: int = 3, cutoff: float = 0.6
                 ) -> list[tuple[str, float]]:
    """The at most ``n`` of ``choices`` most like ``word`` (similarity >= ``cutoff``),
    with their similarity (0 to 1), best first; equally good ones keep the order of
    ``choices``."""
    from rapidfuzz import fuzz, process

    found = process.extract(word, choices, scorer=fuzz.ratio, limit=n,
                            score_cutoff=cutoff * 100)
    return [(choice, score / 100) for choice, score, _ in found]


def close_matches(word: str, choices: Sequence[str], *, n: int = 3, cutoff: float = 0.6
                  ) -> list[str]:
    """:func:`best_matches` without the scores."""
    return [choice for choice, _ in best_matches(word, choices, n=n, cutoff=cutoff)]


def similarity(a: str, b: str) -> float:
    """How alike two strings are, 0 to 1 (as :meth:`difflib.SequenceMatcher.ratio`).

    Examples
    --------
    >>> similarity("abcd", "abce")
    0.75
    """
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100
