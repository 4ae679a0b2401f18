"""The bundled demo registry (data/products_demo.csv/.xlsx, data/flagships.csv, data/DEMO_DATA.md).

It must import cleanly, look like a believable national programme (all provinces, categories and
stages; mostly ★2–★3, very few ★5; gates that cap; stalled and re-evaluation-due products at the
fixed reference date), carry the well-known flagships in their real kab/kota, and be exactly what
`python tools/make_demo_data.py` writes.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ovop_core import regions, rounds
from ovop_core.model import CATEGORIES, CRITERIA, DEFAULT_MODEL, GATE_ITEMS, SUB_ITEM_KEYS
from ovop_core.pipeline import pipeline_status
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table
from ovop_core.summary import analysed_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FILES = ("products_demo.csv", "products_demo.xlsx", "flagships.csv", "DEMO_DATA.md")
REFERENCE_DATE = pd.Timestamp("2026-11-01")

# Well-known products that must appear in their real kab/kota (name fragment → code, kab/kota name).
REQUIRED_FLAGSHIPS = {
    "Kopi Arabika Gayo": ("11.04", "Kabupaten Aceh Tengah"),
    "Tenun Gringsing": ("51.07", "Kabupaten Karangasem"),
    "Batik Trusmi": ("32.09", "Kabupaten Cirebon"),
    "Gerabah Kasongan": ("34.02", "Kabupaten Bantul"),
    "Kopi Arabika Kintamani": ("51.06", "Kabupaten Bangli"),
    "Songket Pandai Sikek": ("13.04", "Kabupaten Tanah Datar"),
    "Minyak Nilam": ("11.14", "Kabupaten Aceh Jaya"),
    "Dodol Garut": ("32.05", "Kabupaten Garut"),
    "Batik Pekalongan": ("33.75", "Kota Pekalongan"),
    "Kalosi": ("73.16", "Kabupaten Enrekang"),
    "Tenun Ikat Sumba": ("53.11", "Kabupaten Sumba Timur"),
    "Tenun Doyo": ("64.07", "Kabupaten Kutai Barat"),
    "Bika Ambon": ("12.71", "Kota Medan"),
    "Pempek": ("16.71", "Kota Palembang"),
    "Keramik Plered": ("32.14", "Kabupaten Purwakarta"),
    "Perak Kotagede": ("34.71", "Kota Yogyakarta"),
}


@pytest.fixture(scope="module")
def csv_result():
    return read_registry(DATA / "products_demo.csv")


@pytest.fixture(scope="module")
def history(csv_result) -> pd.DataFrame:
    assert csv_result.ok
    return csv_result.frame.drop(columns=["_row"])


@pytest.fixture(scope="module")
def frame(history) -> pd.DataFrame:
    """The registry "now": the newest of the demo's rounds, what every page shows."""
    return rounds.current(history)


@pytest.fixture(scope="module")
def scored(frame) -> pd.DataFrame:
    return score_table(frame)


@pytest.fixture(scope="module")
def flagships(frame) -> pd.DataFrame:
    return frame[frame["product_id"].str.startswith("FLAG-")]


def reader_warnings(result):
    """Warnings other than stage contradictions (DESIGN.md §6). The demo keeps products whose stage
    contradicts their data, as real registries do, so the pipeline page has some to flag."""
    return result.warnings[~result.warnings["code"].str.startswith("contradiction_")]


def test_csv_validates_without_errors_or_warnings(csv_result):
    assert csv_result.ok, csv_result.errors.head(10).to_string()
    assert reader_warnings(csv_result).empty, reader_warnings(csv_result).head(10).to_string()
    raw = (DATA / "products_demo.csv").read_bytes()
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("product_id,name,producer,category,region_code")


def test_xlsx_has_indonesian_headers_and_the_same_products(history):
    result = read_registry(DATA / "products_demo.xlsx")
    assert result.ok, result.errors.head(10).to_string()
    assert reader_warnings(result).empty, reader_warnings(result).head(10).to_string()
    pd.testing.assert_frame_equal(result.frame.drop(columns=["_row"]), history)
    import openpyxl

    book = openpyxl.load_workbook(DATA / "products_demo.xlsx", read_only=True)
    header = [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))]
    book.close()
    assert header[:5] == ["id_produk", "nama_produk", "produsen", "kategori", "kode_wilayah"]
    assert header[-1] == "periode"


def test_three_rounds_tell_a_believable_story(history):
    """Most products stable, some gain a star, a few lose one, some new, a handful gone; the newest
    round is the 1000 products the demo always had."""
    table = analysed_table(history, DEFAULT_MODEL, "2026-11-01")
    assert rounds.rounds_of(history) == [2024, 2025, 2026]
    assert len(rounds.current(history)) == 1000
    changes = rounds.since_last_round(table)
    n = changes.counts
    assert 20 <= n["gained"] <= 100 and 1 <= n["lost"] < n["gained"], n
    assert 10 <= n["new"] <= 100 and 5 <= n["gone"] <= 50, n
    both = set(history.loc[history["round"] == 2025, "product_id"]) & set(rounds.current(history)["product_id"])
    assert n["gained"] + n["lost"] < 0.2 * len(both)  # most products keep their star
    trend = rounds.recognised_trend(table)
    assert trend.is_monotonic_increasing and trend[2026] == int(table.loc[table["round"] == 2026, "recognised"].sum())
    assert history.groupby("round")["product_id"].apply(lambda ids: ids.is_unique).all()


def test_covers_all_provinces_categories_and_stages(frame):
    assert 900 <= len(frame) <= 1100
    assert frame["product_id"].is_unique
    assert set(frame["province"]) == set(regions.provinces()["code"])
    assert frame["region_code"].nunique() >= 300
    assert set(frame["category"]) == set(CATEGORIES)
    assert set(frame["stage"]) == set(range(7))
    regular = frame[~frame["product_id"].str.startswith("FLAG-")]
    assert regular["product_id"].str.fullmatch(r"OVOP-\d{2}\.\d{2}-\d{3}").all()
    assert (regular["product_id"].str.slice(5, 10) == regular["region_code"]).all()


def test_names_are_believable(frame):
    assert frame["name"].is_unique
    assert not frame["name"].str.contains(r"\d").any(), "no synthetic numbered names"
    assert frame["producer"].str.len().gt(0).all()
    forms = (
        r"^(UD|CV|KUB|IKM|Koperasi|KWT|Kelompok|Sanggar|Rumah|Galeri"
        r"|Petani|Perajin|Penenun|Produsen|Penyuling|Mama)"
    )
    assert frame["producer"].str.match(forms).all()


def test_both_score_formats_and_unscored_stage0(frame):
    detailed = frame[list(SUB_ITEM_KEYS)].notna().all(axis=1)
    partial = frame[list(SUB_ITEM_KEYS)].notna().any(axis=1) & ~detailed
    assert not partial.any()
    assert 0.12 <= detailed.mean() <= 0.22
    assert frame.loc[detailed, list(CRITERIA)].isna().all(axis=None), "k columns stay empty in detailed rows"
    unscored = frame[list(CRITERIA)].isna().all(axis=1) & ~detailed
    assert unscored.sum() > 0
    assert (frame.loc[unscored, "stage"] == 0).all(), "scores are optional only until stage 1"


def test_star_distribution_is_believable(scored):
    rated = scored[scored["stars"] > 0]
    share = rated["stars"].value_counts(normalize=True)
    assert share.get(2, 0) + share.get(3, 0) > 0.5
    assert 0 < share.get(5, 0) <= 0.03
    assert share.get(3, 0) > share.get(4, 0) > share.get(5, 0)
    recognised = rated[rated["stars"] >= 3]["stars"].value_counts(normalize=True)
    assert recognised.get(3, 0) > 0.5 and recognised.get(5, 0) < 0.05


def test_every_gate_caps_some_product(scored):
    capped = scored[scored["capped"]]
    assert 0.05 < len(capped) / (scored["stars"] > 0).sum() < 0.35
    missing = set(capped["missing_gates"].astype(str).str.split(",").explode())
    assert {g.key for g in GATE_ITEMS} <= missing


def test_evidence_and_stage_follow_maturity(scored):
    early, late = scored[scored["stage"] <= 1], scored[scored["stage"] >= 4]
    assert late["score"].mean() > early["score"].mean() + 10
    for col in ("nib", "brand", "export"):
        assert late[col].mean() > early[col].mean()
    assessed = scored[scored["stage"] >= 3]
    assert (assessed["assessors"].fillna(0) >= 3).mean() >= 0.8
    selected = scored[scored["stage"] >= 2]
    assert (selected["score"] >= 50).mean() >= 0.85


def test_pipeline_has_stalled_and_reevaluation_due_products(scored):
    status = pipeline_status(scored, REFERENCE_DATE)
    assert 0.05 < status["stalled"].mean() < 0.4
    assert status["reeval_due"].sum() >= 10
    assert scored.loc[status["reeval_due"], "stage"].between(3, 6).all()
    assert status.loc[scored["stage"] == 6, "reeval_due"].all(), "stage 6 entered because the rating is 36 months old"
    assert (pd.to_datetime(scored["stage_since"]).dropna() <= REFERENCE_DATE).all()


def test_economics_are_in_range(frame):
    revenue, workers = frame["revenue_idr"].dropna(), frame["workers"].dropna()
    assert len(revenue) > 0.8 * len(frame)
    assert revenue.between(50e6, 5e9).all()
    assert 2e8 < revenue.median() < 1e9
    assert (workers >= 1).all()


def test_required_flagships_in_their_real_regions(frame, flagships, scored):
    names = regions.kabkota().set_index("code")["name"]
    for fragment, (code, kab_name) in REQUIRED_FLAGSHIPS.items():
        hits = flagships[flagships["name"].str.contains(fragment, regex=False)]
        assert len(hits) == 1, fragment
        assert hits["region_code"].iloc[0] == code, fragment
        assert names[code] == kab_name
    stars = scored.loc[scored["product_id"].str.startswith("FLAG-"), "stars"]
    assert (stars >= 3).all()
    assert (stars == 5).sum() >= 2
    five = scored[scored["product_id"].str.startswith("FLAG-") & (scored["stars"] == 5)]
    assert five["export"].all()


def test_flagships_csv_lists_existing_products_with_stories(frame, flagships):
    text = (DATA / "flagships.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and list(rows[0]) == ["product_id", "story_id", "story_en"]
    ids = [r["product_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(flagships["product_id"])
    assert set(ids) <= set(frame["product_id"])
    assert all(r["story_id"].strip() and r["story_en"].strip() for r in rows)


def test_note_says_the_data_is_illustrative(frame):
    note = (DATA / "DEMO_DATA.md").read_text(encoding="utf-8")
    assert "Ilustratif" in note and "Illustrative" in note
    assert "bukan penilaian resmi" in note and "not an official assessment" in note
    assert "python tools/make_demo_data.py" in note
    assert f"**{len(frame)}**" in note


def test_regeneration_is_byte_identical(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_demo_data.py"), "--out-dir", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=150,  # three rounds: about three times the rows to write, on a busy 2-core machine
    )
    assert done.returncode == 0, done.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), f"{name} differs; regenerate it"


# --- the products fit their places and their papers (issue 12, finding 13) ------------------------

TOOL_DATA = ROOT / "tools" / "data"
# Stated here apart from the generator's own rule, so that the test checks the file, not the code.
SEA_WORDS = (
    r"Ikan Asin|Terasi|Kerupuk Ikan|Kerupuk Udang|Kemplang|Otak-otak|Teri\b|Bilis|Tenggiri|Tuna"
    r"|Cakalang|Bandeng|Kepiting|Udang|Kerang|Mutiara|Rumput Laut|Garam|Keumamah|Gonggong|Abon Ikan"
)
FRESHWATER_WORDS = r"Patin|Sepat|Pipih|Belida|Belut"
NOT_HALAL_WORDS = r"(?i)\b(?:tuak|arak|babi|ciu|sopi|moke|cap tikus|pork|palm wine|liquor)\b"


@pytest.fixture(scope="module")
def coastal() -> pd.DataFrame:
    return pd.read_csv(TOOL_DATA / "coastal_kabkota.csv", dtype=str, keep_default_na=False)


def test_the_coastal_list_covers_every_kabkota_with_the_reviewed_cases(coastal):
    assert coastal["code"].tolist() == regions.kabkota()["code"].tolist()
    verdict = dict(zip(coastal["code"], coastal["coastal"]))
    for code in ("35.15", "73.71", "31.01", "61.01", "93.01"):  # Sidoarjo, Makassar, Kep. Seribu, Sambas, Merauke
        assert verdict[code] == "ya", code
    for code in ("11.04", "34.04", "51.06", "12.06", "33.11", "61.06", "95.02"):  # inland or a land border only
        assert verdict[code] == "tidak", code


def test_sea_products_come_only_from_coastal_kabkota(frame, coastal):
    sea = frame["name"].str.contains(SEA_WORDS) & ~frame["name"].str.contains(FRESHWATER_WORDS)
    assert sea.sum() >= 30, "the demo keeps its ikan asin, terasi, kerupuk udang…"
    inland = set(coastal.loc[coastal["coastal"] == "tidak", "code"])
    wrong = frame.loc[sea & frame["region_code"].isin(inland), ["name", "region_code"]]
    assert wrong.empty, wrong.to_string()


def test_arabica_comes_only_from_highland_kabkota(frame):
    highland = pd.read_csv(TOOL_DATA / "arabica_highland_kabkota.csv", dtype=str)
    names = regions.kabkota().set_index("code")["name"]
    assert (highland["name"] == names[highland["code"]].to_numpy()).all(), "codes and names agree"
    arabica = frame["name"].str.contains("Arabika|Java Preanger")
    assert arabica.sum() >= 10
    wrong = frame.loc[arabica & ~frame["region_code"].isin(set(highland["code"])), ["name", "region_code"]]
    assert wrong.empty, wrong.to_string()


def test_halal_food_and_drink_always_hold_an_izin_edar(frame):
    halal_food = frame["halal"] & frame["category"].isin(["pangan", "minuman"])
    assert halal_food.sum() > 100
    assert frame.loc[halal_food, "permit"].isin(["pirt", "bpom"]).all()


def test_every_exporter_holds_an_nib(frame):
    assert frame["export"].sum() > 20
    assert frame.loc[frame["export"], "nib"].all()


def test_real_non_halal_products_are_food_or_drink_marked_non_halal_and_never_halal(frame):
    marked = frame[frame["non_halal"]]
    assert len(marked) >= 10
    assert marked["category"].isin(["pangan", "minuman"]).all() and not marked["halal"].any()
    for name, code in (("Arak Bali", "51.07"), ("Babi Panggang Karo", "12.06"), ("Saksang", "12.12"),
                       ("Se'i Babi", "53.71"), ("Ciu Bekonang", "33.11")):  # fmt: skip
        hit = marked[marked["name"].str.contains(name, regex=False)]
        assert hit["region_code"].tolist() == [code], name
    unmarked_liquor = frame["name"].str.contains(NOT_HALAL_WORDS) & ~frame["non_halal"]
    assert not unmarked_liquor.any(), frame.loc[unmarked_liquor, "name"].tolist()


def test_no_halal_product_has_a_story_of_alcohol_or_pork(frame):
    stories = pd.read_csv(DATA / "flagships.csv", dtype=str)
    halal = set(frame.loc[frame["halal"], "product_id"])
    told = stories[stories["product_id"].isin(halal)]
    assert not told.empty
    for column in ("story_id", "story_en"):
        wrong = told[told[column].str.contains(NOT_HALAL_WORDS)]
        assert wrong.empty, wrong.to_string()


def test_products_from_stage_3_on_have_a_plausible_rating_date(frame):
    since, rated = pd.to_datetime(frame["stage_since"]), frame["rated_on"]
    official = frame["stage"] >= 3
    assert rated[official].notna().all() and rated[~official].isna().all()
    assert (rated.dropna() <= REFERENCE_DATE).all() and (rated.dropna() >= pd.Timestamp("2015-01-01")).all()
    stage3 = frame["stage"] == 3
    assert (rated[stage3] >= since[stage3]).all(), "rated after entering stage 3"
    later = frame["stage"].between(4, 5)
    assert (rated[later] <= since[later]).all(), "rated during stage 3, before the next stage"


def test_a_share_of_products_sit_in_a_real_desa_of_their_kabkota(frame, flagships):
    from lokal import wilayah

    place = frame["place_code"]
    desa = place.str.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}")
    assert 0.3 <= desa.mean() <= 0.5
    assert (desa | (place == frame["region_code"])).all(), "a desa or the kab/kota itself"
    assert (place[desa].str.slice(0, 5) == frame.loc[desa, "region_code"]).all()
    assert all(wilayah.get_wilayah(code) is not None for code in place[desa])
    assert (flagships["place_code"] == flagships["region_code"]).all()
    raw = (DATA / "products_demo.csv").read_text(encoding="utf-8-sig")
    assert place[desa].iloc[0] in raw, "the file keeps the desa code"


def test_the_note_writes_shares_with_an_indonesian_decimal_comma_before_the_english_point():
    note = (DATA / "DEMO_DATA.md").read_text(encoding="utf-8")
    shares = re.findall(r"(\d+),(\d) % / (\d+)\.(\d) %", note)
    assert len(shares) >= 8
    assert all(a == c and b == d for a, b, c, d in shares)
    assert len(re.findall(r"\d+\.\d %", note)) == len(shares), "every English share follows its Indonesian one"
