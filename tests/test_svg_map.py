"""One SVG map builder for the brief and the kiosk: the highlight is a parameter, not an edit of the SVG."""

import re

import pytest

from ovop_ui.builders import maps, palette, svg_map
from ovop_ui.modes.kiosk import html as kiosk_html


def square(x: float, y: float, size: float) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"kode": code, "nama": f"Region {code}"}, "geometry": geometry}


# Three regions on a 20° x 5° strip (so the map is as wide as it may be): two big ones and, at the
# top right corner, a tiny island.
FEATURES = [
    feature("11", square(100, 0, 5)),
    feature("12", square(105, 0, 5)),
    feature("13", square(119.8, 4.8, 0.2)),
]


def selected(svg: str) -> list[str]:
    return re.findall(r'<path class="[^"]*\bselected\b[^"]*" data-code="(\d+)"', svg)


def codes_in_order(svg: str) -> list[str]:
    return re.findall(r'data-code="(\d+)"', svg)


@pytest.mark.parametrize("code", ["11", "12", "13"])
def test_highlight_outlines_exactly_the_chosen_region_and_draws_it_last(code):
    svg = svg_map.svg_map(FEATURES, {"11": "#000001", "12": "#000002", "13": "#000003"}, highlight=code)
    assert selected(svg) == [code]
    assert codes_in_order(svg)[-1] == code
    assert sorted(codes_in_order(svg)) == ["11", "12", "13"]


def test_a_dotted_code_highlights_its_undotted_shape():
    svg = svg_map.svg_map([feature("3374", square(110, -7, 1)), feature("3301", square(109, -7, 1))], {}, "33.74")
    assert selected(svg) == ["3374"]


def test_no_highlight_marks_nothing_and_keeps_the_features_order():
    svg = svg_map.svg_map(FEATURES, {})
    assert selected(svg) == [] and codes_in_order(svg) == ["11", "12", "13"]
    assert "<circle" not in svg


def test_a_region_without_a_fill_is_no_data_grey():
    svg = svg_map.svg_map(FEATURES, {"11": "#0000AA"})
    assert '<path class="region" data-code="11" fill="#0000AA"' in svg
    assert f'<path class="region nodata" data-code="12" fill="{palette.NO_DATA}"' in svg


def test_without_fills_the_paths_carry_no_fill_for_the_css_to_colour():
    svg = svg_map.svg_map(FEATURES, None, highlight="12", css="path{fill:red}")
    assert " fill=" not in svg.split("<circle")[0]
    assert "<style>path{fill:red}</style>" in svg


def test_a_small_highlighted_region_gets_a_ring_and_a_big_one_does_not():
    tiny = svg_map.svg_map(FEATURES, {}, highlight="13", ring=True)
    big = svg_map.svg_map(FEATURES, {}, highlight="11", ring=True)
    assert tiny.count("<circle") == 1 and f'stroke="{palette.HIGHLIGHT}"' in tiny
    assert "<circle" not in big
    # The ring is centred on the island (the map is 1000 units wide, the island at its top right corner).
    cx, cy = (float(v) for v in re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', tiny).groups())
    assert cx > 990 and cy < 25


def test_the_projection_fits_the_map_width():
    svg = svg_map.svg_map(FEATURES, {})
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    assert view[0] == view[1] == -svg_map.PAD
    assert view[2] == pytest.approx(svg_map.MAP_WIDTH + 2 * svg_map.PAD, abs=0.1)


def test_standalone_adds_the_namespace_for_a_data_uri():
    svg = svg_map.svg_map(FEATURES, {}, standalone=True)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert svg_map.data_uri(svg).startswith("data:image/svg+xml;base64,")


def test_brief_and_kiosk_draw_the_same_shapes_of_the_real_provinces():
    """Both modes go through svg_map: the kiosk's locator is the brief's map, neutral and highlighted."""
    features = maps.load_geojson(maps.province_geojson_path())["features"]
    brief_paths = re.findall(r' d="([^"]+)"', svg_map.svg_map(features, {}))
    kiosk = kiosk_html.locator_svg("51")
    assert sorted(re.findall(r' d="([^"]+)"', kiosk)) == sorted(brief_paths)
    assert selected(kiosk) == ["51"] and codes_in_order(kiosk)[-1] == "51"
    assert "<circle" in kiosk  # Bali is small


def test_a_pale_class_gets_a_dark_outline_class_and_a_dark_one_keeps_white():
    pale, dark = palette.CLASS_SCALES[5][0], palette.CLASS_SCALES[5][-1]
    svg = svg_map.svg_map(FEATURES, {"11": pale, "12": dark})
    assert f'<path class="region pale" data-code="11" fill="{pale}"' in svg
    assert f'<path class="region" data-code="12" fill="{dark}"' in svg
    assert '<path class="region nodata" data-code="13"' in svg


def test_a_far_islet_of_a_region_does_not_stretch_the_svg_map():
    mainland = square(100, 0, 5)["coordinates"]
    islet = [[[104.9, 20], [105, 20], [105, 20.1], [104.9, 20]]]
    with_islet = feature("11", {"type": "MultiPolygon", "coordinates": [mainland, islet]})
    svg = svg_map.svg_map([with_islet, FEATURES[1]], {})
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    pad = 2 * svg_map.PAD
    assert view[3] - pad == pytest.approx((view[2] - pad) / 2, rel=0.01)  # 10° by 5°, as without the islet
