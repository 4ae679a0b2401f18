"""The product registry in a database: every write is a new dataset version (DESIGN.md §2, issue 6).

SQLite by default — a file outside the repository, ``$OVOP_DATA_DIR/ovop.sqlite3`` (default
``$XDG_DATA_HOME/ovop-dashboard/`` or ``~/.local/share/ovop-dashboard/``) — or PostgreSQL when
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
    store.dispose()                     # close pooled connections

``load`` gives the columns and dtypes of ``read_registry(...).frame.drop(columns=["_row"])``
(``province`` derived from ``region_code``) in the order the products were imported, plus
``revision``: a per-product counter bumped whenever that product's content changes. An editing
page keeps the revision it showed and passes it back as ``expected_revision``; if someone else
changed the product meanwhile, ``StaleEditError`` says who and when, and nothing is written.

Rules, checked here rather than in the UI: viewers never write; ``replace`` and ``rollback`` are
for admins; an editor may change (edit or merge) only products whose region — before and after
the change — lies in ``user.regions`` (see ``ovop_core.users``). Edited rows are re-validated by
the file reader itself (a one-row CSV through ``read_registry``). Imported frames are expected
to come from ``read_registry`` (``.frame`` when ``.ok``, or ``.clean_rows()``); the store checks
their shape and keys, not every value again.

Storage: ``dataset_version`` (id, created_at UTC, author, action, n_rows, note, is_demo,
parent_id) and ``product_row``, one row per product content valid from version ``valid_from``
up to, not including, ``valid_to`` (NULL while current). An edit closes one row and inserts one
row; an import writes only new or changed products; ``load(v)`` selects the rows valid at v.
Each write is one transaction (SQLite ``BEGIN IMMEDIATE`` in WAL mode; PostgreSQL serialises
writers with a table lock), so a failed or killed import leaves the previous version intact.
Errors are ``StoreError`` subclasses carrying ``message_id`` (Indonesian) and ``message_en``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event

from . import regions
from .export import header_for, registry_file_frame
from .model import CRITERIA, SUB_ITEM_KEYS
from .registry import PROBLEM_COLUMNS, read_registry
from .schema import COLUMN_ORDER
from .users import User

ACTIONS: tuple[str, ...] = ("seed", "import", "edit", "rollback")
MODES: tuple[str, ...] = ("replace", "merge")
SYSTEM_AUTHOR = "system"
DB_FILE_NAME = "ovop.sqlite3"

# Stored product columns: the canonical ones except the derived ``province``.
STORED: list[str] = [c for c in COLUMN_ORDER if c != "province"]
CONTENT: list[str] = STORED[1:]
TEXT_COLUMNS: tuple[str, ...] = ("name", "producer", "category", "region_code", "permit")
FLOAT_COLUMNS: tuple[str, ...] = (*CRITERIA, *SUB_ITEM_KEYS, "assessors", "revenue_idr", "workers")
BOOL_COLUMNS: tuple[str, ...] = ("nib", "halal", "brand", "export")
# Bookkeeping per stored row: revision counts content changes; changed_in is the version of the
# last content change (who/when for stale edits); seq keeps the products in import order.
BOOKKEEPING: list[str] = ["revision", "changed_in", "seq"]
_NOT_EDITABLE = frozenset({"product_id", "province", "revision"})

_INSERT_CHUNK = 10_000

# --------------------------------------------------------------------------------------------
# Errors


class StoreError(Exception):
    """A store operation was refused or failed; ``message_id``/``message_en`` are for people."""

    def __init__(self, message_id: str, message_en: str):
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


class PermissionDenied(StoreError):
    """The user's role or regions do not allow this write; ``product_ids`` names the products."""

    def __init__(self, message_id: str, message_en: str, product_ids: Sequence[str] = ()):
        super().__init__(message_id, message_en)
        self.product_ids = list(product_ids)


class StaleEditError(StoreError):
    """The product changed since the editor opened it (optimistic concurrency)."""

    def __init__(self, product_id: str, expected_revision: int, current_revision: int,
                 changed_by: str, changed_at: dt.datetime):
        when = changed_at.strftime("%Y-%m-%d %H:%M UTC")
        who = changed_by or "?"
        super().__init__(
            f"Produk {product_id} sudah diubah oleh {who} pada {when} sejak Anda membukanya "
            f"(revisi {expected_revision} → {current_revision}). Muat ulang produk lalu ulangi perubahan Anda.",
            f"Product {product_id} was changed by {who} at {when} since you opened it "
            f"(revision {expected_revision} → {current_revision}). Reload the product and apply your change again.",
        )
        self.product_id = product_id
        self.expected_revision = expected_revision
        self.current_revision = current_revision
        self.changed_by = changed_by
        self.changed_at = changed_at


class ValidationFailed(StoreError):
    """The data would not pass registry validation; ``problems`` has ``registry.PROBLEM_COLUMNS``."""

    def __init__(self, problems: pd.DataFrame):
        shown = problems.head(5)
        more = len(problems) - len(shown)
        tail_id = f" (dan {more} masalah lain)" if more > 0 else ""
        tail_en = f" (and {more} more problems)" if more > 0 else ""
        super().__init__(
            "Data tidak disimpan karena tidak valid: " + "; ".join(shown["message_id"]) + tail_id,
            "Not saved, the data is not valid: " + "; ".join(shown["message_en"]) + tail_en,
        )
        self.problems = problems.reset_index(drop=True)


class ProductNotFound(StoreError):
    def __init__(self, product_id: str):
        super().__init__(f"Produk {product_id} tidak ada dalam versi data saat ini.",
                         f"Product {product_id} is not in the current dataset version.")
        self.product_id = product_id


class VersionNotFound(StoreError):
    def __init__(self, version_id: int):
        super().__init__(f"Versi data {version_id} tidak ada.", f"Dataset version {version_id} does not exist.")
        self.version_id = version_id


# --------------------------------------------------------------------------------------------
# Versions and tables


@dataclass(frozen=True)
class DatasetVersion:
    """One state of the registry: who made it, when (UTC), how, and how many products it holds."""

    id: int
    created_at: dt.datetime
    author: str
    action: str
    n_rows: int
    note: str
    is_demo: bool
    parent_id: int | None


class UTCDateTime(sa.types.TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps naive UTC text)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


# The migration (ovop_core/migrations/versions) creates these; tests check the two agree.
metadata = sa.MetaData()
dataset_version = sa.Table(
    "dataset_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("n_rows", sa.Integer, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_version_parent")),
    sa.CheckConstraint("action IN ('seed', 'import', 'edit', 'rollback')", name="ck_version_action"),
)
product_row = sa.Table(
    "product_row",
    metadata,
    sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("product_id", sa.String(64), nullable=False),
    sa.Column("valid_from", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_valid_from"),
              nullable=False),
    sa.Column("valid_to", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_valid_to")),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("changed_in", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_changed_in"),
              nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("producer", sa.String(200), nullable=False),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("region_code", sa.String(32), nullable=False),
    sa.Column("stage", sa.SmallInteger, nullable=False),
    sa.Column("stage_since", sa.Date),
    *[sa.Column(k, sa.Double) for k in (*CRITERIA, *SUB_ITEM_KEYS)],
    sa.Column("nib", sa.Boolean, nullable=False),
    sa.Column("permit", sa.String(8), nullable=False),
    sa.Column("halal", sa.Boolean, nullable=False),
    sa.Column("brand", sa.Boolean, nullable=False),
    sa.Column("export", sa.Boolean, nullable=False),
    sa.Column("assessors", sa.Double),
    sa.Column("revenue_idr", sa.Double),
    sa.Column("workers", sa.Double),
    sa.Index("uq_product_row_current", "product_id", unique=True,
             sqlite_where=sa.text("valid_to IS NULL"), postgresql_where=sa.text("valid_to IS NULL")),
    sa.Index("ix_product_row_valid_from", "valid_from"),
    sa.Index("ix_product_row_history", "product_id", "valid_from"),
)


# --------------------------------------------------------------------------------------------
# Locations and engines


# The newest migration in ovop_core/migrations/versions (a test keeps the two in step).
HEAD_REVISION = "0001"


def default_data_dir() -> Path:
    """``$OVOP_DATA_DIR``, else ``$XDG_DATA_HOME/ovop-dashboard``, else ``~/.local/share/ovop-dashboard``."""
    if os.environ.get("OVOP_DATA_DIR"):
        return Path(os.environ["OVOP_DATA_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "ovop-dashboard"


def default_url() -> str:
    return f"sqlite:///{default_data_dir() / DB_FILE_NAME}"


def normalise_url(url: str) -> sa.engine.URL:
    """Use psycopg 3 for plain ``postgresql://`` (and ``postgres://``) URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    parsed = sa.engine.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _create_engine(url: sa.engine.URL) -> sa.Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # We issue BEGIN ourselves (below); the driver's implicit transactions are off.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the write lock up front, so read-check-write cannot interleave.
        write = connection.get_execution_options().get("ovop_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@lru_cache(maxsize=1)
def canonical_dtypes() -> pd.Series:
    """The dtypes ``read_registry`` gives each canonical column (the store returns the same)."""
    csv = (
        "product_id,name,producer,category,region_code,stage,stage_since,k1,k2,k3,k4,k5,"
        "nib,permit,halal,brand,export,assessors,revenue_idr,workers\n"
        "X,Y,Z,pangan,11.04,0,2024-01-01,1,1,1,1,1,ya,pirt,ya,ya,tidak,1,1,1\n"
    ).encode()
    return read_registry(csv).frame.drop(columns=["_row"]).dtypes


# --------------------------------------------------------------------------------------------
# The store


class Store:
    """A versioned product registry in SQLite or PostgreSQL; see the module docstring."""

    def __init__(self, url: str | None = None):
        self.url = normalise_url(url or default_url())
        self.engine = _create_engine(self.url)
        self.dialect = self.engine.dialect.name

    @classmethod
    def from_env(cls) -> Store:
        """``OVOP_DATABASE_URL`` when set, else the SQLite file in the data folder."""
        return cls(os.environ.get("OVOP_DATABASE_URL") or None)

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.dispose()

    # -- schema ------------------------------------------------------------------------------

    def schema_is_current(self) -> bool:
        """True when the database already carries ``HEAD_REVISION`` (no Alembic import needed)."""
        try:
            with self._reading() as conn:
                return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
        except sa.exc.SQLAlchemyError:
            return False

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (creates the tables on first start).

        A database already at the newest revision is left alone without loading Alembic, which
        keeps the app's cold start short.
        """
        if self.schema_is_current():
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", "ovop_core:migrations")
        with self._writing(lock=False) as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(60906)")  # one migrator at a time
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    # -- reading -----------------------------------------------------------------------------

    def current_version(self) -> DatasetVersion | None:
        with self._reading() as conn:
            return self._head(conn)

    def versions(self, limit: int | None = None) -> list[DatasetVersion]:
        """Every dataset version, newest first."""
        query = sa.select(dataset_version).order_by(dataset_version.c.id.desc()).limit(limit)
        with self._reading() as conn:
            return [_version(row) for row in conn.execute(query)]

    def version(self, version_id: int) -> DatasetVersion:
        with self._reading() as conn:
            return self._version_or_raise(conn, version_id)

    def load(self, version_id: int | None = None) -> pd.DataFrame:
        """The registry at a version (default: current), canonical columns plus ``revision``."""
        with self._reading() as conn:
            head = self._head(conn)
            if version_id is not None and version_id != (head.id if head else None):
                self._version_or_raise(conn, version_id)
                rows = self._rows(conn, at=version_id)
            else:
                rows = self._rows(conn)
        return _public(rows)

    def export_current(self) -> pd.DataFrame:
        """The current registry as a canonical frame (for ``export.write_csv``/``write_xlsx``)."""
        return self.load().drop(columns=["revision"])

    def product_rows(self, product_ids: Sequence[str] | None = None, earlier: bool = False) -> pd.DataFrame:
        """Stored rows of these products (default: all) with their bookkeeping (stored columns +
        ``BOOKKEEPING``): the current rows, or with ``earlier`` every superseded one (a product
        may have several).

        For comparing a file with the products' history before it is imported (``ovop_core.reverts``);
        ``changed_in`` is the version that set each row's content.
        """
        ids = None if product_ids is None else list(product_ids)
        with self._reading() as conn:
            return self._rows(conn, product_ids=ids, earlier=earlier)

    # -- writing -----------------------------------------------------------------------------

    def ensure_seeded(self, frame: pd.DataFrame, label: str = "demo") -> DatasetVersion:
        """On first start (no version yet) store ``frame`` as version 1, marked as demo data."""
        with self._writing() as conn:
            head = self._head(conn)
            if head is not None:
                return head
            rows = _conform(frame)
            version = self._new_version(conn, "seed", SYSTEM_AUTHOR, len(rows), label, True, None)
            rows["seq"] = np.arange(len(rows))
            rows["revision"] = 1
            rows["changed_in"] = version.id
            self._insert(conn, rows, version.id)
            return version

    def import_frame(self, frame: pd.DataFrame, user: User, note: str = "", mode: str = "replace") -> DatasetVersion:
        """A new version from a validated registry frame: ``replace`` everything, or ``merge`` by product_id."""
        if mode not in MODES:
            raise ValueError(f"unknown import mode {mode!r}; expected one of {MODES}")
        _require_writer(user)
        if mode == "replace" and not user.is_admin:
            raise PermissionDenied(
                "Hanya admin yang boleh mengganti seluruh registri; gunakan mode gabung untuk wilayah Anda.",
                "Only an admin may replace the whole registry; use merge mode for your regions.",
            )
        incoming = _conform(frame)
        with self._writing() as conn:
            head = self._head(conn)
            if mode == "replace":
                current = self._rows(conn)
                version = self._apply(conn, head, current, incoming, "import", user.username,
                                      note or "replace", replace=True)
            else:
                current = self._rows(conn, product_ids=incoming["product_id"].tolist())
                _check_regions(user, incoming, current)
                version = self._apply(conn, head, current, incoming, "import", user.username,
                                      note or f"merge: {len(incoming)} products", replace=False)
            return version

    def update_product(self, product_id: str, changes: dict, expected_revision: int, user: User,
                       note: str = "") -> DatasetVersion:
        """Change one product; refused when stale, outside the user's regions, or invalid."""
        _require_writer(user)
        bad = sorted(set(changes) & _NOT_EDITABLE)
        unknown = sorted(set(changes) - set(STORED) - _NOT_EDITABLE)
        if bad or unknown:
            names = ", ".join(bad + unknown)
            raise StoreError(f"Kolom ini tidak dapat diubah: {names}.", f"These columns cannot be changed: {names}.")
        with self._writing() as conn:
            head = self._head(conn)
            current = self._rows(conn, product_ids=[product_id])
            if current.empty:
                raise ProductNotFound(product_id)
            _check_regions(user, current, current)
            revision = int(current["revision"].iloc[0])
            if revision != int(expected_revision):
                changed = self._version_or_raise(conn, int(current["changed_in"].iloc[0]))
                raise StaleEditError(product_id, int(expected_revision), revision, changed.author, changed.created_at)
            edited = _validated_row(current, changes)
            _check_regions(user, edited, current)
            what = ", ".join(sorted(changes)) or "-"
            return self._apply(conn, head, current, edited, "edit", user.username,
                               note or f"{product_id}: {what}", replace=False)

    def rollback(self, version_id: int, user: User, note: str = "") -> DatasetVersion:
        """Admin only: a new version whose content equals ``version_id``'s."""
        _require_writer(user)
        if not user.is_admin:
            raise PermissionDenied("Hanya admin yang boleh mengembalikan versi data.",
                                   "Only an admin may roll back to an earlier version.")
        with self._writing() as conn:
            head = self._head(conn)
            target = self._version_or_raise(conn, version_id)
            wanted = self._rows(conn, at=target.id)
            current = self._rows(conn)
            version = self._apply(conn, head, current, wanted[STORED + ["seq"]], "rollback", user.username,
                                  note or f"rollback to version {target.id}", replace=True,
                                  is_demo=target.is_demo)
            return version

    # -- internals ---------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")  # one snapshot per read
            with conn.begin():
                yield conn

    @contextmanager
    def _writing(self, lock: bool = True) -> Iterator[sa.Connection]:
        """One transaction for one write; database failures roll back and become ``StoreError``."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(ovop_write=True)
                with conn.begin():
                    if lock and self.dialect == "postgresql":
                        # Writers queue here; readers are not blocked.
                        conn.exec_driver_sql("LOCK TABLE dataset_version IN SHARE ROW EXCLUSIVE MODE")
                    yield conn
        except (sa.exc.DBAPIError, self.engine.dialect.loaded_dbapi.Error) as exc:
            raise StoreError(
                f"Penyimpanan ke basis data gagal; versi data sebelumnya tetap utuh. ({type(exc).__name__})",
                f"Writing to the database failed; the previous dataset version is intact. ({type(exc).__name__})",
            ) from exc

    def _head(self, conn: sa.Connection) -> DatasetVersion | None:
        row = conn.execute(sa.select(dataset_version).order_by(dataset_version.c.id.desc()).limit(1)).first()
        return None if row is None else _version(row)

    def _version_or_raise(self, conn: sa.Connection, version_id: int) -> DatasetVersion:
        row = conn.execute(sa.select(dataset_version).where(dataset_version.c.id == int(version_id))).first()
        if row is None:
            raise VersionNotFound(version_id)
        return _version(row)

    def _new_version(self, conn, action, author, n_rows, note, is_demo, parent_id) -> DatasetVersion:
        # Writers are serialised, so numbering by hand keeps version numbers gapless (a failed
        # write on PostgreSQL would otherwise burn a sequence value).
        values = dict(id=(parent_id or 0) + 1, created_at=dt.datetime.now(dt.timezone.utc), author=author,
                      action=action, n_rows=int(n_rows), note=note, is_demo=bool(is_demo), parent_id=parent_id)
        conn.execute(dataset_version.insert().values(**values))
        return DatasetVersion(**values)

    def _apply(self, conn, head, current, incoming, action, author, note, replace, is_demo=False) -> DatasetVersion:
        """Write ``incoming`` over ``current`` as a new version: only new or changed rows are written.

        ``current`` holds the current rows of (at least) every product in ``incoming``; with
        ``replace`` it holds all current rows and products missing from ``incoming`` are removed.
        """
        incoming = incoming.reset_index(drop=True)
        old = current.set_index("product_id")
        ids = incoming["product_id"]
        known = ids.isin(old.index).to_numpy()
        prior = old.reindex(ids)  # aligned to incoming; NaN for new products
        same = _same_content(prior[CONTENT], incoming[CONTENT]) & known

        if "seq" in incoming:
            seq = incoming["seq"].to_numpy(dtype="int64")
        elif replace:
            seq = np.arange(len(incoming), dtype="int64")
        else:
            start = self._max_seq(conn) + 1
            seq = np.where(known, prior["seq"].fillna(-1).to_numpy(dtype="int64"),
                           start + np.cumsum(~known) - 1)
        moved = known & (prior["seq"].fillna(-1).to_numpy(dtype="int64") != seq)
        write = ~same | moved

        removed = old.index.difference(pd.Index(ids)).tolist() if replace else []
        n_rows = len(incoming) if replace else (head.n_rows if head else 0) + int((~known).sum())
        version = self._new_version(conn, action, author, n_rows, note, is_demo, head.id if head else None)

        rows = incoming.loc[write, STORED].copy()
        rows["seq"] = seq[write]
        prev_rev = prior.loc[write, "revision"].to_numpy()
        changed = ~same[write]
        new_ids = rows.loc[~known[write], "product_id"].tolist()
        history = self._max_revisions(conn, new_ids) if new_ids else {}
        base = np.where(known[write], prev_rev, rows["product_id"].map(history).fillna(0).to_numpy())
        rows["revision"] = base.astype("int64") + changed
        rows["changed_in"] = np.where(changed, version.id, prior.loc[write, "changed_in"].fillna(0).to_numpy())
        rows["changed_in"] = rows["changed_in"].astype("int64")

        closing = rows.loc[known[write], "product_id"].tolist() + removed
        self._close(conn, closing, version.id, everything=replace and len(closing) == len(old))
        self._insert(conn, rows, version.id)
        return version

    def _max_seq(self, conn) -> int:
        value = conn.execute(sa.select(sa.func.max(product_row.c.seq)).where(product_row.c.valid_to.is_(None))).scalar()
        return -1 if value is None else int(value)

    def _max_revisions(self, conn, product_ids: list[str]) -> dict[str, int]:
        """Highest revision ever stored per product (so a re-added product never reuses one)."""
        where, params = self._id_filter(product_ids)
        sql = f"SELECT product_id, MAX(revision) FROM product_row WHERE {where} GROUP BY product_id"
        return dict(self._fetch(conn, sql, params))

    def _id_filter(self, product_ids: list[str]) -> tuple[str, list]:
        if self.dialect == "postgresql":
            return "product_id = ANY(%s)", [list(product_ids)]
        return "product_id IN (SELECT value FROM json_each(?))", [json.dumps(list(product_ids))]

    def _placeholder(self) -> str:
        return "%s" if self.dialect == "postgresql" else "?"

    def _fetch(self, conn: sa.Connection, sql: str, params: list) -> list[tuple]:
        """Plain tuples straight from the driver (much faster than Row objects for 100k rows)."""
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()

    def _rows(self, conn, at: int | None = None, product_ids: list[str] | None = None,
              earlier: bool = False) -> pd.DataFrame:
        """Stored rows (STORED + BOOKKEEPING) current, valid at version ``at``, or all superseded
        ones (``earlier``); in seq order."""
        p = self._placeholder()
        if earlier:
            where, params = "valid_to IS NOT NULL", []
        elif at is None:
            where, params = "valid_to IS NULL", []
        else:
            where, params = f"valid_from <= {p} AND (valid_to IS NULL OR valid_to > {p})", [int(at), int(at)]
        if product_ids is not None:
            if not product_ids:
                return _empty_rows()
            id_where, id_params = self._id_filter(product_ids)
            where, params = f"{where} AND {id_where}", params + id_params
        # Sub-item levels are empty for most products: fetch them only where some are filled in
        # (one Python object per stored value is what makes big loads slow).
        unique = "row_id" if earlier else "seq"  # unique among the rows read (a product's old rows share seq)
        names = [c for c in STORED if c not in SUB_ITEM_KEYS] + BOOKKEEPING + (["row_id"] if earlier else [])
        sql = f"SELECT {', '.join(_q(c) for c in names)} FROM product_row WHERE {where}"
        frame = _rows_frame(self._fetch(conn, sql, params), names)
        levels = [unique, *SUB_ITEM_KEYS]
        any_level = f"COALESCE({', '.join(_q(c) for c in SUB_ITEM_KEYS)}) IS NOT NULL"
        sql = f"SELECT {', '.join(_q(c) for c in levels)} FROM product_row WHERE {where} AND {any_level}"
        detailed = _rows_frame(self._fetch(conn, sql, params), levels)
        if earlier:
            at_row = pd.Index(frame["row_id"]).get_indexer(detailed["row_id"])
        else:
            at_row = np.searchsorted(frame["seq"].to_numpy(), detailed["seq"].to_numpy())
        for key in SUB_ITEM_KEYS:
            column = np.full(len(frame), np.nan)
            column[at_row] = detailed[key].to_numpy()
            frame[key] = column
        return frame[STORED + BOOKKEEPING]

    def _close(self, conn, product_ids: list[str], version_id: int, everything: bool) -> None:
        if not product_ids:
            return
        p = self._placeholder()
        if everything:
            conn.exec_driver_sql(f"UPDATE product_row SET valid_to = {p} WHERE valid_to IS NULL", (version_id,))
            return
        where, params = self._id_filter(product_ids)
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(f"UPDATE product_row SET valid_to = {p} WHERE valid_to IS NULL AND {where}",
                           [version_id, *params])
        finally:
            cursor.close()

    def _insert(self, conn, rows: pd.DataFrame, version_id: int) -> None:
        """Bulk insert: executemany in chunks on SQLite, one COPY on PostgreSQL."""
        if rows.empty:
            return
        names = ["valid_from", *STORED, *BOOKKEEPING]
        rows = rows.assign(valid_from=version_id)[names]
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            if self.dialect == "postgresql":
                self._copy(cursor, rows, names)
            else:
                sql = f"INSERT INTO product_row ({', '.join(_q(c) for c in names)}) VALUES ({', '.join('?' * len(names))})"
                values = list(zip(*_driver_columns(rows)))
                for start in range(0, len(values), _INSERT_CHUNK):
                    self._insert_chunk(cursor, sql, values[start:start + _INSERT_CHUNK])
        finally:
            cursor.close()

    def _insert_chunk(self, cursor, sql: str, chunk: list[tuple]) -> None:
        cursor.executemany(sql, chunk)

    def _copy(self, cursor, rows: pd.DataFrame, names: list[str]) -> None:
        text = [c for c in names if c in TEXT_COLUMNS or c == "product_id"]
        out = rows.copy()
        out["stage_since"] = out["stage_since"].dt.strftime("%Y-%m-%d")
        data = _csv_for_copy(out)
        # Text columns are NOT NULL: "\N" inside a name stays text (FORCE_NOT_NULL).
        sql = (f"COPY product_row ({', '.join(_q(c) for c in names)}) FROM STDIN "
               f"WITH (FORMAT csv, NULL '\\N', FORCE_NOT_NULL ({', '.join(_q(c) for c in text)}))")
        with cursor.copy(sql) as copy:
            for start in range(0, len(data), 8 << 20):
                self._copy_chunk(copy, data[start:start + (8 << 20)])

    def _copy_chunk(self, copy, chunk: str) -> None:
        copy.write(chunk)


# --------------------------------------------------------------------------------------------
# Frames


def _csv_for_copy(frame: pd.DataFrame) -> str:
    """CSV for PostgreSQL's COPY with NULL as \\N; Arrow's writer is several times faster than pandas'."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:
        pa = None
    if pa is not None:
        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            sink = pa.BufferOutputStream()
            options = pa_csv.WriteOptions(include_header=False, null_string="\\N", quoting_style="needed")
            pa_csv.write_csv(table, sink, write_options=options)
            return sink.getvalue().to_pybytes().decode("utf-8")
        except pa.ArrowException:  # a column Arrow cannot write: pandas can
            pass
    return frame.to_csv(index=False, header=False, na_rep="\\N", lineterminator="\n")


def _q(name: str) -> str:
    return f'"{name}"'


def _version(row) -> DatasetVersion:
    m = row._mapping
    return DatasetVersion(
        id=int(m["id"]), created_at=m["created_at"], author=m["author"], action=m["action"],
        n_rows=int(m["n_rows"]), note=m["note"], is_demo=bool(m["is_demo"]),
        parent_id=None if m["parent_id"] is None else int(m["parent_id"]),
    )


def _empty_rows() -> pd.DataFrame:
    return _rows_frame([], STORED + BOOKKEEPING)


def _rows_frame(records: list[tuple], names: list[str]) -> pd.DataFrame:
    """Driver tuples → typed frame (canonical dtypes), sorted by seq."""
    columns = list(zip(*records)) if records else [()] * len(names)
    data = dict(zip(names, columns))
    dtypes = canonical_dtypes()
    out = {}
    for name in names:
        values = data[name]
        if name in FLOAT_COLUMNS:
            out[name] = np.array(values, dtype="float64")
        elif name in BOOL_COLUMNS:
            out[name] = np.array(values, dtype=bool)
        elif name == "stage":
            out[name] = np.array(values, dtype="int8")
        elif name == "stage_since":
            out[name] = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601").astype("datetime64[us]")
        elif name in BOOKKEEPING or name == "row_id":
            out[name] = np.array(values, dtype="int64")
        else:
            out[name] = pd.Series(values, dtype=dtypes[name])
    frame = pd.DataFrame(out)
    if "seq" in frame:
        frame = frame.sort_values("seq", kind="stable").reset_index(drop=True)
    return frame


def _public(rows: pd.DataFrame) -> pd.DataFrame:
    """Stored rows → canonical registry frame + ``revision``."""
    frame = rows[STORED].copy()
    frame.insert(STORED.index("region_code") + 1, "province", regions.province_of(frame["region_code"]))
    frame = frame.astype(canonical_dtypes().to_dict())
    frame["revision"] = rows["revision"].astype("int64").to_numpy()
    return frame.reset_index(drop=True)


def _driver_columns(rows: pd.DataFrame) -> list[list]:
    """Each column as a list of plain Python values the SQLite driver takes (None for missing)."""
    out = []
    for name in rows.columns:
        s = rows[name]
        if name == "stage_since":
            text = s.dt.strftime("%Y-%m-%d")
            out.append(text.astype(object).where(s.notna(), None).tolist())
        elif name in FLOAT_COLUMNS:
            out.append(s.astype(object).where(s.notna(), None).tolist())
        elif name in BOOL_COLUMNS:
            out.append(s.astype(bool).astype(int).tolist())
        elif s.dtype.kind in "iu":
            out.append(s.astype("int64").tolist())
        else:
            out.append(s.astype(object).tolist())
    return out


def _problem(column: str, value: str, code: str, message_id: str, message_en: str, rows=None) -> pd.DataFrame:
    rows = [0] if rows is None else list(rows)
    values = value if isinstance(value, list) else [value] * len(rows)
    return pd.DataFrame({"row": rows, "column": column, "value": values, "code": code, "severity": "error",
                         "message_id": message_id, "message_en": message_en})[PROBLEM_COLUMNS]


def _conform(frame: pd.DataFrame) -> pd.DataFrame:
    """A canonical registry frame → stored columns with canonical dtypes; checks shape and keys.

    Values are not validated again (the frame comes from ``read_registry``), but a frame that
    could corrupt the store — missing columns, empty or duplicated product ids, no region — is
    refused with ``ValidationFailed`` before anything is written.
    """
    missing = [c for c in STORED if c not in frame.columns]
    if missing:
        raise ValidationFailed(pd.concat(
            [_problem(c, "", "missing_column", f"kolom '{c}' tidak ada.", f"column '{c}' is missing.") for c in missing],
            ignore_index=True))
    out = frame[STORED].reset_index(drop=True).copy()
    for col in ("product_id", *TEXT_COLUMNS):
        out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
    file_rows = (frame["_row"] if "_row" in frame.columns else pd.Series(np.arange(len(frame)) + 2)).to_numpy()
    problems = []
    for col in ("product_id", "region_code"):
        empty = (out[col].str.strip() == "").to_numpy()
        if empty.any():
            problems.append(_problem(col, "", "required_value", f"kolom '{col}' wajib diisi.",
                                     f"column '{col}' needs a value.", file_rows[empty]))
    dup = out["product_id"].duplicated(keep="first").to_numpy() & (out["product_id"] != "").to_numpy()
    if dup.any():
        ids = out.loc[dup, "product_id"].tolist()
        problems.append(_problem("product_id", ids, "duplicate_id", "id_produk ganda.", "duplicated product_id.",
                                 file_rows[dup]))
    if problems:
        raise ValidationFailed(pd.concat(problems, ignore_index=True))
    try:
        for col in FLOAT_COLUMNS:
            out[col] = pd.to_numeric(out[col]).astype("float64")
        for col in BOOL_COLUMNS:
            out[col] = out[col].fillna(False).astype(bool)
        out["stage"] = pd.to_numeric(out["stage"]).astype("int8")
        out["stage_since"] = pd.to_datetime(out["stage_since"]).astype("datetime64[us]")
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(_problem("", str(exc)[:200], "bad_frame", "tabel bukan registri kanonik.",
                                        "the table is not a canonical registry frame.")) from None
    dtypes = canonical_dtypes()
    for col in ("product_id", *TEXT_COLUMNS):
        out[col] = out[col].astype(dtypes[col])
    return out


def _same_content(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """Row-wise equality of two aligned frames, missing equal to missing."""
    same = np.ones(len(b), dtype=bool)
    for col in CONTENT:
        x, y = a[col], b[col]
        if col in FLOAT_COLUMNS:
            x, y = x.to_numpy(dtype="float64", na_value=np.nan), y.to_numpy(dtype="float64", na_value=np.nan)
            same &= (x == y) | (np.isnan(x) & np.isnan(y))
        elif col == "stage_since":
            x, y = pd.to_datetime(x).to_numpy(), pd.to_datetime(y).to_numpy()
            same &= (x == y) | (np.isnat(x) & np.isnat(y))
        else:
            x, y = x.to_numpy(dtype=object), y.to_numpy(dtype=object)
            eq = x == y
            same &= np.asarray(eq, dtype=bool)
    return same


def _validated_row(current: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """Apply ``changes`` to a product and run it through the file validator as a one-row CSV.

    Changed cells reach the validator as the text a person would type (``"ya"``, ``"72,5"``),
    so an edit is held to exactly the rules of an imported file.
    """
    row = _public(current).drop(columns=["revision"])
    sheet = registry_file_frame(row)
    for col, value in changes.items():
        sheet[header_for(col, "en")] = [_cell_text(col, value)]
    data = sheet.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    result = read_registry(data, name="edit.csv")
    if not result.ok:
        raise ValidationFailed(result.errors)
    edited = _conform(result.frame)
    edited["seq"] = current["seq"].to_numpy()
    return edited


def _cell_text(column: str, value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _require_writer(user: User) -> None:
    if not user.can_write:
        raise PermissionDenied("Peran Anda hanya boleh melihat; perubahan tidak disimpan.",
                               "Your role may only view; nothing was changed.")


def _check_regions(user: User, incoming: pd.DataFrame, current: pd.DataFrame) -> None:
    """Editors change only products whose region, before and after, lies in their regions."""
    if user.is_admin:
        return
    bad_new = ~user.editable(incoming["region_code"])
    before = current.set_index("product_id")["region_code"].reindex(incoming["product_id"]).to_numpy(dtype=object)
    new_region = incoming["region_code"].to_numpy(dtype=object)
    bad_old = ~user.editable(pd.Series(np.where(pd.isna(before), new_region, before)))
    offending = incoming.loc[bad_new.to_numpy() | bad_old.to_numpy(), "product_id"].tolist()
    if not offending:
        return
    shown = ", ".join(offending[:10]) + (f" (+{len(offending) - 10})" if len(offending) > 10 else "")
    mine = ", ".join(user.regions) or "-"
    raise PermissionDenied(
        f"Anda hanya boleh mengubah produk di wilayah {mine}; produk di luar wilayah Anda: {shown}. Tidak ada yang disimpan.",
        f"You may only change products in regions {mine}; products outside your regions: {shown}. Nothing was saved.",
        offending,
    )
