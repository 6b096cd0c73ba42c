"""Differential testing of spinekg.clinical.isncsci against the npm package ``isncsci``.

The oracle is the ISNCSCI Algorithm, Praxis Spinal Cord Institute,
https://github.com/praxis-isncsci/algorithm (Apache-2.0), pinned in package.json / package-lock.json
beside this file and installed with ``npm ci`` (node_modules is not committed).

Used by tests/test_isncsci_oracle.py (a small sample) and benchmarks/isncsci_conformance.py (the large
run).  Not a package: load it by path.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from hypothesis import strategies as st

from spinekg.clinical.isncsci.exam import MOTOR_VALUES, SENSORY_VALUES
from spinekg.clinical.isncsci.table import STANDARD_LEVELS, STANDARD_MOTOR_LEVELS

__all__ = ["HERE", "ensure_oracle", "run_oracle", "exams", "disagreements"]

HERE = Path(__file__).resolve().parent
SENSORY = STANDARD_LEVELS[1:]
ALL_S = sorted(SENSORY_VALUES)
ALL_M = sorted(MOTOR_VALUES)
ABN_S = ["0", "1", "0*", "1*", "0**", "1**", "NT", "NT*", "NT**"]
WEAK_M = [
    "0",
    "1",
    "2",
    "3",
    "4",
    "0*",
    "1*",
    "2*",
    "3*",
    "4*",
    "0**",
    "1**",
    "2**",
    "3**",
    "4**",
    "NT",
    "NT*",
    "NT**",
]
NONKEY = list(STANDARD_MOTOR_LEVELS) + ["C4", "T2", "T6", "L1", "S2", "S3"]


def ensure_oracle(folder: Path = HERE) -> Path:
    """Install the pinned oracle with ``npm ci`` if ``node_modules`` is missing; return oracle.js.

    Raises RuntimeError when node or npm is missing or the install fails.
    """
    if shutil.which("node") is None:
        raise RuntimeError("node (Node.js >= 18) is needed for the ISNCSCI oracle and is not on PATH")
    if not (folder / "node_modules" / "isncsci" / "package.json").exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to install the ISNCSCI oracle (npm ci) and is not on PATH")
        proc = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=folder, capture_output=True, text=True, timeout=600
        )
        if proc.returncode != 0:
            raise RuntimeError(f"npm ci failed in {folder}: {proc.stderr[-2000:]}")
    return folder / "oracle.js"


def run_oracle(exams: list[dict], folder: Path = HERE) -> list[dict]:
    """The oracle's flat totals for each exam (``{"error": ...}`` where it throws)."""
    script = ensure_oracle(folder)
    payload = "".join(json.dumps(e) + "\n" for e in exams)
    proc = subprocess.run(
        ["node", str(script)], cwd=folder, input=payload, capture_output=True, text=True, timeout=1800
    )
    if proc.returncode != 0:
        raise RuntimeError(f"oracle failed: {proc.stderr[-2000:]}")
    out = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(out) != len(exams):
        raise RuntimeError(f"oracle answered {len(out)} of {len(exams)} exams")
    return out


@st.composite
def exams(draw) -> dict:
    """A flat exam: per side normal down to a random level, then impaired, with NT, flags and noise."""
    ex: dict[str, str] = {}
    for side in ("Right", "Left"):
        cut_s = draw(st.integers(0, len(SENSORY)))
        cut_m = draw(st.integers(0, len(STANDARD_MOTOR_LEVELS)))
        above_s = draw(st.sampled_from([["2"], ["2"] * 12 + ALL_S, ALL_S]))
        below_s = draw(st.sampled_from([["0"], ["0", "1"], ["0", "1", "2"], ABN_S, ALL_S]))
        above_m = draw(st.sampled_from([["5"], ["5"] * 12 + ALL_M, ALL_M]))
        below_m = draw(st.sampled_from([["0"], ["0", "1", "2"], ["3", "4", "5"], WEAK_M, ALL_M]))
        for i, lv in enumerate(SENSORY):
            pool = above_s if i < cut_s else below_s
            for kind in ("Touch", "Prick"):
                ex[f"{lv.lower()}{side}{kind}"] = draw(st.sampled_from(pool))
        for i, lv in enumerate(STANDARD_MOTOR_LEVELS):
            pool = above_m if i < cut_m else below_m
            ex[f"{lv.lower()}{side}Motor"] = draw(st.sampled_from(pool))
        nk = draw(st.one_of(st.none(), st.none(), st.sampled_from(NONKEY)))
        if nk is not None:
            ex[f"{side.lower()}LowestNonKeyMuscleWithMotorFunction"] = nk
    ex["analContraction"] = draw(st.sampled_from(["Yes", "No", "NT"]))
    ex["analSensation"] = draw(st.sampled_from(["Yes", "No", "NT"]))
    return ex


def disagreements(kg, exams_: list[dict], oracle: list[dict]) -> list[dict]:
    """Every exam where spinekg and the oracle differ: ``{"exam", "oracle", "spinekg"}``."""
    from spinekg.clinical.isncsci import isncsci

    out = []
    for ex, want in zip(exams_, oracle):
        try:
            got = isncsci(kg, ex).to_totals()
        except Exception as err:  # noqa: BLE001 - reported, not hidden
            got = {"error": repr(err)}
        if "error" in want or "error" in got:
            same = "error" in want and "error" in got
        else:
            same = all(got.get(k) == v for k, v in want.items())
        if not same:
            diff = {k: (want.get(k), got.get(k)) for k in set(want) | set(got) if want.get(k) != got.get(k)}
            out.append({"exam": ex, "oracle": want, "spinekg": got, "diff": diff})
    return out
