"""Headless app tests with Streamlit's AppTest: every page, both languages, filters, map clicks."""

import json

import pytest
from streamlit.testing.v1 import AppTest

APP = "../app.py"
PAGES = ["app_pages/overview.py", "app_pages/map.py"]


def run_app(lang="id", page=None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def metric(at, label) -> int:
    value = next(m.value for m in at.metric if m.label == label)
    return int(value.replace(".", "").replace(",", ""))


def folium_element(at):
    maps = [el for el in at.get("component_instance") if "streamlit_folium" in el.proto.component_name]
    assert len(maps) == 1
    return maps[0]


def all_text(at) -> str:
    parts = [el.value for el in (*at.markdown, *at.caption, *at.title, *at.subheader)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_renders_without_error_in_both_languages(page, lang):
    at = run_app(lang, page)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    text = all_text(at)
    assert ("ilustratif" if lang == "id" else "illustrative") in text
    assert ("disusun mengacu pada" if lang == "id" else "based on Kemenperin") in text


def test_overview_kpis_follow_the_province_filter():
    at = run_app("en")
    everything = metric(at, "Products")
    at.selectbox(key="f_prov").set_value("51").run()
    bali = metric(at, "Products")
    assert 0 < bali < everything
    assert at.query_params["prov"] in ("51", ["51"])
    at.multiselect(key="f_cat").set_value(["tekstil"]).run()
    assert metric(at, "Products") < bali
    at.button[0].click().run()  # clear filters
    assert metric(at, "Products") == everything


def test_filters_are_seeded_from_the_url_and_survive_a_page_change():
    at = run_app("en", prov="34", cat="kerajinan")
    assert at.selectbox(key="f_prov").value == "34"
    assert at.multiselect(key="f_cat").value == ["kerajinan"]
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    assert at.selectbox(key="f_prov").value == "34"
    assert "Region profile: Daerah Istimewa Yogyakarta" in all_text(at)


def test_invalid_url_values_are_ignored():
    at = run_app("xx", prov="99", kab="1104", cat="cars", stage="9")
    assert not at.exception
    assert at.selectbox(key="f_prov").value == ""
    assert at.multiselect(key="f_cat").value == []
    assert "Produk" in [m.label for m in at.metric]


def test_map_offers_38_provinces_with_local_assets_only():
    at = run_app("id", "app_pages/map.py")
    args = json.loads(folium_element(at).proto.json_args)
    assert args["script"].count('"kode":') >= 38
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith("/app/static/") for link in links)
    assert "https://" not in args["script"] and "http://" not in args["script"]


def test_a_province_click_shows_its_profile_and_a_kabkota_click_its_own():
    at = run_app("en", "app_pages/map.py")
    element = folium_element(at)
    at.session_state[element.key] = {"last_active_drawing": {"properties": {"kode": "51"}}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="f_prov").value == "51"
    assert "Region profile: Bali" in all_text(at)
    assert any("Back to Indonesia" in b.label for b in at.button)

    element = folium_element(at)
    at.session_state[element.key] = {"last_active_drawing": {"properties": {"kode": "5107"}}}
    at.run()
    assert at.selectbox(key="f_kab").value == "51.07"
    assert "Region profile: Kabupaten Karangasem" in all_text(at)
    back = next(b for b in at.button if b.key == "map_back")
    back.click().run()
    assert at.selectbox(key="f_prov").value == ""
    assert "Province ranking" in all_text(at)
    assert "Ranked by number of recognised products (official ★≥3)" in all_text(at)  # the rule, stated


def map_legend(at) -> str:
    """The legend show_map draws below the map (an st.html element, outside the map's frame)."""
    bodies = [el.proto.body for el in at.get("html") if "ovop-map-legend" in el.proto.body]
    assert len(bodies) == 1
    return bodies[0]


def test_map_metric_and_classing_switches_redraw_the_legend_below_the_map():
    at = run_app("en", "app_pages/map.py")
    assert "Natural breaks (Jenks), 5 classes" in map_legend(at)
    assert "ovop-map-legend" not in folium_element(at).proto.json_args
    at.segmented_control(key="map_metric").set_value("share_recognised").run()
    assert "<strong>Share of rated products recognised</strong>" in map_legend(at)
    assert "%" in map_legend(at)
    at.segmented_control(key="map_classing_count").set_value("quantile").run()
    assert "Quantiles, 5 classes" in map_legend(at)
    at.segmented_control(key="map_metric").set_value("mean_score").run()
    assert at.segmented_control(key="map_classing_score").options == [
        "Natural breaks (Jenks)",
        "Quantiles",
        "Star bands",
    ]
    at.segmented_control(key="map_classing_score").set_value("stars").run()
    assert "(★3)" in map_legend(at)


def test_overview_product_breakdown_names_the_cap_reason():
    at = run_app("id")
    choice = at.selectbox(key="overview_product")
    assert choice.options
    assert not at.exception
