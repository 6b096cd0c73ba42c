"""Growth benchmark: the bundled ontology merged with a generated clinic-sized graph.

Synthetic patients, encounters and findings (``https://example.org/clinic/`` IRIs)
point at spinekg body areas and roots. For each size and backend (memory rdflib,
embedded oxigraph) a fresh subprocess loads the merged graph and reports load time
and peak RSS (``ru_maxrss``), then the median latency of ``affected_by``, a 6-hop
``paths`` and ``localize`` on the in-process index (answers forgotten before each
call, and the derived tables keyed by one node too: ``bench_queries.py``'s "per-node
tables cold").

Usage::

    python benchmarks/bench_scale.py                       # 10k, 100k, 1M triples
    python benchmarks/bench_scale.py --sizes 10000 100000
    python benchmarks/bench_scale.py --out benchmarks/RESULTS_scale.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["generate", "main"]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a source tree

CLINIC = "https://example.org/clinic/"
SKG = "https://w3id.org/spinekg/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
VIA6 = ("skg:affectsZone/^skg:inZone/skg:compressesRoot/skg:hasDermatome/skg:coversArea/"
        "skg:partOf*")


def generate(n_triples: int, out: Path, seed: int = 7) -> int:
    """Write about ``n_triples`` synthetic clinic triples to ``out`` (N-Triples)."""
    import spinekg as skg

    kg = skg.load()
    areas = sorted(c for c, t in kg.index.terms.items() if t.kind == "BodyArea")
    roots = sorted(c for c, t in kg.index.terms.items() if t.kind == "SpinalNerveRoot")
    conds = sorted(c for c, t in kg.index.terms.items()
                   if t.kind in ("SpinalStenosis", "DiscHerniation", "Radiculopathy"))
    rnd = random.Random(seed)

    def full(c: str) -> str:
        return f"<{SKG}{c.partition(':')[2]}>"

    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        w = fh.write
        p = e = 0
        while n < n_triples:
            pid = f"<{CLINIC}patient/{p}>"
            w(f"{pid} <{RDF_TYPE}> <{CLINIC}Patient> .\n")
            w(f'{pid} <{LABEL}> "patient {p}" .\n')
            w(f'{pid} <{CLINIC}birthYear> "{1930 + rnd.randrange(80)}"^^<{XSD}gYear> .\n')
            n += 3
            for _ in range(rnd.randint(1, 4)):
                eid = f"<{CLINIC}encounter/{e}>"
                w(f"{eid} <{RDF_TYPE}> <{CLINIC}Encounter> .\n")
                w(f"{eid} <{CLINIC}patient> {pid} .\n")
                w(f'{eid} <{CLINIC}date> "2024-{rnd.randint(1, 12):02d}-'
                  f'{rnd.randint(1, 28):02d}"^^<{XSD}date> .\n')
                w(f"{eid} <{CLINIC}diagnosis> {full(rnd.choice(conds))} .\n")
                n += 4
                for k in range(rnd.randint(1, 3)):
                    fid = f"<{CLINIC}finding/{e}_{k}>"
                    w(f"{fid} <{RDF_TYPE}> <{CLINIC}Finding> .\n")
                    w(f"{eid} <{CLINIC}finding> {fid} .\n")
                    w(f"{fid} <{CLINIC}site> {full(rnd.choice(areas))} .\n")
                    w(f"{fid} <{CLINIC}suspectedRoot> {full(rnd.choice(roots))} .\n")
                    w(f'{fid} <{CLINIC}severity> "{rnd.randint(0, 10)}"^^<{XSD}integer> .\n')
                    n += 5
                e += 1
            p += 1
    return n


def _median_us(fn, kg, repeat: int) -> float:
    from spinekg.clinical.derived import NODE_TABLES

    times = []
    for _ in range(repeat):
        for key in ("answers", *NODE_TABLES):  # as bench_queries.py, per-node tables cold
            kg._memo.pop(key, None)
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def _child(backend: str, file: str) -> None:
    os.environ["SPINEKG_CACHE_DIR"] = ""  # measure the real parse, not the index cache
    import spinekg as skg

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if backend == "oxigraph-disk":  # RocksDB on disk: the data need not fit in memory
        import tempfile

        kg = skg.load(file, backend="oxigraph", path=tempfile.mkdtemp(prefix="skg-bench-"))
    else:
        kg = skg.load(file, backend=backend)
    load_s = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kg.term("left L4")  # the resolver is built once per SpineKG (label index)
    cases = {
        "affected_by": lambda: kg.affected_by("left L4"),
        "paths6": lambda: kg.paths("paracentral disc herniation", "left lower limb", via=VIA6,
                                   limit=1),
        "localize": lambda: kg.localize(side="left", numbness=["dorsum of foot"],
                                        weakness=["great toe extension"]),
    }
    lat = {k: _median_us(fn, kg, 200 if k != "localize" else 50) for k, fn in cases.items()}
    print(json.dumps({"load_s": load_s, "peak_mib": peak / 1024, "base_mib": base / 1024,
                      "triples": len(kg.store) if kg.store is not None else kg.index.n_triples,
                      "indexed": kg.index.n_triples, **lat}))


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (f"{os.cpu_count()} CPUs (nproc), {cpu}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--backends", nargs="+", default=["memory", "oxigraph", "oxigraph-disk"])
    ap.add_argument("--out", type=Path, default=None, help="also write the Markdown here")
    ap.add_argument("--child", nargs=2, metavar=("BACKEND", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    lines = [f"# spinekg scale benchmark — {time.strftime('%Y-%m-%d')}", "",
             f"machine: {_machine()}", "",
             "| generated triples | merged triples | backend | triples in the index | load s | "
             "peak RSS MiB (interpreter+libs before load) | affected_by µs | 6-hop paths µs | "
             "localize µs |", "|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    print("\n".join(lines), flush=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            f = Path(tmp) / f"clinic_{size}.nt"
            made = generate(size, f)
            for backend in args.backends:
                proc = subprocess.run([sys.executable, __file__, "--child", backend, str(f)],
                                      capture_output=True, text=True, timeout=3600)
                if proc.returncode != 0:
                    row = (f"| {made:,} | – | {backend} | FAILED: "
                           f"{proc.stderr.strip().splitlines()[-1][:120]} | | | | | |")
                else:
                    r = json.loads(proc.stdout.strip().splitlines()[-1])
                    results.append({"size": made, "backend": backend, **r})
                    row = (f"| {made:,} | {r['triples']:,} | {backend} | {r['indexed']:,} | "
                           f"{r['load_s']:.2f} | "
                           f"{r['peak_mib']:.0f} ({r['base_mib']:.0f}) | "
                           f"{r['affected_by']:.1f} | {r['paths6']:.1f} | "
                           f"{r['localize']:.0f} |")
                print(row, flush=True)
                lines.append(row)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n\n<!-- raw: " + json.dumps(results)
                            + " -->\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
