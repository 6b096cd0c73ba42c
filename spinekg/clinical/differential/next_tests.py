"""The next best examination: expected information gain over the current posterior.

For every finding key in the profiles of the leading candidates that the case has not
examined (a muscle action, an area, a reflex, a sign or test), with ``q_H = P(finding
present | H)`` from :mod:`.likelihood`::

    P(+) = sum_H P(H) q_H
    P(H | +) = P(H) q_H / P(+),   P(H | -) = P(H) (1 - q_H) / P(-)
    gain = H(P) - P(+) H(P | +) - P(-) H(P | -)        (entropies in bits)

The list is built greedily: each proposal is the examination with the largest gain
*given the results of the ones above it* (the expected gain over every combination
of their outcomes, the first ``_CONDITION_ON`` of them), so two examinations that
carry the same information (thumb abduction and opposition, both median-supplied)
do not fill the list twice, and a test that tells apart candidates the earlier
proposals leave tied rises (inversion after hip abduction for a foot drop). Each
comes with the candidate that leads after a positive and after a negative result
on its own.

A clinician examines by system, so ``kind=`` restricts the proposals to one kind of
examination ("strength", "sensation", "reflex" or "test", the provocative tests), and
:func:`by_kind` gives the best ``k`` of each kind, each list built greedily on its own.
Under the sourced accuracies a weak test stays low in the overall list (Phalen's
LR+ is 1.73, Dabbagh 2023) but is still the one to do among the tests it is weighed with.

Examples
--------
>>> loc = skg.load().localize(side="left", weakness=["foot drop"], numbness=["dorsum of foot"])
>>> loc.next_tests(1)[0].test.label
'left hip abduction'
>>> loc.next_tests(1, kind="reflex")[0].test.label
'left medial hamstring reflex'

"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ...core.tables import Tabular
from ...core.terms import Term
from .likelihood import column

__all__ = ["KINDS", "NextTest", "NextTests", "by_kind", "next_tests"]

#: how many proposals the later ones are conditioned on (2**6 outcome branches)
_CONDITION_ON = 6

_WHAT = {"sens": "sensation of", "motor": "strength of", "low": "reflex", "high": "reflex (brisk?)",
         "sign": "test", "pain": "pain in"}

#: the kinds of examination ``kind=`` accepts, in the order a clinician examines, with their keys
KINDS = {"strength": ("motor",), "sensation": ("sens",), "reflex": ("low", "high"), "test": ("sign",)}


@dataclass(frozen=True)
class NextTest:
    """One examination not yet done and what its result would do."""

    test: Term
    kind: str
    gain: float
    p_positive: float
    if_positive: str
    if_positive_p: float
    if_negative: str
    if_negative_p: float


@dataclass(frozen=True)
class NextTests(Tabular):
    """The examinations ranked by expected information gain."""

    tests: tuple[NextTest, ...]

    def __iter__(self):
        return iter(self.tests)

    def __len__(self) -> int:
        return len(self.tests)

    def __getitem__(self, i: int) -> NextTest:
        return self.tests[i]

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"test": t.test.label, "kind": t.kind, "gain_bits": round(t.gain, 4),
                 "p_abnormal": round(t.p_positive, 3),
                 "if abnormal": f"{t.if_positive} ({t.if_positive_p:.2f})",
                 "if normal": f"{t.if_negative} ({t.if_negative_p:.2f})"} for t in self.tests]

    def __str__(self) -> str:
        return "\n".join(f"{i}. {t.test.label} ({t.kind}): {t.gain:.3f} bits; abnormal → "
                         f"{t.if_positive} {t.if_positive_p:.2f}, normal → {t.if_negative} "
                         f"{t.if_negative_p:.2f}" for i, t in enumerate(self.tests, start=1))


def next_tests(loc: Any, n: int = 10, top: int = 12, kind: str | None = None) -> NextTests:
    """The ``n`` most informative examinations not yet done (see the module docstring).

    Parameters
    ----------
    loc : Localization
        The differential the examinations are weighed against.
    n : int
        How many to propose.
    top : int
        How many leading candidates the gain is measured over.
    kind : str, optional
        Only examinations of this kind: one of :data:`KINDS`.

    Raises
    ------
    ValueError
        For a ``kind`` that is not one of :data:`KINDS`.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown examination kind {kind!r}; use one of {', '.join(KINDS)}")
    weighed = _weighed(loc, top)
    if weighed is None:
        return NextTests(())
    allowed = KINDS[kind] if kind is not None else tuple(_WHAT)
    return _greedy(loc, weighed, {k: q for k, q in weighed[2].items() if k[0] in allowed}, n)


def by_kind(loc: Any, k: int = 2, top: int = 12) -> NextTests:
    """The best ``k`` examinations of each kind, kind by kind (strength, sensation,
    reflex, test): an examination plan by system. The candidates and their finding
    columns are weighed once; each kind's list is built greedily on its own.

    Examples
    --------
    >>> loc = skg.load().localize(side="left", numbness=["thumb"])
    >>> [t.kind for t in loc.next_tests_by_kind(1)]
    ['strength of', 'sensation of', 'reflex', 'test']
    """
    weighed = _weighed(loc, top)
    if weighed is None:
        return NextTests(())
    return NextTests(tuple(t for keys in KINDS.values() for t in _greedy(
        loc, weighed, {key: q for key, q in weighed[2].items() if key[0] in keys}, k)))


def _weighed(loc: Any, top: int) -> tuple[list, np.ndarray, dict] | None:
    """The ``top`` leading candidates, their renormalised probabilities and, for every
    examination not yet done, ``q_H`` per candidate; None for an empty differential."""
    st = loc.state
    if st is None or not loc.ranked:
        return None
    kg, sp = st.kg, st.sp
    ix = kg.index
    cands = list(loc.ranked[:top])
    rows = [tuple(_rows_of(st, c)) for c in cands]
    p = np.array([c.probability for c in cands], dtype=float)
    p = p / p.sum()
    done = {k for f in st.resolved for g in f.keys for k in g}
    done_terms = {k[1] for k in done}
    keys = sorted({k for rs in rows for i in rs for k in _profile_keys(sp, i)} - done)
    qs: dict[tuple[str, str], np.ndarray] = {}
    for key in keys:
        if key[1] in done_terms or key[0] == "pain" or key[1] not in ix.terms:
            continue
        col, _, _ = column(kg, sp, key)
        q = np.array([max(col[i] for i in rs) for rs in rows])
        if 0 < float((p * q).sum()) < 1:
            qs[key] = q
    return cands, p, qs


def _greedy(loc: Any, weighed: tuple, qs: dict, n: int) -> NextTests:
    """Up to ``n`` of the examinations ``qs``, each the one of largest gain given the
    outcomes of those above it (see the module docstring)."""
    cands, p, _ = weighed
    ix = loc.state.kg.index
    qs = dict(qs)
    branches = p[None, :]  # joint P(candidate, outcomes of the tests proposed so far)
    out = []
    while qs and len(out) < n:
        h = _conditional_entropy(branches)
        gains = {k: h - _conditional_entropy(np.vstack([branches * q, branches * (1 - q)]))
                 for k, q in qs.items()}
        key = min(gains, key=lambda k: (-round(gains[k], 12), ix.terms[k[1]].label))
        if gains[key] <= 1e-9:
            break
        q = qs.pop(key)
        pp = float((p * q).sum())
        post_pos, post_neg = p * q / pp, p * (1 - q) / (1 - pp)
        ip, ineg = int(post_pos.argmax()), int(post_neg.argmax())
        out.append(NextTest(ix.terms[key[1]], _WHAT[key[0]], gains[key], pp,
                            cands[ip].label, float(post_pos[ip]),
                            cands[ineg].label, float(post_neg[ineg])))
        if len(out) <= _CONDITION_ON:
            branches = np.vstack([branches * q, branches * (1 - q)])
    return NextTests(tuple(out))


def _conditional_entropy(joint: np.ndarray) -> float:
    """H(candidate | outcomes) in bits, from the joint table (rows: outcome branches)."""
    w = joint.sum(axis=1)
    keep = w > 0
    cond = joint[keep] / w[keep, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.where(cond > 0, cond * np.log2(cond), 0.0).sum(axis=1)
    return float((w[keep] * h).sum())


def _rows_of(st: Any, cand: Any) -> list[int]:
    sp = st.sp
    want = {t.curie for t in cand.targets} or {cand.root.curie}
    found = [i for i, r in enumerate(sp.rows) if r.label in cand.label.split(" + ")
             and set(r.targets) <= want | {cand.root.curie} | set(r.targets)]
    return found[:1] if len(cand.label.split(" + ")) == 1 and found else found


def _profile_keys(sp: Any, i: int) -> set:
    memo = sp.columns.get(("__keys__", i))
    if memo is None:
        memo = sp.columns[("__keys__", i)] = {k for k, lst in sp.by_key.items()
                                             if any(j == i for j, _, _ in lst)}
    return memo
