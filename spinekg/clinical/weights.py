"""The weights of localisation and the order of the root levels, shared by the
scoring (:mod:`spinekg.clinical.localize`) and the flagged patterns
(:mod:`spinekg.clinical.central`). The weights are explained, row by row, in the
module docstring of :mod:`spinekg.clinical.localize`.

Examples
--------
>>> WEIGHTS["key_muscle"] > WEIGHTS["broad_area"]
True
>>> level_order(skg.load())["L4"] < level_order(skg.load())["L5"]
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["WEIGHTS", "level_order"]

WEIGHTS = {
    "key_sensory_point": 3.0, "key_muscle": 3.0, "reflex": 3.0, "dermatome_area": 2.0,
    "inside_dermatome_area": 1.5, "myotome_action": 2.0, "pain_referral": 1.5,
    "broad_area": 1.0, "imaging": 3.0, "alternative_factor": 0.6, "normal_reflex": -2.0,
    "unexplained": -0.5, "extra_root": -1.0, "adjacent_ratio": 0.8,
}


def level_order(kg: Any) -> dict[str, int]:
    order = kg._memo.get("loc_level_order")
    if order is None:  # the resolver already holds the level names in segment order
        order = kg._memo["loc_level_order"] = {lv: i for i, lv in enumerate(kg.resolver.levels)}
    return order
