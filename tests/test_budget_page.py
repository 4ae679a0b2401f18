"""The what-if page's budget planner (AppTest): the same plan as `python -m ovop_core plan`, in
both languages, for the region chosen in the sidebar, with downloads for the minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import deferred_downloads, fresh_data, open_app
from store_helpers import ADMIN

from ovop_core import rounds
from ovop_core.costs import parse_costs, read_costs
from ovop_core.planning import plan_budget
from ovop_core.registry import read_registry
from ovop_ui.text.format import number, rupiah
from ovop_ui.text.i18n import translate

DEMO = Path(__file__).resolve().parent.parent / "data" / "products_demo.csv"


def open_planner(monkeypatch, lang: str, **params):
    at = open_app(monkeypatch, "normal", "app_pages/whatif.py", lang=lang, **params)
    at.segmented_control(key="wi_question").set_value("budget").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def card(at, key: str, lang: str) -> str:
    return next(m.value for m in at.metric if m.label == translate(key, lang))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_planner_shows_the_plan_the_core_makes(monkeypatch, lang):
    at = open_planner(monkeypatch, lang)
    frame = rounds.current(read_registry(DEMO).frame.drop(columns=["_row"]))
    plan = plan_budget(frame, 500_000_000, read_costs())
    assert card(at, "plan.kpi.cost", lang) == rupiah(plan.total_cost, lang)
    assert card(at, "plan.kpi.products", lang) == number(len(plan.chosen), lang)
    assert card(at, "plan.kpi.recognised", lang) == number(plan.newly_recognised, lang)
    assert at.info[0].value.startswith(translate("plan.sentence", lang).split("{")[0])
    shown = at.dataframe[0].value
    assert len(shown) == len(plan.chosen)
    assert list(shown[translate("col.product_id", lang)]) == list(plan.chosen["product_id"])
    assert {b.label for b in at.get("download_button")} >= {
        translate("plan.download_csv", lang),
        translate("plan.download_xlsx", lang),
    }


def test_a_smaller_budget_and_fewer_interventions_change_the_plan(monkeypatch):
    at = open_planner(monkeypatch, "en")
    at.number_input(key="plan_budget").set_value(2_000_000).run()
    at.pills(key="plan_intervene").set_value(["brand"]).run()
    frame = rounds.current(read_registry(DEMO).frame.drop(columns=["_row"]))
    plan = plan_budget(frame, 2_000_000, read_costs(), ("brand",))
    assert card(at, "plan.kpi.cost", "en") == rupiah(plan.total_cost, "en")
    assert plan.total_cost <= 2_000_000
    assert set(at.dataframe[0].value[translate("plan.col.interventions", "en")]) == {
        translate("intervention.brand", "en")
    }


def test_the_plan_covers_the_province_chosen_in_the_sidebar(monkeypatch):
    at = open_planner(monkeypatch, "en", prov="33")
    shown = at.dataframe[0].value
    assert len(shown) > 0
    assert all(code.startswith("OVOP-33.") for code in shown[translate("col.product_id", "en")])


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


def _store():
    from ovop_core.store import Store

    return Store.from_env()


def test_costs_an_admin_saved_are_the_ones_the_plan_uses(monkeypatch, data_dir):
    at = open_planner(monkeypatch, "en")  # opens (and seeds) the store in the test's data folder
    cheap = (DEMO.parent / "costs.csv").read_text(encoding="utf-8").replace("nib,*,250000", "nib,*,1000")
    with _store() as s:
        s.save_setting("costs", cheap, ADMIN, note="cheaper NIB")
    at = open_planner(monkeypatch, "en")
    frame = rounds.current(read_registry(DEMO).frame.drop(columns=["_row"]))
    plan = plan_budget(frame, 500_000_000, parse_costs(cheap))
    assert card(at, "plan.kpi.cost", "en") == rupiah(plan.total_cost, "en")
    assert any(c.value.startswith("Costs saved by ana") for c in at.caption)


def test_saved_costs_this_version_cannot_read_fall_back_to_the_shipped_ones(monkeypatch, data_dir):
    open_planner(monkeypatch, "en")
    with _store() as s:
        s.save_setting("costs", "intervention,category,cost_idr,source\nnib,*,-1,asumsi\n", ADMIN)
    at = open_planner(monkeypatch, "en")
    frame = rounds.current(read_registry(DEMO).frame.drop(columns=["_row"]))
    plan = plan_budget(frame, 500_000_000, read_costs())
    assert card(at, "plan.kpi.cost", "en") == rupiah(plan.total_cost, "en")
    assert not at.exception


def test_an_admin_sees_the_cost_editor_and_a_visitor_does_not(monkeypatch, data_dir):
    at = open_planner(monkeypatch, "en")
    assert not [e for e in at.get("arrow_data_frame") if "plan_costs_editor" in str(e.proto)]
    assert "plan_costs_save" not in [b.key for b in at.button]
    at.session_state["_signed_in_user"] = ADMIN
    at.run()
    assert "plan_costs_save" in [b.key for b in at.button]


def test_the_plan_files_are_built_on_click_and_hold_the_plan(monkeypatch):
    """Deferred: moving the budget slider must not rebuild (and orphan) the files on every rerun."""
    deferred = deferred_downloads(monkeypatch)
    open_planner(monkeypatch, "id")
    assert {"rencana_anggaran.csv", "rencana_anggaran.xlsx"} <= set(deferred)
    frame = rounds.current(read_registry(DEMO).frame.drop(columns=["_row"]))
    plan = plan_budget(frame, 500_000_000, read_costs())
    csv_text = deferred["rencana_anggaran.csv"]().decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == len(plan.chosen) + 1
    assert all(pid in csv_text for pid in plan.chosen["product_id"])
    assert deferred["rencana_anggaran.xlsx"]()[:2] == b"PK"
