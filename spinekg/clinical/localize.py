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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..core.resolve import _check_text, normalize, parse_side
from ..core.search import Path, Step
from ..core.terms import Term
from ..errors import AmbiguousTermError, UnknownTermError
from .derived import root_profile
from .results import Candidate, Localization

__all__ = ["localize", "WEIGHTS", "REFLEX_STATES"]

WEIGHTS = {
    "key_sensory_point": 3.0, "key_muscle": 3.0, "reflex": 3.0, "dermatome_area": 2.0,
    "inside_dermatome_area": 1.5, "myotome_action": 2.0, "pain_referral": 1.5,
    "broad_area": 1.0, "imaging": 3.0, "alternative_factor": 0.6, "normal_reflex": -2.0,
    "unexplained": -0.5, "extra_root": -1.0, "adjacent_ratio": 0.8,
}
REFLEX_STATES = ("normal", "decreased", "absent", "increased")
#: other ways to write a reflex state, grades of the usual 0-4+ scale included
_REFLEX_WORDS = {
    **{w: "normal" for w in ("2+", "2", "present", "intact", "normal")},
    **{w: "decreased" for w in ("1+", "1", "reduced", "diminished", "depressed",
                                 "hypoactive", "hyporeflexic", "sluggish", "trace", "decreased")},
    **{w: "absent" for w in ("0", "none", "lost", "areflexic", "absent")},
    **{w: "increased" for w in ("3+", "3", "4+", "4", "brisk", "hyperactive", "exaggerated",
                                 "hyperreflexic", "increased")},
}
_AREA_KINDS = ("BodyArea", "KeySensoryPoint")
_LEAD = re.compile(
    r"^(?:can ?not|can t|cannot|unable to|difficulty(?: with)?|trouble(?: with)?|"
    r"weak(?:ness)?(?: of| in)?|loss of(?: sensation| feeling)?(?: in| over)?|reduced|"
    r"decreased|no|numb(?:ness)?(?: of| in| over)?|pain(?:ful)?(?: in)?|"
    r"(?:tingling|pins and needles|paraesthesiae?|paresthesiae?|burning|aching|sore(?:ness)?)"
    r"(?: in| of| over)?)\s+")
# the same words after the name: "EHL weakness", "big toe numbness", "thigh pain"
_TRAIL = re.compile(r"\s+(?:weakness|weak|paresis|numbness|numb|tingling|pain|ache)$")


def _gerund(phrase: str) -> str | None:
    """``"cock the wrist"`` → ``"cocking the wrist"`` (how action synonyms are written)."""
    verb, _, rest = phrase.partition(" ")
    if not verb.isalpha() or len(verb) < 3 or verb.endswith("ing"):
        return None
    if verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1]
    return f"{verb}ing {rest}".strip()


def _attempts(raw: str, kinds: tuple[str, ...]) -> list[str]:
    """The texts tried in turn for one finding, most literal first."""
    attempts = [raw]
    stripped = normalize(raw)
    while True:
        new = _TRAIL.sub("", _LEAD.sub("", stripped))
        if new == stripped or not new:
            break
        stripped = new
        attempts.append(stripped)
    if stripped.endswith("s") and not stripped.endswith(("ss", "us", "is")) and len(stripped) > 3:
        attempts.append(stripped[:-1])  # "buttocks" -> "buttock"
    if "MuscleAction" in kinds and stripped:
        g = _gerund(stripped)
        if g:
            attempts.append(g)
    if "Reflex" in kinds and stripped and not stripped.endswith(("reflex", "jerk")):
        attempts += [stripped + " reflex", stripped + " jerk"]
    return attempts


def _resolve_finding(kg: Any, text: object, side: str | None, kinds: tuple[str, ...]
                     ) -> list[str]:
    """CURIEs a finding may mean (both sides when no side is known). Memoised."""
    raw = _check_text(text)
    memo = kg._memo.setdefault("loc_resolve", {})
    key = (raw, side, kinds)
    hit = memo.get(key)
    if hit is not None:
        return list(hit)
    ix, res = kg.index, kg.resolver
    for attempt in _attempts(raw, kinds):
        found = [c for c in res.candidates(attempt, side=side) if ix.terms[c].kind in kinds]
        if not found and kinds == _AREA_KINDS:
            # a symptom named for where it is felt ("saddle numbness") stands for that area
            found = [a for c in res.candidates(attempt, side=side)
                     if ix.is_a(c, "skg:Symptom") for a in ix.objects(c, "skg:feltIn")
                     if side is None or ix.side(a) in (side, None)]
        if found:
            if len(memo) < 50_000:
                memo[key] = tuple(found)
            return found
    stripped = _attempts(raw, ())[-1]
    suggestions = [t.label for t in res.search(stripped or raw, limit=20)
                   if t.kind in kinds][:5] if stripped else []
    try:
        other = res.candidates(raw, side=side)
    except ValueError:  # two sides named: nothing to say about what it is
        other = []
    if other:  # it names something, of another kind
        raise res.wrong_kind(raw, other, kinds, suggestions)
    raise UnknownTermError(raw, suggestions or res.suggest(raw))


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
    order = _level_order(kg)
    memo[key] = tuple(sorted(out, key=lambda lv: order.get(lv, 0)))
    return memo[key]


def _level_order(kg: Any) -> dict[str, int]:
    order = kg._memo.get("loc_level_order")
    if order is None:  # the resolver already holds the level names in segment order
        order = kg._memo["loc_level_order"] = {lv: i for i, lv in enumerate(kg.resolver.levels)}
    return order


def _sacral_midline(kg: Any, c: str) -> bool:
    """Whether ``c`` is a midline area, action or reflex served by sacral or coccygeal roots.

    Such a structure (perineum, perianal skin, anal sphincter, anal wink) has roots on
    both sides, so a deficit there means both sides are involved: the saddle pattern
    of a central lesion or cauda equina syndrome. Read from the graph, not listed here.
    """
    ix = kg.index
    if "skg:Midline" not in ix.objects(c, "skg:hasSide"):
        return False
    memo = kg._memo.setdefault("sacral_served", None)
    if memo is None:
        memo = set()
        for root in ix.instances("skg:SpinalNerveRoot"):
            if set(ix.objects(root, "skg:inRegion")) & {"skg:region_sacral",
                                                         "skg:region_coccygeal"}:
                prof = root_profile(kg, root)
                memo.update(prof["areas"], prof["actions"], prof["reflexes"])
        kg._memo["sacral_served"] = memo
    return c in memo


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
    if not isinstance(strict, bool):
        raise TypeError(f"strict must be True or False, got {strict!r}")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError(f"limit={limit!r}; expected a positive integer")
    groups: dict[str, list[str]] = {}
    for name, values in (("pain", pain), ("numbness", numbness), ("weakness", weakness)):
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, Iterable):
            raise TypeError(f"{name} must be a list of strings, got {values!r}")
        groups[name] = list(values)
    if reflexes is not None and not isinstance(reflexes, Mapping):
        raise TypeError(f"reflexes must map a reflex name to a state, got {reflexes!r}")
    reflexes = dict(reflexes or {})
    for name, state in reflexes.items():
        if not isinstance(state, str) or state.strip().lower() not in _REFLEX_WORDS:
            raise ValueError(f"reflex state {state!r} for {name!r}; expected one of "
                             f"{', '.join(REFLEX_STATES)} (or a grade 0 to 4+)")
    if not any(groups.values()) and not reflexes and imaging is None:
        raise ValueError("no findings: give at least one of pain, numbness, weakness, reflexes "
                         "or imaging")

    # 1. resolve every finding to graph terms -------------------------------------------
    findings: list[tuple[str, str, list[str], str | None]] = []  # (group, text, curies, state)
    unresolved: list[str] = []
    kinds = {"pain": _AREA_KINDS, "numbness": _AREA_KINDS, "weakness": ("MuscleAction",)}
    items = [(g, v, None) for g, vals in groups.items() for v in vals]
    items += [("reflex", k, _REFLEX_WORDS[v.strip().lower()]) for k, v in reflexes.items()]
    for group, text, state in items:
        try:
            curies = _resolve_finding(kg, text, side_name, kinds.get(group, ("Reflex",)))
        except (UnknownTermError, AmbiguousTermError):
            if strict:
                raise
            unresolved.append(f"{group}: {text}")
            continue
        findings.append((group, str(text), curies, state))
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
    saddle = any(_sacral_midline(kg, c) and (g != "reflex" or s in ("decreased", "absent"))
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
            contradicts=tuple(co), lesions=_lesions(kg, root), paths=tuple(ps),
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
        central = _central_candidate(kg, flags, candidates, cover=cover, saddle=saddle,
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


def _central_candidate(kg: Any, flags: list[str], candidates: list[Candidate], *,
                       cover: list[str], saddle: bool, brisk: list[str] | None,
                       score: float | None, brisk_findings: Sequence[str] = ()) -> Candidate:
    """The flagged candidate for a central, cauda equina or cord (myelopathy) lesion.

    Its level is the span of the roots that together explain the findings (for a
    cord lesion: at or above the highest segment with an increased reflex). A cord
    lesion also explains the increased reflexes, each counted like a reflex a root
    explains.
    """
    ix = kg.index

    def regions(roots: Iterable[str]) -> set[str]:
        return {g for r in roots for g in ix.objects(r, "skg:inRegion")}

    cervical, low = {"skg:region_cervical"}, {"skg:region_lumbar", "skg:region_sacral"}
    if saddle:
        wanted = ("skg:condition_cauda_equina_syndrome", "skg:condition_lumbar_central_stenosis")
        lesion = "central disc herniation or central stenosis compressing the cauda equina"
    elif brisk is not None:
        # the cord is compressed at or above the highest brisk segment: in the neck when
        # that is a cervical one, otherwise the neck or the thoracic spine
        top = regions(brisk[:1])
        wanted = (("skg:condition_cervical_central_stenosis",) if top <= cervical else ()) \
            + ("skg:condition_spinal_stenosis",)
        lesion = "central stenosis or central disc herniation compressing the spinal cord"
    else:
        span = regions(cover)
        wanted = ("skg:condition_cervical_central_stenosis",) if span and span <= cervical else \
            ("skg:condition_lumbar_central_stenosis",) if span and span <= low else ()
        wanted += ("skg:condition_spinal_stenosis",)
        lesion = "central stenosis / central disc herniation"
    for c in wanted:
        if c in ix.terms:
            term = ix.terms[c]
            break
    else:  # pragma: no cover - the bundled ontology has them
        term = Term("", "", "central stenosis / cauda equina syndrome", "Condition")
    order = _level_order(kg)
    if brisk is not None and not saddle and brisk:
        span = f"{ix.value(brisk[0], 'skg:levelName')} or above"
    else:
        levels = sorted({str(ix.value(r, "skg:levelName")) for r in cover},
                        key=lambda lv: order.get(lv, 0))
        span = f"{levels[0]}-{levels[-1]}" if len(levels) > 1 else (levels[0] if levels else "")
    by_root = {c.root.curie: c for c in candidates}
    cord = brisk is not None and not saddle
    explained = tuple(dict.fromkeys([*(e for r in cover if r in by_root
                                        for e in by_root[r].explains),
                                      *(brisk_findings if cord else ())]))
    paths = tuple(p for r in cover if r in by_root for p in by_root[r].paths)
    if score is None:
        score = max((c.score for c in candidates),
                    default=WEIGHTS["reflex"] * len(brisk_findings) if cord else 0.0)
    return Candidate(root=term, level=span, score=round(score, 3), explains=explained,
                     unexplained=(), contradicts=(), lesions=(lesion,), paths=paths,
                     notes=tuple(flags), flag="; ".join(flags))


def _lesions(kg: Any, root: str) -> tuple[str, ...]:
    ix = kg.index
    out = []
    for rule in ix.subjects(root, "skg:compressesRoot"):
        info = ix.edge_info(rule, "skg:compressesRoot", root)
        label = ix.terms[rule].label
        out.append(label + (" (alternative)" if info.rank == "alternative" else ""))
    return tuple(sorted(out))


