"""The root-vs-nerve chart (issue 16): renders, names its three states in the legend, and
shows the muscles a lesion spares as spared (MRC Aids: tibialis posterior is the tibial
nerve's, gluteus medius the superior gluteal nerve's, both L5; tibialis anterior is the
deep fibular nerve's, L4 with L5)."""

from __future__ import annotations

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from spinekg.plot import lesion_chart  # noqa: E402


def test_lesion_chart_renders_with_a_legend(kg, tmp_path):
    d = kg.discriminate("left L5", "left common fibular nerve")
    ax = lesion_chart(kg, d)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["weakened", "weakened (contributing root only)", "spared"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["left L5 nerve root",
                                                            "left common fibular nerve"]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    grid = ax.get_images()[0].get_array()
    row = {name: list(grid[i]) for i, name in enumerate(rows)}
    assert row["left tibialis posterior"] == [2, 0]  # weakened by L5, spared by the nerve
    assert row["left gluteus medius"] == [2, 0]
    assert row["left tibialis anterior"] == [1, 2]  # L5 contributes; the nerve supplies it
    ax.figure.savefig(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").stat().st_size > 1000


def test_lesion_chart_bad_input(kg):
    with pytest.raises(TypeError, match="kg.discriminate"):
        lesion_chart(kg, kg.affected_by("left L5"))
