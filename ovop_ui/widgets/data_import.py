"""The Data page's import section: upload a registry, see its validation report, import it.

A file is read and validated once per upload (``data_access.uploads``); the verdict, the
problem report and its download come from that one result, and the import button stays
disabled until the file is clean or the user chose to import only its correct rows.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_core import rounds
from ovop_core.importing import import_file, import_modes
from ovop_core.limits import MAX_FILE_BYTES
from ovop_core.registry import RegistryResult
from ovop_core.schema import FIRST_ROUND, LAST_ROUND
from ovop_core.store import Store
from ovop_core.users import User
from ovop_ui.builders.tables import import_preview, to_csv_bytes
from ovop_ui.data_access import store as data_store
from ovop_ui.data_access.dataset import Dataset
from ovop_ui.data_access.import_guard import import_guard
from ovop_ui.data_access.uploads import forget_upload, read_upload
from ovop_ui.shell.state import t
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import translate
from ovop_ui.widgets.views import fitted_height


def import_section(store: Store, user: User, dataset: Dataset, lang: str) -> None:
    st.subheader(t("data.import.title"))
    st.caption(t("data.import.help", limit=MAX_FILE_BYTES // (1024 * 1024)))
    upload = st.file_uploader(t("data.import.file"), type=["csv", "xlsx", "ods"], key="data_upload")
    if upload is None:
        forget_upload()
        return
    result = read_upload(upload, stored=dataset.frame)
    if result.frame is not None and len(result.frame):
        st.markdown(f"**{t('data.import.preview', n=number(len(result.frame), lang))}**")
        st.dataframe(import_preview(result.frame, lang), hide_index=True, width="stretch")
    _verdict(result, upload.name, lang)
    if not result.problems.empty:
        _report(result.problems, upload.name, lang)
    if _may_import(result, lang):
        _import_controls(store, user, result, upload, lang)


def _verdict(result: RegistryResult, file_name: str, lang: str) -> None:
    """Clean, refused as a whole (and why), or rejected for errors in some rows."""
    if result.errors.empty:
        st.success(
            t("data.import.clean", n=number(len(result.frame), lang), file=md_escape(file_name)),
            icon=":material/check_circle:",
        )
        return
    if result.frame is None:  # the file as a whole was refused: say why right here
        rejected = t("data.import.unreadable", file=md_escape(file_name))
        rejected += "\n\n" + md_escape(result.errors[f"message_{lang}"].iloc[0])
    else:
        rejected = t(
            "data.import.rejected",
            n=number(len(result.errors), lang),
            rows=number(result.n_error_rows, lang),
            file=md_escape(file_name),
        )
    st.error(rejected, icon=":material/error:")


def report_view(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The validation report with headers, severities and messages in ``lang``."""
    return pd.DataFrame(
        {
            translate("data.report.row", lang): problems["row"],
            translate("data.report.column", lang): problems["column"],
            translate("data.report.value", lang): problems["value"],
            translate("data.report.severity", lang): problems["severity"].map(
                lambda s: translate(f"data.report.{s}", lang)
            ),
            translate("data.report.message", lang): problems[f"message_{lang}"],
        }
    )


def _report(problems: pd.DataFrame, file_name: str, lang: str) -> None:
    report = report_view(problems, lang)
    st.dataframe(report, hide_index=True, width="stretch", height=fitted_height(len(report)))
    st.download_button(
        t("data.import.report_download"),
        to_csv_bytes(report, lang),
        f"laporan-validasi-{file_name}.csv",
        "text/csv",
        icon=":material/download:",
        key="data_report_download",
    )


def _may_import(result: RegistryResult, lang: str) -> bool:
    """A clean file may be imported; one with errors only by the explicit choice to drop its bad rows."""
    clean = result.clean_rows() if result.frame is not None else None
    if result.ok or clean is None or not len(clean):
        return result.ok
    return st.checkbox(
        t(
            "data.import.drop_bad",
            n=number(len(clean), lang),
            dropped=number(len(result.frame) - len(clean), lang),
        ),
        key="data_drop_bad",
    )


def _round_choice(store: Store, result: RegistryResult, lang: str) -> int | None:
    """The assessment round of the file: its own (said in one line), or the one the user picks for a
    file without a round column (default: the newest stored round, else this year)."""
    found = rounds.rounds_of(result.frame)
    stored = store.rounds()
    if found:
        st.caption(t("data.import.rounds_in_file", rounds=", ".join(map(str, found))))
        return None
    chosen = st.number_input(
        t("data.import.round"),
        min_value=FIRST_ROUND,
        max_value=LAST_ROUND,
        value=store.default_round(),
        step=1,
        key="data_import_round",
        help=t("data.import.round_help", stored=", ".join(map(str, stored)) or "–"),
    )
    return int(chosen)


def _import_controls(store: Store, user: User, result: RegistryResult, upload, lang: str) -> None:
    mode = st.radio(
        t("data.import.mode"),
        list(import_modes(user)),
        key="data_import_mode",
        horizontal=True,
        format_func=lambda m: translate(f"data.import.mode.{m}", lang),
    )
    assigned = _round_choice(store, result, lang)
    undated = store.n_undated() if mode != "replace" else 0
    if undated:  # products stored before rounds existed would leave "now" beside a dated round
        st.warning(t("data.import.undated", n=number(undated, lang)), icon=":material/history_toggle_off:")
    note = st.text_input(t("data.note"), key="data_import_note", max_chars=200)
    ready = import_guard(store, result, lang)  # warns when products would go back to old values
    go = st.button(
        t("data.import.go"), type="primary", icon=":material/upload:", key="data_import_go", disabled=not ready
    )
    if go and ready:
        data_store.run_write(
            lambda: import_file(
                store,
                upload.getvalue(),
                user,
                name=upload.name,
                mode=mode,
                drop_bad_rows=not result.ok,
                note=note or upload.name,
                result=result,
                round=assigned,
            ).version
        )
