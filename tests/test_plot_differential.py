"""The differential bar chart: one bar per candidate, its probability, a legend of kinds."""

from __future__ import annotations

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from spinekg.plot import differential  # noqa: E402


def test_bars_carry_the_probabilities_and_a_legend(kg):
    loc = kg.localize(side="left", weakness=["foot drop"], numbness=["dorsum of foot"])
    ax = differential(loc, n=5)
    widths = [round(p.get_width(), 6) for p in ax.patches][::-1]
    assert widths == [round(c.probability, 6) for c in loc.ranked[:5]]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert set(legend) == {c.kind for c in loc.ranked[:5]}
    assert ax.get_yticklabels()[-1].get_text() == loc.best.label
    matplotlib.pyplot.close("all")


def test_bad_input(kg):
    with pytest.raises(TypeError, match="Localization"):
        differential("left L5")
    loc = kg.localize(side="left", numbness=["big toe"])
    with pytest.raises(ValueError, match="n=0"):
        differential(loc, n=0)
