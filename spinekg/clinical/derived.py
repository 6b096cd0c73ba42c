"""Derived tables: walks that many questions share, done once per SpineKG.

Like the transitive closures of the index, each table is read from the graph on first
use and kept for the life of the :class:`~spinekg.SpineKG`, in ``kg._memo`` under its
name:

- ``"ancestors"``: the broader nodes above a node, with the steps that reach each one;
- ``"felt_in"``: the symptoms felt in an area or in an area it is part of;
- ``"root_profile"``: what one root serves, by category;
- ``"root_impact"``: one record per root of every item it affects, in order, with its
  explanation, side and region;
- ``"lesion_reach"``: the region and zones a lesion acts in;
- ``"condition_symptoms"``: a condition's symptoms, with those it inherits;
- ``"condition_reach"``: a condition, the types above it and the syndromes they lead to;
- ``"ladder"``: a condition's treatment ladder and escalation rules;
- ``"rules_at"``: the compression rules at each disc (built for every disc at once);
- ``"label_order"``: every term's place in label order (built at once);
- ``"distances"``: for a path pattern and a target, each node's fewest steps to the
  target (kept by :func:`spinekg.core.search.search` for ``kg.paths``).

``NODE_TABLES`` names the tables keyed by one node. Nothing anatomical is written
here: every item comes from an edge of the graph.

Examples
--------
>>> [s.predicate for s in root_impact(skg.load(), "skg:root_L4_left").steps["skg:reflex_patellar_left"]]
['skg:mediatesReflex']
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any, NamedTuple

from ..core.path import Step
from ..core.terms import Term
from .results import Impact

__all__ = ["NODE_TABLES", "RootImpact", "ancestors", "breadth_first", "condition_reach", "felt_in",
           "label_order", "roots_own", "root_impact", "root_profile"]

NODE_TABLES = ("ancestors", "felt_in", "root_profile", "root_impact", "lesion_reach", "ladder",
               "condition_symptoms", "distances")
Item = tuple[str, "str | None", tuple[Step, ...]]  # (kind, evidence rank, steps)


class RootImpact(NamedTuple):
    """Everything one root affects: ``fields`` by :class:`~spinekg.Impact` category
    (each sorted by label), ``steps``, the explanation of each item (an item in two
    categories keeps the first category's), the root's ``side`` (None for a midline
    root) and ``region``, and the CURIEs of its ``symptoms``."""

    fields: dict[str, tuple[Term, ...]]
    steps: dict[str, tuple[Step, ...]]
    side: str | None
    region: Term | None
    symptoms: frozenset[str]


Chain = tuple[tuple[str, tuple[Step, ...]], ...]  # (node, steps that reach it), nearest first
def _table(kg: Any, name: str) -> dict:
    return kg._memo.setdefault(name, {})


def label_order(kg: Any) -> dict[str, int]:
    """Each term's position when every term is sorted by label (then CURIE).

    Sorting CURIEs with ``key=order.__getitem__`` orders them by label without a
    Python call per item.

    Examples
    --------
    >>> kg = skg.load()
    >>> order = label_order(kg)
    >>> order["skg:root_L4_left"] < order["skg:root_L5_left"]
    True
    """
    order = kg._memo.get("label_order")
    if order is None:
        terms = kg.index.terms
        ranked = sorted(terms, key=lambda c: (terms[c].label, c))
        order = kg._memo["label_order"] = {c: i for i, c in enumerate(ranked)}
    return order


def ancestors(kg: Any, node: str, pred: str) -> Chain:
    """``node`` and everything above it along ``pred``, nearest first, each with the
    steps that reach it (breadth-first, so each path is a shortest one).

    Examples
    --------
    >>> kg = skg.load()
    >>> [(n, len(s)) for n, s in ancestors(kg, "skg:condition_lumbar_foraminal_stenosis",
    ...                                    "skg:subtypeOf")][:2]
    [('skg:condition_lumbar_foraminal_stenosis', 0), ('skg:condition_lumbar_spinal_stenosis', 1)]
    """
    table = _table(kg, "ancestors")
    hit = table.get((node, pred))
    if hit is not None:
        return hit
    steps_from = kg._adj.steps_from
    table[(node, pred)] = result = tuple(breadth_first(node, lambda cur: steps_from(cur, pred)))
    return result


def condition_reach(kg: Any, condition: str) -> Chain:
    """``condition``, the condition types above it (``skg:subtypeOf``) and the clinical
    syndromes they may lead to that no structure's compression causes (neurogenic
    claudication for lumbar stenosis, not the cauda equina syndrome), each with the steps
    that reach it: what a condition named without its level shows of itself.

    Examples
    --------
    >>> [n for n, _ in condition_reach(skg.load(), "skg:condition_lumbar_foraminal_stenosis")]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['skg:condition_lumbar_foraminal_stenosis', 'skg:condition_lumbar_spinal_stenosis',
     'skg:condition_spinal_stenosis', 'skg:condition_neurogenic_claudication']
    """
    table = _table(kg, "condition_reach")
    hit = table.get(condition)
    if hit is not None:
        return hit
    ix = kg.index
    up = ancestors(kg, condition, "skg:subtypeOf")
    out, seen = list(up), {n for n, _ in up}
    for n, steps in up:
        for st in kg._adj.steps_from(n, "skg:mayLeadTo"):
            to = st.target.curie
            if to not in seen and ix.is_a(to, "skg:ClinicalSyndrome") \
                    and not ix.subjects(to, "skg:compressionCausesSyndrome"):
                seen.add(to)
                out.append((to, steps + (st,)))
    table[condition] = result = tuple(out)
    return result


def breadth_first(start: str, steps_of: Any) -> list[tuple[str, tuple[Step, ...]]]:
    """Breadth-first from ``start`` along the steps ``steps_of(node)`` gives, each node
    reached with the steps that first reach it (``start`` first, with none).

    Examples
    --------
    >>> kg = skg.load()
    >>> up = breadth_first("skg:vertebra_L4", lambda n: kg._adj.steps_from(n, "skg:partOf"))
    >>> [n for n, _ in up][:2]
    ['skg:vertebra_L4', 'skg:region_lumbar']
    """
    out: list[tuple[str, tuple[Step, ...]]] = [(start, ())]
    seen, queue = {start}, deque(out)
    while queue:
        cur, steps = queue.popleft()
        for st in steps_of(cur):
            other = st.target.curie
            if other not in seen:
                seen.add(other)
                item = (other, steps + (st,))
                out.append(item)
                queue.append(item)
    return out


def felt_in(kg: Any, area: str) -> Chain:
    """Symptoms felt in ``area`` or in an area it is part of, each with the steps from
    ``area`` (up the ``partOf`` chain, then back along ``feltIn``)."""
    table = _table(kg, "felt_in")
    hit = table.get(area)
    if hit is None:
        steps_from = kg._adj.steps_from
        hit = tuple((st.subject.curie, up + (st,))
                    for anc, up in ancestors(kg, area, "skg:partOf")
                    for st in steps_from(anc, "skg:feltIn", inverse=True))
        table[area] = hit
    return hit


def root_profile(kg: Any, root: str) -> dict[str, dict[str, Item]]:
    """What one root serves, by category, each item with (kind, rank, steps).

    Categories: ``areas`` (kind ``key_sensory_point`` or ``dermatome_area``),
    ``actions`` (``key_muscle`` or ``myotome_action``), ``reflexes`` and ``pain``.
    ``rank`` is the edge's evidence rank (``alternative`` where sources disagree).
    Shared by :func:`spinekg.clinical.affected.affected_by` and localisation.

    Examples
    --------
    >>> kg = skg.load()
    >>> prof = root_profile(kg, "skg:root_L5_left")
    >>> prof["actions"]["skg:action_great_toe_extension_left"][0]
    'key_muscle'
    """
    table = _table(kg, "root_profile")
    hit = table.get(root)
    if hit is not None:
        return hit
    steps_from = kg._adj.steps_from

    def two_steps(hop: str, key_pred: str, key_kind: str, pred: str, kind: str
                  ) -> dict[str, Item]:
        """root —hop→ dermatome/myotome —key_pred or pred→ item; key items first."""
        into: dict[str, Item] = {}
        for s1 in steps_from(root, hop):
            mid = s1.object.curie
            for p, k in ((key_pred, key_kind), (pred, kind)):
                for s2 in steps_from(mid, p):
                    item = s2.object.curie
                    if item not in into:
                        into[item] = (k, s2.info.rank, (s1, s2))
        return into

    def one_step(pred: str, kind: str) -> dict[str, Item]:
        return {s.object.curie: (kind, s.info.rank, (s,)) for s in steps_from(root, pred)}

    table[root] = hit = {
        "areas": two_steps("skg:hasDermatome", "skg:hasKeySensoryPoint", "key_sensory_point",
                           "skg:coversArea", "dermatome_area"),
        "actions": two_steps("skg:hasMyotome", "skg:hasKeyMuscleAction", "key_muscle",
                             "skg:includesAction", "myotome_action"),
        "reflexes": one_step("skg:mediatesReflex", "reflex"),
        "pain": one_step("skg:refersPainTo", "pain_referral"),
    }
    return hit


def _motor(ix: Any, symptom: str) -> bool:
    """Whether ``symptom`` is the weakness of a movement (``skg:weaknessOf``)."""
    return bool(ix.objects(symptom, "skg:weaknessOf"))


def roots_own(ix: Any, symptom: str) -> bool:
    """Whether ``symptom`` is a compressed root's to give, not every root's of a condition:
    a radicular one (``skg:followsRootTerritory``) or the weakness of a movement."""
    return bool(ix.value(symptom, "skg:followsRootTerritory", False)) or _motor(ix, symptom)


def _symptoms(kg: Any, root: str, areas: Iterable[str], pain: dict[str, tuple[Step, ...]],
              actions: dict[str, tuple[Step, ...]]) -> dict[str, tuple[Step, ...]]:
    """Symptoms of the condition the root's compression causes, then those felt where
    the root refers pain (the shortest explanation wins; ties go to the first by the
    CURIEs along the path), then those that are the weakness of one of its actions.

    Not every symptom of the condition is every root's: a radicular symptom
    (``skg:followsRootTerritory``) comes from the condition only for a root whose
    ``areas`` (dermatome, key sensory point and pain areas) lie where it is felt, and
    the weakness of a movement (``skg:weaknessOf``) only for a root whose myotome
    includes it, so foot drop is L4's and L5's, not L1's.
    """
    ix, steps_from = kg.index, kg._adj.steps_from
    territory = {up for a in areas for up, _ in ancestors(kg, a, "skg:partOf")}

    def from_condition(sym: str) -> bool:
        if _motor(ix, sym):  # through the root's myotome, below
            return False
        return not roots_own(ix, sym) or any(  # a radicular one: in the root's territory
            a in territory for a in ix.objects(sym, "skg:feltIn"))

    found: dict[str, tuple[Step, ...]] = {}
    for s1 in steps_from(root, "skg:compressionCauses"):
        for anc, up in ancestors(kg, s1.object.curie, "skg:subtypeOf"):
            for s2 in steps_from(anc, "skg:causesSymptom"):
                sym = s2.object.curie
                if from_condition(sym):
                    found.setdefault(sym, (s1, *up, s2))
    felt: dict[str, tuple[Step, ...]] = {}
    for steps in pain.values():
        for sym, tail in felt_in(kg, steps[-1].object.curie):
            if _motor(ix, sym):
                continue
            old = felt.get(sym)
            cand = steps + tail
            if old is None or len(cand) < len(old) or (
                    len(cand) == len(old)
                    and [x.object.curie for x in cand] < [x.object.curie for x in old]):
                felt[sym] = cand
    for sym, cand in felt.items():
        found.setdefault(sym, cand)
    for action in sorted(actions):  # the key muscle action's steps are listed with it
        for st in steps_from(action, "skg:weaknessOf", inverse=True):
            found.setdefault(st.subject.curie, actions[action] + (st,))
    return found


def root_impact(kg: Any, root: str) -> RootImpact:
    """Every item ``root`` affects, by :class:`~spinekg.Impact` category, with its steps.

    Examples
    --------
    >>> kg = skg.load()
    >>> rec = root_impact(kg, "skg:root_L4_left")
    >>> [t.label for t in rec.fields["key_sensory_points"]]
    ['left L4 key sensory point']
    """
    table = _table(kg, "root_impact")
    hit = table.get(root)
    if hit is not None:
        return hit
    prof = root_profile(kg, root)
    derm: dict[str, tuple[Step, ...]] = {}
    keys: dict[str, tuple[Step, ...]] = {}
    for area, (kind, _, steps) in prof["areas"].items():
        (keys if kind == "key_sensory_point" else derm)[area] = steps
    pain = {a: v[2] for a, v in prof["pain"].items()}
    actions = {a: v[2] for a, v in prof["actions"].items()}
    found = {
        "dermatome_areas": derm,
        "key_sensory_points": keys,
        "muscle_actions": actions,
        "reflexes": {r: v[2] for r, v in prof["reflexes"].items()},
        "pain_areas": pain,
        "symptoms": _symptoms(kg, root, (*derm, *keys, *pain), pain, actions),
    }
    order, terms = label_order(kg).__getitem__, kg.index.terms
    fields: dict[str, tuple[Term, ...]] = {}
    steps_of: dict[str, tuple[Step, ...]] = {}
    for cat in Impact._FIELDS:
        bucket = found[cat]
        fields[cat] = tuple(terms[c] for c in sorted(bucket, key=order))
        for c, steps in bucket.items():
            steps_of.setdefault(c, steps)
    ix = kg.index
    region = next(iter(ix.objects(root, "skg:inRegion")), None)
    table[root] = hit = RootImpact(fields, steps_of, ix.side(root),
                                   terms[region] if region else None,
                                   frozenset(found["symptoms"]))
    return hit
