"""Median latency of the clinical questions vs the same question as rdflib SPARQL.

Run: ``python benchmarks/bench_queries.py`` (``make bench``). Each question is timed
side by side in one run with the equivalent prepared SPARQL property-path query
(initBindings) on the same graph, and the ratio is reported. Cold load times are
measured in fresh subprocesses (with and without the index cache).
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import spinekg as skg
from spinekg.namespaces import PREFIXES

REPEAT = 2000


def median_us(fn, repeat: int = REPEAT) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t)
    return statistics.median(samples) / 1000


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


def main() -> None:
    from rdflib import URIRef
    from rdflib.plugins.sparql import prepareQuery

    kg = skg.load()
    g = kg.graph
    ns = dict(PREFIXES)
    root = URIRef(kg.term("left L4").iri)
    q_affected = prepareQuery(
        "SELECT ?x WHERE { { ?r skg:hasDermatome/skg:coversArea ?x } UNION "
        "{ ?r skg:hasMyotome/skg:includesAction ?x } UNION { ?r skg:mediatesReflex ?x } UNION "
        "{ ?r skg:refersPainTo ?x } }", initNs=ns)
    q_compressed = prepareQuery(
        "SELECT ?root WHERE { ?c skg:affectsZone ?z . ?rule skg:inZone ?z ; skg:atDisc ?d ; "
        "skg:hasSide ?s ; skg:compressesRoot ?root }", initNs=ns)
    q_paths = prepareQuery(
        "ASK { ?c skg:affectsZone/^skg:inZone/skg:compressesRoot/skg:hasDermatome/"
        "skg:coversArea/skg:partOf* ?t }", initNs=ns)
    q_treat = prepareQuery(
        "SELECT ?t ?tier WHERE { ?c skg:subtypeOf* ?a . ?a skg:treatedWith ?t . "
        "?t skg:inTier ?tier }", initNs=ns)
    cond = URIRef(kg.term("foraminal disc herniation").iri)
    disc = URIRef(kg.term("L4-L5 disc").iri)
    left = URIRef(kg.term("left").iri)
    lss = URIRef(kg.term("lumbar spinal stenosis").iri)
    para = URIRef(kg.term("paracentral disc herniation").iri)
    limb = URIRef(kg.term("left lower limb").iri)
    via6 = ("skg:affectsZone/^skg:inZone/skg:compressesRoot/skg:hasDermatome/skg:coversArea/"
            "skg:partOf*")

    cases = [
        ("affected_by('left L4')", lambda: kg.affected_by("left L4"),
         lambda: list(g.query(q_affected, initBindings={"r": root}))),
        ("compressed_roots(foraminal, L4-L5, left)",
         lambda: kg.compressed_roots("foraminal disc herniation", level="L4-L5", side="left"),
         lambda: list(g.query(q_compressed, initBindings={"c": cond, "d": disc, "s": left}))),
        ("paths: 6-hop lesion → left lower limb",
         lambda: kg.paths("paracentral disc herniation", "left lower limb", via=via6, limit=1),
         lambda: g.query(q_paths, initBindings={"c": para, "t": limb}).askAnswer),
        ("treatments(LSS, 4 months)",
         lambda: kg.treatments("lumbar spinal stenosis", months_conservative=4),
         lambda: list(g.query(q_treat, initBindings={"c": lss}))),
    ]
    print(f"# spinekg query benchmark — {time.strftime('%Y-%m-%d')}")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor()) \
        if os.path.exists("/proc/cpuinfo") else platform.processor()
    print(f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
          f"{len(g)} triples\n")
    print("| question | repeated (memoised) µs | new question µs | rdflib SPARQL µs | "
          "ratio (new question) | ratio (repeated) |")
    print("|---|---:|---:|---:|---:|---:|")

    def new_question(fn):
        def run():  # forget the answers; the index's derived tables stay warm
            for key in ("answers", "root_impact", "root_profile"):
                kg._memo.pop(key, None)
            fn()
        return run

    for name, ours, theirs in cases:
        warm = median_us(ours)
        cold = median_us(new_question(ours), repeat=300)
        b = median_us(theirs, repeat=200)
        print(f"| {name} | {warm:.1f} | {cold:.1f} | {b:.1f} | {b / cold:.1f}× | "
              f"{b / warm:.0f}× |")
    print("\nnew question = every memoised answer forgotten before each call (term "
          "resolution, index walks and result objects included; the index's derived tables "
          "— closures, ancestor chains, one Step object per edge — stay warm). rdflib SPARQL "
          "returns endpoints only; spinekg also returns the explanation paths.\n")
    firsts = []
    for _ in range(30):
        fresh = skg.SpineKG(kg.index, files=kg.files)  # only the index is built
        t = time.perf_counter_ns()
        fresh.affected_by("left L4")
        firsts.append(time.perf_counter_ns() - t)
    print(f"first question on a fresh SpineKG (builds the label index and the derived "
          f"tables too): {statistics.median(firsts) / 1e6:.1f} ms median")
    with tempfile.TemporaryDirectory() as tmp:
        cold_load(tmp)  # fills the cache
        warm = cold_load(tmp)
    nocache = cold_load(None)
    print(f"cold `import spinekg; spinekg.load()` in a fresh process: {warm:.3f} s with the "
          f"index cache, {nocache:.3f} s without (median of 5)")


if __name__ == "__main__":
    main()
