"""spinekg.clinical.isncsci agrees with the npm ``isncsci`` oracle (ISNCSCI Algorithm, Praxis Spinal Cord
Institute, https://github.com/praxis-isncsci/algorithm) on a sample of generated exams.

The pinned oracle lives in benchmarks/isncsci_oracle/ and is installed here with ``npm ci`` when its
node_modules is missing.  Node.js is required: without it this test fails, it does not skip.  The large
run (20,000 exams) is benchmarks/isncsci_conformance.py.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings

HARNESS = Path(__file__).resolve().parents[1] / "benchmarks" / "isncsci_oracle" / "harness.py"
SAMPLE = 200


@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("isncsci_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_oracle_agrees_on_generated_exams(harness, kg):
    harness.ensure_oracle()  # raises (test fails) when node/npm is missing
    exams: list[dict] = []

    @seed(20)
    @settings(max_examples=SAMPLE, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(harness.exams())
    def collect(ex):
        exams.append(ex)

    collect()
    assert len(exams) >= SAMPLE // 2
    oracle = harness.run_oracle(exams)
    bad = harness.disagreements(kg, exams, oracle)
    assert not bad, f"{len(bad)} of {len(exams)} disagree; first: {json.dumps(bad[0]['diff'])}"


def test_oracle_agrees_on_the_public_cases(harness, kg):
    from test_isncsci import _cases  # the same file, found the same way

    cases = [{k: v for k, v in c.items() if k != "totals"} for c in _cases()]
    oracle = harness.run_oracle(cases)
    assert not harness.disagreements(kg, cases, oracle)
