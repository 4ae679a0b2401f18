"""The trade-fair kiosk (DESIGN.md §1, §8) headless: attract loop, explorer, idle return, lock, recovery.

AppTest fires no ``run_every`` timers, so the rotation is tested as pure functions and by calling
``kiosk.advance`` with an injected clock; the kiosk's clock is ``ovop_ui.modes.kiosk.screens.now``.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ovop_ui.modes.kiosk import screens as kiosk

APP = "../app.py"


class Clock:
    def __init__(self, start: float = 1000.0):
        self.value = start

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(kiosk, "now", fake)
    return fake


@pytest.fixture
def kiosk_env(monkeypatch):
    monkeypatch.setenv("OVOP_MODE", "kiosk")
    monkeypatch.delenv("OVOP_MODE_LOCKED", raising=False)
    monkeypatch.setenv("OVOP_KIOSK_SLIDE_SECONDS", "8")
    monkeypatch.setenv("OVOP_KIOSK_IDLE_SECONDS", "90")


def run_kiosk(lang: str = "id", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def html_text(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def slide(at: AppTest) -> tuple[str, str]:
    """(kind, key) of the slide on screen, e.g. ("product", "FLAG-01")."""
    match = re.search(r'data-slide="(\w+)"(?: data-key="([^"]*)")?', html_text(at))
    assert match, "no slide on screen"
    return match.group(1), match.group(2) or ""


def title(at: AppTest) -> str:
    match = re.search(r'<h1 class="kiosk-title">(.*?)</h1>', html_text(at))
    return match.group(1) if match else ""


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def view(at: AppTest) -> str:
    return at.session_state[kiosk.KEY_VIEW]


# --- pure rotation logic ---------------------------------------------------------------------


def test_next_index_wraps_around_the_deck():
    assert [kiosk.next_index(i, 3) for i in range(4)] == [1, 2, 0, 1]
    assert kiosk.next_index(5, 0) == 0


def test_a_slide_is_due_after_its_time_with_some_timer_jitter():
    assert kiosk.slide_due(None, 0.0, 8)
    assert not kiosk.slide_due(100.0, 103.0, 8)
    assert kiosk.slide_due(100.0, 107.0, 8)  # a timer that fires a little early still advances
    assert kiosk.slide_due(100.0, 120.0, 8)


def test_idle_only_after_a_touch_and_the_timeout():
    assert not kiosk.is_idle(None, 500.0, 90)
    assert not kiosk.is_idle(100.0, 150.0, 90)
    assert kiosk.is_idle(100.0, 190.0, 90)


def test_the_deck_interleaves_flagships_with_regional_highlights():
    flags = kiosk.load_flagships()
    frame = _demo_table()
    deck = kiosk.build_deck(frame, flags)
    kinds = [s.kind for s in deck]
    assert kinds[:4] == ["product", "product", "product", "region"]
    assert [s.key for s in deck if s.kind == "product"] == flags["product_id"].tolist()
    assert len(deck) == len(flags) + len(flags) // kiosk.PRODUCTS_PER_REGION_SLIDE
    assert len({s.key for s in deck if s.kind == "region"}) > 1


def test_without_flagships_in_the_data_the_best_product_of_each_province_is_shown():
    frame = _demo_table()
    frame = frame[~frame["product_id"].str.startswith("FLAG-")]
    ids = kiosk.flagship_ids(frame, kiosk.load_flagships())
    assert 0 < len(ids) <= kiosk.FALLBACK_FLAGSHIPS
    provinces = frame.set_index("product_id").loc[ids, "province"]
    assert provinces.is_unique


def test_settings_come_from_the_environment_with_safe_defaults(monkeypatch):
    monkeypatch.delenv("OVOP_KIOSK_SLIDE_SECONDS", raising=False)
    monkeypatch.delenv("OVOP_KIOSK_IDLE_SECONDS", raising=False)
    assert (kiosk.slide_seconds(), kiosk.idle_seconds()) == (8.0, 90.0)
    monkeypatch.setenv("OVOP_KIOSK_SLIDE_SECONDS", "0.1")
    monkeypatch.setenv("OVOP_KIOSK_IDLE_SECONDS", "nonsense")
    assert (kiosk.slide_seconds(), kiosk.idle_seconds()) == (2.0, 90.0)


def test_a_province_is_highlighted_and_ringed_on_the_locator_map():
    svg = kiosk.locator_svg("51")
    assert svg.count(" selected") == 1
    assert re.search(r'class="region[^"]* selected" data-code="51"', svg)
    assert "<circle" in svg  # Bali is small: a ring shows where it is
    assert "<title>" not in svg  # no tooltips on a touch screen
    uri = kiosk.locator_img("51", "Bali")
    assert 'src="data:image/svg+xml;base64,' in uri and 'alt="Bali"' in uri


def _demo_table() -> pd.DataFrame:
    from ovop_core import rounds
    from ovop_core.model import DEFAULT_MODEL
    from ovop_core.registry import read_registry
    from ovop_core.summary import analysed_table
    from ovop_ui.data_access.dataset import DEMO_CSV

    frame = rounds.current(read_registry(DEMO_CSV).frame.drop(columns=["_row"]))  # "now"
    return analysed_table(frame, DEFAULT_MODEL, "2026-11-29")


# --- the app in kiosk mode -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_loop_shows_a_flagship_slide_in_both_languages(kiosk_env, clock, lang):
    at = run_kiosk(lang)
    assert_clean(at)
    assert view(at) == "loop"
    assert slide(at) == ("product", "FLAG-01")
    text = html_text(at)
    assert "Kopi Arabika Gayo" in title(at)
    assert "★★★★★ 5" in text
    assert "Kabupaten Aceh Tengah · Aceh" in text
    assert ("Produk unggulan daerah" if lang == "id" else "Regional flagship product") in text
    assert ("dataran tinggi Gayo" if lang == "id" else "Gayo highlands") in text
    assert ("Minuman" if lang == "id" else "Beverages") in text
    assert 'src="data:image/svg+xml;base64,' in text  # the region on a map, drawn locally
    assert ("bukan skor resmi Kemenperin" if lang == "id" else "not an official Kemenperin score") in text
    explore = at.button(key="kiosk_explore")
    assert explore.label == ("Sentuh untuk menjelajah" if lang == "id" else "Touch to explore")


def test_advancing_shows_the_next_flagship(kiosk_env, clock):
    at = run_kiosk()
    first = slide(at)
    clock.value += 3  # too early: the slide stays
    at.run()
    assert slide(at) == first
    clock.value += 8
    at.run()  # what the run_every timer does: run the fragment after the slide's time
    second = slide(at)
    assert second[0] == "product" and second != first
    assert title(at) != "Kopi Arabika Gayo"
    assert_clean(at)


def test_advance_moves_through_the_whole_deck_and_wraps(kiosk_env, clock):
    at = run_kiosk()
    size = len(kiosk.build_deck(_demo_table(), kiosk.load_flagships()))
    seen = []
    for _ in range(size + 1):
        clock.value += 9
        at.run()
        assert_clean(at)
        seen.append(slide(at))
    assert seen[-1] == seen[0] or len(set(seen)) >= size - 1
    assert {kind for kind, _ in seen} == {"product", "region"}
    assert len(at.session_state) < 40  # a fixed set of keys, nothing piles up


def test_a_touch_opens_the_explorer_and_a_province_shows_its_products(kiosk_env, clock):
    at = run_kiosk("en")
    at.button(key="kiosk_explore").click().run()
    assert_clean(at)
    assert view(at) == "explore"
    assert "Explore OVOP products by province" in html_text(at)
    maps = [el for el in at.get("component_instance") if "streamlit_folium" in el.proto.component_name]
    assert len(maps) == 1
    at.button(key="kiosk_prov_33").click().run()
    assert_clean(at)
    text = html_text(at)
    assert "Flagship products of Jawa Tengah" in text
    cards = re.findall(r'<div class="kiosk-card"', text)
    assert len(cards) == kiosk.CARDS
    assert "Batik Pekalongan" in text and "Kota Pekalongan" in text
    assert re.search(r"★+☆* \d", text) and "score " in text
    at.button(key="kiosk_back").click().run()
    assert at.session_state[kiosk.KEY_PROVINCE] == ""
    assert view(at) == "explore"
    at.button(key="kiosk_home").click().run()
    assert view(at) == "loop"
    assert_clean(at)


def test_a_slide_button_opens_that_province(kiosk_env, clock):
    at = run_kiosk()
    see = next(b for b in at.button if b.key and b.key.startswith("kiosk_see_"))
    assert "Aceh" in see.label
    see.click().run()
    assert view(at) == "explore" and at.session_state[kiosk.KEY_PROVINCE] == "11"
    assert "Produk unggulan Aceh" in html_text(at)


def test_a_tap_on_the_map_opens_the_province(kiosk_env, clock):
    at = run_kiosk()
    at.button(key="kiosk_explore").click().run()
    element = next(el for el in at.get("component_instance") if "streamlit_folium" in el.proto.component_name)
    at.session_state[element.key] = {"last_active_drawing": {"properties": {"kode": "51"}}}
    at.run()
    assert_clean(at)
    assert at.session_state[kiosk.KEY_PROVINCE] == "51"
    assert "Produk unggulan Bali" in html_text(at)


def test_idle_explorer_returns_to_the_loop(kiosk_env, clock):
    at = run_kiosk()
    at.button(key="kiosk_explore").click().run()
    at.button(key="kiosk_prov_51").click().run()
    clock.value += 60
    at.run()
    assert view(at) == "explore"  # not idle yet
    at.button(key="kiosk_lang_en").click().run()  # a touch restarts the idle time
    clock.value += 60
    at.run()
    assert view(at) == "explore"
    clock.value += 31
    at.run()
    assert view(at) == "loop"
    assert at.session_state[kiosk.KEY_PROVINCE] == ""
    assert slide(at)[0] in ("product", "region")
    assert_clean(at)


def test_the_language_buttons_switch_the_language(kiosk_env, clock):
    at = run_kiosk("id")
    at.button(key="kiosk_lang_en").click().run()
    assert at.button(key="kiosk_explore").label == "Touch to explore"
    at.button(key="kiosk_lang_id").click().run()
    assert at.button(key="kiosk_explore").label == "Sentuh untuk menjelajah"


def test_no_inputs_uploads_sidebar_or_sign_in_anywhere(kiosk_env, clock):
    at = run_kiosk()
    screens = [html_text(at)]

    def check(current: AppTest) -> None:
        for kind in (
            "text_input",
            "text_area",
            "file_uploader",
            "number_input",
            "data_editor",
            "chat_input",
            "date_input",
            "selectbox",
            "multiselect",
            "checkbox",
            "toggle",
        ):
            assert not current.get(kind), kind
        assert not current.sidebar.children
        labels = " ".join(b.label for b in current.button).lower()
        for word in ("masuk", "sign in", "impor", "import", "simpan", "save", "edit", "ubah"):
            assert word not in labels

    check(at)  # the loop
    at.button(key="kiosk_explore").click().run()
    check(at)  # the provinces
    at.button(key="kiosk_prov_33").click().run()
    check(at)  # a province's products
    screens.append(html_text(at))
    assert all("<input" not in text and "<form" not in text for text in screens)


def test_a_locked_kiosk_ignores_the_url_and_registers_no_other_page(monkeypatch, clock):
    monkeypatch.setenv("OVOP_MODE", "kiosk")
    monkeypatch.setenv("OVOP_MODE_LOCKED", "1")
    at = run_kiosk(mode="normal")
    assert_clean(at)
    assert at.session_state["mode"] == "kiosk"
    assert slide(at)[0] == "product"
    assert not at.get("file_uploader")
    try:
        at.switch_page("app_pages/data.py").run()
    except ValueError as refused:  # the data page's script is not registered in kiosk mode
        known = str(refused).split("Known pages:", 1)[1]
        assert "app_pages/kiosk.py" in known and "app_pages/data.py" not in known
        return
    assert not at.get("file_uploader")
    assert "kiosk-" in html_text(at)
    assert "Impor" not in " ".join(b.label for b in at.button)


def test_an_unlocked_kiosk_can_be_chosen_in_the_url(monkeypatch, clock):
    monkeypatch.delenv("OVOP_MODE", raising=False)
    monkeypatch.delenv("OVOP_MODE_LOCKED", raising=False)
    at = run_kiosk(mode="kiosk")
    assert_clean(at)
    assert slide(at) == ("product", "FLAG-01")


def test_a_broken_slide_is_skipped_without_an_error(kiosk_env, clock, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kiosk, "render_product_slide", broken)
    at = run_kiosk()
    assert_clean(at)
    assert slide(at)[0] == "region"  # every product slide fails: the first highlight is shown
    assert "boom" not in html_text(at)


def test_a_slide_failing_halfway_leaves_nothing_behind(kiosk_env, clock, monkeypatch):
    real = kiosk.render_product_slide

    def half(slide, ctx):
        if slide.key == "FLAG-01":
            import streamlit as st

            st.html('<p class="half-drawn">half</p>')
            raise ValueError("broken data")
        return real(slide, ctx)

    monkeypatch.setattr(kiosk, "render_product_slide", half)
    at = run_kiosk()
    assert_clean(at)
    assert "half-drawn" not in html_text(at)
    assert slide(at) == ("product", "FLAG-02")


def test_an_explorer_failure_falls_back_to_the_loop(kiosk_env, clock, monkeypatch):
    at = run_kiosk()

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kiosk, "render_province", broken)
    at.button(key="kiosk_explore").click().run()
    at.button(key="kiosk_prov_33").click().run()
    assert_clean(at)
    assert view(at) == "loop"
    assert slide(at)[0] in ("product", "region")


def test_recover_called_by_the_frame_shows_the_loop(kiosk_env, clock, monkeypatch):
    """A failure outside the kiosk's own guards reaches app.py, which calls ``recover``."""

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(kiosk, "render_kiosk", broken)
    at = AppTest.from_string(
        "import streamlit as st\n"
        "from ovop_ui.modes.kiosk import screens as kiosk\n"
        "try:\n"
        "    kiosk.render_kiosk()\n"
        "except Exception:\n"
        "    kiosk.recover()\n",
        default_timeout=60,
    )
    at.run()
    assert_clean(at)
    assert slide(at)[0] in ("product", "region")
    assert at.button(key="kiosk_rec_explore")


def test_even_a_failing_loop_shows_a_welcome_not_an_error(kiosk_env, clock, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kiosk, "deck", broken)
    at = run_kiosk("en")
    assert_clean(at)
    assert slide(at)[0] == "welcome"
    assert "Welcome" in title(at)


# --- what a visitor may read (DESIGN.md §8) ----------------------------------------------------


def test_the_kiosk_shows_official_stars_only_and_no_reasons():
    from conftest import make_products

    from ovop_core.scoring import score_table
    from ovop_ui.modes.kiosk.deck import PRIVATE_COLUMNS, public_table

    scored = score_table(
        make_products(
            {"product_id": "A", "k": 80, "stage": 4},  # assessed: its ★4 is official
            {"product_id": "B", "k": 80, "stage": 1},  # not assessed: ★4 is an estimate
            {"product_id": "C", "k": 80, "stage": 4, "brand": False},  # official, capped at ★3
        )
    )
    assert scored["stars"].tolist() == [4, 4, 3] and scored["cap_reason_id"].iloc[2] != ""
    public = public_table(scored)
    assert public["stars"].tolist() == [4, 0, 3]
    assert not set(PRIVATE_COLUMNS) & set(public.columns)
    assert scored["stars"].tolist() == [4, 4, 3]  # the analysed table itself is untouched
