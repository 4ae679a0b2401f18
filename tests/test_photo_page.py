"""The Data page's product photos (AppTest): an editor uploads, sees every refused file named, and removes."""

from __future__ import annotations

import pytest
from app_helpers import EDITOR, fresh_data, open_data_page
from photo_helpers import image_bytes, jpeg_with_exif
from store_helpers import demo_frame

from ovop_core.photos import prepare_photo
from ovop_core.store import Store
from ovop_core.users import User
from ovop_ui.text.format import md_escape


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


def open_photos(user: User = EDITOR, lang: str = "en"):
    at = open_data_page(user, lang)
    at.segmented_control(key="data_section").set_value("photos").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def uploader(at):
    return next(u for u in at.file_uploader if u.key and u.key.startswith("photo_files_"))


def upload(at, *files):
    uploader(at).set_value(list(files)).run()
    at.button(key="photo_save").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_viewer_has_no_photo_section():
    at = open_data_page(User("vera", "viewer"))
    options = next(el for el in at.get("button_group") if "data_section" in el.proto.id).proto.options
    assert "Product photos" not in [o.content for o in options]


def test_an_editor_uploads_photos_of_a_product_of_their_region_and_sees_them():
    at = open_photos()
    pid = at.selectbox(key="photo_product").value
    assert at.button(key="photo_save").disabled
    upload(at, ("kopi.jpg", jpeg_with_exif(), "image/jpeg"), ("daun.webp", image_bytes("WEBP"), "image/webp"))
    assert not at.error and any("Saved as version #2" in s.value for s in at.success)
    store = Store.from_env()
    photos = store.photos(pid)
    assert len(photos) == 2 and (photos[0].width, photos[0].height) == (200, 400)
    assert store.current_version().action == "edit" and store.current_version().author == "dinas_aceh"
    captions = [c for image in at.get("image") for c in image.captions]
    assert captions == ["Photo 1 · 200×400 px", "Photo 2 · 400×200 px"]  # the thumbnails, in order
    assert not uploader(at).value  # a new uploader: the files are gone


def test_every_refused_file_is_named_with_its_reason_and_good_files_are_still_stored():
    at = open_photos()
    pid = at.selectbox(key="photo_product").value
    upload(
        at,
        ("x.jpg", b"this is not an image", "image/jpeg"),
        ("anim_*bold*.jpg", image_bytes("GIF"), "image/jpeg"),
        ("good.png", image_bytes("PNG"), "image/png"),
    )
    errors = " ".join(e.value for e in at.error)
    assert "These files were not stored (2):" in errors
    assert md_escape("x.jpg: the image cannot be read (damaged or not an image).") in errors
    assert md_escape("anim_*bold*.jpg: not a JPEG, PNG or WebP image.") in errors
    assert "anim\\_\\*bold\\*" in errors  # the name is inert Markdown
    assert len(Store.from_env().photos(pid)) == 1


def test_a_broken_file_alone_is_refused_and_nothing_is_stored():
    at = open_photos(lang="id")
    upload(at, ("x.jpg", jpeg_with_exif()[:200], "image/jpeg"))
    assert any(md_escape("x.jpg: gambar tidak dapat dibaca") in e.value for e in at.error)
    store = Store.from_env()
    assert store.thumbnails() == {} and store.current_version().id == 1


def test_a_photo_is_removed_as_a_new_version():
    at = open_photos()
    pid = at.selectbox(key="photo_product").value
    upload(at, ("a.jpg", image_bytes("JPEG", colour=(10, 10, 200)), "image/jpeg"))
    remove = next(b for b in at.button if b.key and b.key.startswith(f"photo_remove_{pid}_"))
    remove.click().run()
    assert not at.exception
    store = Store.from_env()
    assert store.photos(pid) == [] and store.current_version().id == 3
    assert store.photos(pid, 2) != []


def test_the_pages_read_photos_of_the_version_they_show_and_none_for_a_file(monkeypatch):
    from ovop_ui.data_access import photos as page_photos
    from ovop_ui.data_access.dataset import Dataset

    store = Store.from_env()
    store.migrate()
    store.ensure_seeded(demo_frame())
    red = prepare_photo(image_bytes("JPEG", colour=(200, 0, 0)), "r.jpg")
    shown = store.add_photos("FLAG-01", [red], User("admin", "admin")).id
    blue = prepare_photo(image_bytes("JPEG", colour=(0, 0, 200)), "b.jpg")
    store.add_photos("FLAG-01", [blue], User("admin", "admin"))  # newer than what the pages show
    monkeypatch.setattr(page_photos, "store", lambda: store)
    stored = Dataset.of(demo_frame(), "data.stored", f"store-{shown}", store_version=shown)
    monkeypatch.setattr(page_photos, "current_dataset", lambda: stored)
    assert page_photos.thumbnails() == {"FLAG-01": red.thumb}
    assert page_photos.product_photos("FLAG-01") == [red] and page_photos.product_photos("FLAG-02") == []

    def no_store():
        raise AssertionError("a registry file needs no store for its photos")

    monkeypatch.setattr(page_photos, "store", no_store)
    from_file = Dataset.of(demo_frame(), "data.file", "file-x")
    monkeypatch.setattr(page_photos, "current_dataset", lambda: from_file)
    assert page_photos.thumbnails() == {} and page_photos.product_photos("FLAG-01") == []
