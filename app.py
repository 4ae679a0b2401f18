"""OVOP Dashboard frame: runs for every page (page config, language, mode, filters, navigation).

Modes (DESIGN.md §8): ``normal`` (sidebar, all pages), ``kiosk`` (trade-fair touch screen: no
chrome, attract loop, read-only) and ``present`` (projector: large type, step-by-step sequence).
The operator sets the mode with ``OVOP_MODE`` and may lock it (``OVOP_MODE_LOCKED=1``); otherwise
``?mode=`` chooses.
"""

import logging
from pathlib import Path

import streamlit as st

from ovop_ui.shell import state
from ovop_ui.shell.offline import ensure_static_assets
from ovop_ui.shell.state import t

ASSETS = Path(__file__).resolve().parent / "assets"
st.set_page_config(page_title="OVOP Dashboard", page_icon=str(ASSETS / "favicon.png"), layout="wide")
log = logging.getLogger("ovop")


def guarded(what: str, step, on_failure=None) -> None:
    """Run one step of the frame; a failure is logged and replaced by ``on_failure``, never by
    Streamlit's error page with a traceback (the frame runs outside the page's own guard)."""
    try:
        step()
    except Exception:
        log.exception("%s failed (mode %s)", what, st.session_state.get(state.KEY_MODE))
        if on_failure is not None:
            try:
                on_failure()
            except Exception:
                log.exception("showing the failure of %s failed too", what)


guarded("static assets", ensure_static_assets)
guarded("reading the URL", state.seed_from_url)
guarded("applying a filter request", state.apply_pending)
lang = state.current_lang()
mode = state.current_mode()

# Resolve the page before anything touches the URL, so a deep link (/map?prov=33) is honoured.
# Page scripts live in app_pages/, not pages/: while a pages/ folder sits beside the entry script,
# Streamlit 1.67 serves a server's first request the multipage-v1 way, running a deep-linked page
# script alone, without this frame (no sidebar, no language, no filters).
NORMAL_PATHS = ("overview", "map", "pipeline", "whatif", "method", "data")
if mode == "kiosk":
    from ovop_ui.modes.kiosk.screens import render_kiosk

    # A visitor typing another page's address (/data) lands in the kiosk, not on "page not found".
    pages = [st.Page("app_pages/kiosk.py", title=t("page.kiosk"), icon=":material/storefront:", default=True)]
    pages += [st.Page(render_kiosk, title=t("page.kiosk"), url_path=path) for path in NORMAL_PATHS]
elif mode == "present":
    pages = [st.Page("app_pages/present.py", title=t("page.present"), icon=":material/slideshow:", default=True)]
else:
    pages = [
        st.Page("app_pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", default=True),
        st.Page("app_pages/map.py", title=t("page.map"), icon=":material/map:"),
        st.Page("app_pages/pipeline.py", title=t("page.pipeline"), icon=":material/conversion_path:"),
        st.Page("app_pages/whatif.py", title=t("page.whatif"), icon=":material/tune:"),
        st.Page("app_pages/method.py", title=t("page.method"), icon=":material/menu_book:", url_path="method"),
        st.Page("app_pages/data.py", title=t("page.data"), icon=":material/database:"),
    ]
page = st.navigation(pages, position="sidebar" if mode == "normal" else "hidden")


def show_frame_failure() -> None:
    if mode == "kiosk":
        from ovop_ui.modes.kiosk.screens import recover

        recover()
    else:
        st.error(t("error.page"), icon=":material/error:")


def sidebar() -> None:
    from ovop_ui.shell.sidebar import render_sidebar

    render_sidebar(lang)


def styles() -> None:
    from ovop_ui.shell.chrome import page_styles

    page_styles(mode)


def data_problems() -> None:
    """Why the configured data is not shown (a kiosk visitor gets the loop; the log has the details)."""
    from ovop_ui.data_access.dataset import current_dataset
    from ovop_ui.widgets.views import data_problems as show

    show(current_dataset())


if mode == "normal":
    guarded("sidebar", sidebar, lambda: st.sidebar.error(t("error.sidebar"), icon=":material/error:"))
guarded("page styles", styles)
if mode != "kiosk":
    guarded("data notice", data_problems)
guarded("writing the URL", state.sync_url)

try:
    page.run()
except Exception:  # a page failure must never become a raw error page in front of an audience
    log.exception("page %s failed (mode %s)", page.title, mode)
    guarded("showing the page failure", show_frame_failure)
