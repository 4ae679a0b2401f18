"""Edit one product's assessment with a live score and star preview before saving.

The preview runs the product through the same scoring as everything else; the save goes through
the store, which validates the row like an imported file and refuses stale or unauthorised edits.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from ovop_core.model import CRITERIA, PERMITS, SUB_ITEMS
from ovop_core.pipeline import STAGES, pipeline_status
from ovop_core.scoring import score_table
from ovop_ui.data_access.store import load_with_revisions, run_write
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import criterion_name, stage_name, stars_text, translate


def _editable(frame: pd.DataFrame, user) -> pd.DataFrame:
    return frame[user.editable(frame["region_code"])]


def product_editor(store, user, lang: str) -> None:
    def t(key: str, **values) -> str:
        return translate(key, lang, **values)

    st.subheader(t("data.edit.title"))
    frame = load_with_revisions(store, store.current_version().id)
    mine = _editable(frame, user).sort_values("name")
    if mine.empty:
        st.info(t("data.edit.none"), icon=":material/lock:")
        return
    labels = dict(zip(mine["product_id"], mine["name"] + " · " + mine["product_id"]))
    pid = st.selectbox(t("data.edit.product"), list(labels), format_func=labels.get, key="edit_product")
    row = mine.set_index("product_id").loc[pid]
    # The revision the user started from: a save against it is refused if someone saved meanwhile,
    # instead of the form silently reloading and losing what this user typed.
    bases = st.session_state.setdefault("_edit_base", {})
    base = bases.setdefault(pid, int(row["revision"]))
    k = f"edit_{pid}_{base}"
    if base != int(row["revision"]):
        st.warning(t("data.edit.changed_meanwhile"), icon=":material/sync_problem:")
        if st.button(t("data.edit.reload"), icon=":material/refresh:", key=f"{k}_reload"):
            bases[pid] = int(row["revision"])
            st.rerun()

    detailed_now = bool(pd.notna(row[[s.key for s in SUB_ITEMS]]).all())
    detailed = st.toggle(t("data.edit.detailed"), value=detailed_now, key=f"{k}_detailed")
    changes: dict = {}
    if detailed:
        cols = st.columns(len(CRITERIA))
        for col, crit in zip(cols, CRITERIA):
            col.markdown(f"**{crit.upper()}** · {criterion_name(crit, lang)}")
            for item in (s for s in SUB_ITEMS if s.criterion == crit):
                current = row[item.key]
                changes[item.key] = float(
                    col.selectbox(
                        f"{item.key} · {item.name_id if lang == 'id' else item.name_en} ({item.points})",
                        [0, 1, 2, 3],
                        index=int(current) if pd.notna(current) else 0,
                        key=f"{k}_{item.key}",
                    )
                )
    else:
        cols = st.columns(len(CRITERIA))
        for col, crit in zip(cols, CRITERIA):
            current = row[crit]
            changes[crit] = float(
                col.number_input(
                    f"{crit.upper()} · {criterion_name(crit, lang)}",
                    0.0,
                    100.0,
                    value=float(current) if pd.notna(current) else 0.0,
                    step=0.5,
                    key=f"{k}_{crit}",
                )
            )
        changes.update({s.key: np.nan for s in SUB_ITEMS})

    cols = st.columns(4)
    for col, flag in zip(cols, ("nib", "halal", "brand", "export")):
        changes[flag] = col.toggle(t(f"data.edit.{flag}"), value=bool(row[flag]), key=f"{k}_{flag}")
    cols = st.columns(4)
    changes["permit"] = cols[0].selectbox(
        t("data.edit.permit"), list(PERMITS), index=list(PERMITS).index(row["permit"]), key=f"{k}_permit"
    )
    changes["stage"] = cols[1].selectbox(
        t("col.stage"),
        [s.number for s in STAGES],
        index=int(row["stage"]),
        format_func=lambda s: stage_name(s, lang),
        key=f"{k}_stage",
    )
    since = row["stage_since"]
    changes["stage_since"] = pd.Timestamp(
        cols[2].date_input(
            t("data.edit.since"), value=since.date() if pd.notna(since) else date.today(), key=f"{k}_since"
        )
    )
    changes["assessors"] = float(
        cols[3].number_input(
            t("data.edit.assessors"),
            0,
            50,
            value=int(row["assessors"]) if pd.notna(row["assessors"]) else 0,
            key=f"{k}_assessors",
        )
    )

    preview = row.to_frame().T.reset_index(names="product_id").drop(columns=["revision"])
    for key, value in changes.items():
        preview[key] = value
    preview = preview.astype(frame.drop(columns=["revision"]).dtypes.to_dict())
    scored = score_table(preview)
    status = pipeline_status(scored)
    before = score_table(
        row.to_frame()
        .T.reset_index(names="product_id")
        .drop(columns=["revision"])
        .astype(frame.drop(columns=["revision"]).dtypes.to_dict())
    )
    with st.container(border=True):
        st.markdown(f"**{t('data.edit.preview', name=md_escape(row['name']))}**")
        cols = st.columns(3)
        old_score, new_score = before["score"].iloc[0], scored["score"].iloc[0]
        delta = None if pd.isna(old_score) or pd.isna(new_score) else new_score - old_score
        cols[0].metric(
            t("col.score"), number(new_score, lang, 1), delta=None if not delta else number(delta, lang, 1), border=True
        )
        cols[1].metric(t("col.stars"), stars_text(scored["stars"].iloc[0], lang), border=True)
        eligible = bool(status["eligible_next_stage"].iloc[0])
        cols[2].metric(t("col.next"), t("common.yes") if eligible else t("common.no"), border=True)
        reason = scored[f"cap_reason_{lang}"].iloc[0]
        if reason:
            st.warning(t("overview.capped", reason=md_escape(reason)), icon=":material/lock:")
        blocking = status[f"blocking_reason_{lang}"].iloc[0]
        if blocking:
            st.caption(f"{t('col.blocking')}: {md_escape(blocking)}")

    note = st.text_input(t("data.note"), key=f"{k}_note", max_chars=200)
    if st.button(t("data.edit.save"), type="primary", icon=":material/save:", key=f"{k}_save"):
        if run_write(
            lambda: store.update_product(pid, changes, expected_revision=base, user=user, note=note),
            on_success=lambda: bases.pop(pid, None),
        ):
            return
