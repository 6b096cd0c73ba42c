"""Text → Term: labels, synonyms, CURIEs, IRIs and side phrasings."""

from __future__ import annotations

import pytest

import spinekg as skg


@pytest.mark.parametrize("text", [
    "left L4", "L4 left", "left L4 nerve root", "L4 root, left side", "Left  l4", "LEFT-L4",
    "skg:root_L4_left", "https://w3id.org/spinekg/root_L4_left", "left fourth lumbar nerve root",
    "<https://w3id.org/spinekg/root_L4_left>", "http://w3id.org/spinekg/root_L4_left",
])
def test_root_phrasings(kg, text):
    assert kg.term(text).curie == "skg:root_L4_left"


@pytest.mark.parametrize("text,side,expected", [
    ("big toe", "right", "skg:area_great_toe_right"),
    ("great toe", "left", "skg:area_great_toe_left"),
    ("top of the foot", "left", "skg:area_dorsum_of_foot_left"),
    ("shin", "right", "skg:area_medial_leg_right"),
    ("knee jerk", "left", "skg:reflex_patellar_left"),
    ("ankle jerk", "right", "skg:reflex_achilles_right"),
    ("nipple", "left", "skg:area_nipple_line_chest_left"),
    ("belly button", "right", "skg:area_umbilicus_level_right"),
    ("umbilicus", "left", "skg:area_umbilicus_level_left"),
])
def test_synonyms_with_side(kg, text, side, expected):
    assert kg.term(text, side=side).curie == expected


def test_side_words_inside_the_text(kg):
    assert kg.term("right big toe").curie == "skg:area_great_toe_right"


def test_unsided_name_of_sided_thing_is_ambiguous(kg):
    with pytest.raises(skg.AmbiguousTermError) as err:
        kg.term("L4")
    assert {c.curie for c in err.value.choices} == {"skg:root_L4_left", "skg:root_L4_right"}


@pytest.mark.parametrize("text,expected", [("L6", ["L5", "S1"]), ("C9", ["C8", "T1"]),
                                           ("S6", ["S5", "Co1"])])
def test_out_of_range_level_suggests_neighbours(kg, text, expected):
    with pytest.raises(skg.UnknownTermError) as err:
        kg.term(text)
    assert err.value.suggestions == expected
    assert isinstance(err.value, KeyError)


def test_misspelling_suggests(kg):
    with pytest.raises(skg.UnknownTermError) as err:
        kg.term("medial maleolus", side="left")
    assert any("medial malleolus" in s for s in err.value.suggestions)


def test_search_ranks_exact_and_prefix_first(kg):
    hits = kg.search("great toe", limit=5)
    assert hits and all("toe" in t.label or "hallux" in t.label for t in hits[:2])
    assert kg.search("xyzzy-nothing") == []


def test_conflicting_sides_are_rejected(kg):
    with pytest.raises(ValueError, match="'left L4' names the left side but side='right' was "
                                         "asked; expected a name without a side, or the right"):
        kg.term("left L4", side="right")
    with pytest.raises(ValueError, match="names two sides"):
        kg.term("left right L4")
    # changed for the differential engine (issue 19): a side inside a finding keeps its own
    # side even when side= names the other (a bilateral case is a case, not an error)
    loc = kg.localize(side="left", numbness=["right little toe"])
    assert loc.best.side == "right"


@pytest.mark.parametrize("text,expected", [
    ("back of calf", "skg:area_posterior_calf_left"),
    ("outer foot", "skg:area_lateral_foot_left"),
    ("the back of the thigh", "skg:area_posterior_thigh_left"),
])
def test_small_words_do_not_matter(kg, text, expected):
    assert kg.term(text, side="left").curie == expected


def test_names_written_exactly_resolve_as_the_full_rules_do(kg):
    """The table of labels and synonyms as written is a shortcut, never a different
    answer: each entry is what the rules give, and a name the rules find ambiguous or
    that carries two sides is not in it."""
    res = kg.resolver
    names = {n for c, t in kg.index.terms.items()
             for n in (t.label, *kg.index.alt_labels.get(c, ()))}
    assert len(res.surface) > len(kg.index.terms) // 2
    for name in names:
        try:
            full = res.candidates(name.strip())
        except ValueError:
            assert name not in res.surface
            continue
        if len(full) == 1:
            assert res.surface.get(name) == full[0], name
            assert kg.term(name).curie == full[0]
        else:
            assert name not in res.surface, name
    # names of unsided things take the shortcut whatever side is asked: the rules agree
    assert res.any_side and res.any_side <= set(res.surface)
    for name in res.any_side:
        for side in ("left", "right"):
            assert res.candidates(name.strip(), side=side) == [res.surface[name]], (name, side)
    # a sided name still goes through the rules when a side is asked
    assert "left lower limb" not in res.any_side
    with pytest.raises(ValueError, match="names the left side but side='right' was asked"):
        kg.term("left lower limb", side="right")
    # and the shortcut keeps to the kinds asked for
    with pytest.raises(skg.UnknownTermError, match="expected a condition"):
        res.term("left lower limb", kinds=("Condition",))
    assert res.term("lumbar foraminal stenosis", side="left",
                    kinds=("SpinalStenosis",)).curie == "skg:condition_lumbar_foraminal_stenosis"


@pytest.mark.parametrize("call,text,names,expected", [
    (lambda kg: kg.localize(side="left", weakness=["hip pain"]), "hip pain",
     "the symptom 'hip pain'", "muscle action"),
    (lambda kg: kg.localize(side="right", pain=["sciatica"]), "sciatica",
     "the radiculopathy 'lumbar radiculopathy'", "body area"),
    (lambda kg: kg.affected_by("left patellar reflex"), "left patellar reflex",
     "the reflex 'left patellar reflex'",
     "spinal nerve root or peripheral nerve or entrapment site or plexus part or plexus or "
     "condition or spinal cord segment"),
    (lambda kg: kg.treatments("left L4"), "left L4",
     "the spinal nerve root 'left L4 nerve root'", "condition"),
])
def test_a_name_of_the_wrong_kind_says_what_it_names_and_what_was_expected(
        kg, call, text, names, expected):
    with pytest.raises(skg.UnknownTermError) as err:
        call(kg)
    assert (err.value.text, err.value.names, err.value.expected) == (text, names, expected)
    assert str(err.value).startswith(f"{text!r} names {names}; expected a {expected}")
    assert text not in err.value.suggestions  # never "did you mean" the very name given


def test_a_wrong_kind_finding_is_unresolved_when_not_strict(kg):
    loc = kg.localize(side="left", weakness=["hip pain", "great toe extension"], strict=False)
    assert loc.unresolved == ("weakness: hip pain",)
    assert loc.candidates[0].root.curie == "skg:root_L5_left"


def test_icd10cm_codes_find_their_condition(kg):
    """Every code the graph records finds the condition that records it, with or without
    the dot and in any case; a code it does not record is unknown, not guessed."""
    codes = [(c, str(code)) for c in kg.index.instances("skg:Condition")
             for code in kg.index.values.get(c, {}).get("skg:icd10cm", ())]
    assert len(codes) >= 8
    for curie, code in codes:
        for text in (code, code.lower(), code.replace(".", "")):
            assert kg.term(text).curie == curie, text
    assert kg.term("G83.4").curie == "skg:condition_cauda_equina_syndrome"
    assert kg.term("M48.06").curie == "skg:condition_lumbar_spinal_stenosis"  # the parent
    with pytest.raises(skg.UnknownTermError):
        kg.term("M48.09")  # not a code any condition records


def test_search_lists_things_before_their_classes_and_properties(kg):
    found = kg.search("herniation")
    labels = [t.label for t in found]
    assert len(labels) == len(set(labels))  # the class "disc herniation" is not listed again
    assert found[0].curie == "skg:condition_disc_herniation"
    dermatomes = kg.search("L5 dermatome")
    assert [t.curie for t in dermatomes[:2]] == ["skg:dermatome_L5_left", "skg:dermatome_L5_right"]
    kinds = [t.kind for t in dermatomes]
    assert all(k.endswith("Property") for k in kinds[kinds.index("ObjectProperty"):])
    assert kg.search("has dermatome")[0].curie == "skg:hasDermatome"  # named exactly


@pytest.mark.parametrize("text,expected", [
    ("L4-L5", "skg:disc_L4_L5"), ("L4/5", "skg:disc_L4_L5"), ("L5-S1", "skg:disc_L5_S1"),
    ("C5-6", "skg:disc_C5_C6"), ("HNP", "skg:condition_disc_herniation"),
    ("left L5 radiculopathy", "skg:root_L5_left"), ("right C6 root compression",
                                                     "skg:root_C6_right"),
    ("S1 radic, left", "skg:root_S1_left"),
])
def test_clinical_shorthand_resolves(kg, text, expected):
    assert kg.term(text).curie == expected


def test_a_level_with_radiculopathy_but_no_side_asks_which(kg):
    with pytest.raises(skg.AmbiguousTermError, match="left S1 nerve root, right S1 nerve root"):
        kg.term("S1 radiculopathy")
    assert kg.term("lumbar radiculopathy").curie == "skg:condition_lumbar_radiculopathy"


def test_foot_drop_is_the_weakness_it_names(kg):
    """Issue 15: foot drop is ankle dorsiflexion weakness (skg:weaknessOf), so it is
    accepted as a weakness and points to L5 first (Harrison's: L5 primary, L4 contributing)."""
    loc = kg.localize(side="left", weakness=["foot drop"])
    assert [e for e in loc.best.explains] and loc.best.root.curie == "skg:root_L5_left"
    assert "skg:root_L4_left" in {c.root.curie for c in loc.candidates}
