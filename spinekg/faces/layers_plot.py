"""A picture of root-vs-nerve reasoning: the muscles each of two lesions weakens and the
ones it spares (the ``plot`` extra; matplotlib is imported inside the function).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from spinekg.plot import lesion_chart
>>> kg = skg.load()
>>> ax = lesion_chart(kg, kg.discriminate("left L5", "left common fibular nerve"))
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['weakened', 'weakened (contributing root only)', 'spared']
"""

from __future__ import annotations

from typing import Any

from ..clinical.discriminate import lesion_profile
from ..clinical.results_layers import Discrimination
from ..clinical.supply import rank_of

__all__ = ["lesion_chart"]

#: spared, weakened through a contributing root only, weakened
_COLOURS = ("#f0f0f0", "#fdae6b", "#d94801")
_NAMES = ("spared", "weakened (contributing root only)", "weakened")


def _profile(kg: Any, term: Any) -> dict[str, str]:
    """Muscle CURIE -> rank for a lesion (a group's CURIE joins its members with '+')."""
    out: dict[str, str] = {}
    for part in term.curie.split("+"):
        for m, steps in lesion_profile(kg, part).muscles.items():
            rank = rank_of(steps)
            if out.get(m) != "primary":
                out[m] = rank
    return out


def lesion_chart(kg: Any, d: Discrimination, *, ax: Any = None) -> Any:
    """Draw, for the two lesions of ``d`` (from :meth:`spinekg.SpineKG.discriminate`), a
    matrix of the muscles either one reaches: a row per muscle, a column per lesion,
    each cell weakened, weakened only through a contributing root, or spared. The
    muscles that tell the two apart (weakened by one, spared by the other) come first.

    Parameters
    ----------
    kg : SpineKG
    d : Discrimination
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        With a legend naming the three states.

    Raises
    ------
    TypeError
        ``d`` is not a :class:`~spinekg.clinical.results_layers.Discrimination`.
    """
    if not isinstance(d, Discrimination):
        raise TypeError(f"lesion_chart needs the answer of kg.discriminate(a, b), got {d!r}")
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    cols = [_profile(kg, d.a), _profile(kg, d.b)]
    level = {"primary": 2, "alternative": 1}
    muscles = sorted(set(cols[0]) | set(cols[1]),
                     key=lambda m: ((m in cols[0]) == (m in cols[1]), kg.index.terms[m].label))
    grid = [[level.get(c.get(m, ""), 0) for c in cols] for m in muscles]
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, max(2.5, 0.28 * len(muscles) + 1.2)))
    ax.imshow(grid or [[0, 0]], cmap=ListedColormap(_COLOURS), vmin=0, vmax=2, aspect="auto")
    ax.set_xticks([0, 1], [d.a.label, d.b.label])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(muscles)), [kg.index.terms[m].label for m in muscles], fontsize=8)
    ax.set_title("muscles each lesion weakens and spares", pad=28)
    ax.legend(handles=[Patch(facecolor=_COLOURS[i], edgecolor="#555555", label=_NAMES[i])
                       for i in (2, 1, 0)], loc="upper left", bbox_to_anchor=(1.02, 1.0),
              fontsize=8, frameon=False)
    return ax
