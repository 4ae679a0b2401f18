"""The demo registry saved by LibreOffice Calc 7.4 (XLSX re-saved, ODS, ODS → XLSX, CSV with ';' in
UTF-8 and ',' in Windows-1252; files made by tests/data/libreoffice/make.sh) imports with the same
scores and stars for all 1,000 products as the bundled file."""

from pathlib import Path

import pandas as pd
import pytest

from ovop_core import rounds
from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "tests" / "data" / "libreoffice").glob("demo*.*"))


def scored(path: Path) -> pd.DataFrame:
    result = read_registry(path)
    assert result.ok, result.errors["message_en"].head().tolist()
    now = rounds.current(result.frame.drop(columns=["_row"]))  # the demo holds rounds: compare "now"
    return score_table(now, DEFAULT_MODEL).set_index("product_id").sort_index()


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return scored(ROOT / "data" / "products_demo.xlsx")


def test_every_round_trip_is_present():
    assert {p.suffix for p in FILES} == {".ods", ".xlsx", ".csv"} and len(FILES) == 5


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_libreoffice_round_trip_keeps_every_score_and_star(bundled, path):
    again = scored(path)
    assert len(again) == len(bundled) == 1000
    assert list(again.index) == list(bundled.index)
    pd.testing.assert_series_equal(again["score"], bundled["score"], check_exact=False, rtol=0, atol=1e-9)
    pd.testing.assert_series_equal(again["stars"], bundled["stars"])
    assert (again["region_code"] == bundled["region_code"]).all()
    assert (again["place_code"] == bundled["place_code"]).all() and (again["place_code"].str.len() > 5).sum() > 300
    assert (again["non_halal"] == bundled["non_halal"]).all()
    pd.testing.assert_series_equal(again["rated_on"], bundled["rated_on"])
