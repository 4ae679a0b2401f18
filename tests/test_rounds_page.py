"""The rounds panel in the app (DESIGN.md §11): overview and region profile, in both languages; "now"
is the newest round everywhere else on the page."""

from __future__ import annotations

import pytest
from app_helpers import APP, fresh_data, open_app
from conftest import GOOD_ROW, make_csv
from streamlit.testing.v1 import AppTest

from ovop_core import rounds
from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.summary import analysed_table
from ovop_ui.data_access.dataset import today
from ovop_ui.data_access.demo import DEMO_CSV

TITLE = {"id": "Perkembangan antarperiode penilaian", "en": "Progress across assessment rounds"}
HEADING = {
    "id": "Sejak periode 2025: apa yang berubah di periode 2026",
    "en": "Since round 2025: what changed in round 2026",
}
GAINED = {"id": "Naik bintang", "en": "Gained a star"}
PRODUCTS = {"id": "Produk", "en": "Products"}


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def demo_changes():
    history = read_registry(DEMO_CSV).frame.drop(columns=["_row"])
    return history, analysed_table(history, DEFAULT_MODEL, today())


def texts(at) -> str:
    return "\n".join(str(el.value) for el in (*at.markdown, *at.caption, *at.title, *at.subheader))


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_overview_shows_the_rounds_and_counts_only_the_newest_round_as_now(monkeypatch, lang, demo_changes):
    history, table = demo_changes
    at = open_app(monkeypatch, lang=lang)
    text = texts(at)
    assert TITLE[lang] in text and HEADING[lang] in text
    changes = rounds.since_last_round(table)
    assert metric(at, GAINED[lang]) == str(changes.counts["gained"])
    assert metric(at, PRODUCTS[lang]) == f"{len(rounds.current(history)):,}".replace(",", "." if lang == "id" else ",")
    labels = [e.label for e in at.expander]
    assert any(label.startswith(GAINED[lang]) for label in labels)
    assert len(at.get("plotly_chart")) >= 5  # stars, categories, stages, stars by round, trend


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_region_profile_shows_the_regions_rounds(monkeypatch, lang, demo_changes):
    _, table = demo_changes
    at = open_app(monkeypatch, page="app_pages/map.py", lang=lang, prov="33")
    assert HEADING[lang] in texts(at)
    jateng = rounds.since_last_round(table, "33")
    assert str(jateng.counts["gained"]) in [m.value for m in at.metric if m.label == GAINED[lang]]


def registry_file(tmp_path, *rows: dict, columns=None):
    path = tmp_path / "registry.csv"
    path.write_bytes(make_csv(*rows, columns=columns or [*GOOD_ROW, "round"]))
    return path


def open_file(monkeypatch, path, lang: str) -> AppTest:
    """The overview showing the registry file ``path`` (OVOP_DATA_FILE)."""
    monkeypatch.setenv("OVOP_DATA_FILE", str(path))
    monkeypatch.delenv("OVOP_MODE", raising=False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    ("lang", "line"),
    [("id", "Hanya satu periode penilaian (2026)"), ("en", "Only one assessment round (2026)")],
)
def test_with_one_round_the_panel_says_so_in_one_line(monkeypatch, tmp_path, lang, line):
    at = open_file(monkeypatch, registry_file(tmp_path, dict(round="2026"), dict(round="2026")), lang)
    assert line in texts(at) and not any(e.label.startswith(GAINED[lang]) for e in at.expander)


def test_a_registry_without_rounds_says_it_has_none(monkeypatch, tmp_path):
    at = open_file(monkeypatch, registry_file(tmp_path, {}, columns=list(GOOD_ROW)), "en")
    assert "This registry has no assessment rounds yet" in texts(at)


def test_named_products_are_shown_as_typed_never_as_markup(monkeypatch, tmp_path):
    name = "**Keripik** :fire: [x](http://e.vil)"
    path = registry_file(tmp_path, dict(product_id="A", round="2025"), dict(product_id="B", name=name, round="2026"))
    at = open_file(monkeypatch, path, "en")
    new = next(e for e in at.expander if e.label.startswith("New products"))
    shown = new.markdown[0].value
    assert shown.startswith("- \\*\\*Keripik\\*\\* ") and "\\[x\\]\\(http" in shown and shown.endswith("\\(B\\)")
