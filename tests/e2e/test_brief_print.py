"""The region brief opens from a file with no network, draws its charts and prints to A4 PDF."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ovop_core import regions
from ovop_core.model import SUB_ITEM_KEYS
from ovop_core.pipeline import pipeline_status
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table
from ovop_core.whatif import Scenario, Target, run_whatif
from ovop_ui.builders.brief import brief_filename, region_brief_html
from ovop_ui.text.sentences import scenario_sentence

from .browser import ARTIFACTS, ROOT, Watch

XSS = "<img src=x onerror=alert(1)>"
TODAY = "2026-11-29"
PDF_DIR = ROOT / "artifacts"


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    frame = read_registry(ROOT / "data" / "products_demo.csv").frame.drop(columns=["_row"])
    semarang = frame.index[frame["region_code"] == "33.74"][0]
    frame.loc[semarang, "name"] = XSS
    frame.loc[semarang, ["k1", "k2", "k3", "k4", "k5"]] = 99.0  # a top product, so the brief lists it
    frame.loc[semarang, list(SUB_ITEM_KEYS)] = float("nan")
    return frame


@pytest.fixture(scope="module")
def table(registry) -> pd.DataFrame:
    scored = score_table(registry)
    out = pd.concat([scored, pipeline_status(scored, pd.Timestamp(TODAY))], axis=1)
    names = regions.kabkota().set_index("code")
    out["region_name"] = out["region_code"].map(names["name"])
    out["province_name"] = out["region_code"].map(names["province_name"])
    return out


@pytest.mark.parametrize("code,lang", [("33", "id"), ("33.74", "en"), ("", "en")])
def test_brief_renders_offline_and_prints_to_a4(browser, registry, table, tmp_path: Path, code, lang):
    scenario = Scenario(interventions=("halal",), target=Target(regions=("33",)))
    result = run_whatif(registry, scenario, today=pd.Timestamp(TODAY))
    document = region_brief_html(
        table,
        code,
        lang,
        "ovop-2026.2",
        scenario_text=scenario_sentence(result, scenario, lang),
        whatif=result,
        generated_at=TODAY,
    )
    path = tmp_path / brief_filename(code, lang, TODAY)
    path.write_text(document, encoding="utf-8")

    context = browser.new_context(viewport={"width": 900, "height": 1200})
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
    page.wait_for_timeout(500)

    assert page.locator(".js-plotly-plot").count() == 2
    assert page.locator("#brief-stars .main-svg").count() >= 1
    assert page.locator("#brief-funnel .main-svg").count() >= 1
    assert page.locator("svg.map path.region").count() > 0
    assert page.locator('img:not([src^="data:image/"])').count() == 0  # the XSS name stays text
    if code == "33.74":
        assert page.get_by_text(XSS).count() == 1
    assert dialogs == []
    assert watch.relevant_console_errors() == []
    assert [u for u in watch.outside if not u.startswith("file:")] == []
    assert watch.failed == []

    name = f"brief-{code.replace('.', '') or 'id-all'}-{lang}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.emulate_media(media="print")
    pdf = PDF_DIR / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    context.close()

    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages >= 1
    assert len(data) > 30_000
