"""Time spinekg.clinical.isncsci: median time to classify one exam (target <= 0.5 ms).

Run: ``PYTHONPATH=$PWD python benchmarks/bench_isncsci.py [--repeat 5]``.  Exams are the 59 public
reference cases (shared/reference/isncsci/ beside the repository, or SPINEKG_SHARED) classified with a
key table read once from the bundled graph; table reading is timed separately.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import spinekg as skg
from spinekg.clinical.isncsci import classify, table_from_graph
from spinekg.clinical.isncsci.table import _build

REPO = Path(__file__).resolve().parents[1]


def cases() -> list[dict]:
    shared = Path(os.environ.get("SPINEKG_SHARED", REPO.parent / "shared"))
    path = shared / "reference" / "isncsci" / "isncsci_2019_public_cases.json"
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    kg = skg.load()
    len(kg.graph)  # the graph loads lazily: do not time that here
    t0 = time.perf_counter()
    _build(kg.graph)
    t_table = time.perf_counter() - t0
    table = table_from_graph(kg.graph)
    exams = cases()
    for ex in exams:  # warm up
        classify(ex, table)
    per_exam = []
    for _ in range(args.repeat):
        for ex in exams:
            t0 = time.perf_counter()
            classify(ex, table)
            per_exam.append(time.perf_counter() - t0)
    med = statistics.median(per_exam) * 1e3
    p95 = sorted(per_exam)[int(0.95 * len(per_exam))] * 1e3
    print(
        json.dumps(
            {
                "exams_timed": len(per_exam),
                "median_ms": round(med, 3),
                "p95_ms": round(p95, 3),
                "table_from_graph_ms": round(t_table * 1e3, 2),
                "target_ms": 0.5,
            },
            indent=1,
        )
    )
    return 0 if med <= 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
