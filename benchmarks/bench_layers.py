"""Median latency of the peripheral and cord layers' questions: ``innervation`` and
``discriminate`` (issue 16 target: at most 50 µs for a new question).

Run: ``python benchmarks/bench_layers.py``. Columns as in ``bench_queries.py``:
*repeated* asks the same question again (a memo lookup); *new question, rotating*
forgets the memoised answers (``kg._memo["answers"]``) before each call while cycling
through many questions (every muscle on both sides; the classic root-vs-nerve pairs
and every root-vs-nerve pair of the same limb); the derived tables (each lesion's
profile, each muscle's record, each root's route into its plexus) stay warm, like the
index's closures. *Tables cold* also forgets this layer's derived tables
(``spinekg.clinical.peripheral.LAYER_TABLES``), so each question walks its own lesions
again: the cost of the first question about a lesion on a ``SpineKG``.
"""

from __future__ import annotations

import itertools
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spinekg as skg  # noqa: E402
from spinekg.clinical.peripheral import LAYER_TABLES  # noqa: E402

__all__ = ["main"]

REPEAT = 2000
REPEAT_NEW = 400

CLASSIC = [("L5", "common fibular nerve"), ("C6", "median nerve at the carpal tunnel"),
           ("C8", "ulnar nerve at the cubital tunnel"), ("C7", "radial nerve at the spiral groove"),
           (("L3", "L4"), "femoral nerve"), (("L2", "L3"), "lateral femoral cutaneous nerve"),
           (("C5", "C6"), "upper trunk of the brachial plexus")]


def _median_us(fn, calls, forget=()) -> float:
    times = []
    for args in calls:
        for key in forget:
            kg._memo.pop(key, None)
        t0 = time.perf_counter_ns()
        fn(*args)
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / 1000


def _questions(kg):
    ix = kg.index
    muscles = [(m,) for m in ix.instances("skg:Muscle")]
    pairs = []
    for side in ("left", "right"):
        pairs += [(a if isinstance(a, str) else list(a), b, side) for a, b in CLASSIC]
        nerves = [n for n in ix.instances("skg:PeripheralNerve") if ix.side(n) == side]
        for n in nerves:
            for r in {r for r in ix.subjects(n, "skg:contributesTo")
                      if ix.is_a(r, "skg:SpinalNerveRoot")}:
                pairs.append((r, n, None))
    return muscles, pairs


def main() -> int:
    global kg
    kg = skg.load()
    muscles, pairs = _questions(kg)
    inn = lambda m: kg.innervation(m)  # noqa: E731
    dis = lambda a, b, s: kg.discriminate(a, b, side=s)  # noqa: E731
    for m in muscles:  # warm: every derived table once
        inn(*m)
    for p in pairs:
        dis(*p)
    rows = []
    for name, fn, calls in (("innervation (every muscle, both sides)", inn, muscles),
                            (f"discriminate ({len(pairs)} root-vs-nerve pairs)", dis, pairs)):
        one = [calls[0]] * REPEAT
        rot = list(itertools.islice(itertools.cycle(calls), REPEAT_NEW))
        rows.append((name, _median_us(fn, one), _median_us(fn, rot, ("answers",)),
                     _median_us(fn, rot, ("answers", *LAYER_TABLES))))
    print(f"date: {time.strftime('%Y-%m-%d')}; {os.cpu_count()} cores; "
          f"{platform.processor() or platform.machine()}; Python {platform.python_version()}")
    print("| question | repeated (memoised) µs | new question, rotating µs | tables cold µs |")
    print("|---|---:|---:|---:|")
    for name, a, b, c in rows:
        print(f"| {name} | {a:.1f} | {b:.1f} | {c:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
