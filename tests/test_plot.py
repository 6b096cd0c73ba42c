"""Body map and path diagram: files, shading by pixel colour, left stays left, coverage."""

from __future__ import annotations

import json

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import numpy as np  # noqa: E402
from spinekg.plot import body_map, path_diagram  # noqa: E402

from spinekg.pipeline.build import ontology_dir  # noqa: E402

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
