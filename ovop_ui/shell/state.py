"""Session and URL state shared by the frame and every page.

The language, mode and global filters live in ``st.session_state`` (widget keys below) and are
mirrored into the URL so that a link reproduces the view. The URL seeds the state once per
session; afterwards the widgets are the source of truth and the URL follows them.

Pages must not write a widget's key after the frame has drawn it, so a page that wants to
change a filter (a map click) calls ``request_filters`` and reruns; the frame applies the
request before drawing the widgets on the next run.
"""

from __future__ import annotations

import os

import streamlit as st

from ovop_core import regions
from ovop_core.filters import Filters
from ovop_core.model import CATEGORIES
from ovop_core.params import known_value, known_values
from ovop_ui.shell import url_params
from ovop_ui.text.i18n import DEFAULT_LANG, LANGS, translate

MODES = ("normal", "kiosk", "present")
KEY_LANG, KEY_MODE = "lang", "mode"
KEY_PROV, KEY_KAB, KEY_KEC, KEY_CAT, KEY_STAGE = "f_prov", "f_kab", "f_kec", "f_cat", "f_stage"
_PENDING = "_pending_filters"
_SEEDED = "_seeded_from_url"


def seed_from_url() -> None:
    """Read lang, mode and filters from the URL once per session; invalid values are ignored
    (and ``sync_url`` then drops them from the address)."""
    url_params.seed_once(_SEEDED, _seed)


def _seed(params) -> None:
    st.session_state[KEY_LANG] = known_value(params.get("lang"), LANGS, DEFAULT_LANG)
    st.session_state[KEY_MODE] = resolve_mode(known_value(params.get("mode"), MODES, ""))
    province = known_value(params.get("prov"), regions.provinces()["code"], "")
    st.session_state[KEY_PROV] = province
    in_province = [c for c in regions.kabkota()["code"] if province and c.startswith(province + ".")]
    kabkota = known_value(params.get("kab"), in_province, "", regions.to_dotted)
    st.session_state[KEY_KAB] = kabkota
    # A kecamatan is read only inside the kab/kota of the link: an inconsistent one is dropped.
    in_kabkota = kecamatan_codes(kabkota)
    st.session_state[KEY_KEC] = known_value(params.get("kec"), in_kabkota, "", regions.to_dotted)
    st.session_state[KEY_CAT] = known_values(params.get("cat"), CATEGORIES)
    st.session_state[KEY_STAGE] = known_values(params.get("stage"), range(7), int)


def kecamatan_codes(kabkota: str) -> list[str]:
    """The dotted codes of the kecamatan of ``kabkota`` (none for "")."""
    if not kabkota:
        return []
    table = regions.kecamatan()
    return table.loc[table["kabkota"] == kabkota, "code"].tolist()


def operator_mode() -> tuple[str, bool]:
    """The mode the operator set (``OVOP_MODE``) and whether it is locked (``OVOP_MODE_LOCKED=1``)."""
    mode = os.environ.get("OVOP_MODE", "normal").strip().lower()
    locked = os.environ.get("OVOP_MODE_LOCKED", "").strip().lower() in {"1", "true", "yes", "ya"}
    return (mode if mode in MODES else "normal"), locked


def resolve_mode(requested: str) -> str:
    """The URL's ``?mode=`` unless the operator locked the mode; unknown values are ignored."""
    default, locked = operator_mode()
    if locked or requested not in MODES:
        return default
    return requested


def current_mode() -> str:
    mode = st.session_state.get(KEY_MODE)
    return mode if mode in MODES else resolve_mode("")


def request_filters(province: str | None = None, kabkota: str | None = None, kecamatan: str | None = None) -> None:
    """Ask the frame to change the region filters on the next run (then call ``st.rerun``).

    None leaves a level as it is; a level that is set clears the levels below it."""
    st.session_state[_PENDING] = {"province": province, "kabkota": kabkota, "kecamatan": kecamatan}


def apply_pending() -> None:
    """Apply a region change requested by a page; called by the frame before drawing widgets."""
    pending = st.session_state.pop(_PENDING, None)
    if pending is None:
        return
    if pending["province"] is not None:
        st.session_state[KEY_PROV] = pending["province"]
        st.session_state[KEY_KAB] = ""
        st.session_state[KEY_KEC] = ""
    if pending["kabkota"] is not None:
        st.session_state[KEY_KAB] = pending["kabkota"]
        st.session_state[KEY_KEC] = ""
    if pending.get("kecamatan") is not None:
        st.session_state[KEY_KEC] = pending["kecamatan"]


def sync_url() -> None:
    """Mirror the state into the URL; empty values are left out to keep links short."""
    wanted = {
        "lang": st.session_state.get(KEY_LANG, DEFAULT_LANG),
        "mode": st.session_state.get(KEY_MODE, "normal"),
        "prov": st.session_state.get(KEY_PROV, ""),
        "kab": st.session_state.get(KEY_KAB, ""),
        "kec": st.session_state.get(KEY_KEC, ""),
        "cat": ",".join(st.session_state.get(KEY_CAT, [])),
        "stage": ",".join(str(s) for s in st.session_state.get(KEY_STAGE, [])),
    }
    if wanted["mode"] == "normal":
        wanted["mode"] = ""
    url_params.write(wanted)


def current_lang() -> str:
    lang = st.session_state.get(KEY_LANG, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, **values: object) -> str:
    """Translate in the session's language."""
    return translate(key, current_lang(), **values)


def current_filters() -> Filters:
    return Filters(
        province=st.session_state.get(KEY_PROV, "") or "",
        kabkota=st.session_state.get(KEY_KAB, "") or "",
        kecamatan=st.session_state.get(KEY_KEC, "") or "",
        categories=tuple(st.session_state.get(KEY_CAT, []) or ()),
        stages=tuple(int(s) for s in st.session_state.get(KEY_STAGE, []) or ()),
    )
