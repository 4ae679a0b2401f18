"""Targets in the app (AppTest) and in the store: progress on the overview and the region profile,
the what-if's "reaches the target" line, in both languages; only an admin edits the targets,
checked before saving, each save a version."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from app_helpers import fresh_data, open_app
from store_helpers import ACEH_EDITOR, ADMIN, VIEWER
from test_store import empty_store  # noqa: F401 - the fixture: a migrated store on each backend

from ovop_core import summary
from ovop_core.interventions import INTERVENTIONS
from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.scenario import Scenario
from ovop_core.scenario import Target as ScenarioTarget
from ovop_core.store import PermissionDenied
from ovop_core.targets import TargetsError, parse_targets, recognised_after
from ovop_core.whatif import run_whatif
from ovop_ui.data_access.dataset import today
from ovop_ui.text.format import md_escape
from ovop_ui.text.i18n import translate
from ovop_ui.widgets import scenario as scenario_widgets

DEMO = Path(__file__).resolve().parent.parent / "data" / "products_demo.csv"
HEADER = "region_code,year,recognised,share_recognised\n"
YEAR = int(today()[:4])


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


def demo() -> pd.DataFrame:
    """The demo registry "now": its newest round when it holds several (DESIGN §3), as the app shows it."""
    frame = read_registry(DEMO).frame.drop(columns=["_row"])
    if "round" in frame.columns and frame["round"].notna().any():
        frame = frame[frame["round"] == frame["round"].max()].reset_index(drop=True)
    return frame


def newest_round() -> int:
    """The year the app dates "now": the newest round, or this year for a registry without rounds."""
    frame = demo()
    return int(frame["round"].max()) if "round" in frame.columns and frame["round"].notna().any() else YEAR


def recognised_in(code: str) -> int:
    """Hand check: the recognised products of ``code`` in the demo data, as the app's table counts them."""
    table = summary.analysed_table(demo(), DEFAULT_MODEL, today())
    return int(summary.scope(table, code)["recognised"].sum())


def save_targets(content: str) -> None:
    from ovop_core.store import Store

    with Store.from_env() as s:
        s.save_setting("targets", content, ADMIN, note="test")


def texts(at) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def failed(at) -> list[str]:
    """The app catches a failing page and shows an error; a test must see it."""
    return [e.value for e in at.error]


# --- store -----------------------------------------------------------------------------------


def test_targets_round_trip_through_the_store_with_their_history(empty_store):  # noqa: F811
    first = HEADER + "33,2027,45,\n"
    second = HEADER + "33,2027,50,40\n,2027,450,\n"
    empty_store.save_setting("targets", first, ADMIN, note="RPJMD 2025")
    empty_store.save_setting("targets", second, ADMIN, note="revisi")
    assert parse_targets(empty_store.setting("targets").content).items == parse_targets(second).items
    assert [v.note for v in empty_store.setting_history("targets")] == ["revisi", "RPJMD 2025"]
    assert empty_store.setting("costs") is None  # settings are kept apart by name


@pytest.mark.parametrize("user", [VIEWER, ACEH_EDITOR])
def test_only_an_admin_saves_targets(empty_store, user):  # noqa: F811
    with pytest.raises(PermissionDenied):
        empty_store.save_setting("targets", HEADER + "33,2027,45,\n", user)
    assert empty_store.setting("targets") is None


# --- overview and profile --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "reached", "behind"),
    [("id", "Target {y} tercapai: **{n}**", "Tertinggal dari target {y}: **{n}**"),
     ("en", "The {y} target is reached: **{n}**", "Behind the {y} target: **{n}**")],
)  # fmt: skip
def test_the_overview_shows_done_or_behind_with_the_numbers(monkeypatch, data_dir, lang, reached, behind):
    # Done: the count itself as the target. Behind: three more, due this round (no time left on any path).
    n, now = recognised_in("33"), newest_round()
    open_app(monkeypatch, lang=lang)  # seeds the store in the test's folder
    save_targets(HEADER + f"33,{now + 1},{n},\n11,{now},{recognised_in('11') + 3},\n")
    at = open_app(monkeypatch, lang=lang, prov="33")
    assert not failed(at)
    assert any(t.startswith(reached.format(y=now + 1, n=n)) for t in texts(at)), texts(at)
    assert translate("target.status.done", lang) in str([b.proto for b in at.get("badge")] + texts(at))
    at = open_app(monkeypatch, lang=lang, prov="11")
    shown = {m.label: m.value for m in at.metric}
    assert shown[translate("target.gap", lang)] == "3"
    assert shown[translate("target.goal", lang, year=now)] == str(recognised_in("11") + 3)
    assert any(t.startswith(behind.format(y=now, n=recognised_in("11"))) for t in texts(at))
    assert translate("target.rule.past", lang, year=now, round=now) in texts(at)


def test_a_region_without_a_target_says_so_and_an_admin_is_told_where_to_set_one(monkeypatch, data_dir):
    at = open_app(monkeypatch, lang="en", prov="14")  # Riau: no shipped target
    assert ":material/flag: " + translate("target.none", "en") in texts(at)
    assert translate("target.none_admin", "en") not in texts(at)
    at.session_state["_signed_in_user"] = ADMIN
    at.run()
    assert translate("target.none_admin", "en") in texts(at)


def test_a_kecamatan_is_told_that_targets_stop_at_the_kabkota(monkeypatch, data_dir):
    from ovop_core import regions

    kecamatan = regions.kecamatan().query("kabkota == '33.74'")["code"].iloc[0]
    at = open_app(monkeypatch, lang="id", prov="33", kab="33.74", kec=kecamatan)
    assert ":material/flag: " + translate("target.none", "id") in texts(at)
    assert translate("target.none_kecamatan", "id") in texts(at)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_region_profile_shows_the_progress_of_its_target(monkeypatch, data_dir, lang):
    n = recognised_in("33")
    open_app(monkeypatch, lang=lang)
    save_targets(HEADER + f"33,{newest_round() + 1},{n + 2},\n")
    at = open_app(monkeypatch, "normal", "app_pages/map.py", lang=lang, prov="33")
    assert not failed(at)
    shown = {m.label: m.value for m in at.metric}
    assert shown[translate("target.current", lang, year=newest_round())] == str(n)
    assert shown[translate("target.gap", lang)] == "2"
    assert translate("target.title", lang) in str(texts(at))


def test_a_category_filter_does_not_change_the_targets_count_and_the_box_says_so(monkeypatch, data_dir):
    n = recognised_in("33")
    at = open_app(monkeypatch, lang="en", prov="33", cat="pangan")
    shown = {m.label: m.value for m in at.metric}
    assert shown[translate("target.current", "en", year=newest_round())] == str(n)  # all, not the food ones
    assert any(translate("target.all_products", "en") in c for c in texts(at))
    at = open_app(monkeypatch, lang="en", prov="33")
    assert not any(translate("target.all_products", "en") in c for c in texts(at))


# --- what-if ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_whatif_says_whether_the_scenario_reaches_the_target(monkeypatch, data_dir, lang):
    open_app(monkeypatch, lang=lang)
    frame = demo()
    scenario = Scenario(interventions=INTERVENTIONS, target=ScenarioTarget(regions=("33",)))
    before = recognised_in("33")
    after = recognised_after(run_whatif(frame, scenario, today=today()).products, "33")
    assert after > before  # the interventions lift some products: the three cases differ
    for goal, key, box in (
        (after, "target.scenario_reaches", "success"),
        (after + 4, "target.scenario_short", "warning"),
        (before, "target.scenario_already", "success"),
    ):
        save_targets(HEADER + f"33,{YEAR + 1},{goal},\n")
        at = open_app(monkeypatch, "normal", "app_pages/whatif.py", lang=lang, prov="33")
        at.multiselect(key=scenario_widgets.KEY_INTERVENE).set_value(list(INTERVENTIONS)).run()
        params = dict(year=YEAR + 1, target=goal, before=before, after=after, region="Jawa Tengah", short=4)
        assert translate(key, lang, **params) in [e.value for e in getattr(at, box)], key


# --- editing ---------------------------------------------------------------------------------


def test_a_viewer_sees_the_targets_but_cannot_edit_them(monkeypatch, data_dir):
    at = open_app(monkeypatch, lang="en", prov="33")
    assert "targets_save" not in [b.key for b in at.button]
    assert any(translate("target.col.code", "en") in df.value.columns for df in at.dataframe)
    at.session_state["_signed_in_user"] = VIEWER
    at.run()
    assert "targets_save" not in [b.key for b in at.button]


def test_an_admins_bad_table_is_refused_with_row_and_column_and_nothing_is_saved(monkeypatch, data_dir):
    from ovop_core.store import Store

    at = open_app(monkeypatch, lang="id", prov="33")
    at.session_state["_signed_in_user"] = ADMIN
    at.run()
    assert "targets_save" in [b.key for b in at.button]
    # The AppTest cannot type into a data editor: feed the save path the edited table directly.
    edited = HEADER + "33,2027,45,\n99,2027,5,\n"
    monkeypatch.setattr("streamlit.data_editor", lambda data, **_: pd.read_csv(io.StringIO(edited), dtype=str))
    at.run()
    at.button(key="targets_save").click().run()
    with pytest.raises(TargetsError) as caught:
        parse_targets(edited, translate("target.table", "id"))
    assert caught.value.text("id").startswith("tabel target, baris 3, kolom 'region_code': '99'")
    assert md_escape(caught.value.text("id")) in [e.value for e in at.error]
    with Store.from_env() as s:
        assert s.setting_history("targets") == []
    edited = HEADER + "33,2027,45,\n"
    at.button(key="targets_save").click().run()
    with Store.from_env() as s:
        saved = s.setting("targets")
    assert saved.author == ADMIN.username and parse_targets(saved.content).items == parse_targets(edited).items
    versions = next(df.value for df in at.dataframe if translate("target.col.author", "id") in df.value.columns)
    assert list(versions[translate("target.col.author", "id")]) == [ADMIN.username]


# --- the history adapter ---------------------------------------------------------------------


def test_history_counts_recognised_and_rated_per_round_of_the_region():
    from ovop_ui.widgets.targets_panel import history

    table = pd.DataFrame(
        {
            "region_code": ["33.74", "33.74", "33.01", "35.01", "33.74", "33.01"],
            "round": [2024, 2025, 2025, 2025, 2024, 2024],
            "recognised": [True, True, True, True, False, False],
            "stars": [3, 4, 5, 3, 0, 2],
        }
    )
    recognised, rated = history(table, "33", 2026)
    assert recognised.to_dict() == {2024: 1, 2025: 2}
    assert rated.to_dict() == {2024: 2, 2025: 2}


def test_without_rounds_the_history_is_one_point_this_year_with_the_summarys_figures():
    from ovop_ui.widgets.targets_panel import history

    table = summary.analysed_table(demo(), DEFAULT_MODEL, today())
    recognised, rated = history(table.drop(columns=["round"], errors="ignore"), "33", 2031)
    k = summary.compute_kpis(summary.scope(table, "33"))
    assert (recognised.to_dict(), rated.to_dict()) == ({2031: k.n_recognised}, {2031: k.n_rated})
