"""The differential as a picture: a bar per candidate, its posterior probability,
coloured by kind, with a legend.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> loc = skg.load().localize(side="left", weakness=["foot drop"])
>>> ax = differential(loc)
>>> ax.get_xlabel()
'posterior probability'
"""

from __future__ import annotations

from typing import Any

__all__ = ["differential", "KIND_COLOURS"]

#: colour of each candidate kind (a kind not listed is grey)
KIND_COLOURS = {"root": "#1f77b4", "nerve": "#ff7f0e", "plexus": "#2ca02c", "cord": "#d62728",
                "conus": "#9467bd", "cauda equina": "#8c564b", "musculoskeletal": "#e377c2",
                "vascular": "#17becf", "combination": "#7f7f7f"}


def differential(loc: Any, *, n: int = 8, ax: Any = None, title: str | None = None) -> Any:
    """Horizontal bars of the first ``n`` candidates of a :class:`Localization`.

    Parameters
    ----------
    loc : Localization
        The answer of ``kg.localize``.
    n : int
        How many candidates to draw (from ``loc.ranked``).
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib Axes
        With one bar per candidate (best at the top), the probability written at its
        end, and a legend of the kinds shown.

    Raises
    ------
    TypeError
        ``loc`` is not a Localization; ValueError when ``n < 1``.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..clinical.results import Localization

    if not isinstance(loc, Localization):
        raise TypeError(f"differential() takes a Localization, got {type(loc).__name__}")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n={n!r}; expected a positive integer")
    cands = list(loc.ranked or loc.candidates)[:n]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * max(len(cands), 1) + 1.2))
    labels = [c.label or c.root.label for c in cands][::-1]
    probs = [c.probability for c in cands][::-1]
    colours = [KIND_COLOURS.get(c.kind, "#bbbbbb") for c in cands][::-1]
    ax.barh(range(len(cands)), probs, color=colours)
    ax.set_yticks(range(len(cands)))
    ax.set_yticklabels(labels, fontsize=8)
    for i, p in enumerate(probs):
        ax.text(p + 0.01, i, f"{p:.2f}", va="center", fontsize=8)
    ax.set_xlim(0, 1.1)
    ax.set_xlabel("posterior probability")
    kinds = list(dict.fromkeys(c.kind for c in cands))
    ax.legend(handles=[Patch(color=KIND_COLOURS.get(k, "#bbbbbb"), label=k) for k in kinds],
              loc="lower right", fontsize=8, title="kind", title_fontsize=8)
    ax.set_title(title or "differential")
    if not cands:
        ax.text(0.5, 0.5, "no candidate", ha="center", transform=ax.transAxes)
    return ax
