"""The ``spinekg`` command line: the library's questions as sub-commands.

Exit codes: 0 success, 1 validation or build findings, 2 bad input (one clear
line on stderr, never a traceback).

Examples
--------
>>> main(["affected", "left L4"])  # doctest: +ELLIPSIS
left L4: left L4 nerve root (left, lumbar region)
...
0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import SpineKGError

__all__ = ["main"]


def _kg(args: argparse.Namespace):
    from ..factory import load

    return load(*getattr(args, "extra", None) or (), backend=args.backend)


def _emit(obj: Any, rows: list[dict[str, Any]], as_json: bool) -> None:
    """Print ``obj``, or as JSON the whole answer (``obj.to_json()``) or else ``rows``."""
    if as_json:
        data = obj.to_json() if hasattr(obj, "to_json") else rows
        print(json.dumps(data, indent=2, default=str, ensure_ascii=False))
    else:
        print(obj)


def _cmd_affected(args: argparse.Namespace) -> int:
    impact = _kg(args).affected_by(args.what, level=args.level, side=args.side)
    _emit(impact, impact.to_rows(), args.json)
    if not args.json and args.explain:
        for _, term in impact.items():
            print(f"  why {term.label}: {impact.paths[term.curie]}")
    return 0


def _cmd_isncsci(args: argparse.Namespace) -> int:
    from ..clinical.isncsci import format_text

    try:
        text = sys.stdin.read() if args.exam == "-" else Path(args.exam).read_text(encoding="utf-8")
        exam = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise SpineKGError(f"cannot read the exam {args.exam!r}: {err}") from None
    if not isinstance(exam, dict):
        raise SpineKGError(f"the exam {args.exam!r} must be one JSON object of scores "
                           f"(c5RightMotor, s4_5LeftPrick, analContraction, ...)")
    result = _kg(args).isncsci(exam)
    if args.json:
        print(json.dumps(result.to_totals(), indent=2))
    else:
        print(format_text(result))
        if args.explain:
            print(result.explain())
    return 0


def _cmd_compressed(args: argparse.Namespace) -> int:
    comp = _kg(args).compressed_roots(args.lesion, level=args.level, side=args.side)
    _emit(comp, comp.to_rows(), args.json)
    if not args.json:
        for p in comp.paths:
            print(f"  {p}")
    return 0


def _cmd_treatments(args: argparse.Namespace) -> int:
    plan = _kg(args).treatments(args.condition, months_conservative=args.months,
                                red_flags=args.red_flag or ())
    _emit(plan, plan.to_rows(), args.json)
    return 0


def _parse_reflexes(items: Sequence[str] | None, flag: str = "--reflex") -> dict[str, str] | None:
    if not items:
        return None
    out = {}
    for item in items:
        name, sep, state = item.partition("=")
        if not sep or not name.strip() or not state.strip():
            raise ValueError(f"{flag} {item!r}; expected NAME=STATE, e.g. achilles=absent")
        out[name.strip()] = state.strip()
    return out


def _cmd_localize(args: argparse.Namespace) -> int:
    kg = _kg(args)
    if args.csv:
        import pandas as pd

        out = kg.localize_many(pd.read_csv(args.csv), limit=args.limit)
        if args.out:
            out.to_csv(args.out, index=False)
        else:
            print(out.to_csv(index=False), end="")
        return 0
    imaging = None
    if args.imaging:
        parts = [p.strip() for p in args.imaging.split(",")]
        imaging = tuple(parts) if len(parts) == 3 else args.imaging  # or a report line
    signs = _parse_reflexes(args.sign, "--sign") if args.sign else None
    loc = kg.localize(side=args.side, pain=args.pain or (), numbness=args.numbness or (),
                      weakness=args.weakness or (), reflexes=_parse_reflexes(args.reflex),
                      normal=args.normal or (), signs=signs, history=args.history or (),
                      imaging=imaging, strict=not args.lenient, limit=args.limit)
    _emit(loc, loc.to_rows(), args.json)  # JSON: lists, the evidence paths, flags, unresolved
    return 0


def _cmd_paths(args: argparse.Namespace) -> int:
    via = args.via if not args.via or len(args.via) > 1 else args.via[0]  # several: any order
    found = _kg(args).paths(args.source, args.target, via=via, max_hops=args.max_hops,
                            limit=args.limit, level=args.level, side=args.side)
    rows = [{"path": str(p), "sources": list(p.sources)} for p in found]
    if args.json:
        _emit(None, rows, True)
    else:
        for p in found:
            print(p)
        if not found:
            print("no path")
    return 0


def _cmd_term(args: argparse.Namespace) -> int:
    kg = _kg(args)
    terms = kg.search(args.text, limit=args.limit) if args.search else [kg.term(args.text)]
    rows = [{"curie": t.curie, "label": t.label, "kind": t.kind, "iri": t.iri} for t in terms]
    _emit("\n".join(f"{t.curie}\t{t.label}\t{t.kind}" for t in terms), rows, args.json)
    return 0


def _cmd_sparql(args: argparse.Namespace) -> int:
    try:
        text = open(args.file, encoding="utf-8").read() if args.file != "-" else sys.stdin.read()
    except OSError as err:
        raise ValueError(f"cannot read query file {args.file!r}: {err.strerror}") from None
    rows = _kg(args).sparql(text)
    if args.json:
        _emit(None, rows, True)
    else:
        for row in rows:
            print("\t".join(f"{k}={v}" for k, v in row.items()))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..pipeline.parse import bundled_files
    from ..pipeline.validate import validate

    report = validate([*bundled_files(), *args.files] if args.with_bundled else args.files)
    print(report)
    return 0 if report.conforms else 1


def _cmd_build(args: argparse.Namespace) -> int:
    from ..pipeline.build import build, check

    if args.check:
        drift = check(args.root)
        if drift:
            print("out of date with the templates: " + ", ".join(drift) + " (run spinekg build)")
            return 1
        print("abox/ matches the templates")
        return 0
    written = build(args.root)
    print(f"wrote {len(written)} files under abox/")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from ..core.export import export

    export(_kg(args), args.out, format=args.format)
    print(f"wrote {args.out}")
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from .docs import write_docs

    write_docs(_kg(args), args.out)
    print(f"wrote {args.out}")
    return 0


_STATS = ("SpinalNerveRoot", "Vertebra", "IntervertebralDisc", "IntervertebralForamen",
          "Dermatome", "Myotome", "BodyArea", "KeySensoryPoint", "MuscleAction", "Reflex",
          "Condition", "CompressionRule", "Symptom", "Treatment", "Source")


def _cmd_stats(args: argparse.Namespace) -> int:
    kg = _kg(args)
    ix = kg.index
    rows = [{"what": "triples", "count": ix.n_triples},
            {"what": "terms", "count": len(ix.terms)},
            {"what": "sourced statements (axioms)", "count": len(ix.edges)}]
    rows += [{"what": ix.terms[f"skg:{c}"].label, "count": len(ix.instances(f"skg:{c}"))}
             for c in _STATS]
    _emit("\n".join(f"{r['count']:>8}  {r['what']}" for r in rows), rows, args.json)
    return 0


def _cmd_upload(args: argparse.Namespace) -> int:
    from ..adapters.endpoint import upload

    n = upload(args.url, args.files or None, method=args.method, timeout=args.timeout)
    print(f"sent {n} triples to {args.url}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    kg = _kg(args)
    print(f"spinekg: {kg!r}\n")
    print("1. Lumbar foraminal stenosis at L4-L5 on the left compresses:")
    comp = kg.compressed_roots("lumbar foraminal stenosis", level="L4-L5", side="left")
    for p in comp.paths:
        print(f"   {p}")
    print("\n2. What the compressed left L4 root affects (left side only):")
    impact = kg.affected_by("lumbar foraminal stenosis", level="L4-L5", side="left")
    print("   " + str(impact).replace("\n", "\n   "))
    print("\n   why the left patellar reflex:")
    print(f"   {impact.explain('skg:reflex_patellar_left')}")
    print("\n3. Why the pain is one-sided, and why stenosis here means hip pain:")
    lesion = kg.term("lumbar foraminal stenosis")
    print(f"   {lesion.label}: {kg.index.value(lesion.curie, 'skg:typicalLaterality')}")
    for region in ("lumbar", "cervical", "thoracic"):
        for p in kg.paths(f"{region} spinal stenosis", "hip pain", via="skg:causesSymptom"):
            info = p.steps[-1].info
            cited = "; ".join(kg.index.terms[s].label for s in info.sources)
            print(f"   {p}  [{info.frequency}] ({cited})")
    print("\n4. Treatment after 4 months of conservative care:")
    print("   " + str(kg.treatments("lumbar spinal stenosis",
                                    months_conservative=4)).replace("\n", "\n   "))
    return 0


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line on stderr ("spinekg CMD: error: ..."), exit code 2."""

    def error(self, message: str):  # type: ignore[override]
        hint = f" (see {self.prog} --help)"
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}{hint}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="spinekg", description="Ask the spine knowledge graph.")
    p.add_argument("--backend", default="memory", choices=["memory", "oxigraph"])
    p.add_argument("--extra", action="append", metavar="FILE",
                   help="merge this RDF file into the graph (repeatable)")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, func, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.set_defaults(func=func)
        sp.add_argument("--json", action="store_true", help="print JSON")
        return sp

    sp = add("affected", _cmd_affected, "what a root or a lesion affects")
    sp.add_argument("what")
    sp.add_argument("--level")
    sp.add_argument("--side")
    sp.add_argument("--explain", action="store_true", help="print the path for every item")
    sp = add("compressed", _cmd_compressed, "roots a lesion compresses")
    sp.add_argument("lesion")
    sp.add_argument("--level", required=True)
    sp.add_argument("--side")
    sp = add("treatments", _cmd_treatments, "the treatment ladder of a condition")
    sp.add_argument("condition")
    sp.add_argument("--months", type=float)
    sp.add_argument("--red-flag", action="append")
    sp = add("localize", _cmd_localize, "the differential of a set of findings")
    sp.add_argument("--side")
    sp.add_argument("--pain", action="append")
    sp.add_argument("--numbness", action="append")
    sp.add_argument("--weakness", action="append")
    sp.add_argument("--reflex", action="append", metavar="NAME=STATE")
    sp.add_argument("--imaging", metavar="'LESION, LEVEL, SIDE' or 'MRI: left L4-L5 ...'")
    sp.add_argument("--normal", action="append", help="examined and normal")
    sp.add_argument("--sign", action="append", metavar="NAME=STATE")
    sp.add_argument("--history", action="append")
    sp.add_argument("--csv", metavar="FILE", help="one case a row; writes one row per case")
    sp.add_argument("--out", metavar="FILE", help="with --csv: write the rows here")
    sp.add_argument("--lenient", action="store_true", help="list unknown words, don't fail")
    sp.add_argument("--limit", type=int, default=5)
    sp = add("isncsci", _cmd_isncsci, "classify an ISNCSCI exam (JSON file, '-' for stdin)")
    sp.add_argument("exam", help="JSON object of scores in the reference cases' flat form")
    sp.add_argument("--explain", action="store_true", help="say what decided each level")
    sp = add("paths", _cmd_paths, "explanation paths between two terms")
    sp.add_argument("source")
    sp.add_argument("target", nargs="?")
    sp.add_argument("--via", action="append", metavar="PATTERN",
                    help="predicate pattern; given twice or more, a path of those patterns' steps "
                         "in any order")
    sp.add_argument("--level", help="disc level of a lesion SOURCE (e.g. L4-L5)")
    sp.add_argument("--side", help="left or right")
    sp.add_argument("--max-hops", type=int, default=6)
    sp.add_argument("--limit", type=int, default=10)
    sp = add("term", _cmd_term, "resolve a name (or --search)")
    sp.add_argument("text")
    sp.add_argument("--search", action="store_true")
    sp.add_argument("--limit", type=int, default=10)
    sp = add("sparql", _cmd_sparql, "run a SPARQL query file ('-' for stdin)")
    sp.add_argument("file")
    sp = add("validate", _cmd_validate, "SHACL + QC checks of RDF files")
    sp.add_argument("files", nargs="+")
    sp.add_argument("--with-bundled", action="store_true",
                    help="check the files merged with the bundled ontology")
    sp = add("build", _cmd_build, "generate abox/ from templates/")
    sp.add_argument("--root", help="ontology folder (default: the bundled one)")
    sp.add_argument("--check", action="store_true", help="only report drift")
    sp = add("export", _cmd_export, "write the graph as turtle, nt, jsonld, graphml or json")
    sp.add_argument("out")
    sp.add_argument("--format", default=None)
    sp = add("docs", _cmd_docs, "write the HTML documentation of the ontology")
    sp.add_argument("--out", default="docs/ontology.html")
    add("stats", _cmd_stats, "how many of each kind of thing the graph holds")
    sp = add("upload", _cmd_upload, "load the bundled ontology (or FILES) into a SPARQL store")
    sp.add_argument("url", help="SPARQL UPDATE URL (or Graph Store URL with --method store)")
    sp.add_argument("files", nargs="*")
    sp.add_argument("--method", choices=["update", "store"], default="update")
    sp.add_argument("--timeout", type=float, default=60.0)
    add("demo", _cmd_demo, "the canonical example")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed one line of usage
        return int(exc.code or 0)
    try:
        return args.func(args)
    except (SpineKGError, ValueError, TypeError, KeyError) as err:
        msg = str(err) if not isinstance(err, KeyError) or isinstance(err, SpineKGError) \
            else str(err.args[0] if err.args else err)
        print(f"spinekg {args.command}: error: {msg}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - `spinekg ... | head`
        return 0
    except OSError as err:  # a file that cannot be read or written
        where = f": {err.filename}" if err.filename else ""
        print(f"spinekg {args.command}: error: {err.strerror or err}{where}", file=sys.stderr)
        return 2
