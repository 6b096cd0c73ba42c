"""The findings that tell two candidate lesions apart (root, nerve, entrapment site,
plexus part or cord segment, a group of roots, a spinal stenosis, or a non-neural mimic
such as hip osteoarthritis).

Each lesion's :class:`~spinekg.clinical.peripheral.Profile` (what it weakens, numbs,
reduces) is read from the graph; a finding tells them apart when one lesion reaches it
and the other does not:

- an **action**, through a muscle only one of them supplies (ankle inversion through
  tibialis posterior: the L5 root reaches it, the common fibular nerve does not). The
  muscles of the same action the other lesion does weaken are listed with it (``also``),
  so a partial finding says so; an action the other lesion reaches through its
  myotome tells nothing and is left out;
- an **area** of skin only one of them supplies (areas that contain one another count
  as the same skin);
- a **reflex** or a **sign** (an upper motor neuron sign of the cord) only one gives, or an
  examination test or history feature whose positive result suggests only one of them
  (hip internal rotation for hip osteoarthritis, the femoral stretch test for L3/L4).

Nothing here lists which findings separate which lesions: the answer is the
difference of the two profiles, and every item carries the path that makes it so.

Examples
--------
>>> kg = skg.load()
>>> d = discriminate(kg, "left L5", "left common fibular nerve")
>>> sorted({f.finding.label for f in d.for_a} & {"left foot inversion", "left hip abduction"})
['left foot inversion', 'left hip abduction']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ..core.path import Path
from ..core.terms import Term
from .cord import CORD_KINDS, cord_profile
from .derived import ancestors, condition_reach, label_order
from .mimic_impact import MIMIC_KINDS, is_mimic
from .peripheral import LESION_KINDS, resolve_lesion
from .results_layers import Discrimination, Discriminator
from .supply import Profile, _put, profile, rank_of

__all__ = ["discriminate", "lesion_profile"]

_CATEGORIES = ("action", "reflex", "area", "sign")
_NAMES_BUDGET = 4096


def lesion_profile(kg: Any, curie: str) -> Profile:
    """The :class:`~spinekg.clinical.peripheral.Profile` of any lesion the layers know:
    a root, nerve, entrapment site, plexus part or cord segment (or half), or a
    non-neural mimic (hip osteoarthritis, sacroiliac joint pain ...).

    Its ``signs`` also hold the examination tests and history features whose positive
    result the graph says suggests the lesion (``skg:suggests``), so a test tells two
    lesions apart like a reflex does. A mimic weakens, numbs and reduces nothing: its
    profile is its tests alone.

    Examples
    --------
    >>> kg = skg.load()
    >>> "skg:sign_hoffmann" in lesion_profile(kg, "skg:cord_C6").signs
    True
    >>> "skg:test_hip_internal_rotation_left" in lesion_profile(
    ...     kg, "skg:condition_hip_osteoarthritis_left").signs
    True
    """
    table = kg._memo.setdefault("lesion_profile_tests", {})
    hit = table.get(curie)
    if hit is None:
        ix = kg.index
        stenosis = ix.is_a(curie, "skg:SpinalStenosis")
        if ix.is_a(curie, "skg:SpinalCordSegment"):
            base = cord_profile(kg, curie)
        elif is_mimic(kg, curie) or stenosis:
            base = Profile({}, {}, {}, {}, {}, (), ())
        else:
            base = profile(kg, curie)
        signs = dict(base.signs)
        # a stenosis is suggested by what suggests the stenosis types above it and the
        # syndrome it leads to (no pain when seated: lumbar spinal stenosis, neurogenic
        # claudication); its roots depend on its level, which a name does not give
        for x, head in condition_reach(kg, curie) if stenosis else ((curie, ()),):
            for step in kg._adj.steps_from(x, "skg:suggests", inverse=True):
                _put(signs, step.target.curie, head + (step,))
        hit = table[curie] = base._replace(signs=signs)
    return hit


def _union(profiles: Sequence[Profile]) -> Profile:
    if len(profiles) == 1:
        return profiles[0]
    parts: list[dict] = [{} for _ in range(5)]
    for prof in profiles:
        for into, items in zip(parts, prof[:5]):
            for c, steps in items.items():
                _put(into, c, steps)
    return Profile(*parts, (), tuple(r for p in profiles for r in p.roots),
                   frozenset().union(*(p.myotome for p in profiles)))


def _resolve(kg: Any, what: object, side: object) -> tuple[Term, list[Term]]:
    """The lesion (a Term) and its parts: one term, or each root of a group."""
    if isinstance(what, (list, tuple)) and what:
        parts = [_resolve(kg, w, side)[0] for w in what]
        if len(parts) == 1:
            return parts[0], parts
        # a group of lesions (roots C5 and C6) as one candidate, named by its members
        return Term("", "+".join(t.curie for t in parts), " + ".join(t.label for t in parts),
                    "LesionGroup"), parts
    if isinstance(what, (list, tuple)):
        raise ValueError(f"empty lesion {what!r}; expected a name or a list of roots")
    memo = kg._memo.setdefault("lesion_names", {})
    key = (what, side) if type(what) is str and (side is None or type(side) is str) else None
    term = memo.get(key) if key else None
    if term is None:
        term = resolve_lesion(kg, what, side, (*LESION_KINDS, *CORD_KINDS, *MIMIC_KINDS,
                                               "SpinalStenosis"))
        if key:
            if len(memo) >= _NAMES_BUDGET:  # a bounded table: a stream of names stays small
                memo.clear()
            memo[key] = term
    return term, [term]


class _Digest(NamedTuple):
    """A lesion's profile as the comparison reads it (memoised per lesion or group in
    ``kg._memo["lesion_digest"]``): the lesion ``to``, the profile, each item's rank
    (primary?), its areas and everything they are part of, for each action the muscles
    testing it that the lesion reaches (label order; as Terms in ``reach_terms``), and the
    finding each area, reflex or sign makes when the other lesion lacks it, with its sort
    key (``fixed``)."""

    to: Term
    prof: Profile
    primary: dict[str, bool]
    areas: frozenset[str]
    up: frozenset[str]
    reach: dict[str, tuple[str, ...]]
    reach_terms: dict[str, tuple[Term, ...]]
    cover: frozenset[str]  # every area that overlaps one of its areas
    keys: dict[str, frozenset[str]]  # the CURIEs of each category
    fixed: dict[str, tuple[tuple, Discriminator]]
    made: dict[tuple, tuple[tuple, Discriminator]]  # the actions' findings, made on first use


def _digest(kg: Any, to: Term, parts: tuple[str, ...]) -> _Digest:
    table = kg._memo.setdefault("lesion_digest", {})
    hit = table.get(parts)
    if hit is None:
        prof = _union([lesion_profile(kg, c) for c in parts])
        order = label_order(kg)
        subjects = kg.index.subjects
        primary = {c: rank_of(steps) == "primary" for d in prof[:5] for c, steps in d.items()}
        up = frozenset(a for area in prof.areas for a, _ in ancestors(kg, area, "skg:partOf"))
        reach = {a: tuple(m for m in sorted(subjects(a, "skg:testedBy"), key=order.__getitem__)
                          if m in prof.muscles) for a in prof.actions}
        terms = kg.index.terms
        down = kg.index.closure("skg:partOf", inverse=True)
        cover = up.union(*(down.get(a, ()) for a in prof.areas))
        keys = {"actions": frozenset(prof.actions), "areas": frozenset(prof.areas),
                "reflexes": frozenset(prof.reflexes), "signs": frozenset(prof.signs)}
        fixed = {}
        for cat, items in (("area", prof.areas), ("reflex", prof.reflexes), ("sign", prof.signs)):
            for c, steps in items.items():
                rank = "primary" if primary[c] else "alternative"
                fixed[c] = ((False, rank != "primary", _CATEGORIES.index(cat), order[c]),
                            Discriminator(terms[c], cat, to, Path(steps), rank=rank))
        table[parts] = hit = _Digest(to, prof, primary, frozenset(prof.areas), up, reach,
                                     {a: tuple(terms[m] for m in ms) for a, ms in reach.items()},
                                     cover, keys, fixed, {})
    return hit


def _why(kg: Any, muscle: str) -> str:
    """"tibialis posterior: tibial nerve, L5": a muscle's nerve and main roots (memoised)."""
    table = kg._memo.setdefault("muscle_why", {})
    hit = table.get(muscle)
    if hit is None:
        ix = kg.index
        nerves = ", ".join(ix.terms[n].label for n in ix.objects(muscle, "skg:innervatedBy"))
        roots = ", ".join(str(ix.value(r, "skg:levelName"))
                          for r in ix.objects(muscle, "skg:rootSupply")
                          if ix.edge_info(muscle, "skg:rootSupply", r).rank != "alternative")
        hit = table[muscle] = f"{ix.terms[muscle].label}: {nerves}" + (
            f", {roots}" if roots else "")
    return hit


def _action(kg: Any, da: _Digest, action: str, only: tuple[str, ...], also: tuple[Term, ...]
            ) -> tuple[tuple, Discriminator]:
    """The finding a weak ``action`` makes for ``da`` when the other lesion spares the
    muscles ``only`` (its main-supply muscle first) and weakens ``also``."""
    terms = kg.index.terms
    if len(only) > 1:
        only = tuple(sorted(only, key=lambda m: not da.primary[m]))
    if only:
        st = next(s for s in kg._adj.steps_from(only[0], "skg:testedBy")
                  if s.object.curie == action)
        path, why = da.prof.muscles[only[0]] + (st,), _why(kg, only[0])
        rank = "primary" if da.primary[only[0]] and st.info.rank != "alternative" \
            else "alternative"
    else:
        path, why = da.prof.actions[action], ""
        rank = "primary" if da.primary[action] else "alternative"
    return ((bool(also), rank != "primary", 0, label_order(kg)[action]),
            Discriminator(terms[action], "action", da.to, Path(path),
                          muscles=tuple(terms[m] for m in only), also=also, rank=rank, why=why))


def _one_way(kg: Any, da: _Digest, db: _Digest) -> list[tuple[tuple, Discriminator]]:
    """The findings lesion ``da`` reaches that ``db`` does not, each with its sort key:
    each points to ``da.to``."""
    pb = db.prof
    out: list[tuple[tuple, Discriminator]] = []
    other_muscles = pb.muscles
    mine, theirs = da.keys, db.keys
    # an action the other lesion reaches through its myotome tells nothing; one it
    # reaches only through muscles tells when this lesion weakens a muscle it does not
    shared = (mine["actions"] & theirs["actions"]) - pb.myotome
    made = da.made
    for action in sorted(mine["actions"] - theirs["actions"]) + sorted(shared):
        only = tuple(m for m in da.reach[action] if m not in other_muscles)
        if action in shared and not only:
            continue
        also = db.reach_terms.get(action, ())
        hit = made.get((action, only, also))
        if hit is None:
            hit = made[(action, only, also)] = _action(kg, da, action, only, also)
        out.append(hit)
    fixed = da.fixed
    out += [fixed[c] for c in mine["areas"] - db.cover]
    out += [fixed[c] for c in mine["reflexes"] - theirs["reflexes"]]
    out += [fixed[c] for c in mine["signs"] - theirs["signs"]]
    out.sort(key=lambda pair: pair[0])
    return out


def discriminate(kg: Any, a: object, b: object, *, side: object = None) -> Discrimination:
    """The findings that tell lesion ``a`` from lesion ``b``.

    See :meth:`spinekg.SpineKG.discriminate`.
    """
    ta, parts_a = _resolve(kg, a, side)
    tb, parts_b = _resolve(kg, b, side)
    if {t.curie for t in parts_a} == {t.curie for t in parts_b} or ta == tb:
        raise ValueError(f"{ta.label!r} and {tb.label!r} are the same lesion; expected two "
                         "different ones")
    da = _digest(kg, ta, tuple(t.curie for t in parts_a))
    db = _digest(kg, tb, tuple(t.curie for t in parts_b))
    pa, pb = da.prof, db.prof
    order = label_order(kg)
    found = [d for _, d in _one_way(kg, da, db)] + [d for _, d in _one_way(kg, db, da)]
    both = [c for c in (*pa.actions, *pa.reflexes) if c in pb.actions or c in pb.reflexes]
    ix = kg.index
    sides = {ix.side(t.curie) for t in (*parts_a, *parts_b)} - {None}
    return Discrimination(
        a=ta, b=tb, side=sides.pop() if len(sides) == 1 else None, findings=tuple(found),
        shared=tuple(ix.terms[c] for c in sorted(set(both), key=order.__getitem__)))
