"""From a patient's findings to ranked nerve roots, with the evidence for each.

Scoring (every weight is applied to an edge read from the graph):

=====================================================  =======
finding matches the root through                        weight
=====================================================  =======
numbness/pain at the root's key sensory point, or in    3.0
the area that directly holds it
weakness of the root's ISNCSCI key muscle action        3.0
decreased/absent reflex the root mediates               3.0
area equal to a dermatome area                          2.0
area inside a (larger) dermatome area                   1.5
weakness of another action of the root's myotome        2.0
pain in an area the root refers pain to                 1.5
area that contains a dermatome area or key point        1.0
(broad area)
imaging lesion compresses the root (by the rule)        3.0
=====================================================  =======

An edge a source set ranks ``alternative`` (great toe L4 vs L5, patellar L3 vs
L4) counts 0.6 of its weight and the candidate says so in ``notes``. A *normal*
reflex that the root mediates (primary reading) counts -2.0 and is listed in
``contradicts``; each finding the root does not explain counts -0.5, and so does
an *increased* reflex (a root lesion lowers reflexes; a brisk one is an upper
motor neuron sign). When the runner-up is the neighbouring root of the same side
and scores at least 80% of the best, the best candidate notes the adjacent-level
overlap.

Patterns no single root explains add a flagged candidate (``.flag`` is set):

* findings on both sides, or a deficit of a midline structure served by sacral
  roots (saddle/perianal numbness, anal sphincter, anal wink) → central stenosis /
  cauda equina syndrome, ranked first (a red flag) with at least the best root's
  score;
* two or more increased reflexes → spinal cord compression (myelopathy), ranked
  first likewise; one alone is flagged and ranked by its score;
* a pattern that needs three or more roots → a multilevel or central lesion,
  scored as the sum of the best evidence for each finding over the roots needed
  minus 1.0 for each root beyond the first (parsimony), and ranked by that score.

Scores are always in rank order.

Findings that no root in the graph explains (midline low back pain) give no
candidate and a flag saying so, rather than an invented one.

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..core.resolve import parse_side
from ..core.search import Path, Step
from .central import central_candidate, lesions_of, sacral_midline
from .derived import root_profile
from .findings import REFLEX_STATES, resolve_findings
from .results import Candidate, Localization
from .weights import WEIGHTS, level_order

__all__ = ["localize", "WEIGHTS", "REFLEX_STATES"]

def _levels_by_rank(kg: Any, step: Step, rank: str) -> tuple[str, ...]:
    """Root levels that hold the ``rank`` reading of the edge ``step`` stands for.

    ``step`` is the last edge of a match (root→reflex, dermatome→area or
    myotome→action); the subjects of the same predicate and object whose edge is
    ranked ``rank`` ("primary" or "alternative") are mapped back to their roots.
    Memoised.
    """
    memo = kg._memo.setdefault("loc_rank_levels", {})
    key = (step.predicate, step.object.curie, rank)
    if key in memo:
        return memo[key]
    ix = kg.index
    out = set()
    for subj in ix.subjects(step.object.curie, step.predicate):
        if ix.edge_info(subj, step.predicate, step.object.curie).rank != rank:
            continue
        roots = [subj] if ix.terms[subj].kind == "SpinalNerveRoot" else [
            r for p in ("skg:hasDermatome", "skg:hasMyotome") for r in ix.subjects(subj, p)]
        out |= {str(ix.value(r, "skg:levelName")) for r in roots}
    order = level_order(kg)
    memo[key] = tuple(sorted(out, key=lambda lv: order.get(lv, 0)))
    return memo[key]


def _match_area(kg: Any, finding: str, feats: dict[str, tuple], pain_feats: dict[str, tuple],
                is_pain: bool) -> tuple[float, str, tuple, str | None] | None:
    """Best (weight, kind, steps, rank) by which a root explains an area finding."""
    ix = kg.index
    up = ix.closure("skg:partOf")
    finding_up = up.get(finding, frozenset())
    best: tuple[float, str, tuple, str | None] | None = None

    def consider(w: float, kind: str, steps: tuple, rank: str | None) -> None:
        nonlocal best
        if rank == "alternative":
            w *= WEIGHTS["alternative_factor"]
        if best is None or w > best[0]:
            best = (w, kind, steps, rank)

    for area, (kind, rank, steps) in feats.items():
        area_up = up.get(area, frozenset())
        if kind == "key_sensory_point":
            if area == finding or finding in ix.objects(area, "skg:partOf"):
                consider(WEIGHTS["key_sensory_point"], kind, steps, rank)
            elif finding in area_up:
                consider(WEIGHTS["broad_area"], "broad_area", steps, rank)
            continue
        if area == finding:
            consider(WEIGHTS["dermatome_area"], "dermatome_area", steps, rank)
        elif area in finding_up:
            consider(WEIGHTS["inside_dermatome_area"], "inside_dermatome_area", steps, rank)
        elif finding in area_up:
            consider(WEIGHTS["broad_area"], "broad_area", steps, rank)
    if is_pain:
        for area, (_, rank, steps) in pain_feats.items():
            if area == finding or area in finding_up or finding in up.get(area, frozenset()):
                consider(WEIGHTS["pain_referral"], "pain_referral", steps, rank)
    return best


def localize(kg: Any, *, side: object = None, pain: Iterable[str] = (),
             numbness: Iterable[str] = (), weakness: Iterable[str] = (),
             reflexes: Mapping[str, str] | None = None, imaging: Sequence[str] | None = None,
             strict: bool = True, limit: int = 5) -> Localization:
    """Rank the roots that explain the findings (see the module docstring).

    Parameters
    ----------
    side : {"left", "right"}, optional
        Side of the findings; candidates are then roots of that side.
    pain, numbness : list of str
        Body areas, as people write them ("top of foot", "big toe").
    weakness : list of str
        Muscle actions ("great toe extension", "can't walk on heels").
    reflexes : dict, optional
        Reflex name → "normal", "decreased", "absent" or "increased"; the usual words
        ("reduced", "brisk", ...) and grades ("0", "1+", "2+", "3+", "4+") are read as
        those four.
    imaging : (lesion, level, side), optional
        A lesion seen on imaging, weighed with the findings.
    strict : bool
        Unknown words raise :class:`UnknownTermError` (default); otherwise they
        are listed in ``.unresolved``.
    limit : int
        Number of candidates returned.

    Returns
    -------
    Localization
        ``.candidates`` best first; ``.unresolved`` lists findings that matched no
        term (``strict=False``); ``.flags`` the central/cauda equina/cord warnings.

    Raises
    ------
    UnknownTermError
        A finding matches no term and ``strict`` is true (the message suggests terms).
    ValueError
        A reflex state other than normal/decreased/absent/increased, a malformed
        ``imaging`` tuple, ``limit < 1``, or no findings at all.

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
    >>> loc = kg.localize(numbness=["saddle area"], reflexes={"anal wink": "absent"})
    >>> loc.best.root.label, bool(loc.best.flag)
    ('cauda equina syndrome', True)
    """
    ix = kg.index
    side_name = parse_side(side)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError(f"limit={limit!r}; expected a positive integer")
    findings, unresolved = resolve_findings(kg, side_name, pain=pain, numbness=numbness,
                                            weakness=weakness, reflexes=reflexes,
                                            imaging=imaging, strict=strict)
    explicit = {ix.side(c) for _, _, cs, _ in findings if len(cs) == 1 for c in cs} - {None}
    flags: list[str] = []
    # brisk reflexes on both sides are a cord sign (flagged below), not a cauda equina one
    lower = {ix.side(c) for g, _, cs, st in findings if len(cs) == 1
             and st not in ("increased", "normal") for c in cs} - {None}
    if side_name is None and len(lower) > 1:
        flags.append("findings on both sides: central stenosis or cauda equina syndrome")
    want = side_name or (next(iter(explicit)) if len(explicit) == 1 else None)
    roots_memo = kg._memo.setdefault("loc_roots", {})
    roots = roots_memo.get(want)
    if roots is None:
        roots = roots_memo[want] = tuple(r for r in ix.instances("skg:SpinalNerveRoot")
                                         if want is None or ix.side(r) == want)

    imaging_roots: dict[str, tuple[float, Path]] = {}
    other_side = None  # imaging that compresses no root on the findings' side
    if imaging is not None:
        if isinstance(imaging, str) or not isinstance(imaging, Sequence) or len(imaging) != 3:
            raise ValueError(f"imaging={imaging!r}; expected (lesion, level, side), e.g. "
                             "('foraminal disc herniation', 'L4-L5', 'right')")
        from .affected import compressed_roots

        comp = compressed_roots(kg, imaging[0], level=imaging[1], side=imaging[2])
        for p in comp.paths:
            w = WEIGHTS["imaging"] * (WEIGHTS["alternative_factor"]
                                      if p.steps[-1].info.rank == "alternative" else 1.0)
            if p.target.curie not in imaging_roots or imaging_roots[p.target.curie][0] < w:
                imaging_roots[p.target.curie] = (w, p)
        if imaging_roots and not set(imaging_roots) & set(roots):
            names = ", ".join(ix.terms[r].label for r in imaging_roots)
            other_side = (f"imaging ({imaging[0]} at {imaging[1]}, {imaging[2]}) compresses "
                          f"{names}, not a root on the side of the findings ({want})")

    # 2. score every root ----------------------------------------------------------------
    labels = [f"{g}: {t}" + (f" {s}" if s else "") for g, t, _, s in findings]
    scored = []
    for root in roots:
        feats = root_profile(kg, root)
        score = 0.0
        explains, unexplained, contradicts, notes = [], [], [], []
        paths: list[Path] = []
        gains: dict[int, float] = {}
        for i_f, ((group, text, curies, state), label) in enumerate(zip(findings, labels)):
            best = None
            for c in curies:
                if ix.side(c) not in (None, ix.side(root)):
                    continue
                if group in ("pain", "numbness"):
                    m = _match_area(kg, c, feats["areas"], feats["pain"], group == "pain")
                elif group == "weakness":
                    hit = feats["actions"].get(c)
                    m = None
                    if hit:
                        w = WEIGHTS[hit[0]] * (WEIGHTS["alternative_factor"]
                                               if hit[1] == "alternative" else 1.0)
                        m = (w, hit[0], hit[2], hit[1])
                else:
                    hit = feats["reflexes"].get(c)
                    m = None
                    if hit and state in ("decreased", "absent"):
                        w = WEIGHTS["reflex"] * (WEIGHTS["alternative_factor"]
                                                 if hit[1] == "alternative" else 1.0)
                        m = (w, "reflex", hit[2], hit[1])
                    elif hit and state == "normal" and hit[1] != "alternative":
                        contradicts.append(f"{text} is normal but {ix.terms[root].label} "
                                           "mediates it")
                        score += WEIGHTS["normal_reflex"]
                        paths.append(Path(hit[2]))
                        m = "contradiction"
                    elif state == "normal":
                        m = "neutral"
                    # "increased": no root lesion explains a brisk reflex (m stays None)
                if m in ("contradiction", "neutral"):
                    best = m
                    break
                if m and (best is None or m[0] > best[0]):
                    best = m
            if best in ("contradiction", "neutral"):
                continue
            if best is None:
                unexplained.append(label)
                score += WEIGHTS["unexplained"]
                continue
            w, kind, steps, rank = best
            score += w
            gains[i_f] = w
            explains.append(label)
            paths.append(Path(steps))
            if rank == "alternative":
                prim = _levels_by_rank(kg, steps[-1], "primary")
                notes.append(f"{label}: sources disagree; this root is the alternative reading"
                             + (f" (primary: {', '.join(prim)})" if prim else ""))
            elif rank == "primary":
                alt = _levels_by_rank(kg, steps[-1], "alternative")
                if alt:
                    notes.append(f"{label}: sources disagree; {', '.join(alt)} is the "
                                 "alternative reading and stays plausible")
        if root in imaging_roots:
            w, p = imaging_roots[root]
            score += w
            explains.append(f"imaging: {imaging[0]} at {imaging[1]}")
            paths.append(p)
        if not explains:
            continue
        scored.append((score, len(explains), root, explains, unexplained, contradicts, notes,
                       paths, gains))
    scored.sort(key=lambda t: (-t[0], -t[1], ix.value(t[2], "skg:segmentIndex", 0), t[2]))

    # 3. patterns no single root explains -------------------------------------------------
    n_findings = len(findings)
    saddle = any(sacral_midline(kg, c) and (g != "reflex" or s in ("decreased", "absent"))
                 for g, _, cs, s in findings for c in cs)
    if saddle:
        flags.append("saddle, sphincter or anal-reflex findings: cauda equina syndrome must be "
                     "excluded (red flag)")
    brisk = [t for g, t, _, s in findings if g == "reflex" and s == "increased"]
    brisk_roots = sorted({r for g, _, cs, st in findings if g == "reflex" and st == "increased"
                          for c in cs for r in ix.subjects(c, "skg:mediatesReflex")},
                         key=lambda r: ix.value(r, "skg:segmentIndex", 0))
    if brisk:
        flags.append(f"increased reflexes ({', '.join(brisk)}) are an upper motor neuron sign: "
                     "spinal cord compression (myelopathy) above those segments, not a root lesion")
    # greedy cover: the fewest roots (best first) that together explain the findings
    covered: set[int] = set()
    cover: list[str] = []
    gain = 0.0
    for item in scored:
        idx = set(item[8]) - covered
        if idx:
            covered |= idx
            cover.append(item[2])
            gain += sum(item[8][i] for i in idx)
        if len(covered) == n_findings:
            break
    multi_score = None
    if scored and n_findings >= 3 and scored[0][1] < 0.6 * n_findings and len(cover) >= 3:
        flags.append(f"the findings need {len(cover)} roots: a multilevel or central lesion "
                     "(central stenosis, cauda equina) is likely")
        multi_score = gain + WEIGHTS["extra_root"] * (len(cover) - 1) \
            + WEIGHTS["unexplained"] * (n_findings - len(covered))
    candidates = []
    for i, (score, _, root, ex, un, co, no, ps, _w) in enumerate(scored):
        notes = list(no)
        if i == 0 and len(scored) > 1:
            nxt = scored[1]
            gap = abs(ix.value(root, "skg:segmentIndex", 0) - ix.value(nxt[2], "skg:segmentIndex", 0))
            if gap == 1 and nxt[0] >= WEIGHTS["adjacent_ratio"] * score > 0:
                notes.append(f"adjacent-level overlap: {ix.terms[nxt[2]].label} scores "
                             f"{nxt[0]:.2f}; neighbouring dermatomes and myotomes overlap, so "
                             "both levels stay plausible")
        candidates.append(Candidate(
            root=ix.terms[root], level=str(ix.value(root, "skg:levelName")),
            score=round(score, 3), explains=tuple(ex), unexplained=tuple(un),
            contradicts=tuple(co), lesions=lesions_of(kg, root), paths=tuple(ps),
            notes=tuple(notes)))
    def answer(found: list[Candidate]) -> Localization:
        return Localization(
            candidates=tuple(found[:limit]), findings=tuple(labels),
            unresolved=tuple(unresolved), flags=(*flags, *([other_side] if other_side else [])),
            n_abnormal=sum(not (g == "reflex" and s == "normal") for g, _, _, s in findings)
            + (imaging is not None))

    if not scored and findings and not brisk:
        # nothing in the graph links these findings to a root (e.g. midline low back pain):
        # say so rather than invent a candidate
        flags.append("no root in the graph explains these findings: " + "; ".join(labels))
        return answer([])
    if flags:
        red = any(f.startswith(("findings on both sides", "saddle")) for f in flags)
        central = central_candidate(kg, flags, candidates, cover=cover, saddle=saddle,
                                     brisk=brisk_roots if brisk else None, score=multi_score,
                                     brisk_findings=[lb for lb, (g, _, _, st) in
                                                     zip(labels, findings)
                                                     if g == "reflex" and st == "increased"])
        if red or len(brisk) >= 2:
            # a red flag (both sides, saddle) or a clear cord pattern ranks first and takes
            # at least the best root's score, so scores stay in rank order
            top = candidates[0].score if candidates else central.score
            candidates.insert(0, replace(central, score=max(central.score, top)))
        else:  # otherwise it takes its place by its own score
            pos = next((i for i, c in enumerate(candidates) if c.score < central.score),
                       len(candidates))
            candidates.insert(pos, central)
    return answer(candidates)
