"""Product photos in a real browser: an editor uploads a photo on the Data page and sees its thumbnail;
a broken file is refused with its message and nothing is stored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ovop_core.store import DB_FILE_NAME, Store

from .browser import Watch, running_app, screenshot, wait_ready
from .test_data_import import account_env, sign_in

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from photo_helpers import jpeg_with_exif  # noqa: E402


@pytest.fixture(scope="module")
def photo_app(tmp_path_factory):
    """An app with its own data folder and one Aceh editor; yields (base URL, the folder)."""
    folder = tmp_path_factory.mktemp("photos")
    env = account_env(folder, "dinas_aceh", "rahasia-aceh", "editor", '["11"]')
    with running_app(env=env) as base:
        yield base, folder


def open_photo_section(browser, base: str):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page.goto(f"{base}/data?lang=en")
    wait_ready(page, '[data-testid="stMetric"]')
    sign_in(page, "dinas_aceh", "rahasia-aceh")
    page.locator("button", has_text="Product photos").first.click()
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)
    return context, page, watch


def stored(folder: Path) -> Store:
    return Store(f"sqlite:///{folder / 'data' / DB_FILE_NAME}")


def test_a_broken_file_is_refused_with_its_message_and_nothing_is_stored(browser, photo_app, tmp_path):
    base, folder = photo_app
    broken = tmp_path / "x.jpg"
    broken.write_bytes(jpeg_with_exif()[:300])
    context, page, watch = open_photo_section(browser, base)
    with stored(folder) as store:
        before = store.current_version().id, store.thumbnails()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(broken))
    page.get_by_role("button", name="Upload photos").click()
    alert = page.locator("[data-testid=stAlert]", has_text="the image cannot be read (damaged or not an image)")
    alert.first.wait_for(timeout=30_000)
    assert "These files were not stored (1):" in alert.first.inner_text() and "x.jpg" in alert.first.inner_text()
    screenshot(page, "data-photos-refused-en")
    with stored(folder) as store:
        assert (store.current_version().id, store.thumbnails()) == before
    assert watch.outside == []
    context.close()


def test_an_uploaded_photo_appears_as_its_thumbnail(browser, photo_app, tmp_path):
    base, folder = photo_app
    photo = tmp_path / "kopi.jpg"
    photo.write_bytes(jpeg_with_exif((800, 400)))
    context, page, watch = open_photo_section(browser, base)
    chooser = page.locator('[data-testid="stSelectbox"]', has_text="Product").first
    product = chooser.evaluate(
        "el => el.innerText + ' ' + [...el.querySelectorAll('input')].map(i => i.value).join(' ')"
    )
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(photo))
    page.get_by_role("button", name="Upload photos").click()
    page.get_by_text("Saved as version").wait_for(timeout=30_000)
    image = page.locator('[data-testid="stImage"] img').first
    image.wait_for(timeout=30_000)
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=30_000)
    # Turned upright by its EXIF orientation: the 800×400 photo is stored 400×800 (thumbnail 160×320).
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [160, 320]
    page.get_by_text("Photo 1 · 400×800 px").wait_for(timeout=10_000)
    screenshot(page, "data-photos-uploaded-en")
    with stored(folder) as store:
        (pid,) = store.thumbnails()
        assert pid in product and store.current_version().author == "dinas_aceh"
    assert watch.outside == []
    assert watch.relevant_console_errors() == [], watch.console_errors
    context.close()
