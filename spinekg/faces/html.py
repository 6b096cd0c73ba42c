"""A term's neighbourhood as HTML, to click through the graph in Jupyter (no ipywidgets).

:func:`neighbourhood` gathers the edges into and out of a term, grouped by predicate;
the :class:`Neighbourhood` it returns shows itself in a notebook as plain HTML and CSS:
each neighbour is a button (``<details>``) that opens its own neighbours, down to
``depth`` steps, so a student can go from a root to its dermatome and on to the areas it
covers. Given ``docs_url`` (where the ``spinekg docs`` page is), every neighbour links to
its entry there.

Examples
--------
>>> hood = neighbourhood(skg.load(), "left L5")
>>> hood.term.label
'left L5 nerve root'
>>> "has dermatome" in hood.groups() and "<details" in hood._repr_html_()
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from ..core.terms import Term
from ..curies import words

__all__ = ["Neighbourhood", "neighbourhood"]

_CSS = """<style>
.skg-hood{font-family:system-ui,sans-serif;font-size:13px;line-height:1.45}
.skg-hood .skg-head{font-weight:600;font-size:14px}
.skg-hood .skg-kind{color:#666;font-weight:400;font-size:12px}
.skg-hood .skg-pred{margin:4px 0 2px 0;color:#444;font-style:italic}
.skg-hood ul{list-style:none;margin:0 0 4px 14px;padding:0}
.skg-hood summary{cursor:pointer;display:inline-block;padding:1px 8px;margin:1px 0;
  border:1px solid #9ab;border-radius:10px;background:#eef4fa}
.skg-hood summary:hover{background:#d8e8f5}
.skg-hood details[open]>summary{background:#cfe3f3}
.skg-hood details>div{border-left:2px solid #cfe3f3;margin-left:8px;padding-left:8px}
.skg-hood a{color:#0b5394;text-decoration:none;font-size:11px;margin-left:4px}
.skg-hood .skg-more{color:#777;font-size:11px}
</style>"""


@dataclass(frozen=True)
class Neighbourhood:
    """The terms one edge away from a term, grouped by predicate, as clickable HTML.

    Attributes
    ----------
    term : Term
        The term at the centre.
    outgoing : tuple of (str, tuple of Term)
        ``(predicate CURIE, objects)`` of the edges out of the term.
    incoming : tuple of (str, tuple of Term)
        ``(predicate CURIE, subjects)`` of the edges into it.
    depth : int
        How many steps the HTML opens: 1 lists the neighbours, 2 lets each neighbour
        open its own, and so on.
    limit : int
        At most this many neighbours per predicate are shown (the rest are counted).
    docs_url : str or None
        The address of the ontology page; each neighbour then links to its entry.
    """

    term: Term
    outgoing: tuple[tuple[str, tuple[Term, ...]], ...]
    incoming: tuple[tuple[str, tuple[Term, ...]], ...]
    depth: int = 2
    limit: int = 25
    docs_url: str | None = None
    _kg: Any = field(default=None, repr=False, compare=False)

    def groups(self) -> dict[str, tuple[Term, ...]]:
        """The neighbours by predicate name (incoming ones as ``"<name> (of)"``).

        Examples
        --------
        >>> hood = neighbourhood(skg.load(), "left L5 dermatome")
        >>> [t.label for t in hood.groups()["has dermatome (of)"]]
        ['left L5 nerve root']
        """
        out = {_pred_name(self._kg, p): ts for p, ts in self.outgoing}
        out.update({f"{_pred_name(self._kg, p)} (of)": ts for p, ts in self.incoming})
        return out

    def to_rows(self) -> list[dict[str, str]]:
        """One row per edge: direction, predicate, neighbour label and CURIE.

        Examples
        --------
        >>> rows = neighbourhood(skg.load(), "left L5").to_rows()
        >>> {"direction": "out", "predicate": "skg:hasSide", "label": "left",
        ...  "curie": "skg:Left"} in rows
        True
        """
        return [{"direction": d, "predicate": p, "label": t.label, "curie": t.curie}
                for d, groups in (("out", self.outgoing), ("in", self.incoming))
                for p, terms in groups for t in terms]

    def __str__(self) -> str:
        lines = [f"{self.term.label} ({self.term.curie}, {words(self.term.kind)})"]
        for name, terms in self.groups().items():
            shown = ", ".join(t.label for t in terms[: self.limit])
            more = f" ... and {len(terms) - self.limit} more" if len(terms) > self.limit else ""
            lines.append(f"  {name}: {shown}{more}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = _render(self._kg, self.term, self.depth, self.limit, {self.term.curie},
                       self.docs_url)
        head = (f"<div class='skg-head'>{escape(self.term.label)} <span class='skg-kind'>"
                f"{escape(self.term.curie)} · {escape(words(self.term.kind))}</span></div>")
        return f"{_CSS}<div class='skg-hood'>{head}{body}</div>"


def _pred_name(kg: Any, pred: str) -> str:
    term = kg.index.terms.get(pred) if kg is not None else None
    return term.label if term is not None else words(pred)


def _edges(kg: Any, curie: str) -> tuple[tuple, tuple]:
    """(outgoing, incoming) groups of a term: predicate -> neighbour Terms, sorted by label."""
    ix = kg.index

    def group(found: dict[str, list[str]]) -> tuple:
        return tuple((p, tuple(sorted((ix.terms[o] for o in dict.fromkeys(objs)),
                                      key=lambda t: (t.label, t.curie))))
                     for p, objs in sorted(found.items(), key=lambda kv: _pred_name(kg, kv[0])))

    out: dict[str, list[str]] = {}
    inc: dict[str, list[str]] = {}
    for pred, by_subject in ix.out.items():
        for o in by_subject.get(curie, ()):
            if o in ix.terms:
                out.setdefault(pred, []).append(o)
    for pred in ix.out:
        for s in ix.subjects(curie, pred):
            if s in ix.terms:
                inc.setdefault(pred, []).append(s)
    return group(out), group(inc)


def _render(kg: Any, term: Term, depth: int, limit: int, trail: set[str],
            docs_url: str | None) -> str:
    """The predicate groups of ``term``, each neighbour a <details> opening the next level."""
    out, inc = _edges(kg, term.curie)
    parts = []
    for arrow, groups in (("→", out), ("←", inc)):
        for pred, terms in groups:
            name = _pred_name(kg, pred)
            label = f"{name} →" if arrow == "→" else f"← {name} (of)"
            items = []
            for t in terms[:limit]:
                link = "" if docs_url is None else \
                    f"<a href='{escape(docs_url)}#{escape(t.curie.replace(':', '-'))}' " \
                    f"title='{escape(t.curie)} on the ontology page'>↗</a>"
                text = f"{escape(t.label)}"
                if depth > 1 and t.curie not in trail:
                    inner = _render(kg, t, depth - 1, limit, trail | {t.curie}, docs_url)
                    items.append(f"<li><details><summary>{text}</summary>{link}"
                                 f"<div>{inner}</div></details></li>")
                else:
                    items.append(f"<li><span title='{escape(t.curie)}'>{text}</span>{link}</li>")
            if len(terms) > limit:
                items.append(f"<li class='skg-more'>... and {len(terms) - limit} more</li>")
            parts.append(f"<div class='skg-pred' title='{escape(pred)}'>{escape(label)}</div>"
                         f"<ul>{''.join(items)}</ul>")
    return "".join(parts) or "<div class='skg-more'>no edges</div>"


def neighbourhood(kg: Any, term: str | Term, *, depth: int = 2, limit: int = 25,
                  docs_url: str | None = None) -> Neighbourhood:
    """The neighbours of a term, grouped by predicate; shows as clickable HTML in Jupyter.

    Parameters
    ----------
    kg : SpineKG
        The graph.
    term : str or Term
        A name, CURIE or Term (resolved with ``kg.term``).
    depth : int
        How many steps the HTML lets a reader open (1 to 4; each neighbour opens its own
        neighbours, terms already on the way are not opened again).
    limit : int
        At most this many neighbours per predicate (``>= 1``); the rest are counted.
    docs_url : str, optional
        The address of the page ``spinekg docs`` writes (e.g. ``"ontology.html"``): each
        neighbour then links to its entry there.

    Returns
    -------
    Neighbourhood

    Raises
    ------
    UnknownTermError, AmbiguousTermError
        The name does not resolve to one term.
    ValueError
        ``depth`` or ``limit`` is out of range.
    TypeError
        ``kg`` is not a SpineKG.

    Examples
    --------
    >>> kg = skg.load()
    >>> hood = neighbourhood(kg, "left L5 dermatome", depth=1)
    >>> [t.label for t in hood.groups()["covers area"]][:2]
    ['left L5 key sensory point', 'left dorsum of the foot']
    >>> neighbourhood(kg, "left L5", depth=9)
    Traceback (most recent call last):
    ...
    ValueError: depth=9; expected a whole number from 1 to 4
    """
    from .body_map import check_kg

    check_kg(kg)
    if not isinstance(depth, int) or isinstance(depth, bool) or not 1 <= depth <= 4:
        raise ValueError(f"depth={depth!r}; expected a whole number from 1 to 4")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError(f"limit={limit!r}; expected a whole number >= 1")
    found = term if isinstance(term, Term) else kg.term(term)
    out, inc = _edges(kg, found.curie)
    return Neighbourhood(found, out, inc, depth, limit, docs_url, kg)
