"""Bad input to every public call and CLI command: a clear error from the error tree
(or ValueError/TypeError) that quotes the value and says what is valid — never a raw
exception from rdflib, networkx or pyparsing internals, never a traceback on the CLI."""

from __future__ import annotations

import math

import pytest

import spinekg as skg
from spinekg.errors import SpineKGError, UnknownTermError
from spinekg.faces.cli import main

LONG = "L" * 10_000
ALLOWED = (SpineKGError, ValueError, TypeError)
FOREIGN = ("rdflib", "networkx", "pyparsing")
#: Words that say what is valid (an expectation, a list of choices, suggestions).
HINTS = ("expected", "valid", "did you mean", "say which", "at most", "give ", "limit",
         "names two sides", "must be", "pass ", "one of", "refused", "such as", "variables",
         "rules cover", "red flags are", "is a ", "is only for", "no such file", "line",
         "must map", "not a curie or", "no term matches", "choose from")


def check_error(err: BaseException, shows: object) -> None:
    """``err`` is one of ours, quotes ``shows`` and says what is valid."""
    assert isinstance(err, ALLOWED), f"{type(err).__module__}.{type(err).__name__}: {err}"
    assert not type(err).__module__.startswith(FOREIGN), type(err)
    msg = str(err)
    if shows is not None:
        forms = {repr(shows), str(shows)} if not isinstance(shows, str) else {repr(shows), shows}
        if isinstance(shows, list):  # a list may be quoted as the tuple it was copied to
            forms.add(repr(tuple(shows)))
        if isinstance(shows, str) and len(shows) > 60:  # long values are quoted shortened
            forms = {repr(shows[:40])[:-1], str(len(shows))}
        assert any(f in msg for f in forms), f"{msg!r} does not quote {shows!r}"
    assert any(h in msg.lower() for h in HINTS), f"{msg!r} does not say what is valid"


# ---------------------------------------------------------------------------------------
# (id, call, value the message must quote or None)
TERM_TEXTS = [
    ("empty", "", ""),
    ("spaces", "   ", "   "),
    ("tab-newline", "\t\n", None),
    ("none", None, None),
    ("long", LONG, LONG),
    ("control-nul", "L4\x00left", "L4\x00left"),
    ("control-bell", "\x07", "\x07"),
    ("escape-seq", "\x1b[31mL4", "\x1b[31mL4"),
    ("int", 4, 4),
    ("float", 4.5, 4.5),
    ("list", ["L4"], ["L4"]),
    ("dict", {"L4": "left"}, {"L4": "left"}),
    ("bytes", b"L4", b"L4"),
    ("unicode-unknown", "脊椎神経根", "脊椎神経根"),
    ("emoji", "🦴🦴", "🦴🦴"),
    ("rtl-override", "\u202eL4 left", None),
    ("L6", "L6", "L6"),
    ("C9", "C9", "C9"),
    ("S6", "S6", "S6"),
    ("T13", "T13", "T13"),
    ("nonsense", "xyzzy plugh", "xyzzy plugh"),
    ("two-sides", "left right L4", "left right L4"),
    ("curie-unknown", "skg:root_L9_left", "skg:root_L9_left"),
    ("iri-unknown", "http://example.org/nothing", "http://example.org/nothing"),
    ("sparql-ish", "'} ; DROP ALL ; SELECT * {'", "'} ; DROP ALL ; SELECT * {'"),
]


@pytest.mark.parametrize("text,shows", [c[1:] for c in TERM_TEXTS], ids=[c[0] for c in TERM_TEXTS])
def test_term_bad_text(kg, text, shows):
    with pytest.raises(ALLOWED) as info:
        kg.term(text)
    check_error(info.value, shows)


@pytest.mark.parametrize("text", ["L6", "l6", "L6 root", "left L6"])
def test_l6_suggests_l5_and_s1(kg, text):
    with pytest.raises(UnknownTermError) as info:
        kg.term(text)
    assert {"L5", "S1"} <= set(info.value.suggestions), info.value.suggestions
    assert "L5" in str(info.value) and "S1" in str(info.value)


@pytest.mark.parametrize("level,near", [("C9", {"C8", "T1"}), ("S6", {"S5"}), ("T13", {"T12"})])
def test_out_of_range_levels_suggest_neighbours(kg, level, near):
    with pytest.raises(UnknownTermError) as info:
        kg.term(level)
    assert near <= set(info.value.suggestions), info.value.suggestions


@pytest.mark.parametrize("side", ["up", "", 3, ["left"], "left and right", "sinister"])
def test_term_bad_side(kg, side):
    with pytest.raises(ALLOWED) as info:
        kg.term("L4", side=side)
    check_error(info.value, side)


@pytest.mark.parametrize("text,limit,shows", [
    ("", 10, ""), (None, 10, None), (LONG, 10, LONG), ("toe", 0, 0), ("toe", -3, -3),
    ("toe", "10", "10"), ("toe", 2.5, 2.5), ("toe", True, True), ("toe", None, None),
], ids=["empty", "none", "long", "limit0", "limit-neg", "limit-str", "limit-float",
        "limit-bool", "limit-none"])
def test_search_bad(kg, text, limit, shows):
    with pytest.raises(ALLOWED) as info:
        kg.search(text, limit=limit)
    check_error(info.value, shows)


def test_search_unicode_is_empty_not_error(kg):
    assert kg.search("脊椎") == []


CLINICAL = [
    ("affected-empty", lambda kg: kg.affected_by(""), ""),
    ("affected-none", lambda kg: kg.affected_by(None), None),
    ("affected-int", lambda kg: kg.affected_by(4), 4),
    ("affected-L6", lambda kg: kg.affected_by("L6", side="left"), "L6"),
    ("affected-side-up", lambda kg: kg.affected_by("L4", side="up"), "up"),
    ("affected-side-int", lambda kg: kg.affected_by("L4", side=1), 1),
    ("affected-root-with-level", lambda kg: kg.affected_by("left L4", level="L4-L5"), "L4-L5"),
    ("affected-lesion-no-level", lambda kg: kg.affected_by("lumbar foraminal stenosis",
                                                           side="left"),
     "lumbar foraminal stenosis"),
    ("affected-not-root", lambda kg: kg.affected_by("left patellar reflex"),
     "left patellar reflex"),
    ("affected-cervical-lumbar", lambda kg: kg.affected_by("lumbar foraminal stenosis",
                                                           level="C5-C6", side="left"), "C5-C6"),
    ("affected-bad-level", lambda kg: kg.affected_by("lumbar foraminal stenosis",
                                                     level="L6-S1", side="left"), "L6-S1"),
    ("compressed-C9", lambda kg: kg.compressed_roots("foraminal disc herniation", level="C9-C10",
                                                     side="left"), "C9-C10"),
    ("compressed-level-int", lambda kg: kg.compressed_roots("foraminal disc herniation",
                                                            level=45), 45),
    ("compressed-level-none", lambda kg: kg.compressed_roots("foraminal disc herniation",
                                                             level=None), None),
    ("compressed-level-list", lambda kg: kg.compressed_roots("foraminal disc herniation",
                                                             level=["L4", "L5"]), ["L4", "L5"]),
    ("compressed-level-empty", lambda kg: kg.compressed_roots("foraminal disc herniation",
                                                              level=""), ""),
    ("compressed-level-vertebra", lambda kg: kg.compressed_roots("foraminal disc herniation",
                                                                 level="L4"), "L4"),
    ("compressed-cervical-lumbar", lambda kg: kg.compressed_roots(
        "lumbar foraminal stenosis", level="C5-C6", side="left"), "C5-C6"),
    ("compressed-side-up", lambda kg: kg.compressed_roots("foraminal disc herniation",
                                                          level="L4-L5", side="up"), "up"),
    ("compressed-not-lesion", lambda kg: kg.compressed_roots("left L4", level="L4-L5"),
     "left L4 nerve root"),
    ("compressed-unknown-lesion", lambda kg: kg.compressed_roots("broken heart", level="L4-L5"),
     "broken heart"),
    ("treat-empty", lambda kg: kg.treatments(""), ""),
    ("treat-list", lambda kg: kg.treatments(["lumbar spinal stenosis"]),
     ["lumbar spinal stenosis"]),
    ("treat-not-condition", lambda kg: kg.treatments("left L4"), "left L4 nerve root"),
    ("treat-months-neg", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                  months_conservative=-1), -1),
    ("treat-months-nan", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                  months_conservative=math.nan), math.nan),
    ("treat-months-inf", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                  months_conservative=math.inf), math.inf),
    ("treat-months-str", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                  months_conservative="four"), "four"),
    ("treat-months-bool", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                   months_conservative=True), True),
    ("treat-flag-unknown", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                    red_flags=["alien abduction"]),
     "alien abduction"),
    ("treat-flag-not-red", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                    red_flags=["left L4"]), "left L4 nerve root"),
    ("treat-flags-int", lambda kg: kg.treatments("lumbar spinal stenosis", red_flags=3), 3),
    ("treat-flags-none-item", lambda kg: kg.treatments("lumbar spinal stenosis",
                                                       red_flags=[None]), None),
]


@pytest.mark.parametrize("call,shows", [c[1:] for c in CLINICAL], ids=[c[0] for c in CLINICAL])
def test_clinical_bad(kg, call, shows):
    with pytest.raises(ALLOWED) as info:
        call(kg)
    check_error(info.value, shows)


LOCALIZE = [
    ("no-findings", {}, None),
    ("side-up", {"side": "up", "numbness": ["big toe"]}, "up"),
    ("numb-empty", {"numbness": [""]}, ""),
    ("numb-none-item", {"numbness": [None]}, None),
    ("numb-int", {"numbness": 5}, 5),
    ("numb-int-item", {"numbness": [5]}, 5),
    ("numb-long", {"numbness": [LONG]}, LONG),
    ("numb-control", {"numbness": ["big\x00toe"]}, "big\x00toe"),
    ("numb-unknown", {"numbness": ["the moon"]}, "the moon"),
    ("weak-unknown", {"weakness": ["flying"]}, "flying"),
    ("reflex-state-unknown", {"reflexes": {"patellar": "wobbly"}}, "wobbly"),
    ("reflex-state-int", {"reflexes": {"patellar": 0}}, 0),
    ("reflex-unknown", {"reflexes": {"elbow sneeze": "absent"}}, "elbow sneeze"),
    ("reflexes-list", {"reflexes": ["patellar"]}, ["patellar"]),
    ("imaging-str", {"imaging": "disc, L4-L5, left"}, "disc, L4-L5, left"),
    ("imaging-2", {"imaging": ("foraminal disc herniation", "L4-L5")},
     ("foraminal disc herniation", "L4-L5")),
    ("imaging-cervical-lumbar", {"imaging": ("lumbar foraminal stenosis", "C5-C6", "left")},
     "C5-C6"),
    ("imaging-L6", {"imaging": ("foraminal disc herniation", "L6-S1", "left")}, "L6-S1"),
    ("limit-0", {"numbness": ["big toe"], "limit": 0}, 0),
    ("limit-str", {"numbness": ["big toe"], "limit": "5"}, "5"),
    ("strict-str", {"numbness": ["big toe"], "strict": "no"}, "no"),
]


@pytest.mark.parametrize("kwargs,shows", [c[1:] for c in LOCALIZE], ids=[c[0] for c in LOCALIZE])
def test_localize_bad(kg, kwargs, shows):
    with pytest.raises(ALLOWED) as info:
        kg.localize(**kwargs)
    check_error(info.value, shows)


PATHS = [
    ("source-empty", ("", "left"), {}, ""),
    ("source-none", (None, "left"), {}, None),
    ("source-L6", ("L6", "left"), {}, "L6"),
    ("target-int", ("left L4", 7), {}, 7),
    ("via-unbalanced", ("left L4", "left"), {"via": "skg:a/("}, "skg:a/("),
    ("via-no-prefix", ("left L4", "left"), {"via": "hasSide"}, "hasSide"),
    ("via-operator-only", ("left L4", "left"), {"via": "|"}, "|"),
    ("via-empty-list", ("left L4", "left"), {"via": []}, []),
    ("via-int", ("left L4", "left"), {"via": 3}, 3),
    ("via-angle", ("left L4", "left"), {"via": "<http://x"}, "<http://x"),
    ("via-junk", ("left L4", "left"), {"via": "skg:a & skg:b"}, "skg:a & skg:b"),
    ("max-hops-0", ("left L4", "left"), {"max_hops": 0}, 0),
    ("max-hops-neg", ("left L4", "left"), {"max_hops": -1}, -1),
    ("max-hops-huge", ("left L4", "left"), {"max_hops": 1000}, 1000),
    ("max-hops-float", ("left L4", "left"), {"max_hops": 2.0}, 2.0),
    ("max-hops-str", ("left L4", "left"), {"max_hops": "3"}, "3"),
    ("limit-0", ("left L4", "left"), {"limit": 0}, 0),
]


@pytest.mark.parametrize("args,kwargs,shows", [c[1:] for c in PATHS], ids=[c[0] for c in PATHS])
def test_kg_paths_bad(kg, args, kwargs, shows):
    with pytest.raises(ALLOWED) as info:
        kg.paths(*args, **kwargs)
    check_error(info.value, shows)


@pytest.mark.parametrize("args,kwargs,shows", [
    (("skg:root_L4_left", "skg:Left"), {"via": "skg:a/("}, "skg:a/("),
    (("skg:root_L4_left", "skg:Left"), {"max_hops": 0}, 0),
    (("skg:root_L4_left",), {"via": ["skg:hasSide", 3]}, ["skg:hasSide", 3]),
    (("skg:root_L4_left",), {"limit": -1}, -1),
], ids=["via-unbalanced", "max-hops-0", "via-list-int", "limit-neg"])
def test_skg_paths_bad(kg, args, kwargs, shows):
    with pytest.raises(ALLOWED) as info:
        skg.paths(kg.nx, *args, **kwargs)
    check_error(info.value, shows)


@pytest.mark.parametrize("source,target", [("left L4", "skg:Left"), ("skg:root_L4_left", "L6"),
                                           ("skg:nope", None)])
def test_skg_paths_unknown_node_is_nodenotfound(kg, source, target):
    import networkx as nx

    with pytest.raises(nx.NodeNotFound) as info:
        skg.paths(kg.nx, source, target)
    assert repr(source) in str(info.value) or repr(target) in str(info.value)


SPARQL = [
    ("empty", ("",), {}, ""),
    ("none", (None,), {}, None),
    ("int", (5,), {}, 5),
    ("malformed", ("SELECT ?s WHERE { ?s",), {}, None),
    ("binding-not-var", ("SELECT ?s WHERE { ?s a skg:SpinalNerveRoot }",), {"x": 1}, "x"),
    ("binding-object", ("SELECT ?s WHERE { ?s ?p ?o }",), {"o": object()}, None),
    ("binding-list", ("SELECT ?s WHERE { ?s ?p ?o }",), {"o": [1, 2]}, [1, 2]),
    ("update-insert", ("INSERT DATA { skg:x skg:y skg:z }",), {}, None),
    ("update-drop", ("DROP ALL",), {}, None),
    ("update-delete", ("DELETE WHERE { ?s ?p ?o }",), {}, None),
    ("load-remote", ("LOAD <http://example.org/evil.ttl>",), {}, None),
]


@pytest.mark.parametrize("args,kwargs,shows", [c[1:] for c in SPARQL], ids=[c[0] for c in SPARQL])
def test_sparql_bad(kg, args, kwargs, shows):
    with pytest.raises(ALLOWED) as info:
        kg.sparql(*args, **kwargs)
    check_error(info.value, shows)


def test_load_bad(tmp_path):
    cases = [
        ((), {"backend": "postgres"}, "postgres"),
        ((), {"backend": None}, None),
        ((3,), {}, 3),
        ((None,), {}, None),
        ((str(tmp_path / "missing.ttl"),), {}, "missing.ttl"),
        ((str(tmp_path / "x.docx"),), {}, ".docx"),
        ((), {"path": str(tmp_path)}, None),
    ]
    for args, kwargs, shows in cases:
        with pytest.raises(ALLOWED) as info:
            skg.load(*args, **kwargs)
        check_error(info.value, shows)


@pytest.mark.parametrize("arg,shows", [
    (["/no/such/file.ttl"], "/no/such/file.ttl"), (["notes.docx"], ".docx"),
    ([__file__.replace(".py", ".ttl")], "test_bad_input.ttl"),
], ids=["missing", "bad-suffix", "missing-ttl"])
def test_validate_bad(arg, shows):
    with pytest.raises(ALLOWED) as info:
        skg.validate(arg)
    check_error(info.value, shows)


# --- CLI ---------------------------------------------------------------------------------
CLI = [
    ["term", ""],
    ["term", "   "],
    ["term", "L6"],
    ["term", "C9"],
    ["term", "L4\x01"],
    ["term", LONG],
    ["term", "toe", "--search", "--limit", "0"],
    ["affected", "L4", "--side", "up"],
    ["affected", "lumbar foraminal stenosis", "--level", "C5-C6", "--side", "left"],
    ["affected", "lumbar foraminal stenosis", "--level", "L6-S1", "--side", "left"],
    ["compressed", "foraminal disc herniation", "--level", "C9-C10"],
    ["compressed", "foraminal disc herniation", "--level", "L4-L5", "--side", "up"],
    ["treatments", "lumbar spinal stenosis", "--months", "-1"],
    ["treatments", "lumbar spinal stenosis", "--months", "nan"],
    ["treatments", "lumbar spinal stenosis", "--months", "four"],
    ["treatments", "lumbar spinal stenosis", "--red-flag", "alien abduction"],
    ["localize", "--numbness", "the moon"],
    ["localize", "--reflex", "patellar=wobbly"],
    ["localize", "--reflex", "patellar"],
    ["localize", "--imaging", "disc herniation"],
    ["localize"],
    ["paths", "left L4", "left", "--via", "skg:a/("],
    ["paths", "left L4", "left", "--max-hops", "0"],
    ["paths", "L6"],
    ["sparql", "/no/such/query.rq"],
    ["validate", "/no/such/file.ttl"],
    ["--extra", "/no/such/file.ttl", "term", "left L4"],
    ["--backend", "postgres", "term", "left L4"],
    ["nosuchcommand"],
    [],
]


@pytest.mark.parametrize("argv", CLI, ids=[" ".join(a)[:40] or "<none>" for a in CLI])
def test_cli_bad_input(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("spinekg"), err
    assert "error:" in lines[0]


def test_cli_sparql_update_refused(tmp_path, capsys):
    q = tmp_path / "drop.rq"
    q.write_text("DROP ALL")
    assert main(["sparql", str(q)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spinekg sparql") and len(err.strip().splitlines()) == 1
    assert "update" in err.lower()


def test_cli_malformed_extra_names_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix skg: <https://w3id.org/spinekg#> .\nskg:a skg:b skg:c .\n"
                   "skg:a skg:b .\n")
    assert main(["--extra", str(bad), "term", "left L4"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spinekg") and str(bad) in err and "line 3" in err, err
    assert len(err.strip().splitlines()) == 1


def test_matrix_size():
    n = (len(TERM_TEXTS) + 4 + 3 + 6 + 9 + len(CLINICAL) + len(LOCALIZE) + len(PATHS) + 4 + 3
         + len(SPARQL) + 7 + 3 + len(CLI))
    assert n >= 60
