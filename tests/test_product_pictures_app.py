"""Product photos shown by the app (AppTest, a real store in a fresh data folder): the kiosk's product
slide, the region profile's list and detail, and the region brief; illustrations where there is none."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from app_helpers import fresh_data, open_app
from photo_helpers import image_bytes
from store_helpers import ADMIN

from ovop_core import rounds
from ovop_core.model import DEFAULT_MODEL
from ovop_core.photos import prepare_photo
from ovop_core.registry import read_registry
from ovop_core.store import Store
from ovop_core.summary import analysed_table
from ovop_ui.builders import photos
from ovop_ui.builders.brief import region_brief_html
from ovop_ui.data_access.demo import demo_frame
from ovop_ui.modes.kiosk import screens as kiosk

KOPI = prepare_photo(image_bytes("JPEG", (800, 600), colour=(120, 70, 30)), "kopi.jpg")
KOPI_2 = prepare_photo(image_bytes("JPEG", (600, 800), colour=(30, 120, 70)), "kopi-2.jpg")


@pytest.fixture(autouse=True)
def data(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


@pytest.fixture
def stored_photos():
    """The demo registry in the store, with two photos of FLAG-01 (Kopi Arabika Gayo, Aceh)."""
    store = Store.from_env()
    store.migrate()
    store.ensure_seeded(demo_frame(), label="demo")
    store.add_photos("FLAG-01", [KOPI, KOPI_2], ADMIN)
    store.dispose()


def html_text(at) -> str:
    return "\n".join(el.proto.body for el in at.get("html"))


def test_the_kiosk_slide_of_a_product_with_a_photo_shows_it_and_one_without_its_illustration(
    stored_photos, monkeypatch
):
    clock = iter(range(1000, 100_000, 100))  # every run is a slide's time later: the loop advances
    monkeypatch.setattr(kiosk, "now", lambda: float(next(clock)))
    at = open_app(monkeypatch, mode="kiosk", lang="id")
    body = html_text(at)
    assert 'data-key="FLAG-01"' in body
    assert photos.image_data_uri(KOPI.display) in body  # the first photo, at display size
    assert "Foto Kopi Arabika Gayo" in body and "kiosk-photo illustration" not in body
    at.run()
    body = html_text(at)
    assert 'data-key="FLAG-02"' in body  # Tenun Gringsing: no photo
    assert photos.illustration_uri("tekstil") in body and "Ilustrasi · foto produk belum tersedia" in body
    assert "data:image/jpeg" not in body
    # Never a cap reason or an estimated star on a kiosk (DESIGN.md §8).
    assert "dibatasi" not in body and "perkiraan" not in body and "≈" not in body


def test_the_region_profile_lists_thumbnails_and_shows_a_chosen_product_with_its_photos(stored_photos, monkeypatch):
    at = open_app(monkeypatch, page="app_pages/map.py", lang="en")
    maps = [el for el in at.get("component_instance") if "streamlit_folium" in el.proto.component_name]
    at.session_state[maps[0].key] = {"last_active_drawing": {"properties": {"kode": "11"}}}
    at.run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Photo" in df.value.columns)
    by_name = dict(zip(table["Product"], table["Photo"]))
    assert by_name["Kopi Arabika Gayo"] == photos.image_data_uri(KOPI.thumb)
    others = [uri for name, uri in by_name.items() if name != "Kopi Arabika Gayo"]
    assert others and all(uri.startswith("data:image/svg+xml;base64,") for uri in others)

    detail = at.selectbox(key="profile_detail_11")
    assert detail.value is None  # nothing read until someone asks
    detail.select("FLAG-01").run()
    body = html_text(at)
    assert photos.image_data_uri(KOPI.display) in body and photos.image_data_uri(KOPI_2.display) in body
    assert 'alt="Photo of Kopi Arabika Gayo"' in body

    aceh = demo_frame().query("region_code.str.startswith('11.') and product_id != 'FLAG-01'")
    at.selectbox(key="profile_detail_11").select(str(aceh["product_id"].iloc[0])).run()
    body = html_text(at)
    assert "data:image/jpeg" not in body and "No product photo yet" in body


def test_the_brief_shows_a_top_products_thumbnail_inline_and_illustrations_for_the_others():
    frame = rounds.current(read_registry("data/products_demo.csv").frame.drop(columns=["_row"]))
    table = analysed_table(frame, DEFAULT_MODEL, "2026-11-29")
    document = region_brief_html(table, "11", "en", "ovop-2026.2", thumbnails={"FLAG-01": KOPI.thumb})
    rows = re.findall(r"<tr><td class='num'>\d+</td><td class=\"thumb\">(<img[^>]*>)</td><td>([^<]*)", document)
    assert len(rows) == 10
    images = dict((name, img) for img, name in rows)
    assert images["Kopi Arabika Gayo"] == (
        f'<img src="{photos.image_data_uri(KOPI.thumb)}" alt="Photo of Kopi Arabika Gayo">'
    )
    categories = table.set_index("name")["category"]
    for name, img in images.items():
        if name != "Kopi Arabika Gayo":
            assert photos.illustration_uri(categories[name]) in img and "Illustration" in img
    assert pd.notna(document)


def test_the_kiosk_explorer_cards_carry_thumbnails_and_illustrations(stored_photos, monkeypatch):
    at = open_app(monkeypatch, mode="kiosk", lang="en")
    at.button(key="kiosk_explore").click().run()
    at.button(key="kiosk_prov_11").click().run()
    assert not at.exception
    cards = re.findall(r'<div class="kiosk-card" data-key="([^"]+)"><img class="([^"]+)" src="([^"]+)"', html_text(at))
    assert len(cards) == kiosk.CARDS
    by_key = {key: (cls, src) for key, cls, src in cards}
    assert by_key["FLAG-01"] == ("kiosk-card-img", photos.image_data_uri(KOPI.thumb))
    assert all(cls.endswith("illustration") and src.startswith("data:image/svg+xml") for key, (cls, src) in by_key.items()
               if key != "FLAG-01")  # fmt: skip
