"""Product photos in Chromium: a photo stored for a flagship product is shown large on its kiosk slide
(decoded, not a broken image), a flagship without a photo shows its category's illustration, the
kiosk stays offline with big touch targets, and its "touch to explore" hint keeps still for visitors
who ask for less motion.

The photo goes in through the store API in the test's set-up (the Data page's upload has its own test).
"""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image, ImageDraw

from ovop_core.photos import prepare_photo
from ovop_core.store import Store
from ovop_core.store.engine import DB_FILE_NAME
from ovop_core.users import User
from ovop_ui.data_access.demo import demo_frame

from .browser import Watch, running_app, screenshot, wait_ready
from .test_kiosk import SCREENS, assert_no_chrome, assert_offline_and_quiet, small_targets

PHOTO_SLIDE = "FLAG-01"  # Kopi Arabika Gayo: gets a photo
PLAIN_SLIDE = "FLAG-02"  # Tenun Gringsing: none, so the textile illustration
ENV = {"OVOP_KIOSK_SLIDE_SECONDS": "3", "OVOP_KIOSK_IDLE_SECONDS": "600"}
KEY_ON_SCREEN = "() => document.querySelector('[data-slide=\"product\"]')?.dataset.key ?? null"
# The slide's picture as drawn: its source type, decoded size and size on screen.
PICTURE = """() => {
    const img = document.querySelector('figure.kiosk-photo img');
    if (!img) return null;
    const r = img.getBoundingClientRect();
    return {src: img.getAttribute('src').slice(0, 30), alt: img.alt, natural: img.naturalWidth,
            complete: img.complete, width: r.width, height: r.height,
            illustration: img.parentElement.classList.contains('illustration')};
}"""
ANIMATIONS = """() => {
    const button = document.querySelector('.st-key-kiosk_explore button');
    const icon = button.querySelector('[data-testid="stIconMaterial"]');
    return [getComputedStyle(button).animationName, icon ? getComputedStyle(icon).animationName : null];
}"""


def photo_jpeg() -> bytes:
    image = Image.new("RGB", (1600, 1200), (226, 205, 170))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((560, 240, 1040, 1000), 40, fill=(122, 78, 45))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def kiosk_base(tmp_path_factory):
    """A normal-mode app (so ``?mode=kiosk`` works) on a store that holds the demo registry and one
    photo of ``PHOTO_SLIDE``, put in before the app starts."""
    data = tmp_path_factory.mktemp("photos-data")
    with Store(f"sqlite:///{data / DB_FILE_NAME}") as store:
        store.migrate()
        store.ensure_seeded(demo_frame(), label="demo")
        store.add_photos(PHOTO_SLIDE, [prepare_photo(photo_jpeg(), "kopi.jpg")], User("admin", "admin"))
    with running_app(env={**ENV, "OVOP_DATA_DIR": str(data), "OVOP_DATABASE_URL": ""}) as base:
        yield base


def wait_for_slide(page, key: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(KEY_ON_SCREEN) == key:
            page.wait_for_function("() => { const i = document.querySelector('figure.kiosk-photo img'); "
                                   "return i && i.complete && i.naturalWidth > 0; }", timeout=10_000)  # fmt: skip
            return
        time.sleep(0.2)
    raise AssertionError(f"the slide of {key} did not come round in {timeout} s")


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_flagship_with_a_photo_shows_it_large_and_one_without_its_illustration(kiosk_base, browser, screen):
    context = browser.new_context(viewport=SCREENS[screen], has_touch=True)
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    try:
        page.goto(f"{kiosk_base}/?mode=kiosk&lang=id")
        wait_ready(page, "h1.kiosk-title")
        wait_for_slide(page, PHOTO_SLIDE)
        picture = page.evaluate(PICTURE)
        assert picture["src"].startswith("data:image/jpeg;base64,") and not picture["illustration"]
        assert picture["natural"] == 1280 and picture["alt"] == "Foto Kopi Arabika Gayo"  # display size, decoded
        # Large: about two fifths of the screen's width and more than a third of its height.
        assert picture["width"] >= 0.38 * SCREENS[screen]["width"]
        assert picture["height"] >= 0.35 * SCREENS[screen]["height"]
        assert not small_targets(page), small_targets(page)
        screenshot(page, f"kiosk-photo-{screen}")

        wait_for_slide(page, PLAIN_SLIDE)
        picture = page.evaluate(PICTURE)
        assert picture["src"].startswith("data:image/svg+xml;base64,") and picture["illustration"]
        assert picture["natural"] > 0 and "Ilustrasi" in picture["alt"]
        assert page.locator("figure.kiosk-photo figcaption").inner_text() == "Ilustrasi · foto produk belum tersedia"
        assert picture["width"] >= 0.38 * SCREENS[screen]["width"]
        screenshot(page, f"kiosk-illustration-{screen}")
        assert_no_chrome(page)
        assert not small_targets(page), small_targets(page)
        assert_offline_and_quiet(watch)
    finally:
        context.close()


@pytest.mark.parametrize(
    "motion, expected", [("no-preference", ["kiosk-ring", "kiosk-tap"]), ("reduce", ["none", "none"])]
)
def test_the_touch_hint_moves_gently_unless_less_motion_is_asked_for(kiosk_base, browser, motion, expected):
    context = browser.new_context(viewport=SCREENS["wxga"], has_touch=True, reduced_motion=motion)
    page = context.new_page()
    try:
        page.goto(f"{kiosk_base}/?mode=kiosk&lang=en")
        wait_ready(page, "h1.kiosk-title")
        page.wait_for_selector(".st-key-kiosk_explore button", timeout=15_000)
        assert page.evaluate(ANIMATIONS) == expected
    finally:
        context.close()
