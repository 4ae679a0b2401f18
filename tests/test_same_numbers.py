"""One scenario, one answer: the what-if page, the present slide, the region brief and
`python -m ovop_core whatif` give the same numbers (DESIGN.md §5, issue 12).

The scenario is the one an official asks about — halal and permits for Jawa Tengah, plus quality
— on a mixed-category target, so the interventions apply to some products and not others.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import open_app
from streamlit.testing.v1 import AppTest

from ovop_core import rounds
from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.scenario import Scenario
from ovop_core.summary import analysed_table
from ovop_core.whatif import run_whatif
from ovop_ui.builders.brief import region_brief_html
from ovop_ui.text.i18n import translate

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "products_demo.csv"
LINK = {"q": "10", "iv": "halal,permit", "tr": "33"}
LANG = "en"


@pytest.fixture(scope="module")
def cli() -> dict:
    args = Scenario.from_query(LINK).to_cli_args()
    run = subprocess.run(
        [sys.executable, "-m", "ovop_core", "whatif", str(DEMO), *args, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def before_after(at: AppTest, key: str) -> tuple[int, int]:
    """A metric shown as "before → after"."""
    value = next(m.value for m in at.metric if m.label == translate(key, LANG))
    before, after = (int(part.strip().replace(",", "")) for part in value.split("→"))
    return before, after


def count(at: AppTest, key: str) -> int:
    return int(next(m.value for m in at.metric if m.label == translate(key, LANG)).replace(",", ""))


def app(monkeypatch, mode: str, page: str | None = None, **params) -> AppTest:
    return open_app(monkeypatch, mode, page, timeout=120, **{"lang": LANG, **LINK, **params})


def test_the_scenario_is_mixed_so_halal_applies_to_food_only(cli):
    halal = cli["not_applied_reasons"]["halal"]
    assert 0 < cli["applied"]["halal"] < cli["n_targeted"]
    assert cli["applied"]["halal"] + cli["not_applied"]["halal"] == cli["n_targeted"]
    assert set(halal["category"]) == {"tekstil", "rumah_tangga", "kerajinan"}  # never food, drink or herbal
    assert sum(map(sum, cli["transition_matrix"])) + cli["not_rated"] == cli["n_targeted"]


def test_the_what_if_page_gives_the_cli_numbers(monkeypatch, cli):
    at = app(monkeypatch, "normal", "app_pages/whatif.py")
    assert before_after(at, "whatif.recognised") == (cli["recognised_before"], cli["recognised_after"])
    assert before_after(at, "whatif.potential") == (cli["potential_before"], cli["potential_after"])
    assert count(at, "whatif.targeted") == cli["n_targeted"]


def test_the_present_slide_gives_the_cli_numbers(monkeypatch, cli):
    at = app(monkeypatch, "present", step="4")
    assert before_after(at, "present.recognised_change") == (cli["recognised_before"], cli["recognised_after"])
    assert before_after(at, "present.potential_change") == (cli["potential_before"], cli["potential_after"])
    assert count(at, "whatif.targeted") == cli["n_targeted"]


def test_the_region_brief_gives_the_cli_numbers(cli):
    frame = rounds.current(read_registry(DEMO.read_bytes()).frame.drop(columns=["_row"]))
    result = run_whatif(frame, Scenario.from_query(LINK))
    document = region_brief_html(analysed_table(frame, DEFAULT_MODEL), "33", LANG, DEFAULT_MODEL.version, whatif=result)
    text = html.unescape(re.sub(r"<[^>]+>", "", document))
    recognised = f"{translate('whatif.recognised', LANG)}: {cli['recognised_before']:,} → {cli['recognised_after']:,}"
    potential = f"{translate('kpi.potential', LANG)}: {cli['potential_before']:,} → {cli['potential_after']:,}"
    assert recognised in text
    assert potential in text
