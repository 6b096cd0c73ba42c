"""The wheel ships the ontology: spinekg.load() works from an unpacked wheel, outside the repo."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True)
    [whl] = out.glob("spinekg-*.whl")
    return whl


def test_wheel_contains_the_ontology(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "spinekg/ontology/spinekg.ttl" in names
    assert "spinekg/ontology/abox/roots.ttl" in names
    assert "spinekg/ontology/shapes/spinekg-shapes.ttl" in names
    assert "spinekg/ontology/body_map.json" in names
    assert not any(n.startswith(("tests/", "notebooks/")) for n in names)


def test_load_from_the_wheel_outside_the_repo(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import spinekg, pathlib; kg = spinekg.load(); "
            "print(pathlib.Path(spinekg.__file__).parent); "
            "print(kg.affected_by('left L4').roots[0].curie)")
    env = {"PYTHONPATH": str(site), "SPINEKG_CACHE_DIR": "", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0].startswith(str(site))
    assert out[1] == "skg:root_L4_left"
