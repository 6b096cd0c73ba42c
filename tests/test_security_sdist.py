"""Issue 24, item 12: the sdist tests itself — it holds conftest.py, benchmarks/ and
notebooks/, and a smoke subset of the tests passes from the unpacked sdist (offline)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds and unpacks the sdist

ROOT = Path(__file__).resolve().parents[1]
SMOKE = ["tests/test_namespaces.py", "tests/test_security_cache.py::test_a_planted_pickle_never_runs",
         "tests/test_paths.py", "spinekg/core/payload.py"]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("sdist")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    [archive] = out.glob("spinekg-*.tar.gz")
    return archive


def test_the_sdist_holds_what_its_tests_need(sdist):
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in ("conftest.py", "tests/conftest.py", "benchmarks/bench_queries.py",
                   "notebooks/01_tour.ipynb", "ontology/spinekg.ttl", "SECURITY.md"):
        assert needed in names, needed


def test_a_smoke_subset_passes_from_the_unpacked_sdist(sdist, tmp_path):
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    [src] = tmp_path.glob("spinekg-*")
    env = {**os.environ, "PYTHONPATH": str(src), "SPINEKG_CACHE_DIR": ""}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SMOKE],
                         cwd=src, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
