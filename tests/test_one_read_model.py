"""One region, one answer: the overview, present mode, kiosk and region brief show the same KPIs and
the same top products in the same order (DESIGN.md §2, "one read model").

The registry is made for it: in Jawa Tengah two products tie at 80 (the one with the lower id has
the later name and fewer stars: a gate caps it) and two tie at 50 (again names against ids), and
one product is not rated. Any mode that ordered products its own way — by name, or by stars
before id — would list them differently.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest
import streamlit as st
from conftest import make_csv
from streamlit.testing.v1 import AppTest

from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.summary import analysed_table, summarise
from ovop_ui.builders import brief
from ovop_ui.modes.kiosk import screens as kiosk
from ovop_ui.text.i18n import translate

APP = "../app.py"
LANG = "en"
PROVINCE = "33"
ROWS = (
    {
        "product_id": "P001",
        "name": "Zz Keripik",
        "k1": "80",
        "k2": "80",
        "k3": "80",
        "k4": "80",
        "k5": "80",
        "brand": "tidak",
    },  # score 80, capped at ★3 (no registered brand)
    {"product_id": "P002", "name": "Aa Batik", "k1": "80", "k2": "80", "k3": "80", "k4": "80", "k5": "80"},
    {
        "product_id": "P003",
        "name": "Mm Kopi",
        "region_code": "33.26",
        "k1": "70",
        "k2": "70",
        "k3": "70",
        "k4": "70",
        "k5": "70",
    },
    {
        "product_id": "P004",
        "name": "Xx Gula",
        "region_code": "33.26",
        "k1": "50",
        "k2": "50",
        "k3": "50",
        "k4": "50",
        "k5": "50",
    },
    {"product_id": "P005", "name": "Cc Teh", "k1": "50", "k2": "50", "k3": "50", "k4": "50", "k5": "50"},
    {"product_id": "P006", "name": "Bb Tempe", "stage": "0", "k1": ""},  # not rated
    {
        "product_id": "P007",
        "name": "Kopi Kintamani",
        "region_code": "51.06",
        "k1": "90",
        "k2": "90",
        "k3": "90",
        "k4": "90",
        "k5": "90",
        "export": "ya",
    },
    {
        "product_id": "P008",
        "name": "Kopi Gayo",
        "region_code": "11.04",
        "stage": "1",
        "k1": "40",
        "k2": "40",
        "k3": "40",
        "k4": "40",
        "k5": "40",
    },
)


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("one_read_model") / "registry.csv"
    path.write_bytes(make_csv(*ROWS))
    return path


@pytest.fixture(autouse=True)
def use_the_registry(registry_file, monkeypatch):
    monkeypatch.setenv("OVOP_DATA_FILE", str(registry_file))
    monkeypatch.delenv("OVOP_MODE", raising=False)
    monkeypatch.delenv("OVOP_MODE_LOCKED", raising=False)
    yield
    st.cache_data.clear()


@pytest.fixture(scope="module")
def table(registry_file) -> pd.DataFrame:
    result = read_registry(registry_file)
    assert result.ok, result.errors
    return analysed_table(result.frame.drop(columns=["_row"]), DEFAULT_MODEL)


@pytest.fixture(scope="module")
def expected(table) -> dict:
    """The read model's answer for the province, as text in the page's language."""
    region = summarise(table, PROVINCE, top_n=None)
    cards = {
        "products": str(region.kpis.n_products),
        "regions": str(region.kpis.n_kabkota),
        "mean_score": f"{region.kpis.mean_score:.1f}",
        "recognised": str(region.kpis.n_recognised),
        "potential": str(region.kpis.n_potential),
        "eligible": str(region.kpis.n_eligible),
    }
    return {"cards": cards, "names": region.top["name"].tolist(), "ids": region.top["product_id"].tolist()}


def label(key: str) -> str:
    return translate(key, LANG)


def open_app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = LANG
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_registry_has_the_ties_the_modes_could_disagree_on(table, expected):
    # Score first, then product id: not by name (Aa Batik), not by stars (P002 ★4 over P001 ★3).
    assert expected["ids"] == ["P001", "P002", "P003", "P004", "P005", "P006"]
    stars = table.set_index("product_id")["stars"]
    assert (stars["P001"], stars["P002"], stars["P006"]) == (3, 4, 0)


def test_the_overview_shows_the_region_summary(expected):
    at = open_app(prov=PROVINCE)
    metrics = {m.label: m.value for m in at.metric}
    for name in ("products", "regions", "mean_score", "recognised", "eligible"):
        assert metrics[label(f"kpi.{name}")] == expected["cards"][name]
    products = next(df.value for df in at.dataframe if label("col.cap_reason") in df.value.columns)
    assert products[label("col.name")].tolist() == expected["names"]


def test_present_mode_shows_the_region_summary(expected):
    at = open_app(mode="present", step="2", prov=PROVINCE)
    metrics = {m.label: m.value for m in at.metric}
    for name in ("products", "regions", "mean_score", "recognised"):
        assert metrics[label(f"kpi.{name}")] == expected["cards"][name]
    chart = next(c for c in at.get("plotly_chart") if "present_top_products" in c.proto.id)
    bars = json.loads(chart.proto.spec)["data"][0]["y"]
    assert [html.unescape(b.split("<br>")[0]) for b in bars] == expected["names"]


def test_the_kiosk_shows_the_region_summary(expected, monkeypatch):
    monkeypatch.setenv("OVOP_MODE", "kiosk")
    at = open_app()
    at.button(key="kiosk_explore").click().run()
    at.button(key=f"kiosk_prov_{PROVINCE}").click().run()
    assert not at.exception
    text = "\n".join(h.value for h in at.html)
    counts = translate(
        "kiosk.province_summary", LANG, n=expected["cards"]["products"], recognised=expected["cards"]["recognised"]
    )
    assert f"<p>{html.escape(counts)}</p>" in text
    assert re.findall(r'<div class="kiosk-card" data-key="([^"]+)"', text) == expected["ids"]


def test_the_kiosk_region_slide_shows_the_region_summary(table, expected):
    view = kiosk.region_view(summarise(table, PROVINCE, top_n=1))
    figures = re.findall(r"<b>([^<]*)</b><span>", kiosk.region_text_html(view, LANG))
    assert figures == [expected["cards"][n] for n in ("products", "recognised", "mean_score")]
    assert view.top_name == expected["names"][0]


def test_the_region_brief_shows_the_region_summary(table, expected):
    document = brief.region_brief_html(table, PROVINCE, LANG, DEFAULT_MODEL.version)
    values = re.findall(r'<div class="kpi-value">([^<]*)</div>', document)[:6]  # the headline row
    names = ("products", "regions", "mean_score", "recognised", "potential", "eligible")
    assert values == [expected["cards"][n] for n in names]
    names = re.findall(r"<tr><td class='num'>\d+</td><td class=\"thumb\"><img [^>]*></td><td>([^<]*)", document)
    assert [html.unescape(n) for n in names] == expected["names"]
