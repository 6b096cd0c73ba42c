"""Every candidate kind, read from the graph: roots, peripheral nerves (whole, or at
an entrapment site), plexus parts, cord syndromes by level, the conus, the cauda
equina and the non-neural conditions (musculoskeletal and vascular mimics). Each
becomes one or more :class:`~.space.Row` with its profile; multi-root patterns and
two-lesion combinations (double crush, hip-spine) are formed from these rows per
case by :mod:`.model`.

Examples
--------
>>> prof = root_items(skg.load(), "skg:root_L5_left")
>>> prof[("motor", "skg:action_great_toe_extension_left")][0]
0.67
"""

from __future__ import annotations

from typing import Any

from ...core.adjacency import _make_step
from ..derived import root_profile
from .likelihood import defaults, need

__all__ = ["root_items", "nerve_items"]

Profile = dict[tuple[str, str], tuple[float, tuple]]


def _step(kg: Any, s: str, p: str, o: str) -> Any:
    return _make_step(kg._adj, s, p, o, False)


def _put(prof: Profile, key: tuple[str, str], p: float, steps: tuple) -> None:
    if key not in prof or prof[key][0] < p:
        prof[key] = (p, steps)


def _feature_links(kg: Any, target: str, prof: Profile, head: tuple = ()) -> None:
    """Tests, history features and signs linked to ``target`` (skg:suggests,
    skg:arguesAgainst), with their sourced sensitivity where an accuracy row gives it;
    where the row gives only a positive likelihood ratio, the probability that makes
    the ratio to the feature's background rate the published one."""
    from .likelihood import accuracy_of, background, positive_lr_of

    ix = kg.index
    d = defaults(kg)
    for f in ix.subjects(target, "skg:suggests"):
        sens = accuracy_of(kg, f, target)[0]
        if sens is None and (lr := positive_lr_of(kg, f, target)) is not None:
            sens = min(lr * background(kg, f), 1.0 - background(kg, f))
        _put(prof, ("sign", f), sens if sens is not None else need(d, "default_suggests_sensitivity"),
             head + (_step(kg, f, "skg:suggests", target),))
    for f in ix.subjects(target, "skg:arguesAgainst"):
        prof[("sign", f)] = (background(kg, f) * need(d, "default_argues_against_rate"),
                             head + (_step(kg, f, "skg:arguesAgainst", target),))


def root_items(kg: Any, root: str, scale: float = 1.0, head: tuple = ()) -> Profile:
    """What a compressed root makes abnormal: dermatome areas and key point, myotome
    and root-supplied actions, the reflexes it mediates, referred pain, linked tests."""
    ix = kg.index
    d = defaults(kg)
    alt = need(d, "default_alternative_reading_factor")
    sens = {"areas": need(d, "default_dermatomal_sensory_sensitivity"),
            "actions": need(d, "default_myotomal_motor_sensitivity"),
            "reflexes": need(d, "default_reflex_sensitivity"),
            "pain": need(d, "default_pain_referral_sensitivity")}
    keys = {"areas": "sens", "actions": "motor", "reflexes": "low", "pain": "pain"}
    prof: Profile = {}
    sided = ix.side(root) in ("left", "right")
    for cat, items in root_profile(kg, root).items():
        for item, (_, rank, steps) in items.items():
            p = sens[cat] * (alt if rank == "alternative" else 1.0) * scale
            if sided and cat != "pain" and "skg:Midline" in ix.objects(item, "skg:hasSide"):
                p *= alt  # a midline structure keeps the other side's root
            _put(prof, (keys[cat], item), p, head + tuple(steps))
    own = set(root_profile(kg, root)["actions"])  # the myotome's own ranked reading decides
    supply = need(d, "default_supply_motor_factor")
    for m in ix.subjects(root, "skg:rootSupply"):
        rank = ix.edge_info(m, "skg:rootSupply", root).rank
        s1 = _make_step(kg._adj, root, "skg:rootSupply", m, True)
        shared = sum(ix.edge_info(m, "skg:rootSupply", r).rank != "alternative"
                     for r in ix.objects(m, "skg:rootSupply")) > 1
        p = sens["actions"] * (supply if shared else 1.0) * (
            alt if rank == "alternative" else 1.0) * scale
        for a in ix.objects(m, "skg:testedBy"):
            if a not in own:
                _put(prof, ("motor", a), p, head + (s1, _step(kg, m, "skg:testedBy", a)))
    _feature_links(kg, root, prof, head)
    return prof


def _subtree(kg: Any, nerve: str, spared: set[str]) -> list[tuple[str, tuple]]:
    """The nerve and its branches (not those spared), each with the branch chain."""
    ix = kg.index
    out, todo = [], [(nerve, ())]
    while todo:
        n, chain = todo.pop()
        if n in spared:
            continue
        out.append((n, chain))
        todo += [(b, chain + (_step(kg, b, "skg:branchOf", n),))
                 for b in ix.subjects(n, "skg:branchOf")]
    return out


def nerve_items(kg: Any, nerve: str, site: str | None = None, roots: set[str] | None = None,
                head: tuple = (), names: tuple[str, str, str] = ("default_nerve_sensory_sensitivity",
                                                                  "default_nerve_motor_sensitivity",
                                                                  "default_nerve_reflex_sensitivity")
                ) -> Profile:
    """What a lesion of ``nerve`` (at ``site``: only below it) makes abnormal: the
    actions of the muscles it and its branches supply, their cutaneous territories,
    the reflexes whose arc runs in them. ``roots`` keeps only the items served by
    those roots (a plexus part carries the fibres of its roots only)."""
    ix = kg.index
    d = defaults(kg)
    ns, nm, nr = (need(d, n) for n in names)
    served = _root_areas(kg, roots) if roots is not None else None
    spared_b = set(ix.objects(site, "skg:sparesBranch")) if site else set()
    spared_m = set(ix.objects(site, "skg:sparesMuscle")) if site else set()
    prof: Profile = {}
    by_action: dict[str, set[str]] = {}
    for n, chain in _subtree(kg, nerve, spared_b):
        if roots is not None and not roots & set(ix.subjects(n, "skg:contributesTo")):
            continue
        base = head + chain
        for m in ix.subjects(n, "skg:innervatedBy"):
            if m in spared_m or (roots is not None and not roots & {
                    r for r in ix.objects(m, "skg:rootSupply")
                    if ix.edge_info(m, "skg:rootSupply", r).rank != "alternative"}):
                continue
            s1 = _step(kg, m, "skg:innervatedBy", n)
            for a in ix.objects(m, "skg:testedBy"):
                by_action.setdefault(a, set()).add(m)
                _put(prof, ("motor", a), nm, base + (s1, _step(kg, m, "skg:testedBy", a)))
        for area in ix.objects(n, "skg:cutaneousTerritory"):
            if served is not None and area not in served:
                continue
            s = base + (_step(kg, n, "skg:cutaneousTerritory", area),)
            _put(prof, ("sens", area), ns, s)
            _put(prof, ("pain", area), need(d, "default_pain_referral_sensitivity"), s)
        for r in ix.subjects(n, "skg:reflexNerve"):
            if set(ix.objects(r, "skg:reflexMuscle")) & spared_m:
                continue
            _put(prof, ("low", r), nr, base + (_step(kg, r, "skg:reflexNerve", n),))
    partial = need(d, "default_partial_action_factor")
    for a, muscles in by_action.items():
        # an action tested on several muscles, some of which the lesion spares, keeps
        # the strength of the spared ones (foot inversion: tibialis posterior, tibial
        # nerve, still inverts the foot after a fibular lesion weakens tibialis anterior)
        total = {m for m in ix.subjects(a, "skg:testedBy") if not ix.objects(m, "skg:partOf")
                 or not set(ix.objects(m, "skg:partOf")) & set(ix.subjects(a, "skg:testedBy"))}
        if not total or total <= muscles:
            continue
        p, steps = prof[("motor", a)]
        # a plexus part reaches the muscles its roots serve: the share of them
        share = partial if roots is None else len(muscles & total) / len(total)
        prof[("motor", a)] = (p * share, steps)
    return prof


def _root_areas(kg: Any, roots: set[str]) -> set[str]:
    """The areas the dermatomes of ``roots`` cover, with the areas inside and around them."""
    ix = kg.index
    up, down = ix.closure("skg:partOf"), ix.closure("skg:partOf", inverse=True)
    out: set[str] = set()
    for r in roots:
        for a in root_profile(kg, r)["areas"]:
            out |= {a, *up.get(a, ()), *down.get(a, ())}
    return out


def _levels(kg: Any, roots: Any) -> tuple[str, ...]:
    ix = kg.index
    order = {lv: i for i, lv in enumerate(kg.resolver.levels)}
    names = {str(ix.value(r, "skg:levelName")) for r in roots if ix.value(r, "skg:levelName")}
    return tuple(sorted(names, key=lambda lv: order.get(lv, 99)))


def _plexus_roots(kg: Any, part: str) -> set[str]:
    """The roots whose fibres a plexus part carries (trunk ← roots; division ← its trunk;
    cord ← its divisions)."""
    ix = kg.index
    out: set[str] = set()
    todo, seen = [part], set()
    while todo:
        x = todo.pop()
        if x in seen:
            continue
        seen.add(x)
        for s in ix.subjects(x, "skg:contributesTo"):
            (out.add(s) if ix.terms[s].kind == "SpinalNerveRoot" else todo.append(s))
        todo += [o for o in ix.objects(x, "skg:branchOf") if ix.terms[o].kind != "Plexus"]
    return out


def _plexus_nerves(kg: Any, part: str) -> set[str]:
    """The nerves whose fibres pass through a plexus part (below it, through divisions
    into cords)."""
    ix = kg.index
    below, todo = set(), [part]
    while todo:
        x = todo.pop()
        for b in (*ix.subjects(x, "skg:branchOf"), *ix.objects(x, "skg:contributesTo")):
            if b in below or ix.terms[b].kind == "Plexus":
                continue
            below.add(b)
            todo.append(b)
    return {b for b in below if ix.is_a(b, "skg:PeripheralNerve")}


def _lesions(kg: Any, root: str) -> tuple[str, ...]:
    ix = kg.index
    return tuple(sorted(ix.terms[rule].label + (" (alternative)" if ix.edge_info(
        rule, "skg:compressesRoot", root).rank == "alternative" else "")
        for rule in ix.subjects(root, "skg:compressesRoot")))
