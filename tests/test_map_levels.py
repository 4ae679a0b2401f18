"""The map's kab/kota → kecamatan level and the products as points at their desa (issue 13).

Boundary and village files are tiny fixtures written per test (the real ``data/geo/kecamatan`` and
``data/geo/desa`` come from the boundary build); the page reads them through ``map_points.GEO_DIR``.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
import streamlit as st
from conftest import make_products
from streamlit.testing.v1 import AppTest

from ovop_core.model import DEFAULT_MODEL
from ovop_core.summary import analysed_table
from ovop_ui.builders import map_points, palette

APP = "../app.py"
MAP = "app_pages/map.py"


# --- fixtures: a kab/kota's kecamatan as squares, a province's village points ------------------


def square(x: float, y: float, size: float = 0.05) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def write_geo(root, kecamatan: dict[str, tuple[float, float]], desa: dict[str, tuple[float, float]]) -> None:
    """``kecamatan``: undotted code → square corner (Sukoharjo, 33.11); ``desa``: undotted code → (lat, lon)."""
    (root / "kecamatan").mkdir(parents=True)
    (root / "desa").mkdir()
    features = [
        {"type": "Feature", "geometry": square(*corner), "properties": {"kode": code, "nama": f"K{code}"}}
        for code, corner in kecamatan.items()
    ]
    (root / "kecamatan" / "3311.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    rows = "\n".join(f"{code},{lat},{lon}" for code, (lat, lon) in desa.items())
    (root / "desa" / "33.csv").write_text("kode,lat,lon\n" + rows + "\n")


SUKOHARJO_KECAMATAN = {"331101": (110.80, -7.80), "331105": (110.85, -7.75), "331106": (110.90, -7.70)}
# The demo's products in Weru (33.11.01): Gamelan Wirun (desa 2003) and Temulawak Instan (2001) have a
# point; Wayang Kulit (2008) has none, so it is listed under the map.
SUKOHARJO_DESA = {"3311012003": (-7.78, 110.82), "3311012001": (-7.79, 110.81), "3311052007": (-7.73, 110.87)}


# --- placing products -------------------------------------------------------------------------


def placed_table(*rows: dict) -> pd.DataFrame:
    return analysed_table(make_products(*rows).drop(columns=["_row"]), DEFAULT_MODEL, "2026-11-29")


POINTS = pd.DataFrame({"lat": [-7.0, -7.5], "lon": [110.0, 110.5]}, index=pd.Index(["3311012001", "3311012002"]))


def test_a_product_with_a_desa_point_is_placed_on_it_and_the_others_are_listed_with_why():
    table = placed_table(
        {"product_id": "A", "region_code": "33.11", "place_code": "33.11.01.2002"},
        {"product_id": "B", "region_code": "33.11", "place_code": "33.11.01"},
        {"product_id": "C", "region_code": "33.11", "place_code": "33.11.01.2009"},
    )
    placement = map_points.place_products(table, POINTS)
    assert placement.placed["product_id"].tolist() == ["A"]
    assert (placement.placed["lat"].iloc[0], placement.placed["lon"].iloc[0]) == (-7.5, 110.5)
    reasons = dict(zip(placement.unplaced["product_id"], placement.unplaced["reason"]))
    assert reasons == {"B": map_points.NO_DESA, "C": map_points.NO_POINT}
    assert placement.n_desa == 1


def test_products_sharing_a_desa_are_set_apart_on_a_ring_around_its_point():
    table = placed_table(
        *({"product_id": f"P{i}", "region_code": "33.11", "place_code": "3311012001"} for i in range(4)),
    )
    placed = map_points.place_products(table, POINTS).placed
    # Four products: at 0°, 90°, 180°, 270° on a ring of RING degrees around (-7.0, 110.0).
    r = map_points.RING
    expected = [(-7.0, 110.0 + r), (-7.0 + r, 110.0), (-7.0, 110.0 - r), (-7.0 - r, 110.0)]
    for (lat, lon), (want_lat, want_lon) in zip(zip(placed["lat"], placed["lon"]), expected):
        assert math.isclose(lat, want_lat, abs_tol=1e-12) and math.isclose(lon, want_lon, abs_tol=1e-12)
    assert map_points.place_products(table.head(1), POINTS).placed["lon"].iloc[0] == 110.0  # alone: on the point


def test_village_points_are_read_by_undotted_code_and_a_missing_file_gives_none(tmp_path):
    path = tmp_path / "33.csv"
    path.write_text("kode,lat,lon\n3311012001,-7.5,110.5\n3311012002,,110.6\n3311012001,-1,1\n")
    points = map_points.load_desa_points(path)
    assert points.index.tolist() == ["3311012001"]  # no coordinates: left out; a repeat keeps the first
    assert points.loc["3311012001", "lat"] == -7.5
    assert map_points.load_desa_points(tmp_path / "none.csv").empty


def test_points_are_coloured_by_star_and_unrated_grey():
    colours = map_points.point_colours(pd.Series([0, 1, 3, 5]))
    assert colours.tolist() == [
        palette.POINT_UNRATED,
        palette.POINT_STAR_COLOURS[0],
        palette.POINT_STAR_COLOURS[2],
        palette.POINT_STAR_COLOURS[4],
    ]


def test_a_product_name_in_a_point_tooltip_is_text_never_markup():
    import folium

    table = placed_table(
        {"region_code": "33.11", "place_code": "3311012001", "name": "<img src=x onerror=alert(1)></script>"}
    )
    fmap = folium.Map(tiles=None)
    map_points.add_product_points(fmap, map_points.place_products(table, POINTS).placed, "en")
    script = fmap.get_root().render()
    assert "<img" not in script and '</script>"' not in script
    assert "\\u003cimg src=x onerror=alert(1)\\u003e\\u003c/script\\u003e" in script
    assert "textContent" in script and "innerHTML" not in script.split("OvopPoints")[-1]


def test_the_points_need_no_icon_or_font_file():
    table = placed_table({"region_code": "33.11", "place_code": "3311012001"})
    import folium

    fmap = folium.Map(tiles=None)
    map_points.add_product_points(fmap, map_points.place_products(table, POINTS).placed, "id")
    script = fmap.get_root().render()
    assert "L.circleMarker" in script and "L.icon" not in script and "AwesomeMarkers" not in script


def test_the_points_legend_names_every_star_and_not_rated_in_both_languages():
    legend = map_points.point_legend("id")
    assert [c for c, _ in legend.entries] == [*palette.POINT_STAR_COLOURS, palette.POINT_UNRATED]
    assert legend.entries[-1][1] == "belum dinilai"
    assert map_points.point_legend("en").entries[-1][1] == "not rated"


# --- the page ---------------------------------------------------------------------------------


@pytest.fixture
def geo(tmp_path, monkeypatch):
    monkeypatch.setenv("OVOP_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("OVOP_DATA_FILE", raising=False)
    monkeypatch.delenv("OVOP_MODE", raising=False)
    root = tmp_path / "geo"
    write_geo(root, SUKOHARJO_KECAMATAN, SUKOHARJO_DESA)
    monkeypatch.setattr(map_points, "GEO_DIR", root)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield root
    st.cache_resource.clear()
    st.cache_data.clear()


def open_map(lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(MAP).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def folium_script(at: AppTest) -> str:
    maps = [el for el in at.get("component_instance") if "streamlit_folium" in el.proto.component_name]
    assert len(maps) == 1
    return json.loads(maps[0].proto.json_args)["script"]


def folium_key(at: AppTest) -> str:
    return next(el for el in at.get("component_instance") if "streamlit_folium" in el.proto.component_name).key


def all_text(at: AppTest) -> str:
    return "\n".join(str(el.value) for el in (*at.markdown, *at.caption, *at.title, *at.subheader))


@pytest.mark.parametrize(
    "lang,title,where,rank,without",
    [
        (
            "id",
            "Profil wilayah: Weru",
            "Kecamatan di Kabupaten Sukoharjo",
            "dari 3 kecamatan",
            "Produk Kabupaten Sukoharjo tanpa kecamatan (kodenya hanya sampai kab/kota): 2.",
        ),
        (
            "en",
            "Region profile: Weru",
            "District (kecamatan) in Kabupaten Sukoharjo",
            "of 3 districts (kecamatan)",
            "Products of Kabupaten Sukoharjo without a district (their code stops at the regency/city): 2.",
        ),
    ],
)
def test_a_kecamatan_link_opens_its_profile_its_map_and_its_products_as_points(geo, lang, title, where, rank, without):
    at = open_map(lang, prov="33", kab="33.11", kec="33.11.01")
    assert at.selectbox(key="f_kec").value == "33.11.01"
    text = all_text(at)
    for expected in (title, where, rank, without):
        assert expected in text, expected
    script = folium_script(at)
    assert '"kode": "331101"' in script and '"kode": "331105"' in script  # the kab/kota's kecamatan
    assert script.count(map_points.POINT_CLASS) == 1  # one points layer ...
    assert "Gamelan Wirun Sukoharjo" in script and "Temulawak Instan Sukoharjo" in script  # ... of two products
    assert "Wayang Kulit Sukoharjo" not in script
    legend = "Titik produk" if lang == "id" else "Product dots"
    assert any(legend in str(h.proto) for h in at.get("html"))  # what the dots' colours mean
    code_column = "Kode wilayah" if lang == "id" else "Region code"
    listed = next(d.value for d in at.dataframe if code_column in d.value.columns)
    assert listed.iloc[:, 0].tolist() == ["Wayang Kulit Sukoharjo"]  # no point for its desa: listed
    assert listed[code_column].tolist() == ["33.11.01.2008"]
    assert [b.key for b in at.button if b.key and b.key.startswith("map_back")] == [
        "map_back",
        "map_back_province",
        "map_back_kabkota",
    ]


def test_a_kabkota_shows_its_kecamatan_and_a_click_drills_into_one(geo):
    at = open_map("en", prov="33", kab="33.11")
    script = folium_script(at)
    assert '"kode": "331106"' in script and map_points.POINT_CLASS not in script
    assert "Click a district (kecamatan)" in all_text(at)
    assert "Districts without a boundary on the map: 9;" in all_text(at)  # 12 kecamatan, 3 drawn
    at.session_state[folium_key(at)] = {"last_active_drawing": {"properties": {"kode": "331105"}}}
    at.run()
    assert at.selectbox(key="f_kec").value == "33.11.05"
    assert "Region profile: Nguter" in all_text(at)
    assert at.query_params["kec"] in ("33.11.05", ["33.11.05"])
    next(b for b in at.button if b.key == "map_back_kabkota").click().run()
    assert at.selectbox(key="f_kec").value == "" and at.selectbox(key="f_kab").value == "33.11"
    assert "Region profile: Kabupaten Sukoharjo" in all_text(at)


def test_without_a_kecamatan_layer_the_kabkota_map_is_shown_and_the_profile_still_follows(geo, tmp_path, monkeypatch):
    monkeypatch.setattr(map_points, "GEO_DIR", tmp_path / "nothing")
    at = open_map("en", prov="33", kab="33.11", kec="33.11.01")
    assert "District (kecamatan) boundaries are not available" in all_text(at)
    assert '"kode": "3311"' in folium_script(at)  # the province's kab/kota instead
    assert "Region profile: Weru" in all_text(at)


def test_a_chosen_kecamatan_view_spans_its_shape_and_its_points():
    features = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": square(110.80, -7.80), "properties": {"kode": "331101"}},
            {"type": "Feature", "geometry": square(111.00, -7.00), "properties": {"kode": "331102"}},
        ],
    }
    nothing = pd.DataFrame({"lat": [], "lon": []})
    assert map_points.view_bounds(features, "33.11.01", nothing) == [[-7.80, 110.80], [-7.75, 110.85]]
    outside = pd.DataFrame({"lat": [-7.70], "lon": [110.82]})  # a village point just north of the shape
    assert map_points.view_bounds(features, "33.11.01", outside) == [[-7.80, 110.80], [-7.70, 110.85]]
    assert map_points.view_bounds(features, "33.11.09", nothing) is None


def test_the_sidebar_offers_the_kecamatan_of_the_chosen_kabkota_and_the_overview_follows_it(geo):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "en"
    at.query_params["prov"] = "33"
    at.query_params["kab"] = "33.11"
    at.run()
    choice = at.selectbox(key="f_kec")
    assert choice.options[0] == "All districts" and len(choice.options) == 13  # all + Sukoharjo's 12
    ranking = next(d.value for d in at.dataframe if "Rank" in d.value.columns)
    assert ranking["Region"].tolist()[:1] == ["Weru"]  # the kab/kota's kecamatan, ranked
    choice.set_value("33.11.01").run()
    assert next(m.value for m in at.metric if m.label == "Products") == "3"  # Weru's three products
    assert at.query_params["kec"] in ("33.11.01", ["33.11.01"])
    at.selectbox(key="f_kab").set_value("33.26").run()  # another kab/kota: its kecamatan start from "all"
    assert at.selectbox(key="f_kec").value == "" and "kec" not in at.query_params


def test_a_point_tooltip_names_the_desa():
    import folium

    table = placed_table({"region_code": "33.11", "place_code": "33.11.01.2001", "name": "Gamelan"})
    fmap = folium.Map(tiles=None)
    points = pd.DataFrame({"lat": [-7.0], "lon": [110.0]}, index=pd.Index(["3311012001"]))
    map_points.add_product_points(fmap, map_points.place_products(table, points).placed, "en")
    assert "Village (desa/kelurahan): Grogol" in fmap.get_root().render()


def test_a_kecamatan_whose_products_have_no_point_lists_them_and_draws_no_dot_legend(geo):
    (geo / "desa" / "33.csv").write_text("kode,lat,lon\n")  # no village point at all
    at = open_map("en", prov="33", kab="33.11", kec="33.11.01")
    assert map_points.POINT_CLASS not in folium_script(at)
    assert "Products not shown as dots (they still count in the profile): 3" in all_text(at)
    assert "Products shown as dots" not in all_text(at)
    assert not any("Product dots" in str(h.proto) for h in at.get("html"))


def test_a_click_that_names_no_region_of_the_map_shown_is_ignored(geo):
    at = open_map("en", prov="33", kab="33.11")
    at.session_state[folium_key(at)] = {"last_active_drawing": {"properties": {"kode": "332605"}}}  # Pekalongan's
    at.run()
    assert (at.selectbox(key="f_kab").value, at.selectbox(key="f_kec").value) == ("33.11", "")
    at.session_state[folium_key(at)] = {"last_active_drawing": {"properties": {"kode": "331112"}}}  # Kartasura
    at.run()
    assert at.selectbox(key="f_kec").value == "33.11.12"


def test_the_kecamatan_view_keeps_a_single_fit_with_room_for_the_name_beside_it():
    from ovop_ui.builders import maps

    features = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": square(110.80, -7.80), "properties": {"kode": "331101"}}],
    }
    index = pd.DataFrame({"code": ["33.11.01"], "has_data": [False], "n_products": [0], "mean_score": [float("nan")]})
    fmap = maps.choropleth(features, index, "mean_score", "en", selected="33.11.01")
    map_points.refit(fmap, [[-7.80, 110.80], [-7.70, 110.85]])
    fits = [child for child in fmap._children.values() if isinstance(child, maps.FitToBounds)]
    assert fits == [fmap.fit]
    room = 0.1 * map_points.LABEL_ROOM
    (south, west), (north, east) = json.loads(fmap.fit.bounds_json)
    assert (south, west, north, east) == pytest.approx((-7.80 - room, 110.80, -7.70 + room, 110.85))
