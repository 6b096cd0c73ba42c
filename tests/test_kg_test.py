"""kg.test(name) and kg.tests(): an examination test's accuracy rows with their sources.

The figures checked here are the published ones (Devillé et al. 2000, Spine 25:1140, the
straight leg raise and its crossed form; Tong, Haig and Yamakawa 2002, Spine 27:156, the
Spurling test; Laslett et al. 2005, Man Ther 10:207, the sacroiliac provocation cluster;
Gerhard-Herman et al. 2016 AHA/ACC guideline, the ankle-brachial index ranges); the table
is also checked row by row against the template it is built from.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import spinekg as skg
from spinekg.errors import UnknownTermError

TEMPLATES = Path(__file__).resolve().parents[1] / "ontology" / "templates"


@pytest.fixture(scope="module")
def kg():
    return skg.load()


def _rows(name: str) -> list[dict[str, str]]:
    with open(TEMPLATES / name, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.mark.parametrize("name, side, sens, spec, source", [
    ("straight leg raise", "left", 0.91, 0.26, "skg:src_deville2000_slr"),
    ("crossed SLR", "right", 0.29, 0.88, "skg:src_deville2000_slr"),
    ("laslett cluster", "left", 0.94, 0.78, "skg:src_laslett2005_sij"),
    ("spurling test", "right", 0.30, 0.93, "skg:src_tong2002_spurling"),
])
def test_published_figures(kg, name, side, sens, spec, source):
    t = kg.test(name, side=side)
    assert t.test.label.startswith(side)
    hit = [a for a in t.accuracy if source in a.sources]
    assert hit, f"{name}: no reading from {source}"
    assert (hit[0].sensitivity, hit[0].specificity) == pytest.approx((sens, spec))
    roots = [x for x in hit[0].targets if "nerve root" in x.label]
    assert all(x.label.startswith(side) for x in roots)


def test_ranges_and_not_published(kg):
    abi = kg.test("ankle brachial index", side="left").accuracy[0]
    assert abi.sensitivity is None and abi.sensitivity_ci == (0.68, 0.84)
    assert abi.specificity_ci == (0.84, 0.99)
    assert "range 0.68-0.84" in str(abi)
    fortin = kg.test("fortin finger test", side="left")
    assert fortin.accuracy and all(a.not_published for a in fortin.accuracy)
    assert "not published" in str(fortin)


def test_links_and_procedure(kg):
    t = kg.test("left straight leg raise")
    assert {x.label for x in t.suggests} >= {"left L5 nerve root", "left S1 nerve root"}
    assert "supine" in t.procedure and t.what_it_tests
    assert "suggests: " in str(t) and "accuracy: sensitivity 0.91" in str(t)


def test_every_accuracy_row_reaches_the_table(kg):
    """Each template row (left copy) appears once in kg.tests(), with its figures."""
    table = kg.tests()
    listed = {a.row.curie: a for t in table for a in t.accuracy}
    for row in _rows("test_accuracy.tsv"):
        curie = f"skg:{row['id']}" + ("_left" if row["sided"] == "yes" else "")
        assert curie in listed, curie
        for col, got in (("skg:sensitivity", listed[curie].sensitivity),
                         ("skg:specificity", listed[curie].specificity)):
            assert got == (float(row[col]) if row[col] else None), (curie, col)
        assert listed[curie].rank == (row["skg:evidenceRank"] or "primary"), curie
    features = {r["id"] for r in _rows("diagnostic_features.tsv")}
    assert len(table) == len(features)


def test_dataframe(kg):
    pd = pytest.importorskip("pandas")
    df = kg.tests().to_dataframe()
    assert isinstance(df, pd.DataFrame)
    slr = df[(df["test"] == "left straight leg raise")
             & (df["sources"] == "skg:src_deville2000_slr")]
    assert slr["sensitivity"].tolist() == [0.91]
    assert len(df) == sum(max(1, len(t.accuracy)) for t in kg.tests())
    assert kg.test("left slump test").to_dataframe()["rank"].tolist()[0] == "primary"


def test_bad_input(kg):
    with pytest.raises(UnknownTermError, match="straight leg raise"):
        kg.test("strait leg rase")
    with pytest.raises(UnknownTermError, match="expected an examination test or history feature"):
        kg.test("left L5")
    with pytest.raises(ValueError, match="side='right'"):
        kg.test("left straight leg raise", side="right")


def test_cli_exam(capsys):
    from spinekg.faces.cli import main

    assert main(["exam", "crossed slr", "--side", "left"]) == 0
    out = capsys.readouterr().out
    assert "left crossed straight leg raise" in out and "specificity 0.88" in out
    assert main(["exam", "left L5"]) == 2
    assert "expected an examination test" in capsys.readouterr().err


def test_primary_reading_first(kg):
    """Where a source gives two readings, the primary one is listed (and used) first."""
    for t in kg.tests():
        ranks = [a.rank for a in t.accuracy]
        assert ranks == sorted(ranks, key=lambda r: r != "primary"), t.test.label
    assert "alternative" in {a.rank for t in kg.tests() for a in t.accuracy}
