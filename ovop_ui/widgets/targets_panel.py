"""Targets (DESIGN.md §11): progress towards a region's target on the overview and the region
profile, whether a what-if scenario reaches it, and the admin's editor.

The rule (done / on track / behind) and the table's checks live in ``ovop_core.targets``; this
module finds the targets in force (an admin's newest saved version, else ``data/targets.csv``),
the region's history of recognised products per round, and lays the figures out in the visitor's
language. The status is always written in words with an icon, never shown by colour alone.
"""

from __future__ import annotations

import io
from fractions import Fraction

import pandas as pd
import streamlit as st

from ovop_core import regions, summary

try:  # the rounds read model (issue 14, first part) is being built beside this module
    from ovop_core import rounds as _rounds
except ImportError:  # pragma: no cover - until it is on main
    _rounds = None
from ovop_core import targets as tg
from ovop_core.store import Store
from ovop_core.store.settings import SettingVersion
from ovop_ui.builders.palette import TARGET_BADGE
from ovop_ui.data_access.dataset import today
from ovop_ui.data_access.store import flash, run_write, store
from ovop_ui.shell.session import current_user
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import translate

ICONS = {"done": ":material/check_circle:", "on_track": ":material/trending_up:", "behind": ":material/warning:"}
SETTING = "targets"


@st.cache_resource(show_spinner=False)
def _shipped_targets() -> tg.Targets:
    """The shipped demo targets (``data/targets.csv``), read once per server."""
    return tg.read_targets()


@st.cache_resource(max_entries=4, show_spinner=False)
def _saved_targets(setting_id: int, content: str) -> tg.Targets | None:
    """An admin's saved targets (checked when saved; None if this code no longer accepts them)."""
    try:
        return tg.parse_targets(content, SETTING)
    except tg.TargetsError:
        return None


def targets_in_force() -> tuple[tg.Targets, SettingVersion | None]:
    """The newest targets an admin saved in the store, else the shipped file."""
    s = store()
    saved = s.setting(SETTING) if s is not None else None
    found = _saved_targets(saved.id, saved.content) if saved is not None else None
    return (found, saved) if found is not None else (_shipped_targets(), None)


def this_year() -> int:
    """The year a registry without rounds is dated (its one round is "now")."""
    return int(today()[:4])


def history(table: pd.DataFrame, code: str, this_year: int) -> tuple[pd.Series, pd.Series]:
    """Recognised and rated products per assessment round (index: round year) of region ``code``.

    ``table``: the analysed table, with every round when the registry holds several (``round``
    column). The recognised counts are the rounds read model's (``ovop_core.rounds.recognised_trend``,
    once it is on main; until then the same sum of the ``recognised`` column per round); rated is
    stars > 0, as in ``summary.compute_kpis``. Without rounds the registry is one round, dated
    ``this_year``, with the summary's figures (a test keeps them equal to ``compute_kpis``)."""
    # Only the columns counted: selecting rows of the whole analysed table copies every column.
    needed = [c for c in ("region_code", "province", "place_code", "round", "recognised", "stars") if c in table]
    table = table[needed]
    products = summary.scope(table, code)
    if "round" in products.columns and products["round"].notna().any():
        by = products["round"].astype("Int64")
        trend = getattr(_rounds, "recognised_trend", None)
        if trend is not None:
            recognised = trend(table, code)
        else:
            recognised = products["recognised"].groupby(by).sum().astype(int)
        return recognised, (products["stars"] > 0).groupby(by).sum().astype(int)
    # compute_kpis's own two sums, without its region and village counts (10² ms on 500k rows)
    recognised, rated = int(products["recognised"].sum()), int((products["stars"] > 0).sum())
    return pd.Series({this_year: recognised}), pd.Series({this_year: rated})


def _place(code: str, lang: str) -> str:
    return md_escape(regions.region_label(code)) if code else translate("map.indonesia", lang)


def _figure(value: Fraction | None, lang: str, share: bool) -> str:
    if value is None:
        return "–"
    if share:
        return f"{number(float(value), lang, 1)} %"
    return number(float(value), lang, 0 if value.denominator == 1 else 1)


def progress_box(table: pd.DataFrame, code: str, lang: str, filtered: bool = False) -> None:
    """The region's progress towards its target, or one line saying none is set (and, for an
    admin, where to set one). ``table``: the analysed table, all products (targets count them
    all, whatever the page's other filters)."""
    found, _ = targets_in_force()
    recognised, rated = history(table, code, this_year())
    newest = int(recognised.index.max())
    target = found.current(code, newest)
    with st.container(border=True):
        st.markdown(f"**{translate('target.title', lang)}** · {_place(code, lang)}")
        if target is None:
            st.caption(":material/flag: " + translate("target.none", lang))
            if len(code) > len("NN.NN"):  # a kecamatan: targets stop at the kab/kota
                st.caption(translate("target.none_kecamatan", lang))
            elif current_user().is_admin:
                st.caption(translate("target.none_admin", lang))
            return
        p = tg.progress(target, recognised, rated)
        _status_line(p, target, lang)
        figures = [
            (translate("target.current", lang, year=p.newest_round), _figure(p.current, lang, False)),
            (translate("target.goal", lang, year=p.year), _figure(p.target, lang, False)),
        ]
        if p.expected is not None and p.status != "done":  # no path with one round: no card with a dash
            figures.append((translate("target.expected", lang), _figure(p.expected, lang, False)))
        figures.append((translate("target.gap", lang), _figure(p.gap, lang, False)))
        with st.container(horizontal=True):  # cards wrap in the map's narrow profile column
            for label, value in figures:
                st.metric(label, value, border=True)
        if p.share is not None:
            s = p.share
            key = "target.share_line" if s.expected is not None else "target.share_line_no_path"
            st.markdown(
                f"{ICONS[s.status]} "
                + translate(
                    key,
                    lang,
                    status=translate(f"target.status.{s.status}", lang),
                    current=_figure(s.current, lang, True),
                    target=_figure(s.target, lang, True),
                    expected=_figure(s.expected, lang, True),
                    year=s.year,
                )
            )
        st.caption(_rule_note(p, lang) + (f"  \n{translate('target.all_products', lang)}" if filtered else ""))


def _status_line(p: tg.Progress, target: tg.Target, lang: str) -> None:
    status = translate(f"target.status.{p.status}", lang)
    st.badge(status, icon=ICONS[p.status], color=TARGET_BADGE[p.status])
    st.markdown(
        translate(
            f"target.sentence.{p.status}",
            lang,
            current=_figure(p.current, lang, False),
            target=number(target.recognised, lang),
            year=target.year,
            gap=_figure(p.gap, lang, False),
            expected=_figure(p.expected, lang, False),
        )
    )


def _rule_note(p: tg.Progress, lang: str) -> str:
    """Why the status is what it is, in one sentence the reader can check."""
    if p.status == "done":
        return translate("target.rule.done", lang)
    if p.newest_round >= p.year:
        return translate("target.rule.past", lang, year=p.year, round=p.newest_round)
    if p.rounds < 2:
        return translate("target.rule.single", lang, round=p.newest_round)
    return translate("target.rule.path", lang, first=p.first_round, newest=p.newest_round, year=p.year)


def scenario_line(products: pd.DataFrame, code: str, lang: str) -> None:
    """Whether the scenario's recognised products after reach the region's target (one line)."""
    found, _ = targets_in_force()
    target = found.current(code, this_year())
    place = _place(code, lang)
    if target is None:
        st.caption(":material/flag: " + translate("target.scenario_none", lang, region=place))
        return
    before, after = tg.recognised_after(products, code, "stars"), tg.recognised_after(products, code)
    params = dict(year=target.year, target=number(target.recognised, lang), region=place,
                  before=number(before, lang), after=number(after, lang))  # fmt: skip
    if tg.reaches(target, after):
        key = "target.scenario_already" if tg.reaches(target, before) else "target.scenario_reaches"
        st.success(translate(key, lang, **params), icon=ICONS["done"])
    else:
        short = number(target.recognised - after, lang)
        st.warning(translate("target.scenario_short", lang, short=short, **params), icon=ICONS["behind"])


def targets_editor(lang: str) -> None:
    """The targets table: read-only for everyone, editable by an admin (saved as a new version,
    checked first: nothing is saved when a row is wrong)."""
    flash()
    found, saved = targets_in_force()
    with st.expander(translate("target.edit_title", lang), icon=":material/flag:"):
        st.caption(translate("target.edit_help", lang))
        if saved is None:
            st.caption(translate("target.shipped", lang))
        else:
            when = saved.created_at.strftime("%Y-%m-%d %H:%M UTC")
            st.caption(translate("target.saved", lang, author=md_escape(saved.author), when=when))
        s, user = store(), current_user()
        frame = _table(found)
        if s is None or not user.is_admin:
            st.dataframe(_readable(frame, lang), hide_index=True, width="stretch")
            _versions(s, lang)
            return
        edited = st.data_editor(frame, num_rows="dynamic", hide_index=True, width="stretch", key="targets_editor")
        note = st.text_input(translate("target.note", lang), key="targets_note")
        row = st.container(horizontal=True)
        if row.button(translate("target.save", lang), icon=":material/save:", key="targets_save"):
            content = edited.fillna("").to_csv(index=False, lineterminator="\n")
            try:
                tg.parse_targets(content, translate("target.table", lang))
            except tg.TargetsError as exc:
                st.error(md_escape(exc.text(lang)), icon=":material/error:")
                return
            run_write(lambda: s.save_setting(SETTING, content, user, note))
        if saved is not None and row.button(translate("target.reset", lang), icon=":material/restart_alt:",
                                            key="targets_reset"):  # fmt: skip
            content = tg.DEFAULT_TARGETS.read_text(encoding="utf-8")
            run_write(lambda: s.save_setting(SETTING, content, user, note or translate("target.reset", lang)))
        _versions(s, lang)


def _versions(s: Store | None, lang: str, limit: int = 10) -> None:
    """The saved versions of the targets, newest first: who changed them, when, and why."""
    versions = s.setting_history(SETTING, limit) if s is not None else []
    if not versions:
        return
    st.caption(translate("target.versions", lang))
    table = pd.DataFrame(
        {
            translate("target.col.when", lang): [v.created_at.strftime("%Y-%m-%d %H:%M UTC") for v in versions],
            translate("target.col.author", lang): [v.author for v in versions],
            translate("target.col.note", lang): [v.note for v in versions],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="targets_versions")


def _table(found: tg.Targets) -> pd.DataFrame:
    """The targets as text cells (what the editor shows and the CSV the store keeps)."""
    text = found.to_csv()
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _readable(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table for a reader: region names beside the codes, headers in the visitor's language."""
    names = frame["region_code"].map(lambda c: regions.region_label(c) if c else translate("map.indonesia", lang))
    return pd.DataFrame(
        {
            translate("target.col.region", lang): names,
            translate("target.col.code", lang): frame["region_code"],
            translate("target.col.year", lang): frame["year"],
            translate("target.col.recognised", lang): frame["recognised"],
            translate("target.col.share", lang): frame["share_recognised"],
        }
    )
