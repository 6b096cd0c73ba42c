"""A history feature whose own name starts with "no" or "bilateral" (Suri et al. 2010,
JAMA 304:2628: "no pain when seated", "bilateral buttock or leg pain") is that feature,
present; any other "no ..." is a denied finding."""

from __future__ import annotations

import pytest

import spinekg as skg


@pytest.fixture(scope="module")
def kg():
    return skg.load()


@pytest.mark.parametrize("text", ["no pain when seated", "bilateral buttock or leg pain",
                                  "No pain when seated"])
def test_feature_named_with_no_or_bilateral(kg, text):
    loc = kg.localize(pain=["buttock"], history=[text], strict=False)
    assert loc.unresolved == ()
    ev = [e for c in loc.candidates for e in c.evidence if e.finding == f"history: {text}"]
    assert ev and all(e.present for e in ev)


def test_other_negations_stay_denied(kg):
    loc = kg.localize(side="left", numbness=["big toe"], history=["no urinary retention"])
    assert not any("red flag" in f for f in loc.flags)
