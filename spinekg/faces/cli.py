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
import os
import sys
from collections.abc import Sequence

from ..errors import SpineKGError
from .commands import COMMANDS

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line on stderr ("spinekg CMD: error: ..."), exit code 2."""

    def error(self, message: str):  # type: ignore[override]
        hint = f" (see {self.prog} --help)"
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}{hint}\n")


def _parser() -> argparse.ArgumentParser:
    from .._version import __version__
    from ..core.export import ALIASES, FORMATS

    p = _Parser(prog="spinekg", description="Ask the spine knowledge graph.",
                epilog="Run 'spinekg COMMAND --help' for the options of one command.")
    p.add_argument("--version", action="version", version=f"spinekg {__version__}",
                   help="print the version of spinekg and exit")
    p.add_argument("--backend", default="memory", choices=["memory", "oxigraph"],
                   help="where the graph is held: memory (rdflib, the default) or oxigraph "
                        "(needs the fast extra)")
    p.add_argument("--extra", action="append", metavar="FILE",
                   help="merge this RDF file into the graph (repeatable)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_[:1].upper() + help_[1:] + ".")
        sp.set_defaults(func=func)
        sp.add_argument("--json", action="store_true", help="print the answer as JSON")
        return sp

    side = "the side: left or right"
    sp = add("affected", COMMANDS["affected"], "what a root or a lesion affects")
    sp.add_argument("what", help="a nerve root ('left L4') or a lesion ('foraminal stenosis')")
    sp.add_argument("--level", help="the disc level of a lesion, e.g. L4-L5")
    sp.add_argument("--side", help=f"{side} (of a lesion, or of a root named without one)")
    sp.add_argument("--explain", action="store_true", help="print the path for every item")
    sp = add("compressed", COMMANDS["compressed"], "roots a lesion compresses")
    sp.add_argument("lesion", help="a lesion, e.g. 'paracentral disc herniation'")
    sp.add_argument("--level", required=True, help="the disc level, e.g. L4-L5 (required)")
    sp.add_argument("--side", help=side)
    sp = add("treatments", COMMANDS["treatments"], "the treatment ladder of a condition")
    sp.add_argument("condition", help="a condition, e.g. 'lumbar spinal stenosis'")
    sp.add_argument("--months", type=float, metavar="N",
                    help="months of conservative care so far (decides the recommended tier)")
    sp.add_argument("--red-flag", action="append", metavar="FLAG",
                    help="a red flag present, e.g. 'cauda equina syndrome' (repeatable)")
    sp.add_argument("--severity", help="mild, moderate, severe or an mJOA score (myelopathy)")
    sp = add("innervation", COMMANDS["innervation"], "the nerve chain and roots of a muscle")
    sp.add_argument("muscle", help="a muscle, e.g. 'tibialis anterior' or 'EHL'")
    sp.add_argument("--side", help=side)
    sp = add("exam", COMMANDS["exam"], "an examination test's accuracy rows, or every test")
    sp.add_argument("test", nargs="?", help="a test or history item, e.g. 'straight leg raise'; "
                                            "none: the table of every test")
    sp.add_argument("--side", help=side)
    sp = add("discriminate", COMMANDS["discriminate"], "the findings that tell two lesions apart")
    sp.add_argument("a", help="a root, nerve, entrapment site or plexus part, e.g. 'left L5'")
    sp.add_argument("b", help="the other, e.g. 'left common fibular nerve'")
    sp.add_argument("--side", help=side)
    sp = add("localize", COMMANDS["localize"], "the differential of a set of findings")
    sp.add_argument("--side", help=f"{side} of the findings")
    repeatable = (
        ("--pain", "AREA", "where it hurts, e.g. 'buttock'"),
        ("--numbness", "AREA", "where sensation is lost, e.g. 'dorsum of foot'"),
        ("--weakness", "ACTION", "a weak action or muscle, e.g. 'great toe extension'"),
        ("--reflex", "NAME=STATE", "a reflex and its state, e.g. achilles=absent"),
        ("--normal", "FINDING", "examined and normal, e.g. 'ankle inversion'"),
        ("--sign", "NAME=STATE", "a sign or test and its result, e.g. Babinski=positive"),
        ("--history", "TEXT", "a history item, e.g. 'pain on walking relieved by sitting'"),
    )
    for flag, metavar, text in repeatable:
        sp.add_argument(flag, action="append", metavar=metavar, help=f"{text} (repeatable)")
    sp.add_argument("--imaging", metavar="'LESION, LEVEL, SIDE' or 'MRI: ...'",
                    help="an imaging finding, e.g. 'foraminal disc herniation, L4-L5, right' or "
                         "'MRI: left L4-L5 foraminal disc herniation'")
    sp.add_argument("--csv", metavar="FILE", help="one case a row; writes one row per case")
    sp.add_argument("--out", metavar="FILE", help="with --csv: write the rows here")
    sp.add_argument("--lenient", action="store_true", help="list unknown words, don't fail")
    sp.add_argument("--limit", type=int, default=5, metavar="N",
                    help="how many candidate roots to list (default: 5)")
    sp.add_argument("--next", type=int, default=0, metavar="N",
                    help="also the N most informative examinations not yet done")
    sp.add_argument("--by-kind", action="store_true",
                    help="with --next: the best N of each kind (strength, sensation, reflex, test)")
    note = sp.add_mutually_exclusive_group()
    note.add_argument("--text", metavar="NOTE", help="read the findings from a clinician's note")
    note.add_argument("--text-file", metavar="FILE", help="the note from a file ('-' for stdin)")
    sp = add("isncsci", COMMANDS["isncsci"], "classify an ISNCSCI exam (JSON file, '-' for stdin)")
    sp.add_argument("exam", help="JSON object of scores in the reference cases' flat form")
    sp.add_argument("--explain", action="store_true", help="say what decided each level")
    sp = add("paths", COMMANDS["paths"], "explanation paths between two terms")
    sp.add_argument("source", help="where the paths start, e.g. 'left L4'")
    sp.add_argument("target", nargs="?", help="where they end (omit: every end the pattern reaches)")
    sp.add_argument("--via", action="append", metavar="PATTERN",
                    help="the predicates to follow, e.g. 'skg:hasDermatome/skg:coversArea'; given "
                         "twice or more, a path of those patterns' steps in any order")
    sp.add_argument("--level", help="the disc level of a lesion SOURCE, e.g. L4-L5")
    sp.add_argument("--side", help=side)
    sp.add_argument("--max-hops", type=int, default=6, metavar="N",
                    help="the longest path, in edges (default: 6)")
    sp.add_argument("--limit", type=int, default=10, metavar="N",
                    help="how many paths to print (default: 10)")
    sp = add("term", COMMANDS["term"], "resolve a name (or --search)")
    sp.add_argument("text", help="a label, an alt label, a CURIE or a code, e.g. 'M48.062'")
    sp.add_argument("--search", action="store_true", help="list the nearest names instead")
    sp.add_argument("--limit", type=int, default=10, metavar="N",
                    help="how many names --search lists (default: 10)")
    sp = add("sparql", COMMANDS["sparql"], "run a SPARQL query file ('-' for stdin)")
    sp.add_argument("file", help="the query file, or '-' to read the query from stdin")
    sp = add("validate", COMMANDS["validate"], "SHACL + QC checks of RDF files")
    sp.add_argument("files", nargs="+", help="the RDF files to check")
    sp.add_argument("--with-bundled", action="store_true",
                    help="check the files merged with the bundled ontology")
    sp = add("build", COMMANDS["build"], "generate abox/ from templates/")
    sp.add_argument("--root", help="ontology folder (default: the bundled one)")
    sp.add_argument("--check", action="store_true", help="only report drift")
    sp.add_argument("--templates", help="folder of template tables (with --out; needed "
                    "outside a source checkout)")
    sp.add_argument("--out", help="folder to write the ABox files to (with --templates)")
    force = "replace an existing file (the bundled ontology and links are never written)"
    names = ", ".join(FORMATS)
    aliases = ", ".join(f"{a} = {f}" for a, f in ALIASES.items())
    sp = add("export", COMMANDS["export"], f"write the graph as {names}")
    sp.add_argument("out", help="the file to write; its suffix gives the format when --format "
                                "is not given (.ttl, .nt, .jsonld, .rdf, .owl, .graphml, .json)")
    sp.add_argument("--format", default=None, metavar="FORMAT",
                    help=f"one of {names}; also accepted: {aliases}")
    sp.add_argument("--force", action="store_true", help=force)
    sp = add("release", COMMANDS["release"],
             "write the OBO-style release (owl, ttl, obo, json, sssom)")
    sp.add_argument("dir", help="folder to write into")
    sp = add("docs", COMMANDS["docs"], "write the HTML documentation of the ontology")
    sp.add_argument("--out", default="docs/ontology.html", metavar="FILE",
                    help="the HTML file to write (default: docs/ontology.html)")
    sp.add_argument("--force", action="store_true", help=force)
    add("stats", COMMANDS["stats"], "how many of each kind of thing the graph holds")
    sp = add("upload", COMMANDS["upload"], "load the bundled ontology (or FILES) into a SPARQL store")
    sp.add_argument("url", help="SPARQL UPDATE URL (or Graph Store URL with --method store)")
    sp.add_argument("files", nargs="*", help="RDF files to send instead of the bundled ontology")
    sp.add_argument("--method", choices=["update", "store"], default="update",
                    help="SPARQL UPDATE requests (default) or the Graph Store protocol")
    sp.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                    help="give up after this many seconds (default: 60)")
    add("demo", COMMANDS["demo"], "the canonical example")
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
    except RecursionError:
        print(f"spinekg {args.command}: error: the input is nested too deeply to process",
              file=sys.stderr)
        return 2
    except MemoryError:
        print(f"spinekg {args.command}: error: out of memory (try --backend oxigraph, or a "
              "smaller input)", file=sys.stderr)
        return 2
    except Exception as err:  # a fault of spinekg itself: one line too (SPINEKG_DEBUG=1: all)
        if os.environ.get("SPINEKG_DEBUG"):
            raise
        print(f"spinekg {args.command}: internal error: {type(err).__name__}: "
              f"{' '.join(str(err).split())[:300]} (set SPINEKG_DEBUG=1 for the traceback; "
              "please report it, see SECURITY.md)", file=sys.stderr)
        return 2
