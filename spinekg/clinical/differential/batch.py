"""Many cases at once: ``kg.localize_many(rows)``.

Each row (a pandas DataFrame row or a dict) holds the keyword arguments of
``kg.localize`` (``side``, ``pain``, ``numbness``, ``weakness``, ``reflexes``,
``normal``, ``signs``, ``history``, ``imaging``); list cells may also be strings
joined by ``;`` and mapping cells ``name=state;name=state``. The answer is one summary
row per case; a large batch is split over worker processes (``fork``: the graph is
shared, not pickled) when the machine has more than one core.

Examples
--------
>>> df = localize_many(skg.load(), [{"side": "right", "numbness": "thumb"},
...                                  {"side": "left", "weakness": ["EHL"]}])
>>> list(df["level"])
['C6', 'L5']
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["localize_many", "summary", "row_kwargs"]

_LISTS = ("pain", "numbness", "weakness", "normal", "history")
_MAPS = ("reflexes", "signs")
_PARALLEL_MIN = 4000


def row_kwargs(row: Mapping[str, Any]) -> dict[str, Any]:
    """The ``localize`` keywords of one row (strings split at ``;``, ``name=state``)."""
    out: dict[str, Any] = {"strict": False}
    for k, v in row.items():
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        if k in _LISTS:
            out[k] = [x.strip() for x in v.split(";") if x.strip()] if isinstance(v, str) else list(v)
        elif k in _MAPS:
            out[k] = dict(x.split("=", 1) for x in v.split(";") if "=" in x) if isinstance(v, str) \
                else dict(v)
        elif k in ("side", "imaging"):
            out[k] = v if isinstance(v, str) and v.strip() else None
    return out


def summary(loc: Any) -> dict[str, Any]:
    """One row: best candidate, its kind, level and probability, the runner-up, flags."""
    b = loc.best
    r = loc.candidates[1] if len(loc.candidates) > 1 else None
    return {"best": b.label if b else "", "kind": b.kind if b else "",
            "level": b.level if b else "", "probability": b.probability if b else 0.0,
            "runner_up": r.label if r else "", "runner_up_probability": r.probability if r else 0.0,
            "flags": "; ".join(loc.flags), "unresolved": "; ".join(loc.unresolved)}


def _run(kg: Any, rows: list[dict], limit: int) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        try:
            out.append(summary(kg.localize(**row_kwargs(row), limit=limit)))
        except (ValueError, TypeError, KeyError) as exc:
            out.append({"best": "", "kind": "", "level": "", "probability": 0.0,
                        "runner_up": "", "runner_up_probability": 0.0,
                        "flags": f"error: {exc}", "unresolved": ""})
    return out


_KG = None


def _worker(args: tuple[list[dict], int]) -> list[dict[str, Any]]:
    return _run(_KG, *args)


def localize_many(kg: Any, rows: Any, *, jobs: int | None = None, limit: int = 3) -> Any:
    """Localise every case of ``rows``; a DataFrame with one summary row per case."""
    import pandas as pd

    if isinstance(rows, pd.DataFrame):
        cases = rows.to_dict("records")
    elif isinstance(rows, Iterable) and not isinstance(rows, (str, Mapping)):
        cases = [dict(r) for r in rows]
    else:
        raise TypeError(f"rows must be a DataFrame or an iterable of dicts, got {type(rows).__name__}")
    jobs = jobs or min(2, os.cpu_count() or 1)
    if jobs > 1 and len(cases) >= _PARALLEL_MIN and "fork" in _start_methods():
        import multiprocessing as mp

        global _KG
        from .catalog import space

        space(kg)  # build shared state before forking
        _KG = kg
        n = math.ceil(len(cases) / (jobs * 4))
        chunks = [(cases[i:i + n], limit) for i in range(0, len(cases), n)]
        with mp.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_worker, chunks)
        _KG = None
        out = [r for p in parts for r in p]
    else:
        out = _run(kg, cases, limit)
    return pd.DataFrame(out)


def _start_methods() -> list[str]:
    import multiprocessing as mp

    return mp.get_all_start_methods()
