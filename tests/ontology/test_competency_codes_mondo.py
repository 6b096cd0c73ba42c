"""Competency questions of the MONDO and DOID mappings of the conditions (issue 21).

Every id and label below is copied from the row of Mondo's mapping sets that gives it, not from what
the build outputs: monarch-initiative/mondo at commit 005a4a2b0925a4efb9268af9ff5a9a8d77f9e8ad
(release 2023-12-01), src/ontology/mappings/mondo_exactmatch_doid.sssom.tsv
(``src_mondo_exactmatch_doid_2023_12_01``; the DOID labels are those of doid.owl 2018-07-05) and
src/ontology/mappings/mondo_exactmatch_icd10cm.sssom.tsv (``src_mondo_exactmatch_icd10cm_2023_12_01``) and
src/ontology/mappings/mondo_exactmatch_ncit.sssom.tsv (``src_mondo_exactmatch_ncit_2023_12_01``).
No MONDO or DOID file is shipped with a package, so these pairs cannot be checked offline against
the ontology itself: the table is the record of what was read.

``DOID_OBO`` is copied from the Disease Ontology's own release file, DiseaseOntology/HumanDiseaseOntology
src/ontology/doid.obo at commit 3f1f99884e787ae215c23d17bb36f078643cd698 (data-version
releases/2016-08-12; ``src_doid_obo_2016_08_12``): the 'name:' line of each '[Term] id: DOID:<n>' stanza,
none of them marked is_obsolete.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from spinekg.namespaces import SKG

OBO = "http://purl.obolibrary.org/obo/"
DOID_SET = SKG.src_mondo_exactmatch_doid_2023_12_01
ICD_SET = SKG.src_mondo_exactmatch_icd10cm_2023_12_01
NCIT_SET = SKG.src_mondo_exactmatch_ncit_2023_12_01
DOID_OBO_SRC = SKG.src_doid_obo_2016_08_12

# doid.obo (data-version releases/2016-08-12) '[Term]\nid: DOID:<n>\nname: <name>', read in the file
# (DOID id -> name); no stanza among them has 'is_obsolete: true'.
DOID_OBO = {
    "11577": "Cauda equina syndrome",
    "12169": "carpal tunnel syndrome",
    "2247": "spondylosis",
    "2965": "bursitis",
    "319": "spinal cord disease",
    "4201": "peroneal neuropathy",
    "4306": "radiculopathy",
    "4613": "ulnar neuropathy",
    "606": "Brown-Sequard syndrome",
    "6712": "anterior spinal artery syndrome",
    "6725": "spinal stenosis",
}

# mondo_exactmatch_doid.sssom.tsv rows 'MONDO:<n> <label> skos:exactMatch DOID:<n> <label>', and the
# predicate we give the pair: exact where the graph's label is the class's, close where the graph
# names the condition otherwise and lists the external name among its alternative labels.
# (condition, predicate, MONDO id, MONDO label, DOID id, DOID label, sided)
MONDO_DOID = [
    ("spinal_stenosis", "exactMatch", "0005965", "spinal stenosis", "6725", "spinal stenosis",
     False),
    ("spondylosis", "exactMatch", "0002253", "spondylosis", "2247", "spondylosis", False),
    ("radiculopathy", "exactMatch", "0002959", "radiculopathy", "4306", "radiculopathy", False),
    ("cauda_equina_syndrome", "exactMatch", "0005693", "cauda equina syndrome", "11577",
     "Cauda equina syndrome", False),
    ("brown_sequard_syndrome", "exactMatch", "0003754", "Brown-Sequard syndrome", "606",
     "Brown-Sequard syndrome", False),
    ("carpal_tunnel_syndrome", "exactMatch", "0007275", "carpal tunnel syndrome", "12169",
     "carpal tunnel syndrome", True),
    ("ulnar_nerve_lesion", "closeMatch", "0007006", "ulnar neuropathy", "4613",
     "ulnar neuropathy", True),
    ("common_fibular_nerve_lesion", "closeMatch", "0002910", "peroneal neuropathy", "4201",
     "peroneal neuropathy", True),
    ("anterior_cord_syndrome", "closeMatch", "0006650", "anterior spinal artery syndrome", "6712",
     "anterior spinal artery syndrome", False),
]

# mondo_exactmatch_ncit.sssom.tsv rows 'MONDO:<n> <label> skos:exactMatch NCIT:<id> <label>': broader
# Mondo classes of three conditions, with the DOID id that mondo_exactmatch_doid.sssom.tsv pairs with
# the MONDO id (None: not looked up).
# (condition, MONDO id, MONDO label, NCIT id, NCIT label, sided, DOID id, DOID label)
MONDO_NCIT_BROAD = [
    ("myelopathy", "0002545", "spinal cord disorder", "C97110", "Spinal Cord Disorder", False,
     "319", "spinal cord disease"),
    ("meralgia_paresthetica", "0003615", "nerve compression syndrome", "C27221",
     "Entrapment Neuropathy", True, None, None),
    ("trochanteric_bursitis", "0002471", "bursitis", "C94407", "Bursitis", True, "2965", "bursitis"),
]


def _axiom(g, s: URIRef, p: URIRef, o: URIRef) -> tuple[str, set[URIRef], object]:
    """The note, the sources and the uncertain flag of one mapping edge."""
    for ax in g.subjects(OWL.annotatedSource, s):
        if (ax, OWL.annotatedProperty, p) in g and (ax, OWL.annotatedTarget, o) in g:
            return (str(g.value(ax, RDFS.comment) or ""), set(g.objects(ax, DCTERMS.source)),
                    g.value(ax, SKG.uncertain))
    raise AssertionError(f"no axiom for {s} {p} {o}")


def _subjects(condition: str, sided: bool) -> list[URIRef]:
    name = f"condition_{condition}"
    return [SKG[f"{name}_{side}"] for side in ("left", "right")] if sided else [SKG[name]]


@pytest.mark.parametrize(("condition", "pred", "mondo", "mlabel", "doid", "dlabel", "sided"),
                         MONDO_DOID)
def test_the_condition_maps_to_mondo_and_doid_as_mondo_gives_them(
        g, condition, pred, mondo, mlabel, doid, dlabel, sided):
    p = SKOS[pred]
    for s in _subjects(condition, sided):
        for target, label in ((f"MONDO_{mondo}", mlabel), (f"DOID_{doid}", dlabel)):
            o = URIRef(OBO + target)
            assert (s, p, o) in g, (s, o)
            note, sources, uncertain = _axiom(g, s, p, o)
            assert note.startswith(f"'{label}'"), note  # the class's name as the set gives it
            assert DOID_SET in sources
            assert uncertain is None  # read in a Mondo release file: no longer marked uncertain


def test_hip_osteoarthritis_falls_under_mondo_osteoarthritis(g):
    # mondo_exactmatch_icd10cm.sssom.tsv: MONDO:0005178 'osteoarthritis' = ICD10CM:M15-M19
    o = URIRef(f"{OBO}MONDO_0005178")
    for side in ("left", "right"):
        s = SKG[f"condition_hip_osteoarthritis_{side}"]
        assert (s, SKOS.broadMatch, o) in g
        note, sources, _ = _axiom(g, s, SKOS.broadMatch, o)
        assert note.startswith("'osteoarthritis'") and ICD_SET in sources


@pytest.mark.parametrize(("condition", "mondo", "mlabel", "ncit", "nlabel", "sided", "doid", "dlabel"),
                         MONDO_NCIT_BROAD)
def test_the_condition_falls_under_the_mondo_class_of_the_ncit_set(
        g, condition, mondo, mlabel, ncit, nlabel, sided, doid, dlabel):
    o = URIRef(f"{OBO}MONDO_{mondo}")
    for s in _subjects(condition, sided):
        assert (s, SKOS.broadMatch, o) in g, s
        assert (s, SKOS.exactMatch, o) not in g and (s, SKOS.closeMatch, o) not in g
        note, sources, uncertain = _axiom(g, s, SKOS.broadMatch, o)
        assert note.startswith(f"'{mlabel}'"), note
        assert f"NCIT:{ncit} '{nlabel}'" in note, note
        assert sources == {NCIT_SET} and uncertain is None
        doids = [d for d in g.objects(s, SKOS.broadMatch) if str(d).startswith(f"{OBO}DOID_")]
        if doid is None:
            assert not doids, s
            continue
        assert doids == [URIRef(f"{OBO}DOID_{doid}")], doids
        note, sources, _ = _axiom(g, s, SKOS.broadMatch, doids[0])
        assert note.startswith(f"'{dlabel}'") and f"MONDO:{mondo} '{mlabel}'" in note, note
        assert sources == {DOID_SET, DOID_OBO_SRC}


def test_the_earlier_readings_stay_as_second_sources(g):
    # MedGen UID 396107 and the DISEASES entity page gave the same two ids before Mondo was read
    ss, cts = SKG.condition_spinal_stenosis, SKG.condition_carpal_tunnel_syndrome_left
    _, sources, _ = _axiom(g, ss, SKOS.exactMatch, URIRef(f"{OBO}MONDO_0005965"))
    assert SKG.src_medgen_spinal_canal_stenosis in sources
    _, sources, _ = _axiom(g, cts, SKOS.exactMatch, URIRef(f"{OBO}MONDO_0007275"))
    assert SKG.src_jensenlab_diseases_cts in sources


def test_no_subtype_takes_its_parents_mondo_id(g):
    # only the nine conditions above (and hip osteoarthritis and the three NCIT-set ones, broad) carry a
    # MONDO id
    mapped = {str(s) for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
              for s, o in g.subject_objects(p) if str(o).startswith(f"{OBO}MONDO_")}
    expected = {str(s) for row in MONDO_DOID for s in _subjects(row[0], row[6])}
    expected |= {str(s) for s in _subjects("hip_osteoarthritis", True)}
    expected |= {str(s) for row in MONDO_NCIT_BROAD for s in _subjects(row[0], row[5])}
    assert mapped == expected


@pytest.mark.parametrize(("code", "side", "expected"), [
    ("MONDO:0002959", None, "skg:condition_radiculopathy"),
    ("DOID:4306", None, "skg:condition_radiculopathy"),
    ("http://purl.obolibrary.org/obo/DOID_6725", None, "skg:condition_spinal_stenosis"),
    ("MONDO:0005693", None, "skg:condition_cauda_equina_syndrome"),
    ("DOID:606", None, "skg:condition_brown_sequard_syndrome"),
    ("MONDO:0006650", None, "skg:condition_anterior_cord_syndrome"),
    ("MONDO:0007275", "left", "skg:condition_carpal_tunnel_syndrome_left"),
    ("DOID:4613", "right", "skg:condition_ulnar_nerve_lesion_right"),
    ("MONDO:0002910", "left", "skg:condition_common_fibular_nerve_lesion_left"),
    ("MONDO:0005178", "right", "skg:condition_hip_osteoarthritis_right"),
    ("MONDO:0002545", None, "skg:condition_myelopathy"),
    ("DOID:2965", "left", "skg:condition_trochanteric_bursitis_left"),
    ("MONDO:0003615", "left", "skg:condition_meralgia_paresthetica_left"),
    ("http://purl.obolibrary.org/obo/MONDO_0002471", "right",
     "skg:condition_trochanteric_bursitis_right"),
])
def test_term_resolves_mondo_and_doid(kg, code, side, expected):
    assert kg.term(code, side=side).curie == expected


def test_the_sssom_release_carries_mondo_and_doid(g):
    from spinekg.adapters.release import mappings

    rows = {(r["subject_id"], r["predicate_id"], r["object_id"]) for r in mappings(g)}
    assert ("skg:condition_spondylosis", "skos:exactMatch", "DOID:2247") in rows
    assert ("skg:condition_ulnar_nerve_lesion_left", "skos:closeMatch", "MONDO:0007006") in rows
    assert ("skg:condition_hip_osteoarthritis_left", "skos:broadMatch", "MONDO:0005178") in rows


def test_every_mondo_mapped_condition_has_its_snomed_id_via_mondo(g):
    # mondo_exactmatch_sctid.sssom.tsv has a row for every MONDO id above but MONDO:0002910
    sct_set = SKG.src_mondo_exactmatch_sctid_2023_12_01
    for condition, pred, mondo, *_rest, sided in MONDO_DOID + [
            ("hip_osteoarthritis", "broadMatch", "0005178", "", "", "", True)]:
        for s in _subjects(condition, sided):
            via = [o for o in g.objects(s, SKOS[pred]) if str(o).startswith("http://snomed.info/id/")]
            if mondo == "0002910":
                assert not via, s
                continue
            assert len(via) == 1, (s, via)  # the same strength as the MONDO mapping
            note, sources, _ = _axiom(g, s, SKOS[pred], via[0])
            assert sct_set in sources
            assert note.startswith(f"via MONDO:{mondo}") or mondo in ("0005965", "0006650"), note


def _doid_edges(g):
    """Every (subject, predicate, DOID id) mapping edge of the graph."""
    for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch):
        for s, o in g.subject_objects(p):
            if str(o).startswith(f"{OBO}DOID_"):
                yield s, p, str(o)[len(f"{OBO}DOID_"):]


def test_every_doid_id_of_the_graph_was_read_in_doid_obo(g):
    assert {d for *_, d in _doid_edges(g)} == set(DOID_OBO)


@pytest.mark.parametrize(("doid", "name"), sorted(DOID_OBO.items()))
def test_the_doid_mapping_cites_doid_obo_with_its_name(g, doid, name):
    edges = [(s, p) for s, p, d in _doid_edges(g) if d == doid]
    assert edges, doid
    for s, p in edges:
        note, sources, _ = _axiom(g, s, p, URIRef(f"{OBO}DOID_{doid}"))
        assert note.startswith(f"'{name}' (as doid.owl 2018-07-05 names it, and doid.obo 2016-08-12"), note
        assert {DOID_SET, DOID_OBO_SRC} <= sources


def test_the_doid_obo_names_agree_with_the_mondo_set(g):
    # the DOID label Mondo's set gives (doid.owl 2018-07-05) is the name read in doid.obo 2016-08-12
    mondo_labels = {row[4]: row[5] for row in MONDO_DOID}
    mondo_labels |= {row[6]: row[7] for row in MONDO_NCIT_BROAD if row[6]}
    assert mondo_labels == DOID_OBO


@pytest.mark.parametrize(("doid", "name"), sorted(DOID_OBO.items()))
def test_the_doid_obo_source_quotes_each_stanza(g, doid, name):
    citation = str(g.value(DOID_OBO_SRC, SKG.citation))
    assert "3f1f99884e787ae215c23d17bb36f078643cd698" in citation
    assert "releases/2016-08-12" in citation
    assert f"DOID:{doid} '{name}'" in citation
