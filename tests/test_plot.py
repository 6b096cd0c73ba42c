"""Pictures: files, shading by pixel colour, left stays left, coverage, legends, readable labels."""

from __future__ import annotations

import json

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import numpy as np  # noqa: E402

from spinekg.faces.body_map import COLOURS  # noqa: E402
from spinekg.pipeline.build import ontology_dir  # noqa: E402
from spinekg.plot import body_map, cord_crossing, path_diagram, worksheet  # noqa: E402

SHADE = "#1f77b4"


@pytest.fixture(scope="module")
def shapes():
    with open(ontology_dir() / "body_map.json", encoding="utf-8") as fh:
        return json.load(fh)


def _centroid(points):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (3 * a), cy / (3 * a)


def _mirror(curie):
    return curie[:-5] + "_right" if curie.endswith("_left") else None


def _pixel(fig, ax, point):
    """RGBA (0-255) of the rendered canvas at a data point."""
    fig.canvas.draw()
    buf = np.asarray(fig.canvas.buffer_rgba())
    x, y = ax.transData.transform(point)
    row = buf.shape[0] - int(round(y)) - 1  # pixel rows count from the top
    return tuple(int(v) for v in buf[row, int(round(x))])


def _rgba255(color):
    return tuple(int(round(v * 255)) for v in matplotlib.colors.to_rgba(color))


def _affected(kg, impact):
    areas = [t.curie for t in (*impact.dermatome_areas, *impact.pain_areas)]
    for k in impact.key_sensory_points:
        areas.extend(kg.index.objects(k.curie, "skg:partOf"))
    return list(dict.fromkeys(areas))


def test_body_map_png(kg, tmp_path):
    import matplotlib.pyplot as plt

    ax = body_map(kg, kg.affected_by("left L5"))
    out = tmp_path / "left_L5.png"
    ax.figure.savefig(out, dpi=80)
    plt.close(ax.figure)
    assert out.is_file() and out.stat().st_size > 1000


@pytest.mark.parametrize("view", ["front", "back"])
def test_left_L5_is_shaded_on_the_left_only(kg, shapes, view):
    import matplotlib.pyplot as plt

    impact = kg.affected_by("left L5")
    affected = [c for c in _affected(kg, impact) if c in shapes[view]]
    assert affected, f"nothing of left L5 is drawn in the {view} view"
    fig, ax = plt.subplots(figsize=(7, 8.5), dpi=150)
    body_map(kg, impact, view=view, ax=ax, color=SHADE, label=False)
    shade = _rgba255(SHADE)
    for curie in affected:
        cx, cy = _centroid(shapes[view][curie])
        assert _pixel(fig, ax, (cx, cy)) == shade, f"{curie} not shaded in the {view} view"
        right = _mirror(curie)
        assert right in shapes[view], f"{curie} has no mirrored right-side shape"
        rx, ry = _centroid(shapes[view][right])
        assert _pixel(fig, ax, (rx, ry)) != shade, f"{right} shaded: left did not stay left"
    plt.close(fig)


@pytest.mark.parametrize("view, sign", [("front", 1), ("back", -1)])
def test_patients_left_side_of_the_figure(shapes, view, sign):
    """Front: patient's left on the viewer's right (x > 0); back: on the viewer's left."""
    for curie, pts in shapes[view].items():
        cx, _ = _centroid(pts)
        if curie.endswith("_left"):
            assert sign * cx > 0, curie
            assert all(sign * x >= 0 for x, _ in pts), f"{curie} crosses the midline"
        elif curie.endswith("_right"):
            assert sign * cx < 0, curie
            left = [[-x, y] for x, y in pts]
            assert shapes[view][curie[:-6] + "_left"] == left, f"{curie} is not a mirror"


def test_labels_name_the_affected_areas(kg):
    import matplotlib.pyplot as plt

    ax = body_map(kg, ["left great toe", "skg:area_thumb_left"], view="front")
    texts = {t.get_text() for t in ax.texts}
    assert {"left great toe", "left thumb"} <= texts
    plt.close(ax.figure)


def test_key_sensory_point_shades_its_area(kg):
    import matplotlib.pyplot as plt

    ax = body_map(kg, ["skg:ksp_C6_left"], label=False)
    shaded = {p.get_gid() for p in ax.patches if p.get_label() == "affected"}
    assert shaded == set(kg.index.objects("skg:ksp_C6_left", "skg:partOf"))
    plt.close(ax.figure)


def test_every_covered_area_has_a_shape(kg, shapes):
    """Every area a dermatome covers, a key sensory point lies in, or a root refers pain to."""
    ix = kg.index
    drawn = set(shapes["front"]) | set(shapes["back"])
    needed = set()
    for d in ix.instances("skg:Dermatome"):
        for area in ix.objects(d, "skg:coversArea"):
            if ix.is_a(area, "skg:KeySensoryPoint"):
                needed.update(ix.objects(area, "skg:partOf"))
            else:
                needed.add(area)
    for k in ix.instances("skg:KeySensoryPoint"):
        needed.update(ix.objects(k, "skg:partOf"))
    for r in ix.instances("skg:SpinalNerveRoot"):
        needed.update(ix.objects(r, "skg:refersPainTo"))
    assert needed, "no covered areas found in the graph"
    assert sorted(needed - drawn) == []


def test_shapes_name_body_areas(kg, shapes):
    ix = kg.index
    for view in ("front", "back"):
        for curie in shapes[view]:
            assert ix.is_a(curie, "skg:BodyArea"), f"{curie} in {view} is not a body area"


def test_path_diagram_nodes(kg):
    import matplotlib.pyplot as plt

    impact = kg.affected_by("left L5")
    found = [impact.explain("skg:area_great_toe_left"),
             impact.explain("skg:reflex_medial_hamstring_left")]
    nodes = {t.curie for p in found for t in p.nodes}
    ax = path_diagram(found)
    assert isinstance(ax, matplotlib.axes.Axes)
    [coll] = [c for c in ax.collections if c.get_gid() == "nodes"]
    assert len(coll.get_offsets()) == len(nodes)
    assert {t.get_text().replace("\n", " ") for t in ax.texts} >= {
        "left L5 nerve root", "left great toe"}
    plt.close(ax.figure)


def test_path_diagram_on_given_axes(kg):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    [p] = kg.paths("left L4", "left", via="skg:hasSide")
    assert path_diagram(p, ax=ax) is ax
    plt.close(fig)


@pytest.mark.parametrize("view", ["side", "FRONT", None, 1])
def test_bad_view(kg, view):
    with pytest.raises(ValueError, match="view="):
        body_map(kg, [], view=view)


@pytest.mark.parametrize("bad", ["left L5", 5, None, [3]])
def test_bad_terms(kg, bad):
    with pytest.raises(TypeError):
        body_map(kg, bad)


def test_not_a_body_area(kg):
    with pytest.raises(ValueError, match="not a body area"):
        body_map(kg, ["left L5"])


def test_bad_kg():
    with pytest.raises(TypeError, match="SpineKG"):
        body_map("kg", [])


@pytest.mark.parametrize("bad, exc", [([], ValueError), ("path", TypeError), ([1], TypeError)])
def test_bad_paths(bad, exc):
    with pytest.raises(exc):
        path_diagram(bad)


# --- legends, colours per evidence kind, anatomically right views (issue 23) -------------

def _legend_texts(ax):
    legend = ax.get_legend()
    assert legend is not None, "the picture has no legend"
    return [t.get_text() for t in legend.get_texts()]


def _fill(ax, curie):
    [patch] = [p for p in ax.patches if p.get_gid() == curie]
    return matplotlib.colors.to_hex(patch.get_facecolor())


def test_body_map_has_a_legend_of_evidence_kinds(kg):
    import matplotlib.pyplot as plt

    ax = body_map(kg, kg.affected_by("left L5"), view="front")
    texts = _legend_texts(ax)
    assert {"dermatome", "key sensory point", "pain referral"} <= set(texts), texts
    assert "not affected" in texts
    plt.close(ax.figure)


def test_evidence_kinds_have_distinct_colours(kg):
    """The graph: the L5 dermatome covers the lateral leg; pain is referred to the buttock; the
    posterior thigh is the alternative reading (its pain-referral edge has rank alternative)."""
    import matplotlib.pyplot as plt

    impact = kg.affected_by("left L5")
    assert impact.rank("skg:area_posterior_thigh_left") == "alternative"
    ax = body_map(kg, impact, view="back")
    dermatome = _fill(ax, "skg:area_lateral_leg_left")
    pain = _fill(ax, "skg:area_buttock_left")
    alternative = _fill(ax, "skg:area_posterior_thigh_left")
    assert len({dermatome, pain, alternative}) == 3
    assert dermatome == COLOURS["dermatome"].lower()
    assert pain == COLOURS["pain referral"].lower()
    assert alternative == COLOURS["alternative reading"].lower()
    assert len(set(COLOURS.values())) == len(COLOURS)
    plt.close(ax.figure)


def test_key_sensory_point_has_its_own_colour(kg):
    import matplotlib.pyplot as plt

    ax = body_map(kg, kg.affected_by("left C6"), view="front", label=False)
    [area] = kg.index.objects("skg:ksp_C6_left", "skg:partOf")
    assert _fill(ax, area) == COLOURS["key sensory point"].lower()
    assert "key sensory point" in _legend_texts(ax)
    plt.close(ax.figure)


def test_one_colour_when_asked(kg):
    import matplotlib.pyplot as plt

    ax = body_map(kg, kg.affected_by("left L5"), view="back", color=SHADE)
    assert _legend_texts(ax) == ["affected", "not affected"]
    plt.close(ax.figure)


def test_no_toes_on_the_back_view(kg, shapes):
    """Seen from behind, a standing body shows heels (and here the soles), never the toes."""
    toes = [c for c in shapes["back"] if ix_is_toe(kg, c)]
    assert toes == []
    assert "skg:area_great_toe_left" in shapes["front"]
    assert "skg:area_heel_left" in shapes["back"]


def ix_is_toe(kg, curie):
    label = kg.index.terms[curie].label
    return "toe" in label.split() or label.endswith(" toe")


def test_back_view_counts_the_great_toe_as_seen_from_the_front(kg):
    import matplotlib.pyplot as plt

    ax = body_map(kg, ["left great toe"], view="back")
    assert any("seen in the front view" in t.get_text() for t in ax.texts)
    assert "left great toe" not in {t.get_text() for t in ax.texts}
    plt.close(ax.figure)


def test_path_diagram_legend_names_node_kinds(kg):
    import matplotlib.pyplot as plt

    impact = kg.affected_by("left L5")
    found = [impact.explain("skg:area_great_toe_left"),
             impact.explain("skg:reflex_medial_hamstring_left"),
             impact.explain("left great toe extension")]
    ax = path_diagram(found)
    texts = _legend_texts(ax)
    assert {"spinal nerve root", "dermatome", "body area", "reflex", "myotome",
            "muscle action"} <= set(texts), texts
    assert "start of a path" in texts
    plt.close(ax.figure)


def _edge_label_boxes(ax):
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts if (t.get_gid() or "").startswith("edge:")]


def test_path_diagram_edge_labels_do_not_overlap(kg):
    """Many edges out of one node: the symptoms lumbar spinal stenosis causes."""
    import matplotlib.pyplot as plt

    found = kg.paths("lumbar spinal stenosis", None, via="skg:causesSymptom", limit=12)
    assert len(found) >= 5
    ax = path_diagram(found)
    boxes = _edge_label_boxes(ax)
    assert len(boxes) >= 2
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "edge labels overlap"
    nodes = [t.get_bbox_patch().get_window_extent() for t in ax.texts
             if (t.get_gid() or "").startswith("node:")]
    for a in boxes:
        assert not any(a.overlaps(n) for n in nodes), "an edge label covers a node"
    plt.close(ax.figure)


def test_path_diagram_shows_frequencies(kg):
    """DESIGN.md's story: lumbar stenosis commonly causes hip pain, cervical far less often;
    the graph states the frequency on the axiom of each causesSymptom edge."""
    import matplotlib.pyplot as plt

    found = [*kg.paths("lumbar spinal stenosis", "hip pain", via="skg:causesSymptom"),
             *kg.paths("cervical spinal stenosis", "hip pain", via="skg:causesSymptom")]
    expected = {p.steps[-1].info.frequency for p in found}
    assert "common" in expected and len(expected) == 2
    ax = path_diagram(found)
    labels = " ".join(t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("edge:"))
    assert all(f in labels for f in expected), labels
    plt.close(ax.figure)


def test_cord_crossing_left_lesion_right_pain_loss(kg):
    """Brown-Sequard (fpnotebook, src_fpnotebook_hemisection): a hemisection loses motor function
    and joint position sense on the same side and pain and temperature on the other side, from
    about two segments below. Seen from behind, the patient's right is on the viewer's right."""
    import matplotlib.pyplot as plt

    ax = cord_crossing(kg, "left T10 hemicord")
    assert _legend_texts(ax)[:3] == ["dorsal column", "lateral corticospinal tract",
                                     "spinothalamic tract"]
    bars = {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("loss:")}
    assert set(bars) == {"loss:skg:tract_dorsal_column_left",
                         "loss:skg:tract_lateral_corticospinal_left",
                         "loss:skg:tract_spinothalamic_left"}
    pain = bars["loss:skg:tract_spinothalamic_left"]
    assert pain.get_x() > 0, "pain and temperature loss not on the right"
    for same in ("dorsal_column", "lateral_corticospinal"):
        assert bars[f"loss:skg:tract_{same}_left"].get_x() < 0
    top = lambda p: p.get_y() + p.get_height()  # noqa: E731
    # row y = -segment index: T10 is segment 18, T12 segment 20 (C1 = 1)
    assert abs(top(pain) - (-20 + 0.5)) < 1e-6, "pain loss does not start two segments below"
    assert abs(top(bars["loss:skg:tract_lateral_corticospinal_left"]) - (-18 + 0.5)) < 1e-6
    [lesion] = [p for p in ax.patches if (p.get_gid() or "").startswith("lesion:")]
    assert lesion.get_gid() == "lesion:skg:cord_T10_half_left" and lesion.get_x() < 0
    crossing = {p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("crossing:")}
    assert "crossing:skg:cord_T12_half_right skg:cord_T10_half_left" in crossing
    plt.close(ax.figure)


def test_cord_crossing_from_a_root(kg):
    import matplotlib.pyplot as plt

    ax = cord_crossing(kg, "right C5", above=1, below=1)
    [lesion] = [p for p in ax.patches if (p.get_gid() or "").startswith("lesion:")]
    assert lesion.get_gid() == "lesion:skg:cord_C5_half_right" and lesion.get_x() >= 0
    assert ax.get_legend() is not None
    plt.close(ax.figure)


@pytest.mark.parametrize("bad, exc", [("left great toe", ValueError), (5, TypeError),
                                      ("no such thing at all", Exception)])
def test_cord_crossing_bad_lesion(kg, bad, exc):
    with pytest.raises(exc):
        cord_crossing(kg, bad)


def test_worksheet_has_a_legend(kg):
    import matplotlib.pyplot as plt

    from spinekg.clinical.isncsci.exam import exam_keys

    exam = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
    exam.update(analContraction="Yes", analSensation="Yes", deepAnalPressure="Yes")
    ax = worksheet(kg.isncsci(exam))
    assert _legend_texts(ax)
    plt.close(ax.figure)
