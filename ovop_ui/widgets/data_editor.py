"""Edit one product's assessment with a live score and star preview before saving.

The widgets gather the changes; ``ovop_core.store.preview_edit`` runs the product through the
same scoring, pipeline and registry rules as everything else, and this module only shows what it
found. The save goes through the store, which validates the row like an imported file and
refuses stale or unauthorised edits.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from ovop_core import rounds
from ovop_core.model import CRITERIA, PERMITS, SUB_ITEMS
from ovop_core.pipeline import STAGES
from ovop_core.store import EditPreview, preview_edit
from ovop_ui.data_access.store import load_with_revisions, run_write
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import criterion_name, stage_name, stars_text, translate


def product_editor(store, user, lang: str) -> None:
    """Choose a product of the user's regions, change its assessment, preview it, save it."""
    st.subheader(translate("data.edit.title", lang))
    product = choose_product(store, user, lang, key="edit_product")
    if product is None:
        return
    pid = str(product["product_id"].iloc[0])
    row = product.iloc[0]
    base = _base_revision(pid, int(row["revision"]), lang)
    k = f"edit_{pid}_{base}"
    changes = {**_criterion_inputs(row, k, lang), **_evidence_inputs(row, k, lang)}
    show_preview(preview_edit(product, changes), row["name"], lang)
    note = st.text_input(translate("data.note", lang), key=f"{k}_note", max_chars=200)
    if st.button(translate("data.edit.save", lang), type="primary", icon=":material/save:", key=f"{k}_save"):
        run_write(
            lambda: store.update_product(
                pid, changes, expected_revision=base, user=user, note=note, round=_round_of(row)
            ),
            on_success=lambda: st.session_state["_edit_base"].pop(pid, None),
        )


def choose_product(store, user, lang: str, key: str) -> pd.DataFrame | None:
    """A selectbox of the products the user may change, as they are "now" (the newest round; an older
    round is history, not edited here); the chosen product's row, or None (with a notice) when the
    user's regions hold none."""
    frame = rounds.current(load_with_revisions(store, store.current_version().id))
    mine = frame[user.editable(frame["region_code"])].sort_values("name")
    if mine.empty:
        st.info(translate("data.edit.none", lang), icon=":material/lock:")
        return None
    labels = dict(zip(mine["product_id"], mine["name"] + " · " + mine["product_id"]))
    pid = st.selectbox(translate("data.edit.product", lang), list(labels), format_func=labels.get, key=key)
    return mine[mine["product_id"] == pid]


def _round_of(row: pd.Series) -> int | None:
    return None if pd.isna(row.get("round")) else int(row["round"])


def _base_revision(pid: str, revision: int, lang: str) -> int:
    """The revision the user started from: a save against it is refused if someone saved meanwhile,
    instead of the form silently reloading and losing what this user typed."""
    bases = st.session_state.setdefault("_edit_base", {})
    base = bases.setdefault(pid, revision)
    if base != revision:
        st.warning(translate("data.edit.changed_meanwhile", lang), icon=":material/sync_problem:")
        if st.button(translate("data.edit.reload", lang), icon=":material/refresh:", key=f"edit_{pid}_{base}_reload"):
            bases[pid] = revision
            st.rerun()
    return base


def _criterion_inputs(row: pd.Series, k: str, lang: str) -> dict:
    """The scores: 17 sub-item levels (detailed format) or k1…k5 (simple format, sub-items emptied)."""
    detailed_now = bool(pd.notna(row[[s.key for s in SUB_ITEMS]]).all())
    detailed = st.toggle(translate("data.edit.detailed", lang), value=detailed_now, key=f"{k}_detailed")
    changes: dict = {}
    for col, crit in zip(st.columns(len(CRITERIA)), CRITERIA):
        if not detailed:
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
            continue
        col.markdown(f"**{crit.upper()}** · {criterion_name(crit, lang)}")
        for item in (s for s in SUB_ITEMS if s.criterion == crit):
            current = row[item.key]
            changes[item.key] = float(
                col.selectbox(
                    f"{item.key} · {item.name(lang)} ({item.points})",
                    [0, 1, 2, 3],
                    index=int(current) if pd.notna(current) else 0,
                    key=f"{k}_{item.key}",
                )
            )
    if not detailed:
        changes.update({s.key: np.nan for s in SUB_ITEMS})
    return changes


def _evidence_inputs(row: pd.Series, k: str, lang: str) -> dict:
    """Legality and market evidence, the stage and since when, and the number of assessors."""
    changes: dict = {}
    flags = ("nib", "halal", "non_halal", "brand", "export")
    for col, flag in zip(st.columns(len(flags)), flags):
        value = bool(row[flag]) if flag in row.index and pd.notna(row[flag]) else False
        changes[flag] = col.toggle(translate(f"data.edit.{flag}", lang), value=value, key=f"{k}_{flag}",
                                   help=translate(f"data.edit.{flag}_help", lang) if flag == "non_halal" else None)  # fmt: skip
    cols = st.columns(5)
    changes["permit"] = cols[0].selectbox(
        translate("data.edit.permit", lang), list(PERMITS), index=list(PERMITS).index(row["permit"]), key=f"{k}_permit"
    )
    changes["stage"] = cols[1].selectbox(
        translate("col.stage", lang),
        [s.number for s in STAGES],
        index=int(row["stage"]),
        format_func=lambda s: stage_name(s, lang),
        key=f"{k}_stage",
    )
    since = row["stage_since"]
    changes["stage_since"] = pd.Timestamp(
        cols[2].date_input(
            translate("data.edit.since", lang),
            value=since.date() if pd.notna(since) else date.today(),
            key=f"{k}_since",
        )
    )
    # Optional: when the current star was set (penetapan); re-evaluation runs from it (§6).
    rated = row["rated_on"] if "rated_on" in row.index else pd.NaT
    picked = cols[3].date_input(
        translate("data.edit.rated_on", lang),
        value=rated.date() if pd.notna(rated) else None,
        key=f"{k}_rated_on",
        help=translate("data.edit.rated_on_help", lang),
    )
    changes["rated_on"] = pd.Timestamp(picked) if picked else None
    assessors = row["assessors"]
    changes["assessors"] = float(
        cols[4].number_input(
            translate("data.edit.assessors", lang),
            0,
            50,
            value=int(assessors) if pd.notna(assessors) else 0,
            key=f"{k}_assessors",
        )
    )
    return changes


def show_preview(preview: EditPreview, name: str, lang: str) -> None:
    """Score (with its change), star and next-stage readiness after the edit; why the star is
    capped or the stage blocked; and what the store would refuse, before the user saves."""
    with st.container(border=True):
        st.markdown(f"**{translate('data.edit.preview', lang, name=md_escape(name))}**")
        cols = st.columns(3)
        change = preview.score_change
        cols[0].metric(
            translate("col.score", lang),
            number(preview.score_after, lang, 1),
            delta=number(change, lang, 1) if change else None,
            border=True,
        )
        cols[1].metric(translate("col.stars", lang), stars_text(preview.stars_after, lang), border=True)
        ready = translate("common.yes" if preview.eligible_next_stage else "common.no", lang)
        cols[2].metric(translate("col.next", lang), ready, border=True)
        if preview.cap_reason(lang):
            reason = md_escape(preview.cap_reason(lang))
            st.warning(translate("overview.capped", lang, reason=reason), icon=":material/lock:")
        if preview.blocking_reason(lang):
            st.caption(f"{translate('col.blocking', lang)}: {md_escape(preview.blocking_reason(lang))}")
        if not preview.problems.empty:
            messages = preview.problems[f"message_{lang}"].map(md_escape)
            st.error("  \n".join(messages), icon=":material/error:")
