"""Median latency of the clinical questions vs the same question as rdflib SPARQL.

Run: ``python benchmarks/bench_queries.py`` (``make bench``). Each spinekg question is
timed side by side in one run with the same question as a prepared rdflib SPARQL
property-path query (values passed as initBindings) on the same graph, and the ratio is
reported. Cold load times are measured in fresh subprocesses (with and without the index
cache).

Same question on both sides: each SPARQL query returns every endpoint the spinekg answer
holds (the items, their category and, where spinekg returns a Term, its label). Before
anything is timed, :func:`check_equivalence` compares the two answers on the timed
questions, on a few extra ones (an alternative reading, two negative path questions) and
on every question of the rotations below; any difference raises AssertionError, so the
script exits non-zero. spinekg also returns the explanation path of every item; SPARQL
returns endpoints only.

Columns: *repeated* asks the same question again (a memo lookup); *new question* forgets
the memoised answers (:data:`PER_QUESTION_KEYS`) before each call; *new question,
rotating* does the same while cycling through many questions (all 62 roots; every lesion
× level × side that has a compression rule; every condition with a ladder × months;
lesions × targets) and reports the median over the rotation; *per-node tables cold* also
forgets the derived tables keyed by one node (:data:`COLD_KEYS`), so the root's record or
the condition's ladder is walked again.

Each SPARQL query is the fastest correct formulation found for rdflib; the comments by
the queries say how rdflib plans them and what the alternatives took.
"""

from __future__ import annotations

import functools
import itertools
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

import spinekg as skg
from spinekg.clinical.derived import NODE_TABLES
from spinekg.namespaces import PREFIXES

#: ``kg._memo`` entries forgotten before each "new question" call: the memoised answers.
#: The derived tables (spinekg/derived.py: walks shared by many questions, like the
#: index's closures) stay warm and are listed under the table.
PER_QUESTION_KEYS = ("answers",)
#: Forgotten before each "per-node tables cold" call as well: every derived table keyed
#: by one node (a root's record, a condition's ladder, ancestor chains, ...), so the
#: question pays for the walks about its own nodes.
COLD_KEYS = (*PER_QUESTION_KEYS, *NODE_TABLES)

REPEAT = 2000  # memoised calls
REPEAT_NEW = 300  # new-question calls (single question and rotation)
REPEAT_SPARQL = 200

# --- the SPARQL side ----------------------------------------------------------------------
# How rdflib (7.x) runs these, which decided the formulations below: the triple patterns
# of one block run in nested loops, those with the fewest unbound terms (initBindings
# included) first, ties in the order rdflib's parser ranked them; two groups `{A} {B}`
# are joined lazily (B runs once per row of A) only if neither holds a join itself,
# otherwise B runs on its own, unbound; OPTIONAL always runs once per row. A pattern like
# `?root skg:hasSide ?s` with ?s bound therefore reads every node on that side, so side
# tests are FILTERs, and constants to match in an axiom are FILTERed for the same reason.

# What one root ?r affects, one row per item: ?cat is the spinekg field name. An area that
# is also a key sensory point is only a key sensory point (spinekg lists key items first).
# Symptoms: the root's condition's, but a radicular one only where the root's areas lie and
# the weakness of a movement only through the root's own myotome. For 'left L4' the
# radicular branch as written here takes 4.6 ms in all; the territory test as one
# FILTER (… || EXISTS {…}) 6.0 ms, as OPTIONAL + !BOUND 6.2 ms, walking from the root's
# areas up to the symptom 4.9 ms, with EXISTS on the condition instead 9.1 ms.
# Timings for 'left L4', measured before the radicular and weakness symptom branches
# were added: MINUS 1.8 ms, FILTER NOT EXISTS 2.0 ms; one label pattern after
# the UNION instead of one per branch 2.5 ms; explicit intermediate variables instead of
# sequence paths 2.7 ms; VALUES over the one-hop predicates 87 ms. The label goes before
# MINUS so that no branch holds a join (the lesion query joins ROOT_ITEMS lazily).
ROOT_ITEMS = """
  { ?r rdfs:label ?label BIND(?r AS ?x) BIND("roots" AS ?cat) }
  UNION { ?r skg:hasDermatome/skg:coversArea ?x . ?x rdfs:label ?label
          MINUS { ?r skg:hasDermatome/skg:hasKeySensoryPoint ?x } BIND("dermatome_areas" AS ?cat) }
  UNION { ?r skg:hasDermatome/skg:hasKeySensoryPoint ?x . ?x rdfs:label ?label
          BIND("key_sensory_points" AS ?cat) }
  UNION { ?r skg:hasMyotome/(skg:includesAction|skg:hasKeyMuscleAction) ?x .
          ?x rdfs:label ?label BIND("muscle_actions" AS ?cat) }
  UNION { ?r skg:mediatesReflex ?x . ?x rdfs:label ?label BIND("reflexes" AS ?cat) }
  UNION { ?r skg:refersPainTo ?x . ?x rdfs:label ?label BIND("pain_areas" AS ?cat) }
  UNION { ?r skg:compressionCauses/skg:subtypeOf*/skg:causesSymptom ?x .
          FILTER NOT EXISTS { ?x skg:weaknessOf ?w }
          FILTER NOT EXISTS { ?x skg:followsRootTerritory true }
          ?x rdfs:label ?label BIND("symptoms" AS ?cat) }
  UNION { ?r skg:compressionCauses/skg:subtypeOf*/skg:causesSymptom ?x .
          ?x skg:followsRootTerritory true ; skg:feltIn ?at . ?a skg:partOf* ?at .
          FILTER EXISTS { ?r (skg:hasDermatome/(skg:coversArea|skg:hasKeySensoryPoint))
                             |skg:refersPainTo ?a }
          ?x rdfs:label ?label BIND("symptoms" AS ?cat) }
  UNION { ?r skg:refersPainTo/skg:partOf*/^skg:feltIn ?x . FILTER NOT EXISTS { ?x skg:weaknessOf ?w }
          ?x rdfs:label ?label BIND("symptoms" AS ?cat) }
  UNION { ?r skg:hasMyotome/skg:includesAction/^skg:weaknessOf ?x . ?x rdfs:label ?label
          BIND("symptoms" AS ?cat) }
  UNION { ?r skg:inRegion ?x . ?x rdfs:label ?label BIND("region" AS ?cat) }
  UNION { ?r skg:hasSide ?x . ?x rdfs:label ?label BIND("side" AS ?cat) }"""

# A sided rule counts on its own side and compresses that side's root; an unsided
# (central) rule of the lesion's zone compresses the roots of both sides.
ON_SIDE = """FILTER (EXISTS { ?r skg:hasSide ?s } || NOT EXISTS { ?rule skg:hasSide ?any })
    FILTER NOT EXISTS { ?rule skg:hasSide ?rs FILTER (?rs != ?s) }"""
# The evidence rank annotated on the edge ?rule skg:compressesRoot ?r.
EDGE_RANK = """?ax owl:annotatedSource ?rule ; owl:annotatedTarget ?r ;
      owl:annotatedProperty ?prop ; skg:evidenceRank ?rank"""

# A lesion's own symptom that is not the compressed roots' to give (radicular or motor).
LESION_OWN = """FILTER NOT EXISTS { ?x skg:followsRootTerritory true }
          FILTER NOT EXISTS { ?x skg:weaknessOf ?w }"""

QUERIES = {
    # affected_by(root)
    "affected_root": f"SELECT ?cat ?x ?label WHERE {{ {ROOT_ITEMS} }}",
    # affected_by(lesion, level, side): the roots the rules compress (not those ranked
    # "alternative"), with ROOT_ITEMS of each; then the lesion's own symptoms and those of
    # broader conditions (a radicular one or a weakness only through the roots), except a
    # rare one (spinekg does not let a narrow lesion inherit
    # a rare symptom: bladder dysfunction of lumbar stenosis). The rules are found in one
    # block (lesion → zones → rules in one path, so the join with ROOT_ITEMS stays lazy):
    # 5.8 ms; the two-group form of "compressed" with ROOT_ITEMS as an OPTIONAL: 6.4 ms.
    # The rank as a FILTERed variable: 0.9 ms for the rules instead of 1.9 ms.
    "affected_lesion": f"""SELECT ?cat ?x ?label WHERE {{
  {{ {{ ?c skg:subtypeOf*/skg:affectsZone/^skg:inZone ?rule .
       ?rule skg:atDisc ?d ; skg:compressesRoot ?r .
       {ON_SIDE}
       FILTER NOT EXISTS {{ {EDGE_RANK}
                           FILTER (?prop = skg:compressesRoot && ?rank = "alternative") }} }}
     {{ {ROOT_ITEMS} }} }}
  UNION {{ ?c skg:causesSymptom ?x . {LESION_OWN} ?x rdfs:label ?label
          BIND("symptoms" AS ?cat) }}
  UNION {{ ?c skg:subtypeOf+ ?a . ?a skg:causesSymptom ?x . {LESION_OWN} ?x rdfs:label ?label
          FILTER NOT EXISTS {{ ?fx skg:frequency "rare" ; owl:annotatedSource ?a ;
              owl:annotatedProperty skg:causesSymptom ; owl:annotatedTarget ?x }}
          BIND("symptoms" AS ?cat) }} }}""",
    # compressed_roots(lesion, level, side): the lesion's zones (from it or a broader
    # condition; spinekg takes the nearest that has zones, and in this graph only the
    # narrowest conditions carry zones), then the rules at the disc in those zones.
    # 0.67 ms; everything in one block 1.0 ms, or 100 ms with `?r skg:hasSide ?s` as a
    # pattern (every node on the left side read); lesion → rules as one path 0.9 ms.
    "compressed": f"""SELECT ?r ?label ?rank WHERE {{
  {{ ?c skg:subtypeOf*/skg:affectsZone ?z }}
  {{ ?rule skg:atDisc ?d ; skg:inZone ?z ; skg:compressesRoot ?r . ?r rdfs:label ?label
    {ON_SIDE} }}
  OPTIONAL {{ {EDGE_RANK} FILTER (?prop = skg:compressesRoot) }} }}""",
    # paths(lesion, target, via=VIA6, max_hops=6): the five fixed hops leave room for at
    # most one partOf step, so `partOf?` asks exactly what spinekg asks (`partOf*` would
    # also accept 7+ hop paths: paracentral disc herniation → left upper limb). Explicit
    # intermediate variables: 0.25 ms vs 0.66 ms as one sequence path (0.75 ms with *).
    "path6": """ASK { ?c skg:affectsZone ?z . ?rule skg:inZone ?z ; skg:compressesRoot ?r .
  ?r skg:hasDermatome ?dm . ?dm skg:coversArea ?area . ?area skg:partOf? ?t }""",
    # The same question as one property path, the form issue 5 names for the comparison.
    "path6_pp": """ASK { ?c skg:affectsZone/^skg:inZone/skg:compressesRoot/skg:hasDermatome/
  skg:coversArea/skg:partOf? ?t }""",
    # treatments(condition, months_conservative=?months): the ladder through subtypeOf*
    # (treatment, tier, tier rank, mechanism; class members), and the elective escalation
    # rule with its threshold compared with ?months (urgent rules need a red flag; a
    # threshold the source gives in weeks is turned into months, 30.4375/7 weeks each).
    # 3.7 ms, most of it the ~4 lookups per treatment; the mechanism in its own UNION
    # branch instead of an OPTIONAL 3.5 ms, within run-to-run noise (3.6-3.8 ms), so the
    # plainer OPTIONAL stays.
    "treatments": """SELECT ?t ?label ?tier ?tierLabel ?rank ?mech ?member ?memberLabel
    ?rule ?m ?to ?due WHERE {
  ?c skg:subtypeOf* ?a .
  { ?a skg:treatedWith ?t . ?t skg:inTier ?tier ; rdfs:label ?label .
    ?tier skg:tierRank ?rank ; rdfs:label ?tierLabel . OPTIONAL { ?t skg:mechanism ?mech } }
  UNION { ?a skg:treatedWith ?t . ?t skg:inTier ?tier . ?member skg:memberOf ?t ;
          rdfs:label ?memberLabel }
  UNION { ?rule skg:forCondition ?a ; skg:toTier ?to . FILTER NOT EXISTS { ?rule skg:urgent true }
          OPTIONAL { ?rule skg:afterMonthsMin ?mm } OPTIONAL { ?rule skg:afterWeeksMin ?w }
          BIND(COALESCE(?mm, ?w * 7 / 30.4375) AS ?m) BIND(?months >= ?m AS ?due) } }""",
}

VIA6 = ("skg:affectsZone/^skg:inZone/skg:compressesRoot/skg:hasDermatome/skg:coversArea/"
        "skg:partOf*")
PATH6_STEPS = (("skg:affectsZone", False), ("skg:inZone", True), ("skg:compressesRoot", False),
               ("skg:hasDermatome", False), ("skg:coversArea", False))


@functools.cache
def prepared(name: str) -> Any:
    return prepareQuery(QUERIES[name], initNs=PREFIXES)


def run_sparql(kg: skg.SpineKG, name: str, bindings: dict[str, Any]) -> Any:
    """Rows of a SELECT (materialised) or the answer of an ASK."""
    result = kg.graph.query(prepared(name), initBindings=bindings)
    return result.askAnswer if result.type == "ASK" else list(result)


# --- one question, both ways ----------------------------------------------------------------
class Question(NamedTuple):
    """One question asked of spinekg and of rdflib, each answer reduced to comparable form.

    ``ours``/``theirs`` ask; ``expect``/``got`` reduce the spinekg answer and the SPARQL
    result to the same shape (sets of tuples; a bool for a path question). Reducing
    is not timed.
    """

    name: str
    ours: Callable[[], Any]
    theirs: Callable[[], Any]
    expect: Callable[[Any], Any]
    got: Callable[[Any], Any]

    def check(self) -> None:
        want, have = self.expect(self.ours()), self.got(self.theirs())
        if want != have:
            if isinstance(want, (set, frozenset)) and isinstance(have, (set, frozenset)):
                detail = (f"only spinekg: {sorted(want - have, key=repr)}; "
                          f"only SPARQL: {sorted(have - want, key=repr)}")
            else:
                detail = f"spinekg: {want!r}; SPARQL: {have!r}"
            raise AssertionError(f"{self.name}: spinekg and SPARQL answers differ — {detail}")


def _iri(kg: skg.SpineKG, text: str) -> Any:
    return URIRef(kg.term(text).iri)


def _disc_iri(kg: skg.SpineKG, level: str) -> Any:
    ix = kg.index
    for d in ix.instances("skg:IntervertebralDisc"):
        if ix.value(d, "skg:levelName") == level:
            return URIRef(ix.terms[d].iri)
    raise ValueError(f"no disc at level {level!r}")


def _rows(rows: Iterable[Any], *names: str) -> set[tuple]:
    """Each row's values for ``names`` as plain Python (str, int, ...; None when unbound)."""
    def py(v: Any) -> Any:
        if v is None:
            return None
        typed = isinstance(v, Literal) and v.datatype is not None
        return v.toPython() if typed else str(v)  # IRIs, plain and language strings: str
    return {tuple(py(row[n]) for n in names) for row in rows}


def _impact_items(imp: Any) -> set[tuple]:
    items = {(cat, t.iri, t.label) for cat in imp._FIELDS for t in getattr(imp, cat)}
    items |= {("roots", t.iri, t.label) for t in imp.roots}
    if imp.region is not None:
        items.add(("region", imp.region.iri, imp.region.label))
    return items | {("side", imp.side)}


def _sparql_items(rows: list) -> set[tuple]:
    # a side is compared by its label ("left"), the string spinekg returns; roots on both
    # sides (a central lesion) make it "bilateral"
    items = {(cat, label) if cat == "side" else (cat, x, label)
             for cat, x, label in _rows(rows, "cat", "x", "label")}
    sides = {i for i in items if i[0] == "side"}
    return items - sides | {("side", "bilateral")} if len(sides) > 1 else items


def affected_question(kg: skg.SpineKG, what: str, level: str | None = None,
                      side: str | None = None) -> Question:
    """affected_by(root) or affected_by(lesion, level=, side=)."""
    if level is None:
        name, binds = f"affected_by({what!r})", {"r": _iri(kg, what)}
        query = "affected_root"
    else:
        name = f"affected_by({what}, {level}, {side})"
        binds = {"c": _iri(kg, what), "d": _disc_iri(kg, level), "s": _iri(kg, side)}
        query = "affected_lesion"
    return Question(name, lambda: kg.affected_by(what, level=level, side=side),
                    lambda: run_sparql(kg, query, binds), _impact_items, _sparql_items)


def _compression_roots(comp: Any) -> set[tuple]:
    return ({("primary", t.iri, t.label) for t in comp.roots}
            | {("alternative", t.iri, t.label) for t in comp.alternatives})


def _sparql_roots(rows: list) -> set[tuple]:
    # a root is primary when any applied rule names it without the "alternative" rank
    ranked = _rows(rows, "r", "label", "rank")
    primary = {(root, label) for root, label, rank in ranked if rank != "alternative"}
    return ({("primary", *r) for r in primary}
            | {("alternative", root, label) for root, label, rank in ranked
               if (root, label) not in primary})


def compressed_question(kg: skg.SpineKG, lesion: str, level: str, side: str) -> Question:
    binds = {"c": _iri(kg, lesion), "d": _disc_iri(kg, level), "s": _iri(kg, side)}
    return Question(f"compressed_roots({lesion}, {level}, {side})",
                    lambda: kg.compressed_roots(lesion, level=level, side=side),
                    lambda: run_sparql(kg, "compressed", binds), _compression_roots,
                    _sparql_roots)


def path_question(kg: skg.SpineKG, source: str, target: str, query: str = "path6"
                  ) -> Question:
    """Is there a VIA6 path of at most 6 hops? spinekg's path must also fit the pattern.
    ``query`` names the SPARQL form: explicit hops (``path6``) or one property path
    (``path6_pp``)."""
    src, dst = kg.term(source), kg.term(target)

    def found(paths: list) -> bool:
        for p in paths:
            shape = tuple((s.predicate, s.inverse) for s in p.steps)
            ok = (shape[:5] == PATH6_STEPS and set(shape[5:]) <= {("skg:partOf", False)}
                  and len(shape) <= 6 and p.source == src and p.target == dst)
            if not ok:
                raise AssertionError(f"paths({source!r}, {target!r}): {p} does not fit {VIA6}")
        return bool(paths)

    binds = {"c": _iri(kg, source), "t": _iri(kg, target)}
    return Question(f"paths({source} → {target}, 6 hops, {query})",
                    lambda: kg.paths(source, target, via=VIA6, limit=1),
                    lambda: run_sparql(kg, query, binds), found, bool)


def _plan_facts(plan: Any) -> set[tuple]:
    facts: set[tuple] = {("recommended", plan.recommended.tier.iri)}
    for tier in plan.tiers:
        for item in tier.treatments:
            t = item.treatment
            facts.add(("treatment", t.iri, t.label, tier.tier.iri, tier.tier.label, tier.rank,
                       item.mechanism))
            facts |= {("member", t.iri, m.iri, m.label) for m in item.members}
    return facts


def _sparql_plan(rows: list) -> set[tuple]:
    """The same facts from the SPARQL rows; the tier recommended now is the elective
    rule's target once ?months reach its threshold, else the lowest rung (the highest
    if the target is not on the ladder, as spinekg does)."""
    ladder = _rows((r for r in rows if r["t"] is not None and r["member"] is None),
                   "t", "label", "tier", "tierLabel", "rank", "mech")
    facts = {("treatment", *row) for row in ladder}
    facts |= {("member", *row) for row in _rows((r for r in rows if r["member"] is not None),
                                                 "t", "member", "memberLabel")}
    rules = _rows((r for r in rows if r["rule"] is not None), "rule", "to", "due")
    if len(rules) > 1:
        raise AssertionError(f"several elective rules apply: {sorted(rules, key=repr)}")
    ranks = sorted({(rank, tier) for _, _, tier, _, rank, _ in ladder})
    recommended = ranks[0][1] if ranks else None
    for _, to, due in rules:
        if due:
            recommended = to if to in {tier for _, tier in ranks} else ranks[-1][1]
    return facts | {("recommended", recommended)}


def treatment_question(kg: skg.SpineKG, condition: str, months: float) -> Question:
    binds = {"c": _iri(kg, condition), "months": Literal(float(months))}
    return Question(f"treatments({condition}, {months:g} months)",
                    lambda: kg.treatments(condition, months_conservative=months),
                    lambda: run_sparql(kg, "treatments", binds), _plan_facts, _sparql_plan)


# --- the questions ----------------------------------------------------------------------
LESIONS = ("foraminal disc herniation", "paracentral disc herniation",
           "far lateral disc herniation", "central disc herniation",
           "lumbar foraminal stenosis", "lumbar lateral recess stenosis",
           "lumbar central canal stenosis", "cervical foraminal stenosis",
           "cervical central canal stenosis")
PATH_TARGETS = ("left lower limb", "right upper limb", "left great toe", "left hand")
MONTHS = (0, 1, 1.5, 2, 3, 4, 6, 12)


class Row(NamedTuple):
    """One row of the table: the question timed on both sides, and the rotation (a key
    of :func:`rotations`) its rotating column cycles through."""

    name: str
    rotation: str
    question: Question


def timed_rows(kg: skg.SpineKG) -> list[Row]:
    return [
        Row("affected_by('left L4')", "affected_root", affected_question(kg, "left L4")),
        Row("affected_by(lumbar foraminal stenosis, L4-L5, left)", "affected_lesion",
            affected_question(kg, "lumbar foraminal stenosis", "L4-L5", "left")),
        Row("compressed_roots(foraminal, L4-L5, left)", "compressed",
            compressed_question(kg, "foraminal disc herniation", "L4-L5", "left")),
        Row("paths: 6-hop lesion → left lower limb (SPARQL: explicit hops)", "paths",
            path_question(kg, "paracentral disc herniation", "left lower limb")),
        Row("paths: 6-hop lesion → left lower limb (SPARQL: one property path)", "paths",
            path_question(kg, "paracentral disc herniation", "left lower limb", "path6_pp")),
        Row("treatments(LSS, 4 months)", "treatments",
            treatment_question(kg, "lumbar spinal stenosis", 4)),
    ]


def extra_questions(kg: skg.SpineKG) -> list[Question]:
    """Checked, not timed: an alternative reading and two negative 6-hop questions (no
    path at all; a path that needs 7 hops)."""
    return [compressed_question(kg, "paracentral disc herniation", "L4-L5", "left"),
            *(path_question(kg, source, "left upper limb", query)
              for source in ("far lateral disc herniation", "paracentral disc herniation")
              for query in ("path6", "path6_pp"))]


def _answers(ask: Callable[[], Any]) -> Any:
    """The answer, or None where the question has none (ValueError: e.g. no compression
    rule at a thoracic level, no treatment recorded)."""
    try:
        return ask()
    except ValueError:
        return None


def lesion_cases(kg: skg.SpineKG) -> list[tuple[str, str, str]]:
    """Every lesion × disc level × side that has a compression rule."""
    ix = kg.index
    levels = sorted({str(ix.value(d, "skg:levelName"))
                     for d in ix.instances("skg:IntervertebralDisc")
                     if ix.value(d, "skg:levelName")})
    cases = [(lesion, level, side) for lesion in LESIONS for level in levels
             for side in ("left", "right")]
    return [c for c in cases
            if _answers(functools.partial(kg.compressed_roots, c[0], level=c[1], side=c[2]))]


def treatment_cases(kg: skg.SpineKG) -> list[tuple[str, float]]:
    """Every condition with a ladder × MONTHS. Red-flag conditions are left out: their plan
    is urgent by a rule the SPARQL query does not model."""
    ix = kg.index
    plans = {ix.terms[c].label: _answers(functools.partial(kg.treatments, ix.terms[c].label))
             for c in ix.instances("skg:Condition")}
    return [(name, m) for name, plan in plans.items() if plan is not None and not plan.urgent
            for m in MONTHS]


def rotations(kg: skg.SpineKG) -> dict[str, list[Question]]:
    """The questions each rotating column cycles through, by rotation name."""
    ix = kg.index
    lesions = lesion_cases(kg)
    return {
        "affected_root": [affected_question(kg, ix.terms[r].label)
                          for r in ix.instances("skg:SpinalNerveRoot")],
        "affected_lesion": [affected_question(kg, *case) for case in lesions],
        "compressed": [compressed_question(kg, *case) for case in lesions],
        "paths": [path_question(kg, lesion, target) for lesion in LESIONS
                  for target in PATH_TARGETS],
        "treatments": [treatment_question(kg, *case) for case in treatment_cases(kg)],
    }


def all_questions(kg: skg.SpineKG,
                  rotation: dict[str, list[Question]] | None = None) -> list[Question]:
    """The timed, extra and rotated questions."""
    rotation = rotations(kg) if rotation is None else rotation
    return ([row.question for row in timed_rows(kg)] + extra_questions(kg)
            + [q for qs in rotation.values() for q in qs])


def check_equivalence(kg: skg.SpineKG,
                      rotation: dict[str, list[Question]] | None = None) -> None:
    """Compare spinekg and SPARQL on every timed, extra and rotated question.

    Raises AssertionError naming the first question whose answers differ.
    """
    for q in all_questions(kg, rotation):
        q.check()


# --- timing ------------------------------------------------------------------------------
def median_us(fn: Callable[[], Any], repeat: int = REPEAT) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t)
    return statistics.median(samples) / 1000


def forget_answers(kg: skg.SpineKG, keys: tuple[str, ...] = PER_QUESTION_KEYS) -> None:
    """Forget the memoised answers and the other memos named in ``keys``.

    Entries are removed, not emptied in place: the library builds some tables whole
    when their key is missing and would take an empty one as built.
    """
    for key in ("answers", *keys):
        kg._memo.pop(key, None)


def new_question(kg: skg.SpineKG, *asks: Callable[[], Any],
                 keys: tuple[str, ...] = PER_QUESTION_KEYS) -> Callable[[], Any]:
    """A call that forgets ``keys``, then asks the next of ``asks`` (cycling)."""
    cycle = itertools.cycle(asks)

    def run() -> Any:
        forget_answers(kg, keys)
        return next(cycle)()
    return run


def check_new_question(kg: skg.SpineKG, asks: list[Callable[[], Any]]) -> None:
    """Fail if forgetting does not make each of ``asks`` answer anew; warn when, once
    they have all been asked again, COLD_KEYS names memos the library did not
    make (renamed internals: the new-question columns would be partly warm)."""
    before = [ask() for ask in asks]
    forget_answers(kg)
    if any(ask() is old for ask, old in zip(asks, before)):
        raise AssertionError("forget_answers() left an answer memoised; update "
                             "PER_QUESTION_KEYS for the library's memo names")
    stale = [k for k in COLD_KEYS if k not in kg._memo]
    if stale:
        print(f"warning: COLD_KEYS {stale} are not in kg._memo (keys now: "
              f"{sorted(kg._memo)}); the per-node tables cold column may be partly warm",
              file=sys.stderr)


def cold_load(cache_dir: str | None) -> float:
    env = dict(os.environ)
    env["SPINEKG_CACHE_DIR"] = cache_dir if cache_dir is not None else ""
    code = ("import time; t=time.perf_counter(); import spinekg; spinekg.load(); "
            "print(time.perf_counter()-t)")
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True)
        runs.append(float(out.stdout.strip()))
    return statistics.median(runs)


def _cpu() -> str:
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    return platform.processor()


def print_table(kg: skg.SpineKG, rotation: dict[str, list[Question]]) -> None:
    print("| question | repeated (memoised) µs | new question µs | new question, rotating µs "
          "| per-node tables cold µs | rdflib SPARQL µs | ratio (new question) "
          "| ratio (per-node tables cold) | ratio (repeated) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, kind, q in timed_rows(kg):
        warm = median_us(q.ours)
        new = median_us(new_question(kg, q.ours), repeat=REPEAT_NEW)
        others = rotation[kind]
        rotating = median_us(new_question(kg, *(r.ours for r in others)),
                             repeat=max(REPEAT_NEW, len(others)))
        cold = median_us(new_question(kg, q.ours, keys=COLD_KEYS), repeat=REPEAT_NEW)
        theirs = median_us(q.theirs, repeat=REPEAT_SPARQL)
        print(f"| {name} | {warm:.1f} | {new:.1f} | {rotating:.1f} | {cold:.1f} | "
              f"{theirs:.1f} | {theirs / new:.1f}× | {theirs / cold:.1f}× | "
              f"{theirs / warm:.0f}× |")


def first_question_ms(kg: skg.SpineKG) -> float:
    """Median time of the first question on a fresh SpineKG over the same index."""
    firsts = []
    for _ in range(30):
        fresh = skg.SpineKG(kg.index, files=kg.files)  # only the index is built
        t = time.perf_counter_ns()
        fresh.affected_by("left L4")
        firsts.append(time.perf_counter_ns() - t)
    return statistics.median(firsts) / 1e6


def main() -> None:
    kg = skg.load()
    rotation = rotations(kg)
    check_equivalence(kg, rotation)  # raises (exit status 1) before any timing
    check_new_question(kg, [row.question.ours for row in timed_rows(kg)])
    kept = ", ".join(sorted(set(kg._memo) - {"answers", *PER_QUESTION_KEYS}))
    print(f"# spinekg query benchmark — {time.strftime('%Y-%m-%d')}")
    print(f"machine: {os.cpu_count()} cores, {_cpu()}, Python {platform.python_version()}, "
          f"{len(kg.graph)} triples\n")
    print_table(kg, rotation)
    sizes = ", ".join(f"{kind} {len(qs)}" for kind, qs in rotation.items())
    print(f"\nSame question on both sides: each SPARQL query returns the endpoints spinekg "
          f"returns (items, their category, labels); the two answers were checked equal on "
          f"{len(all_questions(kg, rotation))} questions before timing. spinekg also returns "
          "the explanation paths. rdflib SPARQL = the prepared query run with initBindings, "
          "rows materialised. new question = the memoised answers forgotten before each "
          "call; term resolution, the question's own walks and result objects are "
          "included, while the index's closures and steps and the derived tables stay "
          f"warm: {kept}. rotating = the same while cycling through other questions "
          f"({sizes}). per-node tables cold = the derived tables keyed by one node "
          f"({', '.join(NODE_TABLES)}) forgotten too, so the question also walks its own "
          "root's or condition's table again.\n")
    print(f"first question on a fresh SpineKG (builds the label index and the derived "
          f"tables too): {first_question_ms(kg):.1f} ms median")
    with tempfile.TemporaryDirectory() as tmp:
        cold_load(tmp)  # fills the cache
        warm = cold_load(tmp)
    nocache = cold_load(None)
    print(f"cold `import spinekg; spinekg.load()` in a fresh process: {warm:.3f} s with the "
          f"index cache, {nocache:.3f} s without (median of 5)")


if __name__ == "__main__":
    main()
