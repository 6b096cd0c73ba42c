"""Tabular views shared by every result type: ``to_dataframe()`` and ``_repr_html_``.

Examples
--------
>>> from spinekg.core.tables import html_table
>>> html_table([{"root": "left <L4>"}], caption="roots")[:42]
'<table><caption>roots</caption><thead><tr>'
>>> "left &lt;L4&gt;" in html_table([{"root": "left <L4>"}])
True
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["Tabular", "dataframe", "html_table"]


def dataframe(rows: list[dict[str, Any]]):
    """``rows`` as a pandas DataFrame (the ``df`` extra)."""
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the extra
        raise ImportError("to_dataframe() needs pandas: pip install 'spinekg[df]'") from err
    return pd.DataFrame(rows)


def html_table(rows: list[dict[str, Any]], caption: str = "") -> str:
    """``rows`` as an HTML table, every value escaped."""
    cols: list[str] = list(dict.fromkeys(k for r in rows for k in r))
    head = "".join(f"<th>{escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(r.get(c, '')))}</td>" for c in cols) + "</tr>"
        for r in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class Tabular:
    """Mixin: a result that lists itself as rows (``to_rows``) shows as a table.

    The caption is the first line of ``str(self)`` unless ``_caption`` says otherwise.
    """

    __slots__ = ()

    def to_rows(self) -> list[dict[str, Any]]:  # pragma: no cover - every result defines it
        raise NotImplementedError

    def _caption(self) -> str:
        return str(self).splitlines()[0] if str(self) else ""

    def to_dataframe(self):
        """The rows of :meth:`to_rows` as a pandas DataFrame (needs the ``df`` extra)."""
        return dataframe(self.to_rows())

    def _repr_html_(self) -> str:
        return html_table(self.to_rows(), caption=self._caption())
