"""The documentation site builds without warnings, has its pages, and its internal links resolve.

The site is built once per session (notebook execution switched off to keep it fast:
``make docs`` executes them).
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("myst_nb")
pytest.importorskip("numpydoc")
pytest.importorskip("furo")

import spinekg  # noqa: E402

pytestmark = [pytest.mark.docs, pytest.mark.slow]  # builds the whole site

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GUIDE = ["affected", "paths", "differential", "treatments", "isncsci", "codes", "text",
         "backends", "pictures"]
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])}
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going",
                          "-q", "-D", "nb_execution_mode=off", "-d", str(out / ".doctrees"),
                          str(DOCS), str(out / "html")],
                         capture_output=True, text=True, timeout=900, env=env, cwd=ROOT)
    return out / "html", run


def test_the_site_builds_without_warnings(site):
    _, run = site
    assert run.returncode == 0, run.stderr[-4000:]
    assert "WARNING" not in run.stderr and "ERROR" not in run.stderr, run.stderr[-4000:]


@pytest.mark.parametrize("page", ["index", "getting-started", "api/index", "ontology",
                                  "changelog", *[f"guide/{g}" for g in GUIDE],
                                  *[f"notebooks/{n}" for n in NOTEBOOKS]])
def test_page_exists(site, page):
    html, _ = site
    assert (html / f"{page}.html").is_file(), page


def test_every_notebook_is_a_page():
    """The notebooks folder is linked into docs/ and every notebook is in the home toctree."""
    assert (DOCS / "notebooks").resolve() == (ROOT / "notebooks").resolve()
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    assert NOTEBOOKS and all(f"notebooks/{n}" in index for n in NOTEBOOKS)


@pytest.mark.parametrize("name", [n for n in spinekg.__all__ if n != "__version__"])
def test_every_public_name_has_an_api_page(site, name):
    html, _ = site
    page = html / "api" / "generated" / f"spinekg.{name}.html"
    assert page.is_file(), f"spinekg.{name} is in __all__ but not in docs/api/index.rst"
    assert name in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("module", ["spinekg.plot", "spinekg.export", "spinekg.pipeline",
                                    "spinekg.core", "spinekg.clinical", "spinekg.adapters",
                                    "spinekg.faces", "spinekg.faces.cord_picture",
                                    "spinekg.faces.html", "spinekg.kg", "spinekg.factory"])
def test_layer_and_module_pages(site, module):
    html, _ = site
    assert (html / "api" / "generated" / f"{module}.html").is_file()


def test_docstrings_are_rendered_by_numpydoc(site):
    html, _ = site
    text = (html / "api" / "generated" / "spinekg.faces.cord_picture.html").read_text("utf-8")
    assert "cord_crossing" in text and "Parameters" in text and "Returns" in text


def test_ontology_reference_is_in_the_site(site):
    html, _ = site
    page = (html / "ontology-reference.html").read_text(encoding="utf-8")
    assert "skg:root_L4_left" in page and "SpinalNerveRoot" in page
    assert 'href="ontology-reference.html"' in (html / "ontology.html").read_text("utf-8")


def test_changelog_summarises_the_history():
    text = (DOCS / "changelog.md").read_text(encoding="utf-8")
    for topic in ("ISNCSCI", "Spinal cord", "Peripheral nerve", "layer"):
        assert topic in text, topic


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) and (tag != "link" or key == "href"):
                self.links.append(a[key])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    return p


def test_internal_links_resolve(site):
    html, _ = site
    pages = {p: _parse(p) for p in html.rglob("*.html")}
    assert len(pages) > 30
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html" and target in pages:
                if unquote(parts.fragment) not in pages[target].ids:
                    broken.append(f"{page.relative_to(html)} -> {link} (no such anchor)")
    assert broken == [], "\n".join(broken[:30])


CHROMIUM = next((c for c in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(c).exists()),
                None)


@pytest.mark.parametrize("page", ["index", "notebooks/01_tour"])
def test_headless_chromium_renders_the_page(site, page, tmp_path):
    """A real browser draws the page: a screenshot that is not blank (Debian's chromium;
    ``.ci/run`` installs it where it can)."""
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    html, _ = site
    shot = tmp_path / "page.png"
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
         "--window-size=1280,1600", f"--screenshot={shot}", (html / f"{page}.html").as_uri()],
        capture_output=True, text=True, timeout=120)
    assert shot.is_file(), run.stderr[-2000:]
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    assert pixels.shape[0] >= 1000 and pixels.shape[1] >= 1200
    # text and pictures on a page: many distinct shades, not one blank colour
    assert pixels[..., :3].std() > 0.05
    if os.environ.get("SPINEKG_SCREENSHOTS"):  # keep them to look at
        keep = Path(os.environ["SPINEKG_SCREENSHOTS"])
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"{page.replace('/', '_')}.png").write_bytes(shot.read_bytes())
