"""Issue 24, item 1: the index cache holds no code, is checked, private and bounded."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import spinekg as skg
from spinekg.core.cache import digest
from spinekg.pipeline.parse import bundled_files

ROOT = Path(__file__).resolve().parents[1]


class _Plant:
    """Unpickling this touches a file: the proof that a pickle ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _fresh(cache: Path):
    return skg.load()


def _same(a, b) -> bool:
    return (a.index.terms == b.index.terms and a.index.out == b.index.out
            and a.index.edges == b.index.edges)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("SPINEKG_CACHE_DIR", str(folder))
    return folder


def test_a_planted_pickle_never_runs(cache, tmp_path):
    marker = tmp_path / "ran"
    key = digest(bundled_files())
    for name in (f"index-{key}.pickle", f"index-{key}.json"):
        (cache / name).write_bytes(pickle.dumps(_Plant(marker)))
    kg = skg.load()
    assert not marker.exists()
    assert kg.term("left L4").curie == "skg:root_L4_left"


@pytest.mark.slow  # an on-disk Oxigraph store
def test_a_planted_pickle_in_an_oxigraph_folder_never_runs(tmp_path):
    pytest.importorskip("pyoxigraph")
    folder, marker = tmp_path / "store", tmp_path / "ran"
    first = skg.load(backend="oxigraph", path=folder)
    n = first.index.n_triples
    first.store.store.flush()
    del first
    import gc

    gc.collect()
    for name in ("spinekg-index.pickle", "spinekg-index.json"):
        (folder / name).write_bytes(pickle.dumps(_Plant(marker)))
    again = skg.load(backend="oxigraph", path=folder)
    assert not marker.exists() and again.index.n_triples == n


@pytest.mark.slow  # a dozen index rebuilds
def test_flipped_bits_and_truncation_are_discarded_and_rebuilt(cache):
    good = skg.load()
    [file] = [p for p in cache.iterdir() if p.name.startswith("index-")]
    data = file.read_bytes()
    step = max(1, len(data) // 9)  # a flip in the header, in the payload and at the end
    for at in [*range(0, len(data), step), len(data) - 1]:
        bad = bytearray(data)
        bad[at] ^= 1 << (at % 8)
        file.write_bytes(bytes(bad))
        assert _same(skg.load(), good), at
    for cut in (0, 1, len(data) // 2, len(data) - 1):
        file.write_bytes(data[:cut])
        assert _same(skg.load(), good), cut


def test_an_edited_payload_with_the_old_hash_is_refused(cache):
    skg.load()
    [file] = [p for p in cache.iterdir() if p.name.startswith("index-")]
    data = file.read_bytes()
    edited = data.replace(b"left L4 nerve root", b"left L9 nerve root")
    assert edited != data
    file.write_bytes(edited)
    assert skg.load().term("left L4").label == "left L4 nerve root"


def test_a_folder_others_may_write_is_neither_read_nor_written(cache):
    os.chmod(cache, 0o777)
    kg = skg.load()
    assert kg.term("left L4").curie == "skg:root_L4_left"
    assert list(cache.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_folder_of_another_user_is_neither_read_nor_written(cache):
    os.chown(cache, 65534, 65534)
    skg.load()
    assert list(cache.iterdir()) == []


def test_the_old_predictable_temp_name_is_not_followed(cache, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    key = digest(bundled_files())
    for pid in range(os.getpid() - 2, os.getpid() + 3):
        (cache / f".index-{key}.{pid}.tmp").symlink_to(victim)
    skg.load()
    assert victim.read_text() == "keep me"
    files = [p for p in cache.iterdir() if p.name.startswith("index-")]
    assert files and all(p.stat().st_mode & 0o077 == 0 for p in files)


def test_the_cache_is_bounded(cache, tmp_path):
    """Eleven different sets of files (small ones: the bound is the question, not the
    size) leave at most eight cached indexes."""
    from spinekg.core.cache import index_of

    for i in range(11):
        extra = tmp_path / f"extra{i}.ttl"
        extra.write_text(f"<https://w3id.org/spinekg/probe{i}> "
                         f"<http://www.w3.org/2000/01/rdf-schema#label> \"probe {i}\" .\n")
        index_of([extra])
    assert len([p for p in cache.iterdir() if p.name.startswith("index-")]) == 8


def test_a_warm_load_stays_well_under_a_second(cache):
    code = ("import time; t = time.perf_counter(); import spinekg; spinekg.load(); "
            "print(time.perf_counter() - t)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", code]
    subprocess.run(run, env=env, check=True, capture_output=True)  # cold: fills the cache
    warm = float(subprocess.run(run, env=env, check=True, capture_output=True,
                                text=True).stdout)
    assert warm < 2.5, warm  # import + load; about 0.3 s on a quiet machine
