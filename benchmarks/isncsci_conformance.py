"""Differential conformance run: spinekg.clinical.isncsci against the npm ``isncsci`` oracle.

ISNCSCI Algorithm, Praxis Spinal Cord Institute, https://github.com/praxis-isncsci/algorithm
(Apache-2.0), pinned in benchmarks/isncsci_oracle/package.json (installed with ``npm ci`` if missing).
Hypothesis generates the exams (every score, NT, ``*``/``**`` flags, non-key muscles, anal items);
every field of every exam must agree.

Run: ``PYTHONPATH=$PWD python benchmarks/isncsci_conformance.py [N] [--out summary.json]``
(default N = 20000).  Exit status 1 on any disagreement; the first ones are written to the summary.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hyp_seed

import spinekg as skg

HERE = Path(__file__).resolve().parent


def _harness():
    spec = importlib.util.spec_from_file_location("isncsci_harness", HERE / "isncsci_oracle" / "harness.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(n: int, seed: int = 2019) -> list[dict]:
    """``n`` exams drawn by hypothesis (derandomized with ``seed``)."""
    h = _harness()
    out: list[dict] = []

    @hyp_seed(seed)
    @settings(max_examples=n, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(h.exams())
    def collect(ex):
        out.append(ex)

    collect()
    return out[:n]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--out", type=Path, default=None, help="write a JSON summary here")
    args = ap.parse_args(argv)
    h = _harness()
    kg = skg.load()
    t0 = time.perf_counter()
    exams = generate(args.n, args.seed)
    t_gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    oracle = h.run_oracle(exams)
    t_oracle = time.perf_counter() - t0
    t0 = time.perf_counter()
    bad = h.disagreements(kg, exams, oracle)
    t_ours = time.perf_counter() - t0
    ais = Counter(o.get("asiaImpairmentScale", "error") for o in oracle)
    summary = {
        "exams": len(exams),
        "disagreements": len(bad),
        "oracle_errors": sum("error" in o for o in oracle),
        "several_values": sum(any("," in v for v in o.values()) for o in oracle if "error" not in o),
        "flagged_values": sum(any("*" in v for v in o.values()) for o in oracle if "error" not in o),
        "ais_distribution": dict(ais.most_common(15)),
        "seconds": {"generate": round(t_gen, 1), "oracle": round(t_oracle, 1), "spinekg": round(t_ours, 1)},
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "first_disagreements": bad[:20],
    }
    text = json.dumps(summary, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "first_disagreements"}, indent=1))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
