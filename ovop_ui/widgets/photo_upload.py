"""A product's photos on the Data page: its current photos (each removable) and an upload of more.

Each uploaded file goes through ``ovop_core.photos.prepare_photo`` (decoded, cleaned, resized);
every refused file is listed with its reason, the good ones are stored together as one new
dataset version, and the store checks the user's rights again. File names are user text, so
messages are escaped before they reach Markdown.
"""

from __future__ import annotations

import streamlit as st

from ovop_core.photos import EXTENSIONS, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_PRODUCT, Photo, PhotoError, check_size
from ovop_core.photos import prepare_photo as prepare
from ovop_ui.data_access.store import run_write
from ovop_ui.text.format import md_escape
from ovop_ui.text.i18n import translate
from ovop_ui.widgets.data_editor import choose_product

_REFUSED = "_photo_refused"  # refusals shown after the rerun that follows a successful upload
_UPLOADS = "_photo_uploads"  # bumped after a successful upload: a new uploader key clears the files


def photo_section(store, user, lang: str) -> None:
    """Choose a product of the user's regions; see, remove and add its photos."""
    st.subheader(translate("data.photos.title", lang))
    st.caption(translate("data.photos.intro", lang, mb=MAX_PHOTO_BYTES // 2**20, n=MAX_PHOTOS_PER_PRODUCT))
    product = choose_product(store, user, lang, key="photo_product")
    if product is None:
        return
    pid = str(product["product_id"].iloc[0])
    show_refusals(st.session_state.pop(_REFUSED, []), lang)
    photos = store.photos(pid)  # what the editor changes: the store's current version
    current_photos(store, user, pid, photos, lang)
    if len(photos) >= MAX_PHOTOS_PER_PRODUCT:
        st.info(translate("data.photos.full", lang, n=MAX_PHOTOS_PER_PRODUCT), icon=":material/photo_library:")
        return
    upload(store, user, pid, lang)


def current_photos(store, user, pid: str, photos: list[Photo], lang: str) -> None:
    """The product's photos as thumbnails in their order, each with a button that removes it."""
    if not photos:
        st.caption(translate("data.photos.none", lang))
        return
    for column, (i, photo) in zip(st.columns(MAX_PHOTOS_PER_PRODUCT), enumerate(photos, start=1)):
        column.image(photo.thumb, caption=translate("data.photos.caption", lang, i=i, w=photo.width, h=photo.height))
        if column.button(
            translate("data.photos.remove", lang),
            icon=":material/delete:",
            key=f"photo_remove_{pid}_{photo.sha256[:16]}",
            width="stretch",
        ):
            run_write(lambda sha=photo.sha256: store.remove_photo(pid, sha, user))


def upload(store, user, pid: str, lang: str) -> None:
    """An uploader for several files; on "Upload", the good files are stored and the refused named."""
    nonce = st.session_state.setdefault(_UPLOADS, 0)
    files = st.file_uploader(
        translate("data.photos.upload", lang),
        type=list(EXTENSIONS),
        accept_multiple_files=True,
        key=f"photo_files_{nonce}",
        help=translate("data.photos.upload_help", lang, mb=MAX_PHOTO_BYTES // 2**20),
    )
    if not st.button(
        translate("data.photos.save", lang),
        type="primary",
        icon=":material/upload:",
        disabled=not files,
        key="photo_save",
    ):
        return
    good, refused = prepare_uploads(files)
    if not good:
        show_refusals(refused, lang)
        return
    st.session_state[_REFUSED] = refused

    def cleared() -> None:
        st.session_state[_UPLOADS] = nonce + 1

    if not run_write(lambda: store.add_photos(pid, good, user), on_success=cleared):
        show_refusals(st.session_state.pop(_REFUSED, []), lang)


def prepare_uploads(files) -> tuple[list[Photo], list[PhotoError]]:
    """Each uploaded file as a photo, or the reason it is refused (a file too big is not read)."""
    good, refused = [], []
    for file in files:
        try:
            check_size(file.size, file.name)
            good.append(prepare(file.getvalue(), file.name))
        except PhotoError as exc:
            refused.append(exc)
    return good, refused


def show_refusals(refused: list[PhotoError], lang: str) -> None:
    """Every refused file with its reason, in one error box (the file names escaped)."""
    if refused:
        lines = "\n".join(f"- {md_escape(exc.text(lang))}" for exc in refused)
        st.error(f"{translate('data.photos.refused', lang, n=len(refused))}\n\n{lines}", icon=":material/error:")
