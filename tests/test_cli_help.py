"""The command line explains itself: help for every option, --version, format names, quiet export."""

from __future__ import annotations

import argparse
import subprocess
import sys
import warnings

import pytest

from spinekg import __version__
from spinekg.faces.cli import _parser, main


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


PARSER = _parser()
COMMANDS = _subparsers(PARSER)


def _actions(parser: argparse.ArgumentParser):
    return [a for a in parser._actions
            if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))]


def test_every_command_is_listed_with_help():
    [action] = [a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction)]
    helped = {c.dest: c.help for c in action._choices_actions}
    assert set(helped) == set(COMMANDS)
    assert all(h and h.strip() for h in helped.values()), helped


@pytest.mark.parametrize("name", ["(top)", *COMMANDS])
def test_every_option_has_help(name):
    parser = PARSER if name == "(top)" else COMMANDS[name]
    missing = [a.dest for a in _actions(parser) if not (a.help and a.help.strip())]
    assert missing == [], f"{name}: no help for {missing}"


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"spinekg {__version__}"


def test_help_exits_cleanly(capsys):
    assert main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    for name in ("turtle", "nt", "json-ld", "xml", "graphml", "json", "ttl", "owl", "jsonld"):
        assert name in out, name


_WHOLE_GRAPH = pytest.mark.slow  # each writes the whole ontology: one per format family stays fast


@pytest.mark.parametrize("alias, suffix, head", [
    ("ttl", "ttl", b"@prefix"),
    pytest.param("TURTLE", "ttl", b"@prefix", marks=_WHOLE_GRAPH),
    ("owl", "owl", b"<?xml"),
    pytest.param("rdf", "rdf", b"<?xml", marks=_WHOLE_GRAPH),
    pytest.param("jsonld", "jsonld", b"[", marks=_WHOLE_GRAPH),
    pytest.param("ntriples", "nt", b"<https://w3id.org/spinekg/", marks=_WHOLE_GRAPH),
])
def test_export_aliases(tmp_path, capsys, alias, suffix, head):
    out = tmp_path / f"spine.{suffix}"
    assert main(["export", str(out), "--format", alias]) == 0, capsys.readouterr().err
    assert out.read_bytes().lstrip().startswith(head)


def test_unknown_format_names_the_aliases(tmp_path, capsys):
    assert main(["export", str(tmp_path / "x.out"), "--format", "yaml"]) == 2
    err = capsys.readouterr().err
    assert "'yaml'" in err and "ttl" in err and "owl" in err and "Traceback" not in err


def test_ntriples_export_is_quiet(tmp_path, capsys):
    """rdflib warns about the encoding unless it is given; the user should see nothing."""
    out = tmp_path / "spine.nt"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["export", str(out)]) == 0
    assert [str(w.message) for w in caught] == []
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.strip() == f"wrote {out}"
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("<") and first.endswith(" .")


@pytest.mark.slow  # a subprocess writing the whole graph
def test_ntriples_export_subprocess_stderr_empty(tmp_path):
    out = tmp_path / "spine.nt"
    run = subprocess.run([sys.executable, "-W", "default", "-m", "spinekg", "export", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stderr == "", run.stderr
