"""The neighbourhood view: a term's neighbours grouped by predicate, clickable HTML, no widgets."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from spinekg import UnknownTermError
from spinekg.faces.html import Neighbourhood, neighbourhood


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.count, self.hrefs, self.summaries = [], [], {}, [], []
        self._in_summary = False

    def handle_starttag(self, tag, attrs):
        self.count[tag] = self.count.get(tag, 0) + 1
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))
        if tag == "summary":
            self._in_summary = True
            self.summaries.append("")
        if tag not in ("br", "img", "meta"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "summary":
            self._in_summary = False
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        if self._in_summary:
            self.summaries[-1] += data


def _parse(html):
    p = _Tags()
    p.feed(html)
    p.close()
    return p


def test_root_to_dermatome_to_areas(kg):
    """A student clicks from the left L5 root to its dermatome and on to the areas it covers
    (the graph: root -hasDermatome-> dermatome -coversArea-> areas)."""
    hood = neighbourhood(kg, "left L5")
    assert isinstance(hood, Neighbourhood) and hood.term.curie == "skg:root_L5_left"
    assert [t.curie for t in hood.groups()["has dermatome"]] == ["skg:dermatome_L5_left"]
    html = hood._repr_html_()
    tags = _parse(html)
    assert tags.errors == [] and tags.stack == [], "unbalanced HTML"
    assert "script" not in tags.count, "no JavaScript: plain HTML and CSS"
    assert "left L5 dermatome" in tags.summaries
    areas = kg.index.objects("skg:dermatome_L5_left", "skg:coversArea")
    for area in areas:  # one click below the dermatome, every covered area is listed
        assert kg.index.terms[area].label in html
    assert "has dermatome →" in html and "covers area →" in html


def test_incoming_edges_are_grouped_too(kg):
    hood = neighbourhood(kg, "left L5 dermatome", depth=1)
    assert [t.curie for t in hood.groups()["has dermatome (of)"]] == ["skg:root_L5_left"]
    assert "<details" not in hood._repr_html_()  # depth 1: nothing to open


def test_limit_counts_the_rest(kg):
    hood = neighbourhood(kg, "left", depth=1, limit=3)
    html = hood._repr_html_()
    assert "more</li>" in html
    assert all(len(ts) >= 1 for ts in hood.groups().values())


def test_labels_are_escaped(kg):
    html = neighbourhood(kg, "left L5", depth=1)._repr_html_()
    assert "<script" not in html.lower()
    assert "→" in html


def test_links_to_the_ontology_page_only_when_asked(kg):
    assert _parse(neighbourhood(kg, "left L5", depth=1)._repr_html_()).hrefs == []
    hrefs = _parse(neighbourhood(kg, "left L5", depth=1, docs_url="ontology.html")._repr_html_()).hrefs
    assert "ontology.html#skg-dermatome_L5_left" in hrefs


def test_rows_and_text(kg):
    hood = neighbourhood(kg, "left L5", depth=1)
    rows = hood.to_rows()
    assert {"direction": "in", "predicate": "skg:lateralCounterpart",
            "label": "right L5 nerve root", "curie": "skg:root_L5_right"} in rows
    assert str(hood).splitlines()[0].startswith("left L5 nerve root (skg:root_L5_left")


@pytest.mark.parametrize("kwargs", [{"depth": 0}, {"depth": 5}, {"depth": True}, {"limit": 0},
                                    {"limit": "3"}])
def test_bad_arguments(kg, kwargs):
    with pytest.raises(ValueError):
        neighbourhood(kg, "left L5", **kwargs)


def test_unknown_term(kg):
    with pytest.raises(UnknownTermError):
        neighbourhood(kg, "left L55 nerve rot")


def test_bad_kg():
    with pytest.raises(TypeError, match="SpineKG"):
        neighbourhood("kg", "left L5")
