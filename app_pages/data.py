"""Data: version history, import with a validation report, editing one product, templates and export.

Viewers see the history, templates and export; import and editing exist only for signed-in
editors and admins (the store checks every write again: role, regions, concurrent edits).
"""

import pandas as pd
import streamlit as st

from ovop_core.export import write_csv, write_xlsx
from ovop_core.importing import import_file
from ovop_core.limits import MAX_FILE_BYTES
from ovop_core.templates import template_csv, template_xlsx
from ovop_ui.builders.tables import import_preview, to_csv_bytes
from ovop_ui.data_access import store as data_store
from ovop_ui.data_access.dataset import current_dataset
from ovop_ui.data_access.import_guard import import_guard
from ovop_ui.data_access.uploads import forget_upload, read_upload
from ovop_ui.shell import state
from ovop_ui.shell.access import export_frame, sees_economics
from ovop_ui.shell.session import current_user
from ovop_ui.shell.state import t
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import translate
from ovop_ui.widgets.data_editor import product_editor

lang = state.current_lang()
user = current_user()
store = data_store.store()
dataset = current_dataset()

st.title(t("data.title"))
st.caption(t("data.intro"))
data_store.flash()
if store is None:
    if not any(p.key == "data.problem.store" for p in dataset.problems):  # the frame has not said it yet
        st.warning(t("data.store_unavailable"), icon=":material/database_off:")
    st.stop()

version = store.current_version()
with st.container(border=True):
    cols = st.columns(4)
    cols[0].metric(t("data.version"), f"#{version.id}", border=False)
    cols[1].metric(t("data.rows"), number(version.n_rows, lang), border=False)
    cols[2].metric(t("data.author"), md_escape(version.author) if version.author else "—", border=False)
    cols[3].metric(
        t("data.when"),
        version.created_at.strftime("%Y-%m-%d"),
        border=False,
        delta=version.created_at.strftime("%H:%M UTC"),
        delta_color="off",
        delta_arrow="off",
    )
    if version.is_demo:
        st.caption(f":material/info: {t('data.demo')}")

sections = ["history", "export"]
if user.can_write:
    sections = ["import", "edit", *sections]
section = (
    st.segmented_control(
        t("data.section"),
        sections,
        default=sections[0],
        key="data_section",
        format_func=lambda s: translate(f"data.section.{s}", lang),
    )
    or sections[0]
)


def _report_view(problems: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("data.report.row"): problems["row"],
            t("data.report.column"): problems["column"],
            t("data.report.value"): problems["value"],
            t("data.report.severity"): problems["severity"].map(lambda s: t(f"data.report.{s}")),
            t("data.report.message"): problems[f"message_{lang}"],
        }
    )


if section != "import":
    forget_upload()

if section == "import":
    st.subheader(t("data.import.title"))
    st.caption(t("data.import.help", limit=MAX_FILE_BYTES // (1024 * 1024)))
    upload = st.file_uploader(t("data.import.file"), type=["csv", "xlsx", "ods"], key="data_upload")
    if upload is None:
        forget_upload()
    else:
        result = read_upload(upload, stored=dataset.frame)
        errors, warnings = result.errors, result.warnings
        if result.frame is not None and len(result.frame):
            st.markdown(f"**{t('data.import.preview', n=number(len(result.frame), lang))}**")
            st.dataframe(import_preview(result.frame, lang), hide_index=True, width="stretch")
        if errors.empty:
            st.success(
                t("data.import.clean", n=number(len(result.frame), lang), file=md_escape(upload.name)),
                icon=":material/check_circle:",
            )
        else:
            bad_rows = errors.loc[errors["row"] > 1, "row"].nunique()
            if result.frame is None:  # the file as a whole was refused: say why right here
                rejected = t("data.import.unreadable", file=md_escape(upload.name))
                rejected += "\n\n" + md_escape(errors[f"message_{lang}"].iloc[0])
            else:
                rejected = t(
                    "data.import.rejected",
                    n=number(len(errors), lang),
                    rows=number(bad_rows, lang),
                    file=md_escape(upload.name),
                )
            st.error(rejected, icon=":material/error:")
        if not result.problems.empty:
            report = _report_view(result.problems)
            st.dataframe(report, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(report)))
            st.download_button(
                t("data.import.report_download"),
                to_csv_bytes(report, lang),
                f"laporan-validasi-{upload.name}.csv",
                "text/csv",
                icon=":material/download:",
                key="data_report_download",
            )
        clean = result.clean_rows() if result.frame is not None else None
        can_import = result.ok
        if not result.ok and clean is not None and len(clean):
            can_import = st.checkbox(
                t(
                    "data.import.drop_bad",
                    n=number(len(clean), lang),
                    dropped=number(len(result.frame) - len(clean), lang),
                ),
                key="data_drop_bad",
            )
        if can_import:
            modes = ["merge", "replace"] if user.role == "admin" else ["merge"]
            mode = st.radio(
                t("data.import.mode"),
                modes,
                key="data_import_mode",
                horizontal=True,
                format_func=lambda m: translate(f"data.import.mode.{m}", lang),
            )
            note = st.text_input(t("data.note"), key="data_import_note", max_chars=200)
            ready = import_guard(store, result, lang)  # warns when products would go back to old values
            if (
                st.button(
                    t("data.import.go"),
                    type="primary",
                    icon=":material/upload:",
                    key="data_import_go",
                    disabled=not ready,
                )
                and ready
            ):
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
                    ).version
                )

elif section == "edit":
    product_editor(store, user, lang)

elif section == "history":
    st.subheader(t("data.history.title"))
    history = data_store.history_table(store, lang)
    st.dataframe(history, hide_index=True, width="stretch")
    if user.role == "admin":
        ids = [v.id for v in store.versions() if v.id != version.id]
        if ids:
            target = st.selectbox(t("data.rollback.choose"), ids, key="data_rollback_id", format_func=lambda i: f"#{i}")
            confirm = st.checkbox(t("data.rollback.confirm", id=target), key="data_rollback_confirm")
            if st.button(
                t("data.rollback.go"), disabled=not confirm, icon=":material/history:", key="data_rollback_go"
            ):
                data_store.run_write(lambda: store.rollback(target, user))

else:  # export & templates
    st.subheader(t("data.export.title"))
    frame = export_frame(dataset.frame, user)
    if not sees_economics(user):
        st.caption(f":material/lock: {t('data.export.no_economics')}")
    row = st.container(horizontal=True)
    row.download_button(
        t("data.export.csv"),
        write_csv(frame, lang=lang),
        f"registri-ovop-v{version.id}.csv",
        "text/csv",
        icon=":material/download:",
        key="data_export_csv",
    )
    row.download_button(
        t("data.export.xlsx"),
        write_xlsx(frame, lang=lang),
        f"registri-ovop-v{version.id}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="data_export_xlsx",
    )
    st.subheader(t("data.template.title"))
    st.caption(t("data.template.help"))
    row = st.container(horizontal=True)
    row.download_button(
        t("data.template.csv"),
        template_csv(lang),
        f"templat-registri-{lang}.csv",
        "text/csv",
        icon=":material/description:",
        key="data_template_csv",
    )
    row.download_button(
        t("data.template.xlsx"),
        template_xlsx(lang),
        f"templat-registri-{lang}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key="data_template_xlsx",
    )
