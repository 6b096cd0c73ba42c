"""Competency questions of the entrapment and hip examination tests: Phalen, the Tinel sign at
each entrapment site, Froment's sign and the log roll test.

Each expected value is written from the source named next to it (rows of
``ontology/templates/sources_mimics.tsv``), not from what the build happens to output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, SKOS
from test_competency_mimics import SIDES, _axiom_sources, _num, _row

from spinekg.namespaces import SKG

# (feature, source, sensitivity, its 95% CI, specificity, its 95% CI, rank)
ACCURACY = [
    # Dabbagh 2023: Phalen pooled Sn 0.57 (0.44-0.68), Sp 0.67 (0.52-0.79), 7 studies, 604 patients.
    ("test_phalen", "src_dabbagh2023_cts_provocative", "0.57", ("0.44", "0.68"), "0.67",
     ("0.52", "0.79"), "primary"),
    # Dabbagh 2023: Tinel pooled Sn 0.45 (0.34-0.57), Sp 0.78 (0.60-0.89), 7 studies, 748 patients.
    ("test_tinel_carpal_tunnel", "src_dabbagh2023_cts_provocative", "0.45", ("0.34", "0.57"),
     "0.78", ("0.60", "0.89"), "primary"),
    # MacDermid and Wessel 2004: Phalen 68% sensitivity, 73% specificity.
    ("test_phalen", "src_macdermid2004_cts", "0.68", None, "0.73", None, "alternative"),
    # MacDermid and Wessel 2004: Tinel 50% and 77%.
    ("test_tinel_carpal_tunnel", "src_macdermid2004_cts", "0.50", None, "0.77", None,
     "alternative"),
]


@pytest.mark.parametrize(("feature", "source", "sens", "sens_ci", "spec", "spec_ci", "rank"),
                         ACCURACY)
@pytest.mark.parametrize("side", SIDES)
def test_carpal_tunnel_test_accuracy(g, feature, source, sens, sens_ci, spec, spec_ci, rank,
                                     side):
    row = _row(g, feature, source, side)
    assert _num(g, row, SKG.sensitivity) == Decimal(sens)
    assert _num(g, row, SKG.specificity) == Decimal(spec)
    if sens_ci:
        assert (_num(g, row, SKG.sensitivityLow), _num(g, row, SKG.sensitivityHigh)) == tuple(
            Decimal(v) for v in sens_ci)
        assert (_num(g, row, SKG.specificityLow), _num(g, row, SKG.specificityHigh)) == tuple(
            Decimal(v) for v in spec_ci)
    assert g.value(row, SKG.evidenceRank) == Literal(rank)
    # the likelihood ratios are ours, flagged, and agree with sens / (1 - spec), (1 - sens) / spec
    assert g.value(row, SKG.derived) == Literal(True)
    s, p = Decimal(sens), Decimal(spec)
    assert abs(_num(g, row, SKG.positiveLR) - s / (1 - p)) < Decimal("0.01")
    assert abs(_num(g, row, SKG.negativeLR) - (1 - s) / p) < Decimal("0.01")
    # the reading is about the median nerve at the carpal tunnel of the tested side
    assert (row, SKG.forTarget, SKG[f"site_carpal_tunnel_{side}"]) in g


def test_dabbagh_pooled_sample_sizes(g):
    # Dabbagh 2023: 604 patients (Phalen), 748 patients (Tinel).
    assert _num(g, _row(g, "test_phalen", "src_dabbagh2023_cts_provocative", "left"),
                SKG.sampleSize) == 604
    assert _num(g, _row(g, "test_tinel_carpal_tunnel", "src_dabbagh2023_cts_provocative",
                        "left"), SKG.sampleSize) == 748


def test_cubital_tunnel_tinel_sensitivity_only(g):
    # Novak 1994: 'The sensitivity of the Tinel sign was 0.70' (31 of 44 extremities); the
    # abstract gives no specificity, so none is stored and no LR is derived.
    row = _row(g, "test_tinel_cubital_tunnel", "src_novak1994_cubital", "left")
    assert _num(g, row, SKG.sensitivity) == Decimal("0.70")
    assert g.value(row, SKG.specificity) is None
    assert g.value(row, SKG.positiveLR) is None
    assert g.value(row, SKG.derived) is None
    assert g.value(row, SKG.referenceStandard) == Literal("electrodiagnosis")
    assert (row, SKG.forTarget, SKG.site_cubital_tunnel_left) in g


# (feature, target, source, accuracy published?): what a positive test suggests (its tested
# side only), and whether the source gives a sensitivity or specificity for it.
LINKS = [
    ("test_phalen", "site_carpal_tunnel", "src_dabbagh2023_cts_provocative", True),
    ("test_phalen", "site_carpal_tunnel", "src_macdermid2004_cts", True),
    ("test_tinel_carpal_tunnel", "site_carpal_tunnel", "src_dabbagh2023_cts_provocative", True),
    ("test_tinel_cubital_tunnel", "site_cubital_tunnel", "src_novak1994_cubital", True),
    # Barrett: a Tinel sign at the fibular neck 'is highly suggestive of entrapment of the
    # common peroneal (fibular) nerve'; no accuracy figures.
    ("test_tinel_fibular_head", "site_fibular_head", "src_barrett_podiatrytoday_cpn", False),
    # Kinoshita 2001: the tibial nerve beneath the flexor retinaculum behind the medial
    # malleolus; Tinel counts with the manoeuvre, no Tinel sensitivity or specificity.
    ("test_tinel_tarsal_tunnel", "site_tarsal_tunnel", "src_kinoshita2001_tarsal", False),
    # Richardson and Fabre 2003: 'Froment's sign presents after damage to the ulnar nerve'.
    ("test_froment", "nerve_ulnar", "src_richardson2003_froment", False),
    # Table 4: 'A click reproduced during the test is suggestive of labral tear ... No
    # diagnostic validity has been reported for this test'.
    ("test_log_roll", "condition_hip_labral_tear", "src_ijspt2014_hip_laxity_tests", False),
]


@pytest.mark.parametrize(("feature", "target", "source", "published"), LINKS)
@pytest.mark.parametrize("side", SIDES)
def test_links_and_their_accuracy_stay_on_their_side(g, feature, target, source, published,
                                                     side):
    f, o = SKG[f"{feature}_{side}"], SKG[f"{target}_{side}"]
    other = SKG[f"{target}_{'right' if side == 'left' else 'left'}"]
    assert (f, SKG.suggests, o) in g and (f, SKG.suggests, other) not in g
    assert source in _axiom_sources(g, f, SKG.suggests, o)
    row = _row(g, feature, source, side)
    assert (row, SKG.forTarget, o) in g and (row, SKG.forTarget, other) not in g
    if not published:
        assert g.value(row, SKG.accuracyNotPublished) == Literal(True)
        assert all(g.value(row, p) is None for p in (
            SKG.sensitivity, SKG.specificity, SKG.positiveLR, SKG.negativeLR))


def test_each_tinel_points_at_the_site_of_its_own_nerve(g):
    # the entrapment sites are places on one nerve each (entrapment_sites.tsv): the test's
    # site must be the site of the nerve the test is named for
    for feature, nerve in [("test_tinel_carpal_tunnel", "nerve_median"),
                           ("test_tinel_cubital_tunnel", "nerve_ulnar"),
                           ("test_tinel_fibular_head", "nerve_common_fibular"),
                           ("test_tinel_tarsal_tunnel", "nerve_tibial")]:
        sites = set(g.objects(SKG[f"{feature}_left"], SKG.suggests))
        assert len(sites) == 1
        (site,) = sites
        assert (site, RDF.type, SKG.EntrapmentSite) in g
        assert (site, SKG.entrapmentSiteOf, SKG[f"{nerve}_left"]) in g


@pytest.mark.parametrize(("feature", "words"), [
    ("test_phalen", ["left phalen's test", "left phalens test", "left phalen's"]),
    ("test_tinel_carpal_tunnel", ["left tinel's at the wrist", "left carpal tunnel tinel"]),
    ("test_tinel_cubital_tunnel", ["left tinel's at the elbow", "left elbow tinel"]),
    ("test_tinel_fibular_head", ["left tinel at the fibular neck", "left peroneal tinel"]),
    ("test_tinel_tarsal_tunnel", ["left tinel's at the tarsal tunnel"]),
    ("test_froment", ["left froment's sign", "left froments sign"]),
    ("test_log_roll", ["left log roll", "left log-roll test"]),
])
def test_clinician_words(g, feature, words):
    t = SKG[f"{feature}_left"]
    assert (t, RDF.type, SKG.ExaminationTest) in g
    assert set(words) <= {str(a) for a in g.objects(t, SKOS.altLabel)}
    assert g.value(t, SKG.procedure) and g.value(t, SKG.positiveFinding)
