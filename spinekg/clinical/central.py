"""Patterns no single root explains: central stenosis, cauda equina, cord compression.

The flagged candidates :func:`spinekg.clinical.localize.localize` adds when the
findings are on both sides, involve the midline structures served by the sacral
roots (saddle or perianal numbness, the anal sphincter, the anal wink), or point to
the cord (increased reflexes).

Examples
--------
>>> kg = skg.load()
>>> sacral_midline(kg, "skg:reflex_anal_wink")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..core.terms import Term
from .derived import root_profile
from .results_differential import Candidate
from .weights import WEIGHTS, level_order

__all__ = ["central_candidate", "lesions_of", "sacral_midline"]


def sacral_midline(kg: Any, c: str) -> bool:
    """Whether ``c`` is a midline area, action or reflex served by sacral or coccygeal roots.

    Such a structure (perineum, perianal skin, anal sphincter, anal wink) has roots on
    both sides, so a deficit there means both sides are involved: the saddle pattern
    of a central lesion or cauda equina syndrome. Read from the graph, not listed here.
    """
    ix = kg.index
    if "skg:Midline" not in ix.objects(c, "skg:hasSide"):
        return False
    memo = kg._memo.setdefault("sacral_served", None)
    if memo is None:
        memo = set()
        for root in ix.instances("skg:SpinalNerveRoot"):
            if set(ix.objects(root, "skg:inRegion")) & {"skg:region_sacral",
                                                         "skg:region_coccygeal"}:
                prof = root_profile(kg, root)
                memo.update(prof["areas"], prof["actions"], prof["reflexes"])
        kg._memo["sacral_served"] = memo
    return c in memo


def central_candidate(kg: Any, flags: list[str], candidates: list[Candidate], *,
                       cover: list[str], saddle: bool, brisk: list[str] | None,
                       score: float | None, brisk_findings: Sequence[str] = ()) -> Candidate:
    """The flagged candidate for a central, cauda equina or cord (myelopathy) lesion.

    Its level is the span of the roots that together explain the findings (for a
    cord lesion: at or above the highest segment with an increased reflex). A cord
    lesion also explains the increased reflexes, each counted like a reflex a root
    explains.
    """
    ix = kg.index

    def regions(roots: Iterable[str]) -> set[str]:
        return {g for r in roots for g in ix.objects(r, "skg:inRegion")}

    cervical, low = {"skg:region_cervical"}, {"skg:region_lumbar", "skg:region_sacral"}
    if saddle:
        wanted = ("skg:condition_cauda_equina_syndrome", "skg:condition_lumbar_central_stenosis")
        lesion = "central disc herniation or central stenosis compressing the cauda equina"
    elif brisk is not None:
        # the cord is compressed at or above the highest brisk segment: in the neck when
        # that is a cervical one, otherwise the neck or the thoracic spine
        top = regions(brisk[:1])
        wanted = (("skg:condition_cervical_central_stenosis",) if top <= cervical else ()) \
            + ("skg:condition_spinal_stenosis",)
        lesion = "central stenosis or central disc herniation compressing the spinal cord"
    else:
        span = regions(cover)
        wanted = ("skg:condition_cervical_central_stenosis",) if span and span <= cervical else \
            ("skg:condition_lumbar_central_stenosis",) if span and span <= low else ()
        wanted += ("skg:condition_spinal_stenosis",)
        lesion = "central stenosis / central disc herniation"
    for c in wanted:
        if c in ix.terms:
            term = ix.terms[c]
            break
    else:  # pragma: no cover - the bundled ontology has them
        term = Term("", "", "central stenosis / cauda equina syndrome", "Condition")
    order = level_order(kg)
    if brisk is not None and not saddle and brisk:
        span = f"{ix.value(brisk[0], 'skg:levelName')} or above"
    else:
        levels = sorted({str(ix.value(r, "skg:levelName")) for r in cover},
                        key=lambda lv: order.get(lv, 0))
        span = f"{levels[0]}-{levels[-1]}" if len(levels) > 1 else (levels[0] if levels else "")
    by_root = {c.root.curie: c for c in candidates}
    cord = brisk is not None and not saddle
    explained = tuple(dict.fromkeys([*(e for r in cover if r in by_root
                                        for e in by_root[r].explains),
                                      *(brisk_findings if cord else ())]))
    paths = tuple(p for r in cover if r in by_root for p in by_root[r].paths)
    if score is None:
        score = max((c.score for c in candidates),
                    default=WEIGHTS["reflex"] * len(brisk_findings) if cord else 0.0)
    return Candidate(root=term, level=span, score=round(score, 3), explains=explained,
                     unexplained=(), contradicts=(), lesions=(lesion,), paths=paths,
                     notes=tuple(flags), flag="; ".join(flags))


def lesions_of(kg: Any, root: str) -> tuple[str, ...]:
    ix = kg.index
    out = []
    for rule in ix.subjects(root, "skg:compressesRoot"):
        info = ix.edge_info(rule, "skg:compressesRoot", root)
        label = ix.terms[rule].label
        out.append(label + (" (alternative)" if info.rank == "alternative" else ""))
    return tuple(sorted(out))


