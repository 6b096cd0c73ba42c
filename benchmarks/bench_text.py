"""Free-text notes: pipeline load time, reading latency, and top-1/top-3 from text.

Usage::

    python benchmarks/bench_text.py [--reps 200]

* load: importing medSpaCy (spaCy) in this process, then building the pipeline of
  the graph (entity rules from its names); both in seconds, measured once (the
  import is the first in the process).
* parse: ``kg.read_findings`` of the issue's four-sentence note; parse + localise:
  the same, then ``kg.localize`` with the keyword form of the findings
  (``localize_kwargs``); medians over ``--reps`` after a warm-up, for the default
  sentence splitter and for PyRuSH.
* accuracy: each vignette of ``localization_cases.json`` written as a note
  (``localization_notes.json``, keyed by case id) is read and localised
  (``strict=False``), and scored with ``bench_localize.hit`` next to the
  structured form (``bench_localize.run_case``). Misses are listed. Exits 0.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

NOTE = ("58M, 3 weeks of R neck pain radiating to the outer upper arm. Deltoid 4-/5, "
        "biceps jerk reduced, triceps 2+. No hand numbness. Spurling positive on the right.")


def _median_ms(fn, reps: int) -> float:
    fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t)
    return statistics.median(times) / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=200)
    args = ap.parse_args(argv)

    import spinekg as skg
    from spinekg.adapters.text import localize_kwargs, read_findings
    from spinekg.adapters.text.pipeline import _medspacy, build_pipeline

    kg = skg.load()
    t = time.perf_counter()
    _medspacy()
    imported = time.perf_counter() - t
    t = time.perf_counter()
    build_pipeline(kg)
    built = time.perf_counter() - t
    t = time.perf_counter()
    build_pipeline(kg, "pyrush")
    built_rush = time.perf_counter() - t
    print(f"load: import medspacy+spacy {imported:.3f} s; build the pipeline {built:.3f} s "
          f"(PyRuSH splitter: {built_rush:.3f} s)")

    def parse_and_localize(sentences: str = "rules"):
        found = read_findings(kg, NOTE, sentences=sentences)
        return kg.localize(**localize_kwargs(kg, found)[0], strict=False)

    for splitter in ("rules", "pyrush"):
        parse = _median_ms(lambda s=splitter: read_findings(kg, NOTE, sentences=s), args.reps)
        both = _median_ms(lambda s=splitter: parse_and_localize(s), args.reps)
        print(f"{splitter:>6}: parse {parse:.2f} ms median; parse + localise {both:.2f} ms median "
              f"({args.reps} reps, {len(NOTE)} characters, 4 sentences)")

    from bench_localize import hit, load_cases, run_case

    cases = load_cases(HERE / "localization_cases.json")
    notes = json.loads((HERE / "localization_notes.json").read_text(encoding="utf-8"))["notes"]
    score = {"structured": [0, 0], "text": [0, 0]}
    misses = []
    for case in cases:
        loc = run_case(kg, case)
        score["structured"][0] += hit(loc, case, 1)
        score["structured"][1] += hit(loc, case, 3)
        note = notes.get(case["id"])
        if note is None:
            misses.append(f"{case['id']}: no note")
            continue
        try:
            found = kg.read_findings(note)
            from_text = kg.localize(**localize_kwargs(kg, found)[0], strict=False, limit=5)
        except (ValueError, skg.SpineKGError) as err:
            misses.append(f"{case['id']}: {err}")
            continue
        top1, top3 = hit(from_text, case, 1), hit(from_text, case, 3)
        score["text"][0] += top1
        score["text"][1] += top3
        if not top1:
            best = from_text.candidates[0].root.label if from_text.candidates else "nothing"
            misses.append(f"{case['id']}: top-1 {best}{'' if top3 else ' (not in top 3)'}; "
                          f"read {found.to_kwargs()}; unparsed {[u[0] for u in found.unparsed]}")
    n = len(cases)
    for form, (t1, t3) in score.items():
        print(f"{form:>10}: top-1 {t1}/{n} ({100 * t1 / n:.0f}%), top-3 {t3}/{n} ({100 * t3 / n:.0f}%)")
    for m in misses:
        print("  miss", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
