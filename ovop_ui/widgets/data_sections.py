"""The Data page's frame and its read-only sections: the current version, the section choice,
the version history (with the admin's roll back) and the export and templates.

What a user may do is decided by the core (``User.can_write``, ``User.is_admin``,
``Store.rollback_choices``) and checked again by the store on every write.
"""

from __future__ import annotations

import streamlit as st

from ovop_core.export import write_csv, write_xlsx
from ovop_core.store import DatasetVersion, Store
from ovop_core.templates import template_csv, template_xlsx
from ovop_core.users import User
from ovop_ui.data_access import store as data_store
from ovop_ui.data_access.dataset import Dataset
from ovop_ui.shell.access import export_frame, sees_economics
from ovop_ui.shell.state import t
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import translate

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def store_unavailable(dataset: Dataset) -> None:
    """Say the data store cannot be used, unless the frame has said it already."""
    if not any(p.key == "data.problem.store" for p in dataset.problems):
        st.warning(t("data.store_unavailable"), icon=":material/database_off:")


def version_card(version: DatasetVersion, lang: str) -> None:
    """The current dataset version: number, rows, author and when."""
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


def choose_section(user: User, lang: str) -> str:
    """Everyone sees the history and the export; writers also import and edit (first)."""
    sections = ["history", "export"]
    if user.can_write:
        sections = ["import", "edit", "photos", *sections]
    chosen = st.segmented_control(
        t("data.section"),
        sections,
        default=sections[0],
        key="data_section",
        format_func=lambda s: translate(f"data.section.{s}", lang),
    )
    return chosen or sections[0]


def history_section(store: Store, user: User, lang: str) -> None:
    st.subheader(t("data.history.title"))
    st.dataframe(data_store.history_table(store, lang), hide_index=True, width="stretch")
    if not user.is_admin:
        return
    ids = store.rollback_choices()
    if ids:
        target = st.selectbox(t("data.rollback.choose"), ids, key="data_rollback_id", format_func=lambda i: f"#{i}")
        confirm = st.checkbox(t("data.rollback.confirm", id=target), key="data_rollback_confirm")
        if st.button(t("data.rollback.go"), disabled=not confirm, icon=":material/history:", key="data_rollback_go"):
            data_store.run_write(lambda: store.rollback(target, user))


def export_section(dataset: Dataset, user: User, version: DatasetVersion, lang: str) -> None:
    """The registry as this user may take it (CSV, XLSX), and the empty templates."""
    st.subheader(t("data.export.title"))
    frame = export_frame(dataset.all_rounds, user)  # every round: an export read back restores them all
    if not sees_economics(user):
        st.caption(f":material/lock: {t('data.export.no_economics')}")
    row = st.container(horizontal=True)
    name = f"registri-ovop-v{version.id}"
    row.download_button(
        t("data.export.csv"),
        write_csv(frame, lang=lang),
        f"{name}.csv",
        "text/csv",
        icon=":material/download:",
        key="data_export_csv",
    )
    row.download_button(
        t("data.export.xlsx"),
        write_xlsx(frame, lang=lang),
        f"{name}.xlsx",
        XLSX_MIME,
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
        XLSX_MIME,
        icon=":material/table:",
        key="data_template_xlsx",
    )
