"""Page styles for every mode: readable secondary text everywhere (``templates/app_page.html``); for
the kiosk and present modes also no Streamlit header, toolbar or sidebar, and big type.

The CSS is our own constant text (never user input), injected once per run with ``st.html``.
"""

from __future__ import annotations

import streamlit as st

from ovop_ui.builders import templating

_COMMON = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"], .stDeployButton { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; }
</style>
"""

_KIOSK = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 20px; user-select: none; }
.stButton button, .stDownloadButton button { min-height: 64px; min-width: 64px; font-size: 1.15rem; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 2rem; padding-right: 2rem; }
/* The kiosk opens no dialogs; the only one would be Streamlit's "Page not found" for a typed URL. */
[data-testid="stDialog"] { display: none !important; }
</style>
"""

_PRESENT = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 21px; }
h1 { font-size: 3rem !important; } h2 { font-size: 2.2rem !important; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
.stButton button, .stDownloadButton button { min-height: 56px; font-size: 1.1rem; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 3rem; padding-right: 3rem; }
</style>
"""


def page_css(mode: str) -> str:
    """The CSS of a page in ``mode``: the app's own styles, then (kiosk, present) the chrome hidden."""
    css = str(templating.render("app_page.html"))
    if mode == "normal":
        return css
    return css + _COMMON + (_KIOSK if mode == "kiosk" else _PRESENT if mode == "present" else "")


def page_styles(mode: str) -> None:
    st.html(page_css(mode))
