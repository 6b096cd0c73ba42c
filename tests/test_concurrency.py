"""Concurrency: 8 threads × 1,000 mixed questions on one fresh SpineKG give the serial
answers, and the lazy parts (graph, nx, resolver) are built exactly once."""

from __future__ import annotations

import random
import threading
import time

import pytest

import spinekg as skg
import spinekg.kg

LOAD = spinekg.kg

THREADS = 8
PER_THREAD = 1000

TERMS = ["left L4", "L5 right", "big toe", "skg:root_S1_left", "L6", "left patellar reflex",
         "dorsum of foot", "right C6", "thumb", "L4"]
ROOTS = ["left L4", "right L5", "left S1", "right C6", "left C7", "right L3"]
LESIONS = [("lumbar foraminal stenosis", "L4-L5", "left"),
           ("paracentral disc herniation", "L4-L5", "right"),
           ("foraminal disc herniation", "C5-C6", "left"),
           ("paracentral disc herniation", "L5-S1", None),
           ("lumbar foraminal stenosis", "C5-C6", "left")]  # an error, also compared
CONDITIONS = [("lumbar spinal stenosis", 4, ()), ("lumbar spinal stenosis", None,
                                                   ("cauda equina syndrome",)),
              ("lumbar spinal stenosis", 1, ())]
PATHS = [("left L4", "left", "skg:hasSide"),
         ("left L4", "left medial malleolus", "skg:hasDermatome/skg:coversArea/skg:partOf*"),
         ("lumbar spinal stenosis", "hip pain", "skg:causesSymptom"),
         ("skg:root_L5_left", None, "skg:hasMyotome/skg:includesAction")]
FINDINGS = [dict(side="left", numbness=["dorsum of foot"], weakness=["great toe extension"]),
            dict(side="right", numbness=["thumb"], weakness=["wrist extension"],
                 reflexes={"brachioradialis": "decreased"}),
            dict(numbness=["lateral foot"], reflexes={"achilles": "absent"}),
            dict(side="left", pain=["anterior thigh"], reflexes={"patellar": "decreased"})]


def questions(n: int, seed: int) -> list[tuple]:
    rnd = random.Random(seed)
    kinds = [("term", TERMS), ("affected", ROOTS), ("compressed", LESIONS),
             ("treatments", CONDITIONS), ("paths", PATHS), ("localize", FINDINGS)]
    out = []
    for i in range(n):
        kind, pool = kinds[i % len(kinds)]
        out.append((kind, rnd.randrange(len(pool))))
    rnd.shuffle(out)
    return out


def ask(kg, q: tuple) -> tuple:
    """The canonical answer to one question: CURIE tuples and path strings."""
    kind, i = q
    try:
        if kind == "term":
            return (kg.term(TERMS[i]).curie,)
        if kind == "affected":
            imp = kg.affected_by(ROOTS[i])
            return (tuple(r.curie for r in imp.roots), imp.side,
                    tuple(sorted(t.curie for _, t in imp.items())),
                    tuple(sorted(str(p) for p in imp.paths.values())))
        if kind == "compressed":
            lesion, level, side = LESIONS[i]
            c = kg.compressed_roots(lesion, level=level, side=side)
            return (tuple(r.curie for r in c.roots), tuple(r.curie for r in c.alternatives),
                    tuple(str(p) for p in c.paths))
        if kind == "treatments":
            cond, months, flags = CONDITIONS[i]
            plan = kg.treatments(cond, months_conservative=months, red_flags=flags)
            return (plan.recommended.name, plan.urgent, tuple(str(p) for p in plan.paths))
        if kind == "paths":
            s, t, via = PATHS[i]
            return tuple(str(p) for p in kg.paths(s, t, via=via))
        if kind == "localize":
            loc = kg.localize(**FINDINGS[i])
            return tuple((c.root.curie, round(c.score, 6), c.explains, c.flag)
                         for c in loc.candidates)
    except Exception as err:  # errors must be the same too
        return ("error", type(err).__name__, str(err))
    raise AssertionError(kind)


@pytest.fixture
def counted(monkeypatch):
    """How many times each lazy part is built."""
    counts = {"graph": 0, "nx": 0, "resolver": 0}
    real_parse, real_nx, real_resolver = (LOAD.parse_files, spinekg.kg.to_networkx,
                                          spinekg.kg.Resolver)

    def parse(*a, **k):
        counts["graph"] += 1
        time.sleep(0.05)  # widen the race window
        return real_parse(*a, **k)

    def to_nx(*a, **k):
        counts["nx"] += 1
        time.sleep(0.05)
        return real_nx(*a, **k)

    class Resolver(real_resolver):
        def __init__(self, *a, **k):
            counts["resolver"] += 1
            time.sleep(0.05)
            super().__init__(*a, **k)

    monkeypatch.setattr(LOAD, "parse_files", parse)
    monkeypatch.setattr(spinekg.kg, "to_networkx", to_nx)
    monkeypatch.setattr(spinekg.kg, "Resolver", Resolver)
    return counts


def test_threads_give_serial_answers_and_build_lazy_parts_once(counted):
    qs = [questions(PER_THREAD, seed) for seed in range(THREADS)]
    serial_kg = skg.load()
    expected = {q: ask(serial_kg, q) for q in set(q for batch in qs for q in batch)}
    assert len(expected) > 30

    kg = skg.load()  # fresh: nothing lazy built yet
    for name in ("graph", "nx", "resolver"):
        counted[name] = 0
    lazy_from_cache = kg._graph is None
    barrier = threading.Barrier(THREADS)
    results: list[list[tuple] | None] = [None] * THREADS
    seen: list[tuple[int, int, int]] = [(0, 0, 0)] * THREADS
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            barrier.wait()
            seen[k] = (id(kg.resolver), id(kg.nx), id(kg.graph))
            results[k] = [ask(kg, q) for q in qs[k]]
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    start = time.time()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.time() - start
    assert not errors, errors
    assert all(not t.is_alive() for t in threads)
    for k in range(THREADS):
        got = results[k]
        assert got is not None
        wrong = [(q, a, expected[q]) for q, a in zip(qs[k], got) if a != expected[q]]
        assert not wrong, wrong[:3]
    assert len(set(seen)) == 1, "threads saw different lazy objects"
    assert counted["resolver"] == 1 and counted["nx"] == 1, counted
    if lazy_from_cache:
        assert counted["graph"] == 1, counted
    assert elapsed < 60, f"{THREADS}×{PER_THREAD} questions took {elapsed:.1f}s"


def test_concurrent_loads_are_independent():
    """Several threads loading at once (the index cache is shared) get equal graphs."""
    out: list[tuple] = []
    lock = threading.Lock()

    def worker() -> None:
        kg = skg.load()
        answer = (kg.index.n_triples, kg.term("left L4").curie,
                  tuple(r.curie for r in kg.compressed_roots(
                      "paracentral disc herniation", level="L4-L5", side="right").roots))
        with lock:
            out.append(answer)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(out) == THREADS and len(set(out)) == 1, out
