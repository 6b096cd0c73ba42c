"""The probabilistic model of the differential engine.

Every candidate lesion H (a root, a nerve at a site, a plexus part, a cord syndrome at
a level, the conus, the cauda equina, a musculoskeletal or vascular mimic, or two of
them together) gets a posterior probability from the findings F1..Fn::

    P(H | F) = P(H) * prod_i P(Fi | H) / Z,     Z = sum over the candidates listed

* **Findings are conditionally independent given the lesion** (naive Bayes). A finding
  is present (numb thumb, weak EHL graded 4/5, absent ankle jerk, FADIR positive) or
  examined and normal (``normal=[...]``, a reflex "2+", a sign "negative"):
  ``P(normal | H) = 1 - P(present | H)``, so a normal ankle jerk argues against S1 and
  no weakness argues against a root in favour of a purely sensory nerve.
* **P(present | H)** is read from the graph (:mod:`.likelihood`): for a finding H
  explains through a path of edges (root → dermatome → area, nerve → muscle →
  action, test → suggests → condition, cord segment → syndrome → sign), the
  sensitivity: the published one where an ``skg:TestAccuracy`` row gives it (the
  straight leg raise, Devillé 2000), else the engine default of that kind of
  evidence (``skg:EngineDefault``: dermatomal 0.63 and myotomal 0.67 from Hong & Nam
  2022, documented defaults for the rest), times the alternative-reading factor for
  an edge ranked ``alternative`` and the broad-area factor for a finding area that
  only contains the lesion's area. For a finding H does not explain, the background
  rate: 1 - specificity of the test where published, the default false-positive rate
  otherwise (a higher one for mild weakness, MRC 4- to 4+). Dense weakness (MRC 0-2)
  scales a single root's motor sensitivity down: the muscles tested have several
  roots. No single finding moves the odds by more than the default maximum ratio.
* **Imaging** is one more finding: P(lesion seen | H) is the imaging sensitivity when
  the lesion compresses H's root, the incidental rate otherwise, so imaging that does
  not fit the clinical picture is weighed (and flagged) as the incidental finding it
  often is, never taken as the answer.
* **Priors** P(H): the kind's default weight (flat), scaled for roots by the sourced
  prevalence ranks (``skg:PriorWeight``: C7 then C6; L5 and S1) where the graph has
  them. A two-lesion candidate (double crush: a root and a nerve that carries its
  fibres; hip-spine syndrome: a mimic and a neural lesion; two roots; never two
  central or two peripheral lesions) has the
  product of its members' priors times the second-lesion factor (parsimony); the two
  roots of one level on both sides are one central lesion and keep one root's prior.
  Under a combination each finding takes the more likely member:
  ``P(F | A+B) = max(P(F | A), P(F | B))`` (and ``1 - max`` for a normal finding).
* **Levels and subtypes** of one syndrome (degenerative cervical myelopathy at C4 ...
  C8; cauda equina syndrome with retention) are rows of one candidate, which takes its
  best row (its ``.levels`` are that row's): the level is read from the lowest root
  sign when there is one (an inverted supinator reflex points to C5-C6).
* A **spinal stenosis** (:mod:`.stenosis`) is one candidate per region whose rows are
  its zones at each disc level, each with the roots its compression rule compresses,
  plus one row without a level that holds the history alone.
* A candidate is **listed** when it explains at least one finding specific to it (a
  generic limb deficit below a cord lesion, or low back pain, does not list a cord
  syndrome; root findings without a history of neurogenic claudication do not list a
  stenosis; limb findings that no two root levels explain together list the cauda
  equina, the compression of several roots at once); Z sums over the listed
  candidates, so their probabilities sum to 1.

Examples
--------
>>> kg = skg.load()
>>> loc = kg.localize(side="left", weakness=["foot drop"], numbness=["dorsum of foot"],
...                   normal=["ankle inversion", "hip abduction"])
>>> loc.best.kind, round(sum(c.probability for c in loc.ranked), 4)
('nerve', 1.0)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .catalog import space
from .likelihood import column, defaults, need

__all__ = ["State", "infer"]

_CENTRAL = ("cord", "conus", "cauda equina")
#: kinds listed only when a finding specific to them is present
_BY_SPECIFIC = (*_CENTRAL, "stenosis")


class State:
    """The numbers of one case: finding columns, log-likelihoods and the listed groups."""

    def __init__(self, kg: Any, resolved: list, imaging: tuple | None, side: str | None) -> None:
        self.kg = kg
        self.side = side
        self.sp = sp = space(kg)
        n = len(sp.rows)
        self.resolved = resolved
        self.cols: list[np.ndarray] = []
        self.bgs: list[float] = []
        self.paths: list[dict[int, tuple]] = []
        self.present: list[bool] = []
        self.labels: list[str] = []
        qualified = np.zeros(n, dtype=bool)
        sides = {r.side for r in resolved if r.present and r.side}
        self.allowed = np.ones(n, dtype=bool)
        if side in ("left", "right") and sides <= {side}:
            self.allowed = _per_row(sp, f"side:{side}", lambda r: r.side in (None, side))
        for f in resolved:
            for group in f.keys:
                best = None
                for key in group:
                    col, paths, bg = column(kg, sp, key, f.grade)
                    if best is None:
                        best = [col, dict(paths), bg, {key} if paths else set()]
                    else:
                        up = col > best[0]
                        best[0] = np.where(up, col, best[0])
                        best[1].update({i: p for i, p in paths.items() if up[i] or i not in best[1]})
                        best[2] = min(best[2], bg)
                        best[3].add(key)
                col, paths, bg, keys = best
                self.cols.append(col)
                self.bgs.append(bg)
                self.paths.append(paths)
                self.present.append(f.present)
                self.labels.append(f.label)
                if f.present:
                    for i in paths:
                        if sp.rows[i].kind not in _BY_SPECIFIC or keys & sp.rows[i].specific:
                            qualified[i] = True
        self.imaging = imaging
        if imaging is not None:
            d = defaults(kg)
            sens, inc = need(d, "default_imaging_sensitivity"), need(d, "default_imaging_incidental_rate")
            roots = set(imaging[1])
            both = len({kg.index.side(r) for r in roots}) > 1
            col = np.array([sens if roots & set(r.targets) or both and roots & set(_contained(kg, r))
                            else inc for r in sp.rows])
            self.cols.append(col)
            self.bgs.append(inc)
            self.paths.append({i: imaging[2][t] for i, r in enumerate(sp.rows)
                               for t in r.targets if t in imaging[2]})
            self.present.append(True)
            self.labels.append(f"imaging: {imaging[0]}")
            # imaging that fits a row lists it, but not a stenosis: a narrowed canal on
            # imaging is common without symptoms, and only its history makes it the answer
            qualified |= (col > inc) & _per_row(sp, "not stenosis", lambda r: r.kind != "stenosis")
        m = np.array(self.cols) if self.cols else np.zeros((0, n))
        self.matrix = m
        pres = np.array(self.present, dtype=bool)
        self.pres = pres
        with np.errstate(divide="ignore"):
            ll = np.where(pres[:, None], np.log(m), np.log1p(-m)).sum(axis=0) if len(m) else np.zeros(n)
        self.loglik = ll
        self.logprior = _per_row(sp, "log prior", lambda r: np.log(r.prior))
        _multi_root(self, qualified)
        self.qualified = qualified & self.allowed


def _per_row(sp: Any, name: str, f: Any) -> np.ndarray:
    """``f`` of every row of ``sp`` as a read-only array, made once per space."""
    key = ("__per_row__", name)
    out = sp.columns.get(key)
    if out is None:
        out = sp.columns[key] = np.array([f(r) for r in sp.rows])
        out.setflags(write=False)
    return out


def _multi_root(st: State, qualified: np.ndarray) -> None:
    """List a cauda equina row for a pattern of three or more lumbosacral root levels.

    The cauda equina syndrome is the compression of several lumbosacral roots at once
    (Dawodu, Medscape: 'the simultaneous compression of multiple lumbosacral nerve
    roots'), and two roots are the largest root pattern the engine forms: limb findings
    that no two root levels explain together are specific to it.
    """
    rows = st.sp.rows
    cauda = np.flatnonzero(_per_row(st.sp, "cauda equina", lambda r: r.kind == "cauda equina"))
    wait = [int(i) for i in cauda if not qualified[i]]
    if not wait:
        return
    levels = []  # per present finding: the levels of the root rows that explain it
    for paths, present in zip(st.paths, st.present):
        if present:
            levels.append((paths, {lv for i in paths if rows[i].kind == "root"
                                   for lv in rows[i].levels}))
    for i in wait:
        sets = [lv for paths, lv in levels if i in paths and lv]
        every = sorted(set().union(*sets)) if sets else []
        if len(sets) >= 3 and not any(all(a in lv or b in lv for lv in sets)
                                      for x, a in enumerate(every) for b in every[x:]):
            qualified[i] = True


def _contained(kg: Any, row: Any) -> tuple[str, ...]:
    """Roots a central row's structure holds (imaging of them fits the row)."""
    ix = kg.index
    return tuple(r for t in row.targets[1:] for r in (*ix.objects(t, "skg:containsRoot"),
                                                      *ix.objects(t, "skg:givesRoot")))


def infer(st: State, top: int = 8) -> list[tuple[float, tuple[int, ...], float]]:
    """(log posterior score, rows, prior) of every listed candidate and combination,
    best first, with probabilities normalised over them."""
    sp, kg = st.sp, st.kg
    score = st.loglik + st.logprior
    best: dict[str, int] = {}
    depth = _depth(kg, sp)
    for i in np.flatnonzero(st.qualified):
        g = sp.rows[i].group
        # the best row of a group; on a tie the one that claims fewer structures (a
        # stenosis on one side before the central one, no level before a guessed one),
        # then the lowest level (the most specific answer)
        if g not in best or _tie_key(sp.rows[i], score[i], depth[i]) > _tie_key(
                sp.rows[best[g]], score[best[g]], depth[best[g]]):
            best[g] = i
    singles = sorted(best.values(), key=lambda i: -score[i])
    out = [(float(score[i]), (int(i),)) for i in singles]
    out += _combinations(st, singles[:top], score)
    out.sort(key=lambda t: -t[0])
    if not out:
        return []
    s = np.array([t[0] for t in out])
    p = np.exp(s - s.max())
    p /= p.sum()
    return [(float(pi), rows, float(si)) for pi, (si, rows) in zip(p, out)]


def _tie_key(row: Any, score: float, depth: int) -> tuple[float, int, int]:
    return round(float(score), 9), -len(row.targets), depth


def _depth(kg: Any, sp: Any) -> list[int]:
    """Each row's lowest level, as an index in the level order."""
    memo = sp.columns.get("__depth__")
    if memo is None:
        order = {lv: i for i, lv in enumerate(kg.resolver.levels)}
        memo = sp.columns["__depth__"] = [max((order.get(lv, 0) for lv in r.levels), default=0)
                                          for r in sp.rows]
    return memo


_PERIPHERAL = ("nerve", "plexus")


def _may_combine(ra: Any, rb: Any) -> bool:
    """Whether two rows make a two-lesion candidate: not two central lesions, not two
    peripheral ones (two unrelated nerve lesions are no named pattern: one nerve below
    another is the upper one), and a root with a nerve or plexus part only when that
    carries the root's fibres (the double crush: Upton and McComas 1973, the proximal
    lesion of the same axons); a mimic goes with any neural lesion (hip-spine), and a
    spinal stenosis, which holds its roots, only with a mimic."""
    kinds = {ra.kind, rb.kind}
    if "stenosis" in kinds:
        return bool(kinds & {"musculoskeletal", "vascular"})
    if kinds <= set(_CENTRAL) or kinds <= set(_PERIPHERAL):
        return False
    root, other = (ra, rb) if ra.kind == "root" else (rb, ra)
    if root.kind == "root" and other.kind in _PERIPHERAL:
        return bool(set(root.levels) & set(other.levels))
    return True


def _combinations(st: State, top: list[int], score: np.ndarray) -> list[tuple[float, tuple]]:
    """Two lesions together, kept when each explains a specific finding the other does
    not and together they score above both alone."""
    if len(st.matrix) < 2:
        return []
    sp, kg = st.sp, st.kg
    second = np.log(need(defaults(kg), "default_prior_second_lesion"))
    out = []
    for x, a in enumerate(top):
        for b in top[x + 1:]:
            ra, rb = sp.rows[a], sp.rows[b]
            if ra.group == rb.group or not _may_combine(ra, rb):
                continue
            ea = {f for f, paths in enumerate(st.paths) if a in paths and st.present[f]}
            eb = {f for f, paths in enumerate(st.paths) if b in paths and st.present[f]}
            if not (ea - eb) or not (eb - ea):
                continue
            col = np.maximum(st.matrix[:, a], st.matrix[:, b])
            ll = np.where(st.pres, np.log(col), np.log1p(-col)).sum()
            central = (ra.kind == rb.kind == "root" and ra.levels == rb.levels
                       and {ra.side, rb.side} == {"left", "right"})
            prior = max(st.logprior[a], st.logprior[b]) if central else \
                st.logprior[a] + st.logprior[b] + second
            s = ll + prior
            if s > max(score[a], score[b]):
                out.append((float(s), (a, b)))
    return out
