"""Shared AppTest set-up: a fresh data folder per test, and the Data page opened as a signed-in user."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from ovop_core.users import User

APP = "../app.py"
EDITOR = User("dinas_aceh", "editor", ("11",))


def open_app(monkeypatch, mode: str = "normal", page: str | None = None, timeout: int = 90, **params) -> AppTest:
    """The app in ``mode`` (normal, present or kiosk) on the bundled demo data, with ``params`` as the
    URL's query parameters, opened on ``page`` (an ``app_pages/...`` path) when one is given."""
    monkeypatch.delenv("OVOP_MODE_LOCKED", raising=False)
    monkeypatch.delenv("OVOP_DATA_FILE", raising=False)
    if mode == "normal":
        monkeypatch.delenv("OVOP_MODE", raising=False)
    else:
        monkeypatch.setenv("OVOP_MODE", mode)
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def fresh_data(tmp_path, monkeypatch):
    """Point the app at an empty data folder and clear Streamlit's caches around the test (a generator
    for an autouse fixture: ``yield from fresh_data(tmp_path, monkeypatch)``)."""
    monkeypatch.setenv("OVOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("OVOP_DATA_FILE", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


def open_data_page(user: User = EDITOR, lang: str = "en") -> AppTest:
    """The Data page as ``user`` would see it after signing in."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.session_state["_signed_in_user"] = user
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    return at


def deferred_downloads(monkeypatch) -> dict[str, object]:
    """The callables behind the page's deferred download buttons (``data`` given as a callable), by file name.

    AppTest cannot click a download; calling the callable is what the click does.
    """
    makers: dict[str, object] = {}
    real = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        makers[file_name] = data_callable
        return real(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return makers
