"""The synthetic generator: deterministic, any size, covering every category, stage and gate."""

import pandas as pd

from ovop_core import regions
from ovop_core.demo import synthetic_registry
from ovop_core.export import write_csv, write_xlsx
from ovop_core.model import CATEGORIES
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table


def test_same_seed_gives_the_same_table_and_another_seed_does_not():
    a, b, c = synthetic_registry(500, seed=1), synthetic_registry(500, seed=1), synthetic_registry(500, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a["k1"].equals(c["k1"])


def test_covers_categories_stages_real_regions_and_both_formats():
    frame = synthetic_registry(10_000, seed=4)
    assert set(frame["category"]) == set(CATEGORIES)
    assert set(frame["stage"]) == set(range(7))
    assert frame["region_code"].isin(set(regions.kabkota()["code"])).all()
    assert frame["province"].nunique() == 38
    assert frame["k1a"].notna().any() and frame["k1a"].isna().any()
    assert frame["product_id"].is_unique
    scored = score_table(frame)
    assert set(scored["stars"]) >= {0, 1, 2, 3, 4, 5}
    assert scored["capped"].any()
    gates = set(",".join(scored["missing_gates"]).split(","))
    assert {"nib", "permit", "brand", "halal", "export"} <= gates


def test_generated_registry_round_trips_through_csv_and_xlsx(tmp_path):
    frame = synthetic_registry(200, seed=9)
    for writer, name, lang in ((write_csv, "r.csv", "en"), (write_xlsx, "r.xlsx", "id")):
        writer(frame, tmp_path / name, lang=lang)
        result = read_registry(tmp_path / name)
        assert result.ok, result.errors.head().to_dict("records")
        back = result.frame.drop(columns=["_row"])
        pd.testing.assert_series_equal(score_table(back)["score"], score_table(frame)["score"], check_names=False)
        assert back["product_id"].tolist() == frame["product_id"].tolist()
