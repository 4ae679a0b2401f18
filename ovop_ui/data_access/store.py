"""The app's connection to the versioned store, and how writes report their outcome to the user."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from ovop_core.store import (
    PermissionDenied,
    StaleEditError,
    Store,
    StoreError,
    ValidationFailed,
    metadata,
)
from ovop_ui.data_access.demo import demo_frame  # the bundled demo registry seeds an empty store
from ovop_ui.shell.state import current_lang, t
from ovop_ui.text.format import md_escape, number

log = logging.getLogger("ovop")


@st.cache_resource(show_spinner=False)
def _open_store() -> Store | None:
    """One store per server process, migrated and seeded with the demo data on first start."""

    try:
        store = Store.from_env()
        store.migrate()
        missing = missing_columns(store)
        if missing:
            log.error(
                "the data store %r lacks the columns %s although its schema is marked current; "
                "showing the bundled demo data",
                store,
                ", ".join(missing),
            )
            store.dispose()
            return None
        if store.current_version() is None:  # read the demo file only when it is needed
            store.ensure_seeded(demo_frame(), label="demo")
        return store
    except Exception:  # an unusable data folder must not take the app down: fall back to demo data
        log.exception("the data store cannot be opened; showing the bundled demo data")
        return None


def missing_columns(store: Store) -> list[str]:
    """Columns the code needs that the database lacks (``table.column``).

    ``migrate`` trusts the Alembic version stamp; a table altered by hand behind its back would
    otherwise fail on every read. Checked once per process, so it costs one catalog query.
    """
    inspector = sa.inspect(store.engine)
    missing = []
    for table in metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        missing += [f"{table.name}.{column.name}" for column in table.columns if column.name not in present]
    return missing


def store() -> Store | None:
    return _open_store()


@st.cache_data(max_entries=3, show_spinner=False)
def _load(_store: Store, version_id: int) -> pd.DataFrame:
    return _store.load(version_id).drop(columns=["revision"], errors="ignore")


@st.cache_data(max_entries=2, show_spinner=False)
def load_with_revisions(_store: Store, version_id: int) -> pd.DataFrame:
    """A version with each product's ``revision`` (what an edit must be based on)."""
    return _store.load(version_id)


def load_current(s: Store) -> tuple[pd.DataFrame, object]:
    version = s.current_version()
    return _load(s, version.id), version


def history_table(s: Store, lang: str) -> pd.DataFrame:
    versions = s.versions()
    return pd.DataFrame(
        {
            t("data.version"): [f"#{v.id}" for v in versions],
            t("data.when"): [v.created_at.strftime("%Y-%m-%d %H:%M UTC") for v in versions],
            t("data.author"): [v.author or "—" for v in versions],
            t("data.action"): [t(f"data.action.{v.action}") for v in versions],
            t("data.rows"): [number(v.n_rows, lang) for v in versions],
            t("data.note"): [v.note or "" for v in versions],
        }
    )


def _message(exc: StoreError, lang: str) -> str:
    """A store refusal in ``lang``; it names product ids, usernames and file values, so it is made inert."""
    return md_escape(exc.text(lang))


def run_write(write: Callable[[], object], on_success: Callable[[], object] | None = None) -> bool:
    """Run one store write; show its outcome in the user's language. True when it succeeded."""
    lang = current_lang()
    try:
        version = write()
    except ValidationFailed as exc:
        st.error(_message(exc, lang), icon=":material/error:")
        problems = getattr(exc, "problems", None)
        if problems is not None and len(problems):
            st.dataframe(problems[["row", "column", "value", f"message_{lang}"]], hide_index=True)
        return False
    except (PermissionDenied, StaleEditError, StoreError) as exc:
        st.error(_message(exc, lang), icon=":material/block:")
        return False
    if on_success is not None:
        on_success()
    st.cache_data.clear()
    st.session_state["_data_flash"] = t("data.saved", id=getattr(version, "id", "?"))
    st.rerun()
    return True


def flash() -> None:
    """Show (once) the confirmation of the last successful write."""
    message = st.session_state.pop("_data_flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")
