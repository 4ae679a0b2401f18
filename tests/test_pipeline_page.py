"""The pipeline page headless (AppTest), its figure builders and its download helpers."""

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest
from conftest import make_products
from streamlit.testing.v1 import AppTest

from ovop_core import funnel
from ovop_core.contradictions import contradictions
from ovop_core.pipeline import pipeline_status
from ovop_core.scoring import score_table
from ovop_ui.builders import pipeline_figures, tables

APP = "../app.py"
PAGE = "app_pages/pipeline.py"
TODAY = date(2026, 3, 15)


def run_page(lang="id", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    return at


def metric(at, label) -> int:
    value = next(m.value for m in at.metric if m.label == label)
    return int(value.replace(".", "").replace(",", ""))


def all_text(at) -> str:
    parts = [el.value for el in (*at.markdown, *at.caption, *at.title, *at.subheader)]
    return "\n".join(str(p) for p in parts)


def stage_table(at) -> pd.DataFrame:
    """The one stage's products (AppTest does not expose a dataframe's key: find it by a header)."""
    return next(df.value for df in at.dataframe if "Status" in df.value.columns)


def summary_table(at) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "Reached" in df.value.columns)


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,title,labels",
    [
        ("id", "Tahapan Produk", ["Produk", "Siap naik tahap", "Terhambat", "Tertahan lama", "Evaluasi ulang"]),
        ("en", "Product pipeline", ["Products", "Can move on", "Blocked", "Stalled", "Re-evaluation"]),
    ],
)
def test_pipeline_page_renders_in_both_languages_with_its_notices(lang, title, labels):
    at = run_page(lang)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == title
    assert [m.label for m in at.metric] == labels
    text = all_text(at)
    assert ("ilustratif" if lang == "id" else "illustrative") in text
    assert ("disusun mengacu pada" if lang == "id" else "based on Kemenperin") in text
    charts = at.get("plotly_chart")
    assert len(charts) >= 3  # funnel, owners, heatmap (+ blockers)


def test_kpis_add_up_with_the_summary_table():
    at = run_page("en")
    summary = summary_table(at)
    assert summary["In stage"].sum() == metric(at, "Products")
    assert summary["Ready"].sum() == metric(at, "Can move on")
    assert summary["Blocked"].sum() == metric(at, "Blocked")
    assert summary["Stalled"].sum() == metric(at, "Stalled")


def set_thresholds(at, months: int) -> None:
    for stage in range(4):
        at.number_input(key=f"pipeline_stalled_months_{stage}").set_value(months)
    at.run()


def test_the_per_stage_stalled_thresholds_change_the_stalled_count():
    at = run_page("en")
    by_default = metric(at, "Stalled")
    assert "stages 0–3, ≥ 6/6/6/3 mo." in [m.delta for m in at.metric]  # the defaults of DESIGN.md §6
    set_thresholds(at, 36)
    assert not at.exception
    assert metric(at, "Stalled") < by_default
    assert "stages 0–3, ≥ 36 mo." in [m.delta for m in at.metric]
    set_thresholds(at, 1)
    assert metric(at, "Stalled") > by_default


def test_stages_4_and_5_say_their_products_wait_rather_than_stall():
    at = run_page("en")
    at.segmented_control(key="pipeline_stage").set_value(4).run()
    assert "they are not counted as stalled" in all_text(at)
    at.segmented_control(key="pipeline_stage").set_value(3).run()
    assert "stalled (≥ 3 months at this stage)" in all_text(at)


def test_products_whose_stage_contradicts_their_data_are_counted_and_listed():
    at = run_page("en")
    assert "Stages that contradict the data" in [s.value for s in at.subheader]
    assert "products whose stage contradicts their data" in all_text(at)
    listed = next(df.value for df in at.dataframe if "Why it is odd" in df.value.columns)
    assert len(listed) > 0 and listed["Why it is odd"].str.startswith("stage ").all()


def test_the_stage_selector_changes_the_table():
    at = run_page("en")
    at.segmented_control(key="pipeline_stage").set_value(2).run()
    at2 = stage_table(at)
    assert "2 · Selected" in all_text(at) or "ready to move on to 3" in all_text(at)
    at.segmented_control(key="pipeline_stage").set_value(5).run()
    assert not at.exception
    at5 = stage_table(at)
    assert set(at2["Product"]) != set(at5["Product"])
    assert "Waiting for date" in set(at5["Status"])
    assert "waiting for their date" in all_text(at)


def test_blocked_products_are_listed_with_their_reason_in_the_ui_language():
    at = run_page("id")
    at.segmented_control(key="pipeline_stage").set_value(1).run()
    at.segmented_control(key="pipeline_show").set_value("blocked").run()
    view = stage_table(at)
    assert len(view) > 0 and set(view["Status"]) == {"Terhambat"}
    assert view["Kendala"].str.contains("naikkan skor|belum dinilai").all()
    at.segmented_control(key="pipeline_show").set_value("eligible").run()
    assert set(stage_table(at)["Status"]) == {"Siap naik"}


def test_the_province_filter_changes_the_numbers_and_the_heatmap_level():
    at = run_page("en")
    everything = metric(at, "Products")
    at.selectbox(key="f_prov").set_value("51").run()
    assert not at.exception
    bali = metric(at, "Products")
    assert 0 < bali < everything
    assert "Products of each regency/city in Bali" in all_text(at)


def test_a_stage_filter_is_announced_on_the_funnel():
    at = run_page("en", stage="2,3")
    assert metric(at, "Products") < 1000
    assert "Stage filter active" in all_text(at)


def test_four_download_buttons_are_offered():
    at = run_page("id")
    keys = {b.key for b in at.get("download_button")}
    assert keys == {"pipeline_stage_csv", "pipeline_stage_xlsx", "pipeline_all_csv", "pipeline_all_xlsx"}


# --- figure builders (plain functions) -----------------------------------------------------------

PRODUCTS = [
    dict(stage=0, nib=False, region_code="51.07"),
    dict(stage=1, k=40, region_code="51.07"),
    dict(stage=1, k=60, region_code="51.71"),
    dict(stage=2, k=60, assessors=2),
    dict(stage=4, k=60, export=False, name='=HYPERLINK("http://x")'),
    dict(stage=4, k=80),
]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    scored = score_table(make_products(*PRODUCTS))
    out = pd.concat([scored, pipeline_status(scored, TODAY)], axis=1)
    out["region_name"] = out["region_code"]
    out["province_name"] = out["province"]
    return out


def test_funnel_figure_labels_counts_and_conversion_in_indonesian(table):
    fig = pipeline_figures.stage_funnel(funnel.stage_funnel(table), "id")
    trace = fig.data[0]
    assert list(trace.y)[0] == "0 · Identifikasi potensi" and len(trace.y) == 7
    assert list(trace.text)[:3] == ["6", "5 · 83%", "3 · 60%"]  # 5/6 and 3/5 got further
    assert fig.layout.separators == ",."


def test_funnel_figure_speaks_english(table):
    fig = pipeline_figures.stage_funnel(funnel.stage_funnel(table), "en")
    assert list(fig.data[0].y)[6] == "6 · Re-evaluation due"
    assert "reached this stage" in fig.data[0].hovertext[0]


def test_owner_figure_has_one_labelled_bar_per_owner(table):
    fig = pipeline_figures.owner_load(funnel.owner_load(table), "en")
    assert list(fig.data[0].y) == ["Regency/city ★1–2", "Province ★3", "Central ★4–5", "No star yet"]
    assert list(fig.data[0].text) == ["2", "3", "1", "0"]


def test_heatmap_writes_every_count_and_marks_the_chosen_region(table):
    matrix = funnel.region_stage_matrix(table, "kabkota", "51")
    fig = pipeline_figures.region_heatmap(matrix, "id", highlight="51.07")
    trace = fig.data[0]
    assert len(trace.y) == 9 and len(trace.x) == 7
    assert trace.y[0] == "▶ Kabupaten Karangasem (2)"  # most products on top, marked
    assert trace.text[0].tolist() == ["1", "1", "0", "0", "0", "0", "0"]
    assert trace.colorscale[0][1].upper() == "#F7FBFF"  # sequential, from near-white


def test_blockers_figure_leaves_out_kinds_without_products(table):
    fig = pipeline_figures.blockers(funnel.blocking_summary(table), 0, "en")
    assert list(fig.data[0].y) == ["No NIB: get an NIB"]


def test_the_contradiction_table_names_product_stage_column_and_why_in_the_ui_language():
    scored = score_table(make_products(dict(stage=0), dict(stage=3, assessors=1, name="Kopi Kintamani")))
    view = tables.contradiction_table(contradictions(scored), scored, "id")
    assert view.columns.tolist() == ["ID produk", "Produk", "Tahap", "Kolom", "Mengapa janggal"]
    assert view.iloc[0, :4].tolist() == ["P002", "Kopi Kintamani", "3 · Penilaian & penetapan", "assessors"]
    assert view.iloc[0, 4].startswith("tahap 3 padahal baru 1 penilai")


# --- tables and downloads ------------------------------------------------------------------------


def test_product_table_has_headers_and_reasons_in_the_ui_language(table):
    short = tables.pipeline_products(table, "id")
    assert {"Produk", "Status", "Kendala", "Tertahan lama", "Bintang"} <= set(short.columns)
    assert "naikkan skor 10,0 poin, terutama mutu & penampilan (k3)" in short["Kendala"].tolist()
    full = tables.pipeline_products(table, "en", full=True)
    assert {"Product ID", "Coached by", "Next stage", "Province"} <= set(full.columns)
    assert set(full["Stalled"]) <= {"yes", "no"}


def test_csv_download_is_utf8_with_bom_and_indonesian_excel_separators(table):
    data = tables.to_csv_bytes(tables.pipeline_products(table, "id", full=True), "id")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ID produk;Produk;")
    assert "40,0" in text  # decimal comma
    english = tables.to_csv_bytes(tables.pipeline_products(table, "en", full=True), "en").decode("utf-8-sig")
    assert english.splitlines()[0].startswith("Product ID,Product,")


def test_downloads_never_turn_a_product_name_into_a_formula(table):
    frame = tables.pipeline_products(table, "en", full=True)
    csv_text = tables.to_csv_bytes(frame, "en").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(tables.to_xlsx_bytes(frame, "Stage [4]: x/y")))
    sheet = book.active
    assert sheet.title == "Stage  4   x y"
    names = [c for (c,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2)]
    hit = next(c for c in names if str(c.value).startswith("=HYPERLINK"))
    assert hit.data_type == "s"
    assert sheet.cell(row=1, column=1).value == "Product ID" and sheet.freeze_panes == "A2"
