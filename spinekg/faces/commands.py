"""The commands of the ``spinekg`` command line, one function per subcommand.

Each takes the parsed arguments, asks the library and prints the answer (``--json``:
the whole answer as JSON); :mod:`spinekg.faces.cli` builds the parser and runs them.

Examples
--------
>>> import argparse
>>> _parse_reflexes(["achilles=absent", "patellar = 2+"])
{'achilles': 'absent', 'patellar': '2+'}
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import SpineKGError

__all__ = ["COMMANDS"]


def _kg(args: argparse.Namespace):
    from ..factory import load

    return load(*getattr(args, "extra", None) or (), backend=args.backend)


def _emit(obj: Any, rows: Any, as_json: bool) -> None:
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
    severity = args.severity
    if severity is not None and severity.strip().isdigit():
        severity = int(severity)  # an mJOA score
    plan = _kg(args).treatments(args.condition, months_conservative=args.months,
                                red_flags=args.red_flag or (), severity=severity)
    _emit(plan, plan.to_rows(), args.json)
    return 0


def _cmd_innervation(args: argparse.Namespace) -> int:
    inn = _kg(args).innervation(args.muscle, side=args.side)
    _emit(inn, inn.to_rows(), args.json)
    return 0


def _cmd_exam(args: argparse.Namespace) -> int:
    kg = _kg(args)
    found = kg.test(args.test, side=args.side) if args.test else kg.tests()
    _emit(found, found.to_rows(), args.json)
    return 0


def _cmd_discriminate(args: argparse.Namespace) -> int:
    d = _kg(args).discriminate(args.a, args.b, side=args.side)
    _emit(d, d.to_rows(), args.json)
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


def _localize_text(args: argparse.Namespace) -> int:
    """``localize --text`` / ``--text-file``: read the note, then its differential."""
    if args.text_file:
        note = sys.stdin.read() if args.text_file == "-" else \
            Path(args.text_file).read_text(encoding="utf-8")
    else:
        note = args.text
    kg = _kg(args)
    found = kg.read_findings(note)
    if args.side:
        found = found.with_side(args.side)
    loc = kg.localize(found, strict=not args.lenient, limit=args.limit)
    nxt = _next_tests(loc, args)
    if args.json:
        data = {"localization": loc.to_json(), "findings": found.to_kwargs(),
                "negated": [f.text for f in found.negated],
                "uncertain": [f.text for f in found.uncertain],
                "unparsed": [u[0] for u in found.unparsed]}
        if nxt is not None:
            data["next_tests"] = nxt.to_rows()
        print(json.dumps(data, indent=2, default=str, ensure_ascii=False))
        return 0
    print(loc)
    if nxt is not None:
        print(f"next examinations:\n{nxt}")
    for label, words in (("negated", [f.text for f in found.negated]),
                         ("uncertain", [f.text for f in found.uncertain]),
                         ("unparsed", [u[0] for u in found.unparsed])):
        if words:
            print(f"{label}: {'; '.join(words)}")
    return 0


def _cmd_localize(args: argparse.Namespace) -> int:
    if args.text is not None or args.text_file:
        return _localize_text(args)
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
    nxt = _next_tests(loc, args)
    if args.json:  # lists, the evidence paths, flags, unresolved; and the next examinations
        data = loc.to_json()
        if nxt is not None:
            data["next_tests"] = nxt.to_rows()
        _emit(None, data, True)
        return 0
    print(loc)
    if nxt is not None:
        print(f"next examinations:\n{nxt}")
    return 0


def _next_tests(loc: Any, args: argparse.Namespace) -> Any:
    """``--next N`` (``--by-kind``): the examinations to do next, or None when not asked."""
    if args.next < 0:
        raise ValueError(f"--next takes a count of examinations, 0 or more, not {args.next}")
    if not args.next:
        return None
    return loc.next_tests_by_kind(args.next) if args.by_kind else loc.next_tests(args.next)


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

    if (args.templates is None) != (args.out is None):
        raise ValueError("--templates and --out go together: the tables to read and the "
                         "folder to write")
    if args.check:
        drift = check(args.root)
        if drift:
            print("out of date with the templates: " + ", ".join(drift) + " (run spinekg build)")
            return 1
        print("abox/ matches the templates")
        return 0
    written = build(args.root, templates=args.templates, out=args.out)
    print(f"wrote {len(written)} files under {args.out or 'abox/'}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from ..core.export import export

    export(_kg(args), args.out, format=args.format, overwrite=args.force)
    print(f"wrote {args.out}")
    return 0


def _cmd_release(args: argparse.Namespace) -> int:
    from ..adapters.release import release

    for path in release(_kg(args), args.dir):
        print(f"wrote {path}")
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from .docs import write_docs

    write_docs(_kg(args), args.out, overwrite=args.force)
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


#: The subcommand functions, by name.
COMMANDS = {
    "affected": _cmd_affected,
    "isncsci": _cmd_isncsci,
    "compressed": _cmd_compressed,
    "treatments": _cmd_treatments,
    "innervation": _cmd_innervation,
    "discriminate": _cmd_discriminate,
    "exam": _cmd_exam,
    "localize": _cmd_localize,
    "paths": _cmd_paths,
    "term": _cmd_term,
    "sparql": _cmd_sparql,
    "validate": _cmd_validate,
    "build": _cmd_build,
    "export": _cmd_export,
    "docs": _cmd_docs,
    "release": _cmd_release,
    "stats": _cmd_stats,
    "upload": _cmd_upload,
    "demo": _cmd_demo,
}
