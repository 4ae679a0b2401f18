"""The product registry in a database: every write is a new dataset version (DESIGN.md §2, issue 6).

SQLite by default (a file in the data folder, see ``engine``) or PostgreSQL when
``OVOP_DATABASE_URL`` is set; the same code and schema either way (SQLAlchemy 2 Core, Alembic
migrations in ``ovop_core/migrations``).

API (the app calls exactly this)::

    store = Store.from_env()            # or Store(url) / Store() (the default SQLite file)
    store.migrate()                     # Alembic upgrade to head; safe to call on every start
    store.ensure_seeded(frame, label="demo") -> DatasetVersion   # version 1, is_demo=True, once
    store.current_version() -> DatasetVersion | None
    store.versions(limit=None) -> list[DatasetVersion]           # newest first
    store.load(version_id=None) -> DataFrame   # canonical registry frame + int64 "revision"
    store.export_current() -> DataFrame        # canonical registry frame (for ovop_core.export)
    store.product_rows(ids=None, earlier=False) -> DataFrame  # stored rows + bookkeeping (current or superseded)
    store.import_frame(frame, user, note="", mode="replace" | "merge") -> DatasetVersion
    store.update_product(product_id, changes, expected_revision, user, note="") -> DatasetVersion
    store.rollback(version_id, user) -> DatasetVersion
    store.add_photos(product_id, photos, user, note="") -> DatasetVersion   # ovop_core.photos.Photo
    store.remove_photo(product_id, sha256, user, note="") -> DatasetVersion
    store.photos(product_id, version_id=None) -> list[Photo]    # in position order
    store.thumbnails(version_id=None) -> dict[str, bytes]       # product_id -> first photo's thumbnail
    store.setting(name) / setting_history(name) / save_setting(name, content, user, note="")  # admin-edited text
    store.dispose()                     # close pooled connections

``load`` gives the columns and dtypes of ``read_registry(...).frame.drop(columns=["_row"])``
(``province`` derived from ``region_code``) in the order the products were imported, plus
``revision``: a per-product counter bumped whenever that product's content changes. An editing
page keeps the revision it showed and passes it back as ``expected_revision``; if someone else
changed the product meanwhile, ``StaleEditError`` says who and when, and nothing is written.

Rules, checked here rather than in the UI (``permissions``): viewers never write; ``replace``
and ``rollback`` are for admins; an editor may change (edit or merge) only products whose
region — before and after the change — lies in ``user.regions``. Edited rows are re-validated by
the file reader's own rules (``edits``). Imported frames are expected to come from
``read_registry`` (``.frame`` when ``.ok``, or ``.clean_rows()``); the store checks their shape
and keys (``frames.conform``), not every value again. Errors are ``StoreError`` subclasses
carrying a catalog ``Message``, worded in the caller's language by ``exc.text(lang)``.

Modules, by concern: ``errors`` (refusals), ``schema`` (tables, column groups), ``engine``
(location, connections, transactions), ``frames`` (registry frames ↔ stored rows, dtypes),
``queries`` (SQL reading and closing rows), ``bulk`` (SQLite executemany, PostgreSQL COPY),
``versions`` (dataset versions and writing one), ``edits`` (validating and previewing an edit),
``permissions`` (roles and regions), ``photos`` (product photos by version), ``store`` (the
``Store`` that puts them together).
"""

from .edits import EditPreview, preview_edit
from .engine import DB_FILE_NAME, default_data_dir, default_url, normalise_url
from .errors import (
    PermissionDenied,
    ProductNotFound,
    StaleEditError,
    StoreError,
    ValidationFailed,
    VersionNotFound,
)
from .frames import CANONICAL_DTYPES, conform, same_content
from .schema import (
    ACTIONS,
    BOOKKEEPING,
    CONTENT,
    HEAD_REVISION,
    STORED,
    dataset_version,
    metadata,
    photo_blob,
    product_photo,
    product_row,
)
from .store import MODES, Store
from .versions import SYSTEM_AUTHOR, DatasetVersion

__all__ = [
    "ACTIONS",
    "BOOKKEEPING",
    "CANONICAL_DTYPES",
    "CONTENT",
    "DB_FILE_NAME",
    "HEAD_REVISION",
    "MODES",
    "STORED",
    "SYSTEM_AUTHOR",
    "DatasetVersion",
    "EditPreview",
    "PermissionDenied",
    "ProductNotFound",
    "StaleEditError",
    "Store",
    "StoreError",
    "ValidationFailed",
    "VersionNotFound",
    "conform",
    "dataset_version",
    "default_data_dir",
    "default_url",
    "metadata",
    "normalise_url",
    "photo_blob",
    "preview_edit",
    "product_photo",
    "product_row",
    "same_content",
]
