"""An HTML page documenting the ontology: classes, properties, individuals, sources.

Examples
--------
>>> html = render(skg.load())
>>> "SpinalNerveRoot" in html and "root_L4_left" in html
True
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

__all__ = ["render", "write_docs"]


def _anchor(c: str) -> str:
    return c.replace(":", "-")


def _title(ix: Any, kind: str) -> str:
    """The heading of a kind's section: its class label where the TBox has the class."""
    term = ix.terms.get(f"skg:{kind}")
    return term.label if term is not None else kind


def render(kg: Any) -> str:
    """The documentation page as one HTML string."""
    from .._version import __version__

    ix = kg.index
    parts = [f"<!doctype html><html><head><meta charset='utf-8'>{_MARK}<title>spinekg "
             f"{__version__}"
             "</title><style>body{font-family:sans-serif;max-width:70em;margin:auto}"
             "td,th{border-bottom:1px solid #ddd;padding:2px 6px;vertical-align:top}"
             "</style></head><body>",
             f"<h1>spinekg ontology {escape(__version__)}</h1>",
             f"<p>{len(ix.terms)} terms, {ix.n_triples} triples.</p>"]

    def section(title: str, nodes: list[str], extra) -> None:
        parts.append(f"<h2>{escape(title)} ({len(nodes)})</h2><table><tr><th>id</th>"
                     "<th>label</th><th>definition</th><th>details</th></tr>")
        for c in nodes:
            t = ix.terms[c]
            parts.append(f"<tr id='{_anchor(c)}'><td><code>{escape(c)}</code></td>"
                         f"<td>{escape(t.label)}</td>"
                         f"<td>{escape(ix.definitions.get(c, ''))}</td><td>{extra(c)}</td></tr>")
        parts.append("</table>")

    def links(c: str) -> str:
        out = []
        alts = ix.alt_labels.get(c, ())
        if alts:
            out.append("also: " + escape(", ".join(alts)))
        for p, by in sorted(ix.out.items()):
            for o in by.get(c, ()):
                info = ix.edge_info(c, p, o)
                src = "".join(f" <a href='#{_anchor(s)}'>[{escape(ix.terms[s].label)}]</a>"
                              for s in info.sources if s in ix.terms)
                rank = f" ({escape(info.rank)})" if info.rank else ""
                out.append(f"{escape(p)} <a href='#{_anchor(o)}'>{escape(ix.terms[o].label)}"
                           f"</a>{rank}{src}")
        return "<br>".join(out)

    classes = sorted(c for c in ix.schema if "owl:Class" in ix.types.get(c, ()))
    props = sorted(c for c in ix.schema if c not in classes
                   and not ix.types.get(c, frozenset()) & {"owl:Ontology", "owl:Axiom"})
    section("Classes", classes, lambda c: "")
    section("Properties", props, lambda c: "")
    sources = ix.instances("skg:Source")
    # every individual has a row (grouped by its kind), so every edge's link has a target
    skip = set(sources) | set(ix.schema)
    by_kind: dict[str, list[str]] = {}
    for c, t in ix.terms.items():
        if c not in skip and not ix.types.get(c, frozenset()) & {"owl:Ontology", "owl:Axiom"}:
            by_kind.setdefault(t.kind, []).append(c)
    for kind in sorted(by_kind, key=lambda k: (_title(ix, k), k)):
        section(_title(ix, kind), sorted(by_kind[kind]), links)
    parts.append(f"<h2>Sources ({len(sources)})</h2><ul>")
    for s in sources:
        cit = ix.value(s, "skg:citation", "")
        url = ix.value(s, "skg:url")
        link = f" <a href='{escape(str(url))}'>{escape(str(url))}</a>" if url else ""
        parts.append(f"<li id='{_anchor(s)}'><b>{escape(ix.terms[s].label)}</b>: "
                     f"{escape(str(cit))}{link}</li>")
    parts.append("</ul></body></html>")
    return "\n".join(parts)


_MARK = "<meta name='generator' content='spinekg docs'>"


def _ours(path: Path) -> bool:
    """A page this function wrote before (it may be replaced without ``overwrite``)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return _MARK in fh.read(4096)
    except OSError:
        return False


def write_docs(kg: Any, out: str | Path, *, overwrite: bool = False) -> Path:
    """Write :func:`render` to ``out`` (folders are created).

    A page written by spinekg before is replaced; any other existing file only with
    ``overwrite=True``; the bundled ontology and symbolic links never (a ValueError).
    """
    from ..core.export import check_target, write_atomically

    out = Path(out)
    if out.is_dir():
        raise ValueError(f"{str(out)!r} is a folder; expected a file name such as "
                         f"{str(out / 'ontology.html')!r}")
    check_target(out, overwrite=overwrite, ours=_ours)
    page = render(kg)
    write_atomically(out, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return out
