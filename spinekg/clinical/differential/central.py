"""Cord, conus and cauda equina rows, read from the graph's cord layer.

Each syndrome is weighed at each structure whose compression causes it
(``skg:compressionCausesSyndrome``: a cord segment or half segment, the conus, the
cauda equina); its subtypes join its group, and a cord syndrome with no structure of
its own ranges over those of the syndromes that may lead to it. A row's profile:

* the syndrome's signs and symptoms (``skg:causesSymptom``, of it and of the
  syndromes it is a subtype of), with the common-sign, sign or rare-sign default by the
  edge's frequency; a sign that points to segments (``skg:pointsToSegment``, the inverted
  supinator reflex: C5-C6) counts in full only there;
* when the syndrome causes hyperreflexia (or a sign concerning a reflex, clonus, and
  hyperreflexia does not argue against it): increased reflexes of the roots below the
  segment (an upper motor neuron lesion);
* the roots at the structure (``skg:givesRoot``, ``skg:containsRoot``, the segments
  ``partOf`` the conus): their reduced reflexes and their key areas and actions, the
  lower motor neuron signs at the level (root defaults for the cauda equina, which
  is made of the roots; the central-level default for a cord segment);
* a limb deficit below the lesion, when the syndrome causes weakness or numbness.

Examples
--------
>>> from spinekg.clinical.differential.catalog import space
>>> sp = space(skg.load())
>>> sorted({r.kind for r in sp.rows if r.group == "skg:condition_cauda_equina_syndrome"})
['cauda equina']
"""

from __future__ import annotations

from typing import Any

from ..derived import root_profile
from .candidates import Profile, _feature_links, _levels, _put, _step, root_items
from .likelihood import defaults, need
from .space import Row, Space

__all__ = ["central_rows"]

_HYPER = "skg:sign_hyperreflexia"

_KINDS = {"SpinalCordSegment": "cord", "SpinalCordHalfSegment": "cord",
          "ConusMedullaris": "conus", "CaudaEquina": "cauda equina"}


def _structures(kg: Any, s: str) -> tuple[str, str]:
    """(group head, structures) of syndrome ``s``."""
    ix = kg.index
    own = ix.subjects(s, "skg:compressionCausesSyndrome")
    if own:
        return s, own
    for parent in ix.objects(s, "skg:subtypeOf"):
        if ix.subjects(parent, "skg:compressionCausesSyndrome"):
            return parent, ix.subjects(parent, "skg:compressionCausesSyndrome")
    via = [x for src in ix.subjects(s, "skg:mayLeadTo")
           for x in ix.subjects(src, "skg:compressionCausesSyndrome")]
    return s, tuple(dict.fromkeys(via)) or ix.instances("skg:SpinalCordSegment")


def _roots_at(kg: Any, x: str) -> list[str]:
    ix = kg.index
    direct = [*ix.objects(x, "skg:givesRoot"), *ix.objects(x, "skg:containsRoot")]
    if direct:
        if ix.terms[x].kind == "SpinalCordHalfSegment":
            return [r for r in direct if ix.side(r) == ix.side(x)]
        return direct
    return [r for seg in ix.subjects(x, "skg:partOf") for r in ix.objects(seg, "skg:givesRoot")]


def central_rows(kg: Any, sp: Space) -> None:
    """Add a row for each (syndrome, structure) pair."""
    ix = kg.index
    syndromes = set(ix.instances("skg:CordSyndrome"))
    syndromes |= {s for x in ix.out.get("skg:compressionCausesSyndrome", {}).values() for s in x}
    roots = ix.instances("skg:SpinalNerveRoot")
    order = {r: ix.value(r, "skg:segmentIndex", 0) for r in roots}
    for s in sorted(syndromes):
        head, structures = _structures(kg, s)
        for x in structures:
            prof, specific = _profile(kg, s, x, order)
            if not prof:
                continue
            kind = _KINDS.get(ix.terms[x].kind, "cord")
            at = _roots_at(kg, x)
            side = ix.side(x) if ix.side(x) in ("left", "right") else None
            label = ix.terms[head].label + (f" at {ix.terms[x].label}" if kind == "cord" else "")
            sp.add(Row(f"{s}@{x}", kind, head, (head, x), side, _levels(kg, at), label,
                       need(defaults(kg), "default_prior_cord"), specific=frozenset(specific)),
                   prof)


def _profile(kg: Any, s: str, x: str, order: dict[str, int]) -> tuple[Profile, set]:
    ix = kg.index
    d = defaults(kg)
    by_frequency = {"common": need(d, "default_cord_sign_sensitivity_common"),
                    "rare": need(d, "default_cord_sign_sensitivity_rare")}
    other = need(d, "default_cord_sign_sensitivity")
    alt = need(d, "default_alternative_reading_factor")
    head = (_step(kg, x, "skg:compressionCausesSyndrome", s),)
    prof: Profile = {}
    specific: set = set()
    chain = [s, *ix.objects(s, "skg:subtypeOf")]
    causes = {}
    for c in chain:
        for sym in ix.objects(c, "skg:causesSymptom"):
            info = ix.edge_info(c, "skg:causesSymptom", sym)
            p = by_frequency.get(info.frequency or "", other)
            if causes.get(sym, (0,))[0] < p:
                causes[sym] = (p, head + (_step(kg, c, "skg:causesSymptom", sym),))
    at = _roots_at(kg, x)
    seg_index = min((order.get(r, 0) for r in at), default=0)
    half = ix.side(x) if ix.terms[x].kind == "SpinalCordHalfSegment" else None
    below = [r for r, i in order.items() if i > seg_index and (half is None or ix.side(r) == half)]
    for sym, (p, steps) in causes.items():
        points = ix.objects(sym, "skg:pointsToSegment")
        if points and not set(points) & {x, *ix.objects(x, "skg:partOf")}:
            p *= alt
        _put(prof, ("sign", sym), p, steps)
        if ix.is_a(sym, "skg:ClinicalSign"):  # a generic symptom does not qualify a row
            specific.add(("sign", sym))
        for area in ix.objects(sym, "skg:feltIn"):
            _put(prof, ("pain", area), p, steps + (_step(kg, sym, "skg:feltIn", area),))
    # a sign that concerns a reflex (clonus) counts as an increased reflex, unless the
    # sources say hyperreflexia argues against the syndrome (a lower motor neuron lesion,
    # whose reflex signs are the absent ones: the bulbocavernosus reflex)
    lmn = any(_HYPER in ix.subjects(c, "skg:arguesAgainst") for c in chain)
    if _HYPER in causes or not lmn and any(ix.is_a(c, "skg:ClinicalSign") and
                                           ix.objects(c, "skg:concernsReflex") for c in causes):
        umn = need(d, "default_umn_reflex_sensitivity")
        for r in below:
            for refl, (_, rank, steps) in root_profile(kg, r)["reflexes"].items():
                if rank != "alternative":
                    _put(prof, ("high", refl), umn, head + tuple(steps))
                    specific.add(("high", refl))
    limb = need(d, "default_central_limb_sensitivity")
    if ix.terms[x].kind == "CaudaEquina":
        for r in at:  # the cauda equina is the roots: root sensitivities for reflexes and
            # for the midline (saddle) items both sides' roots serve
            for k, (p, steps) in root_items(kg, r, head=head).items():
                mid = "skg:Midline" in ix.objects(k[1], "skg:hasSide")
                _put(prof, k, p / alt if mid else p if k[0] == "low" else min(p, limb), steps)
    else:
        level = need(d, "default_central_level_sensitivity")
        for r in at:
            for k, (p, steps) in root_items(kg, r, head=head).items():
                if k[0] != "sign":
                    _put(prof, k, level if k[0] == "low" else level * p, steps)
    gen = [k for k, want in (("motor", "skg:symptom_weakness"), ("sens", "skg:symptom_numbness"))
           if want in causes]
    for r in below if gen else ():
        for k, (_p, steps) in root_items(kg, r, head=head).items():
            if k[0] in gen:
                _put(prof, k, limb, steps)
    for c in chain:  # signs the sources say point to or away from the syndrome
        _feature_links(kg, c, prof, head + ((_step(kg, s, "skg:subtypeOf", c),) if c != s else ()))
    against = prof.get(("sign", _HYPER))
    if against is not None and _HYPER not in causes:
        # an increased reflex is hyperreflexia: argued against for a lower motor neuron
        # lesion (the cauda equina), below the rate of any other unexplained finding
        for r in at:
            for refl in root_profile(kg, r)["reflexes"]:
                prof[("high", refl)] = against
    for k in prof:
        if k[0] in ("sens", "motor", "low") and "skg:Midline" in ix.objects(k[1], "skg:hasSide"):
            specific.add(k)
    return prof, specific
