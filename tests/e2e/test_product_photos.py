"""Product photos in Chromium, from upload to kiosk: an Aceh editor uploads a photo of a flagship on the
Data page; the kiosk's slide of that product then shows it large (decoded, at display size) with the
QR code of the product's page; a flagship without a photo shows its category's illustration. The
kiosk stays offline with big touch targets, and its "touch to explore" hint keeps still for visitors
who ask for less motion.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time

import pytest
from PIL import Image, ImageDraw

from ovop_core.store import DB_FILE_NAME, Store
from ovop_ui.data_access.demo import demo_frame

from .browser import ARTIFACTS, Watch, open_page, running_app, screenshot, wait_ready
from .test_accessibility import report, violations
from .test_data_import import account_env
from .test_kiosk import SCREENS, assert_no_chrome, assert_offline_and_quiet, small_targets
from .test_photos import open_photo_section

PHOTO_SLIDE, PHOTO_NAME = "FLAG-01", "Kopi Arabika Gayo"  # Aceh: the editor's region; gets a photo
PLAIN_SLIDE = "FLAG-02"  # Tenun Gringsing (Bali): no photo, so the textile illustration
PAGE_URL = "https://ovop.example.go.id/produk/kopi-arabika-gayo"
ENV = {"OVOP_KIOSK_SLIDE_SECONDS": "3", "OVOP_KIOSK_IDLE_SECONDS": "600", "OVOP_DATABASE_URL": ""}
KEY_ON_SCREEN = "() => document.querySelector('[data-slide=\"product\"]')?.dataset.key ?? null"
# The slide's picture as drawn: its source type, decoded size and size on screen.
PICTURE = """() => {
    const img = document.querySelector('figure.kiosk-photo img');
    if (!img) return null;
    const r = img.getBoundingClientRect();
    return {src: img.getAttribute('src').slice(0, 30), alt: img.alt, natural: img.naturalWidth,
            width: r.width, height: r.height, illustration: img.parentElement.classList.contains('illustration')};
}"""
QR = """() => {
    const img = document.querySelector('figure.kiosk-qr img');
    if (!img) return null;
    const r = img.getBoundingClientRect();
    return {src: img.getAttribute('src').slice(0, 30), uri: img.getAttribute('src'), natural: img.naturalWidth,
            width: r.width, height: r.height,
            label: document.querySelector('figure.kiosk-qr figcaption').innerText};
}"""
ANIMATIONS = """() => {
    const button = document.querySelector('.st-key-kiosk_explore button');
    const icon = button.querySelector('[data-testid="stIconMaterial"]');
    return [getComputedStyle(button).animationName, icon ? getComputedStyle(icon).animationName : null];
}"""


def photo_jpeg() -> bytes:
    image = Image.new("RGB", (1600, 1200), (226, 205, 170))
    ImageDraw.Draw(image).rounded_rectangle((560, 240, 1040, 1000), 40, fill=(122, 78, 45))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def photo_app(tmp_path_factory):
    """A normal-mode app (``?mode=kiosk`` opens the kiosk) with one Aceh editor, on a store holding the
    demo registry in which the first flagship names its page on the organiser's site."""
    folder = tmp_path_factory.mktemp("kiosk-photos")
    env = account_env(folder, "dinas_aceh", "rahasia-aceh", "editor", '["11"]')
    registry = demo_frame()
    registry.loc[registry["product_id"] == PHOTO_SLIDE, "url"] = PAGE_URL
    (folder / "data").mkdir()
    with Store(f"sqlite:///{folder / 'data' / DB_FILE_NAME}") as store:
        store.migrate()
        store.ensure_seeded(registry.fillna({"url": ""}), label="demo")
    with running_app(env={**env, **ENV}) as base:
        yield base, folder


def upload_photo(browser, base: str, path) -> None:
    """Sign in as the Aceh editor, choose the flagship on the Data page and upload ``path``."""
    context, page, watch = open_photo_section(browser, base)
    try:
        chooser = page.locator(".st-key-photo_product [data-testid=stSelectbox] input")
        chooser.click()
        chooser.press_sequentially(PHOTO_SLIDE)  # the list is long and drawn lazily: narrow it first
        page.get_by_role("option", name=f"{PHOTO_NAME} · {PHOTO_SLIDE}").click()
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
        page.get_by_role("button", name="Upload photos").click()
        page.get_by_text("Saved as version").wait_for(timeout=30_000)
        page.locator('[data-testid="stImage"] img').first.wait_for(timeout=30_000)  # its thumbnail
        screenshot(page, "kiosk-photo-uploaded-en")
        assert watch.outside == []
    finally:
        context.close()


def wait_for_slide(page, key: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(KEY_ON_SCREEN) == key:
            page.wait_for_function("() => { const i = document.querySelector('figure.kiosk-photo img'); "
                                   "return i && i.complete && i.naturalWidth > 0; }", timeout=10_000)  # fmt: skip
            return
        time.sleep(0.2)
    raise AssertionError(f"the slide of {key} did not come round in {timeout} s")


@pytest.fixture(scope="module")
def uploaded(photo_app, browser, tmp_path_factory):
    base, _ = photo_app
    path = tmp_path_factory.mktemp("upload") / "kopi-gayo.jpg"
    path.write_bytes(photo_jpeg())
    upload_photo(browser, base, path)
    return base


@pytest.mark.parametrize("screen", list(SCREENS))
def test_an_uploaded_photo_is_shown_large_on_its_kiosk_slide_and_a_product_without_one_shows_its_illustration(
    uploaded, browser, screen
):
    context = browser.new_context(viewport=SCREENS[screen], has_touch=True)
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    try:
        page.goto(f"{uploaded}/?mode=kiosk&lang=id")
        wait_ready(page, "h1.kiosk-title")
        wait_for_slide(page, PHOTO_SLIDE)
        picture = page.evaluate(PICTURE)
        assert picture["src"].startswith("data:image/jpeg;base64,") and not picture["illustration"]
        assert picture["natural"] == 1280 and picture["alt"] == f"Foto {PHOTO_NAME}"  # display size, decoded
        # Large: about two fifths of the screen's width and more than a third of its height.
        assert picture["width"] >= 0.38 * SCREENS[screen]["width"]
        assert picture["height"] >= 0.35 * SCREENS[screen]["height"]
        code = page.evaluate(QR)
        assert code["src"].startswith("data:image/svg+xml;base64,") and code["natural"] > 0
        assert code["width"] == code["height"] >= 170  # scannable from about a metre on a kiosk screen
        assert code["label"] == "Pindai untuk halaman produk\novop.example.go.id/produk/kopi-arabika-gayo"
        if shutil.which("zbarimg"):  # a real scan of the code on screen, where zbar-tools is installed
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / f"kiosk-qr-{screen}.png"
            # The code exactly as shown (its data URI at its size on screen), on a page of its own: the
            # slide may move on while the picture is taken.
            still = context.new_page()
            still.set_content(f'<img src="{code["uri"]}" width="{code["width"]}" style="margin:24px">')
            still.locator("img").screenshot(path=str(shot))
            still.close()
            scan = subprocess.run(["zbarimg", "-q", "--raw", str(shot)], capture_output=True, timeout=30)
            assert scan.stdout.decode().strip() == PAGE_URL
        assert not small_targets(page), small_targets(page)
        screenshot(page, f"kiosk-photo-{screen}")

        wait_for_slide(page, PLAIN_SLIDE)
        picture = page.evaluate(PICTURE)
        assert picture["src"].startswith("data:image/svg+xml;base64,") and picture["illustration"]
        assert picture["natural"] > 0 and "Ilustrasi" in picture["alt"]
        assert page.locator("figure.kiosk-photo figcaption").inner_text() == "Ilustrasi · foto produk belum tersedia"
        assert picture["width"] >= 0.38 * SCREENS[screen]["width"]
        assert page.evaluate(QR) is None  # no address, no code
        screenshot(page, f"kiosk-illustration-{screen}")
        assert_no_chrome(page)
        assert not small_targets(page), small_targets(page)
        assert_offline_and_quiet(watch)
    finally:
        context.close()


@pytest.mark.parametrize(
    "motion, expected", [("no-preference", ["kiosk-ring", "kiosk-tap"]), ("reduce", ["none", "none"])]
)
def test_the_touch_hint_moves_gently_unless_less_motion_is_asked_for(photo_app, browser, motion, expected):
    base, _ = photo_app
    context = browser.new_context(viewport=SCREENS["wxga"], has_touch=True, reduced_motion=motion)
    page = context.new_page()
    try:
        page.goto(f"{base}/?mode=kiosk&lang=en")
        wait_ready(page, "h1.kiosk-title")
        page.wait_for_selector(".st-key-kiosk_explore button", timeout=15_000)
        assert page.evaluate(ANIMATIONS) == expected
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_slide_with_a_photo_and_a_qr_code_passes_axe_core(uploaded, photo_app, browser, lang):
    """The first slide (the flagship with its photo and QR code) held still on a second server over
    the same store, so axe-core reads a page that does not change under it."""
    _, folder = photo_app
    env = {**account_env(folder, "dinas_aceh", "rahasia-aceh", "editor", '["11"]'), **ENV}
    with running_app(env={**env, "OVOP_KIOSK_SLIDE_SECONDS": "600"}) as base:
        context, page, _ = open_page(browser, f"{base}/?mode=kiosk&lang={lang}", size=(1280, 800))
        try:
            wait_ready(page, "h1.kiosk-title")
            wait_for_slide(page, PHOTO_SLIDE)
            page.wait_for_selector("figure.kiosk-qr img", timeout=10_000)
            found = violations(page)
            assert found == {}, report(found)
        finally:
            context.close()
