"""Free-text notes (issue 22): ``kg.read_findings`` and ``spinekg localize --text``.

Expected values are written from the sources, not from the reader's output:

* MRC muscle grades 0-5, written "4/5" with "+" and "-" for the steps between
  (Medical Research Council, Aids to the Examination of the Peripheral Nervous
  System, Memorandum 45, 1976: the graph's source ``src_mrc1976_aids``); 5/5 is
  normal power.
* Reflex grades of the NINDS Myotatic Reflex Scale: 0 absent, 1+ low (decreased),
  2+ normal, 3+ and 4+ brisker than normal (Hallett M, Neurology 1993;43:2723; its
  reliability: Litvan I et al., Neurology 1996;47(4):969-72, doi:10.1212/wnl.47.4.969).
* The example note and what it should give are the words of issue 22.
* Muscle abbreviations: EHL extensor hallucis longus, TA tibialis anterior, FDI
  first dorsal interosseous, APB abductor pollicis brevis (MRC Memorandum 45).
"""

from __future__ import annotations

import socket

import pytest

from spinekg.adapters.text import localize_kwargs, read_findings
from spinekg.adapters.text.pipeline import build_pipeline, run
from spinekg.adapters.text.rules import vocabulary
from spinekg.errors import SpineKGError
from spinekg.faces.cli import main

pytest.importorskip("medspacy")  # the nlp extra; `make test` installs it

EXAMPLE = ("58M, 3 weeks of R neck pain radiating to the outer upper arm. Deltoid 4-/5, "
           "biceps jerk reduced, triceps 2+. No hand numbness. Spurling positive on the right.")
STATE = {"0": "absent", "1+": "decreased", "2+": "normal", "3+": "increased", "4+": "increased",
         "absent": "absent", "decreased": "decreased", "normal": "normal", "increased": "increased"}


def _one(items, kind, words):
    found = [f for f in items if f.kind == kind and f.text.lower() == words]
    assert len(found) == 1, (kind, words, items)
    return found[0]


def _is(kg, text, curie_part, side=None):
    """``text`` names a term of the graph whose CURIE contains ``curie_part``."""
    return any(curie_part in c for c in kg.resolver.candidates(text, side=side))


def test_the_example_note_of_issue_22(kg):
    f = kg.read_findings(EXAMPLE)
    assert f.side == "right"
    assert all(x.side == "right" for x in f.items)
    deltoid = _one(f.items, "weakness", "deltoid")
    assert deltoid.value == "4-/5" and deltoid.present
    # the deltoid stands for shoulder abduction through the graph's testedBy edge
    muscle = kg.term("deltoid", side="right")
    assert "skg:action_shoulder_abduction_right" in kg.index.objects(muscle.curie, "skg:testedBy")
    biceps = next(x for x in f.items if x.kind == "reflex" and "biceps" in x.text.lower())
    assert STATE[biceps.value] == "decreased" and biceps.present
    triceps = next(x for x in f.items if x.kind == "reflex" and "triceps" in x.text.lower())
    assert STATE[triceps.value] == "normal" and not triceps.present
    assert _is(kg, triceps.text + " reflex", "reflex_triceps")
    pains = {x.text.lower() for x in f.items if x.kind == "pain"}
    assert "outer upper arm" in pains and any("neck" in p for p in pains)
    hand = _one(f.negated, "numbness", "hand")
    assert not hand.present
    assert not [x for x in f.items if "hand" in x.text.lower()]
    try:
        kg.term("Spurling test", side="right")
    except SpineKGError:  # not in this graph: the words are kept as unparsed, never dropped
        assert any("Spurling" in words for words, _, _ in f.unparsed)
        assert not [x for x in f.items if x.kind == "sign"]
    else:
        spurling = next(x for x in f.items if x.kind == "sign" and "spurling" in x.text.lower())
        assert spurling.value == "positive" and spurling.side == "right"


def test_the_example_note_localises_to_right_c5(kg):
    # C5: lateral upper arm, deltoid/shoulder abduction, biceps reflex (the cases' source table)
    kwargs, _ = localize_kwargs(kg, kg.read_findings(EXAMPLE))
    loc = kg.localize(**kwargs, strict=False)
    assert loc.best.root.curie == "skg:root_C5_right"


@pytest.mark.parametrize("note, kind, words", [
    ("No hand numbness.", "numbness", "hand"),
    ("Denies saddle anaesthesia.", "numbness", "saddle anaesthesia"),
    ("No weakness of ankle dorsiflexion.", "weakness", "ankle dorsiflexion"),
    ("Patient denies any neck pain.", "pain", "neck pain"),
])
def test_negated_mentions_are_kept_apart(kg, note, kind, words):
    f = kg.read_findings(note)
    _one(f.negated, kind, words)
    assert f.items == ()


def test_a_negation_does_not_reach_a_clause_with_its_own_value(kg):
    f = kg.read_findings("No hand numbness, deltoid 4-/5.")
    _one(f.negated, "numbness", "hand")
    assert _one(f.items, "weakness", "deltoid").value == "4-/5"


def test_absent_is_a_value_not_a_negation(kg):
    f = kg.read_findings("Absent ankle jerk on the left.")
    jerk = _one(f.items, "reflex", "ankle jerk")
    assert (jerk.value, jerk.side, jerk.present) == ("absent", "left", True)
    assert f.negated == ()
    # and the engine reads it as the absent Achilles reflex (S1)
    kwargs, _ = localize_kwargs(kg, f)
    assert kwargs["reflexes"] == {"ankle jerk": "absent"}


def test_a_negated_red_flag_raises_no_flag(kg):
    denied = kg.read_findings("Absent left ankle jerk. No saddle numbness, no retention.")
    assert not [x for x in denied.items if "saddle" in x.text or "retention" in x.text]
    assert any("saddle" in x.text for x in denied.negated)
    loc = kg.localize(**localize_kwargs(kg, denied)[0], strict=False)
    assert not any(c.flag for c in loc.candidates)
    # the same words, not denied, do raise cauda equina (so the test above can fail)
    said = kg.read_findings("Absent left ankle jerk. Saddle numbness and urinary retention.")
    loc = kg.localize(**localize_kwargs(kg, said)[0], strict=False)
    assert any("cauda equina" in (c.flag or "") + c.root.label for c in loc.candidates)


@pytest.mark.parametrize("note, words", [
    ("Possible foot drop.", "foot drop"),
    ("Probably reduced sensation over the dorsum of the foot.", "dorsum of the foot"),
])
def test_uncertain_mentions_are_kept_apart(kg, note, words):
    f = kg.read_findings(note)
    assert any(x.text.lower() == words for x in f.uncertain), f
    assert not any(x.text.lower() == words for x in f.items)


def test_each_finding_keeps_its_own_side(kg):
    f = kg.read_findings("Left EHL 4/5. Right ankle jerk absent. Numbness of the left big toe.")
    assert _one(f.items, "weakness", "ehl").side == "left"
    assert _one(f.items, "reflex", "ankle jerk").side == "right"
    assert _one(f.items, "numbness", "big toe").side == "left"
    assert f.side == "bilateral"
    # a side written after the finding, in the same clause
    g = kg.read_findings("Ankle jerk absent on the right, knee jerk normal on the left.")
    assert _one(g.items, "reflex", "ankle jerk").side == "right"
    assert _one(g.items, "reflex", "knee jerk").side == "left"


@pytest.mark.parametrize("note, kind, value, present", [
    ("EHL 4-/5.", "weakness", "4-/5", True),
    ("EHL 4/5.", "weakness", "4/5", True),
    ("EHL 4+/5.", "weakness", "4+/5", True),
    ("EHL 2/5.", "weakness", "2/5", True),
    ("EHL 5/5.", "normal", "5/5", False),   # MRC 5: normal power
])
def test_mrc_grades(kg, note, kind, value, present):
    f = kg.read_findings(note)
    x = _one(f.items, kind, "ehl")
    assert (x.value, x.present) == (value, present)


@pytest.mark.parametrize("written, state", [
    ("0", "absent"), ("1+", "decreased"), ("2+", "normal"), ("3+", "increased"), ("4+", "increased"),
    ("reduced", "decreased"), ("diminished", "decreased"), ("brisk", "increased"),
    ("absent", "absent"), ("normal", "normal"),
])
def test_reflex_grades_and_states(kg, written, state):
    f = kg.read_findings(f"Knee jerk {written}.")
    x = _one(f.items, "reflex", "knee jerk")
    assert STATE[x.value] == state
    assert x.present == (state != "normal")


@pytest.mark.parametrize("abbrev, muscle", [
    ("EHL", "extensor_hallucis_longus"), ("TA", "tibialis_anterior"),
    ("FDI", "first_dorsal_interosseous"), ("APB", "abductor_pollicis_brevis"),
])
def test_muscle_abbreviations(kg, abbrev, muscle):
    f = kg.read_findings(f"Left {abbrev} 4/5.")
    x = _one(f.items, "weakness", abbrev.lower())
    assert x.side == "left"
    label = kg.term(x.text, side="left").label.replace(" ", "_")
    assert muscle in label


def test_every_reflex_name_in_the_graph_is_recognised(kg):
    """The entity rules come from the graph: each side-neutral name of each reflex reads."""
    ix = kg.index
    names = {n.lower().removeprefix("left ").removeprefix("right ")
             for c in ix.instances("skg:Reflex")
             for n in (ix.terms[c].label, *ix.alt_labels.get(c, ()))}
    assert len(names) > 30
    vocab = vocabulary(kg)
    for name in sorted(names):
        assert any(role == "reflex" for role, _ in vocab.get(name, ())), name
    for name in ("ankle jerk", "biceps jerk", "knee jerk", "supinator jerk"):
        f = kg.read_findings(f"{name} absent")
        assert _one(f.items, "reflex", name).value == "absent"


NOTES = [EXAMPLE,
         "MRI: left L4-L5 foraminal disc herniation. Sensation intact over the medial leg.",
         "History of L5-S1 microdiscectomy.\nNumbness over the lateral foot\nReflexes symmetric 2+",
         "Possible foot drop; denies saddle anaesthesia or bladder symptoms. Babinski negative."]


@pytest.mark.parametrize("note", NOTES)
def test_offsets_slice_the_note_back_to_each_mention(kg, note):
    f = kg.read_findings(note)
    assert f.source == note
    every = f.items + f.negated + f.uncertain
    assert every
    for x in every:
        assert note[x.span[0]:x.span[1]] == x.text, x
    for words, a, b in f.unparsed:
        assert note[a:b] == words


def test_normal_findings(kg):
    f = kg.read_findings("Sensation intact over the medial leg. Reflexes symmetric 2+.")
    leg = _one(f.items, "normal", "medial leg")
    assert not leg.present
    reflexes = _one(f.items, "normal", "reflexes")
    assert (reflexes.value, reflexes.side, reflexes.present) == ("2+", "bilateral", False)
    assert f.negated == ()


def test_imaging_history_and_signs(kg):
    f = kg.read_findings("MRI: left L4-L5 foraminal disc herniation. History of L5-S1 "
                         "microdiscectomy. Babinski negative.")
    img = _one(f.items, "imaging", "foraminal disc herniation")
    assert (img.value, img.side) == ("L4-L5", "left")
    hist = _one(f.items, "history", "microdiscectomy")
    assert hist.value == "L5-S1"
    babinski = _one(f.items, "sign", "babinski")
    assert (babinski.value, babinski.present) == ("negative", False)
    kwargs, _ = localize_kwargs(kg, f)
    # L4-L5 foraminal herniation compresses the exiting L4 root (the graph's compression rule)
    assert kwargs["imaging"] == ("foraminal disc herniation", "L4-L5", "left")
    assert kg.localize(**kwargs, strict=False).best.root.curie == "skg:root_L4_left"


def test_localize_kwargs_reports_what_it_cannot_carry(kg):
    f = kg.read_findings("Left EHL 4/5. Babinski negative.")
    kwargs, left_out = localize_kwargs(kg, f)
    assert kwargs["weakness"] == ["EHL"] and kwargs["side"] == "left"
    # today's localize takes no signs: the sign is listed as left out, never dropped
    assert ("signs" in kwargs) != any("Babinski" in w for w in left_out)


@pytest.mark.parametrize("bad, error", [(None, TypeError), (42, TypeError), ("", ValueError),
                                        ("   ", ValueError), ("x" * 100_001, ValueError)])
def test_bad_notes_are_refused(kg, bad, error):
    with pytest.raises(error):
        read_findings(kg, bad)


def test_the_pipeline_is_built_offline(kg, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the text pipeline tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    nlp = build_pipeline(kg)
    assert [e.text for e in run(nlp, "Absent ankle jerk.").ents] == ["ankle jerk"]


def test_the_pipeline_is_cached_per_graph(kg):
    kg.read_findings("Absent ankle jerk.")
    assert kg._memo["text_pipeline_rules"] is kg._memo["text_pipeline_rules"]
    first = kg._memo["text_pipeline_rules"]
    kg.read_findings("Knee jerk 2+.")
    assert kg._memo["text_pipeline_rules"] is first


def test_pyrush_sentences_give_the_same_findings(kg):
    fast = read_findings(kg, EXAMPLE)
    rush = read_findings(kg, EXAMPLE, sentences="pyrush")
    assert fast.items == rush.items and fast.negated == rush.negated
    with pytest.raises(ValueError, match="sentences"):
        read_findings(kg, EXAMPLE, sentences="nltk")


def test_cli_localize_text(capsys, tmp_path):
    assert main(["localize", "--text", EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. right C5 nerve root")
    assert "negated: hand" in out
    note = tmp_path / "note.txt"
    note.write_text("Absent left ankle jerk.\nNumbness over the lateral foot and sole.\n",
                    encoding="utf-8")
    assert main(["localize", "--text-file", str(note)]) == 0
    assert capsys.readouterr().out.startswith("1. left S1 nerve root")
    assert main(["localize", "--text-file", str(tmp_path / "missing.txt")]) == 2
    assert main(["localize", "--text", "58M, 3 weeks."]) == 2   # no findings: one line
    assert "error" in capsys.readouterr().err
