"""Non-neural candidates: the graph's musculoskeletal and vascular conditions (hip
osteoarthritis, greater trochanteric pain syndrome, sacroiliac joint pain,
peripheral arterial disease ...), each with the areas it causes pain in
(``skg:causesPainIn``) and the tests and history features linked to it. A subtype (the
piriformis syndrome of the deep gluteal syndrome, gluteal tendinopathy of the greater
trochanteric pain syndrome) and the syndrome a condition leads to (vascular claudication
of peripheral arterial disease) are rows of one candidate, as the levels of a cord
syndrome are.

Read generically from the classes ``skg:MusculoskeletalCondition`` and
``skg:VascularCondition``; a graph without them has no mimic rows.

Examples
--------
>>> from spinekg.clinical.differential.catalog import space
>>> sp = space(skg.load())
>>> {r.kind for r in sp.rows} >= {"musculoskeletal", "vascular"}
True
"""

from __future__ import annotations

from typing import Any

from .candidates import Profile, _feature_links, _put, _step
from .likelihood import defaults, need
from .space import Row, Space

__all__ = ["mimic_rows", "MIMIC_CLASSES"]

#: class -> candidate kind
MIMIC_CLASSES = {"skg:MusculoskeletalCondition": ("musculoskeletal", "default_prior_musculoskeletal"),
                 "skg:VascularCondition": ("vascular", "default_prior_vascular")}


def mimic_rows(kg: Any, sp: Space) -> None:
    """Add one row per sided mimic condition."""
    ix = kg.index
    d = defaults(kg)
    pain = need(d, "default_pain_referral_sensitivity")
    common = need(d, "default_cord_sign_sensitivity_common")
    for cls, (kind, prior) in MIMIC_CLASSES.items():
        if cls not in ix.terms:
            continue
        for c in ix.instances(cls):
            prof: Profile = {}
            for area in ix.objects(c, "skg:causesPainIn"):
                info = ix.edge_info(c, "skg:causesPainIn", area)
                _put(prof, ("pain", area), common if info.frequency == "common" else pain,
                     (_step(kg, c, "skg:causesPainIn", area),))
            _feature_links(kg, c, prof)
            for parent in ix.objects(c, "skg:subtypeOf"):
                _feature_links(kg, parent, prof, (_step(kg, c, "skg:subtypeOf", parent),))
            if prof:
                sp.add(Row(c, kind, _group(kg, c, cls), (c,), ix.side(c), (), ix.terms[c].label,
                           need(d, prior), specific=frozenset(prof)), prof)


def _group(kg: Any, c: str, cls: str) -> str:
    """The mimic whose candidate ``c`` is a row of: the one it is a subtype of (piriformis
    syndrome of the deep gluteal syndrome), or the one that leads to it (vascular
    claudication of peripheral arterial disease), followed to the top; itself otherwise."""
    ix = kg.index
    seen = {c}
    while True:
        up = [x for x in (*ix.objects(c, "skg:subtypeOf"), *ix.subjects(c, "skg:mayLeadTo"))
              if ix.is_a(x, cls) and x not in seen]
        if not up:
            return c
        c = up[0]
        seen.add(c)
