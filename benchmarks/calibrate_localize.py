"""Calibration of the differential engine on the vignettes, and the batch timing.

Usage::

    python benchmarks/calibrate_localize.py [--plot benchmarks/reliability.png] [--batch 100000]

For every case of ``localization_cases.json`` (hits as in ``bench_localize.py``):
top-1/top-3 by kind, the Brier score of the best candidate's probability against
whether it is right, the multi-candidate Brier score (every listed candidate's
probability against whether it is acceptable), and a reliability plot of predicted
probability against observed frequency over all listed candidates (5 bins). Then
``kg.localize_many`` on ``--batch`` cases sampled from the vignettes (random subsets of
their findings and sides), timed from a cleared answer memo.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_localize import _ok, hit, load_cases, run_case  # noqa: E402

import spinekg as skg  # noqa: E402

__all__ = ["main"]


def _kind(case: dict) -> str:
    return case.get("kind") or ("central" if case["expected"] == ["central"] else "root (old)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=HERE / "localization_cases.json")
    ap.add_argument("--plot", type=Path, default=HERE / "reliability.png")
    ap.add_argument("--batch", type=int, default=100_000)
    args = ap.parse_args(argv)
    kg = skg.load()
    cases = load_cases(args.cases)
    by = defaultdict(lambda: [0, 0, 0])
    brier1, pairs = [], []
    for case in cases:
        loc = run_case(kg, case)
        k = _kind(case)
        h1, h3 = hit(loc, case, 1), hit(loc, case, 3)
        by[k][0] += 1
        by[k][1] += h1
        by[k][2] += h3
        if loc.candidates:
            brier1.append((loc.candidates[0].probability - h1) ** 2)
        seen = False
        for c in loc.ranked[:10]:
            ok = _ok(c, case) and not seen
            seen |= ok
            pairs.append((c.probability, ok))
    n = len(cases)
    print(f"{n} cases")
    print(f"{'kind':16} {'n':>4} {'top-1':>8} {'top-3':>8}")
    for k, (m, a, b) in sorted(by.items()):
        print(f"{k:16} {m:4} {a:4}/{m:<3} {b:4}/{m:<3}")
    tot1, tot3 = sum(v[1] for v in by.values()), sum(v[2] for v in by.values())
    print(f"{'all':16} {n:4} {tot1:4}/{n:<3} {tot3:4}/{n:<3}")
    b1 = sum(brier1) / len(brier1)
    bm = sum((p - y) ** 2 for p, y in pairs) / n
    print(f"Brier (best candidate's probability vs right): {b1:.3f}; multi-candidate Brier "
          f"(sum over the first 10, per case): {bm:.3f}")
    bins = [(i / 5, (i + 1) / 5) for i in range(5)]
    rows = []
    for lo, hi in bins:
        sel = [(p, y) for p, y in pairs if lo <= p < hi or (hi == 1 and p == 1)]
        if sel:
            rows.append(((lo + hi) / 2, sum(p for p, _ in sel) / len(sel),
                         sum(y for _, y in sel) / len(sel), len(sel)))
    print("reliability (bin, mean predicted, observed, n): " + "; ".join(
        f"{m:.1f}: {p:.2f} vs {o:.2f} (n={c})" for m, p, o, c in rows))
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(4.5, 4.5))
        ax.plot([0, 1], [0, 1], ls="--", color="grey", label="perfect calibration")
        ax.plot([r[1] for r in rows], [r[2] for r in rows], marker="o", color="#1f77b4",
                label="differential engine")
        for _, p, o, c in rows:
            ax.annotate(f"n={c}", (p, o), textcoords="offset points", xytext=(4, -10), fontsize=7)
        ax.set_xlabel("predicted probability of a candidate")
        ax.set_ylabel("observed frequency it is the answer")
        ax.set_title(f"Reliability on {n} vignettes")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(loc="upper left", fontsize=8)
        fig.tight_layout()
        fig.savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")
    if args.batch:
        rng = random.Random(19)
        keys = ("pain", "numbness", "weakness", "normal", "history")
        rows_in = []
        for _ in range(args.batch):
            c = rng.choice(cases)
            row = {"side": c.get("side")}
            for k in keys:
                vals = list(c.get(k) or [])
                if vals:
                    row[k] = rng.sample(vals, rng.randint(1, len(vals)))
            for k in ("reflexes", "signs"):
                d = c.get(k) or {}
                if d:
                    row[k] = dict(rng.sample(sorted(d.items()), rng.randint(1, len(d))))
            if not any(row.get(k) for k in (*keys, "reflexes", "signs")):
                row["numbness"] = ["big toe"]
            rows_in.append(row)
        distinct = len({repr(sorted(r.items())) for r in rows_in})
        kg._memo.pop("loc_answers", None)
        t = time.perf_counter()
        df = kg.localize_many(rows_in)
        dt = time.perf_counter() - t
        print(f"localize_many: {len(df)} cases ({distinct} distinct) in {dt:.1f} s "
              f"({1e6 * dt / len(df):.0f} µs/case)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
