"""Before an import: say so when the file would send products back to older values (issue 10).

Re-importing an old export is the typical way to undo colleagues' edits without noticing. The
Data page calls ``import_guard`` just before its import button: it compares the file with the
products' history (``ovop_core.reverts``), summarises what the import would do and, when some
products would go back, warns, lists them and asks for an explicit confirmation. The result is
cached per file and dataset version, so reruns of the page do not repeat the comparison.
"""

from __future__ import annotations

import hashlib
import logging

import pandas as pd
import streamlit as st

from ovop_core.registry import RegistryResult
from ovop_core.reverts import RevertCheck, check_reverts
from ovop_core.store import Store
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import translate

log = logging.getLogger("ovop")

_CACHE_KEY = "_import_guard"
CONFIRM_KEY = "data_import_revert_confirm"  # + "_" + a digest of the file and version
_SHOWN_VERSIONS = 3
_TIME = "%Y-%m-%d %H:%M UTC"


def import_guard(store: Store, result: RegistryResult, lang: str) -> bool:
    """Show what importing ``result`` would do; True when the import may go ahead (nothing goes
    back to older values, or the user confirmed that it should)."""
    rows = result.frame if result.ok else result.clean_rows()
    if rows is None or rows.empty:
        return True
    rows = rows.drop(columns=["_row"], errors="ignore")
    version = store.current_version()
    version_id = version.id if version is not None else 0
    digest = _digest(rows, version_id)
    cached = st.session_state.get(_CACHE_KEY)
    if cached is not None and cached[0] == digest:
        check = cached[1]
    else:
        try:
            check = check_reverts(store, rows)
        except Exception:  # advisory: the import itself reports its own failures
            log.exception("comparing an import with the data history failed")
            st.warning(translate("data.revert.unchecked", lang), icon=":material/help:")
            return True
        st.session_state[_CACHE_KEY] = (digest, check)
    st.caption(
        translate(
            "data.revert.summary",
            lang,
            version=version_id,
            new=number(check.n_new, lang),
            updated=number(check.n_updated, lang),
            reverting=number(check.n_reverting, lang),
            unchanged=number(check.n_unchanged, lang),
        )
    )
    if not check.n_reverting:
        return True
    st.warning(warning_text(check, lang), icon=":material/history:")
    with st.expander(translate("data.revert.list", lang, n=number(check.n_reverting, lang))):
        st.dataframe(revert_table(check, lang), hide_index=True, width="stretch")
    return st.checkbox(translate("data.revert.confirm", lang), key=f"{CONFIRM_KEY}_{digest[:12]}")


def warning_text(check: RevertCheck, lang: str) -> str:
    """The warning (markdown-safe: the author's name is made inert)."""
    back_to = sorted(check.reverting["back_to_version"].unique().tolist())
    versions = ", ".join(f"#{v}" for v in back_to[:_SHOWN_VERSIONS])
    if len(back_to) > _SHOWN_VERSIONS:
        versions += " …"
    _, author, when = check.latest_undone()
    values = dict(versions=versions, author=md_escape(author or "—"), when=pd.Timestamp(when).strftime(_TIME))
    if check.n_reverting == 1:
        return translate("data.revert.warning.one", lang, **values)
    return translate("data.revert.warning.many", lang, n=number(check.n_reverting, lang), **values)


def revert_table(check: RevertCheck, lang: str) -> pd.DataFrame:
    """One row per product going back, with column headers in the user's language."""
    r = check.reverting
    return pd.DataFrame(
        {
            translate("col.product_id", lang): r["product_id"].astype(str),
            translate("col.name", lang): r["name"].astype(str),
            translate("data.revert.col.back_to", lang): "#" + r["back_to_version"].astype(str),
            translate("data.revert.col.undone", lang): "#" + r["current_version"].astype(str),
            translate("data.revert.col.by", lang): r["changed_by"].astype(str),
            translate("data.revert.col.when", lang): r["changed_at"].dt.strftime("%Y-%m-%d %H:%M"),
        }
    )


def _digest(rows: pd.DataFrame, version_id: int) -> str:
    """Identifies this file's content against this dataset version (cache and confirmation key)."""
    h = hashlib.sha256(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
    h.update(str(version_id).encode())
    return h.hexdigest()
