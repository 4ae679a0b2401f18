"""The rounds view builders (ovop_ui/builders/rounds_view.py) and the brief's rounds section, on tiny
tables whose figures are counted by hand (non-food products with every gate: k=60 → ★3, k=40 → ★2,
k=75 → ★4; stage 3 makes the star official)."""

from __future__ import annotations

import pandas as pd

from ovop_core import rounds
from ovop_core.model import DEFAULT_MODEL
from ovop_core.summary import analysed_table
from ovop_ui.builders.brief import region_brief_html
from ovop_ui.builders.rounds_view import NAMES_SHOWN, rounds_view
from tests.conftest import make_products

TODAY = "2026-11-01"


def history(*rows: dict) -> pd.DataFrame:
    return analysed_table(make_products(*rows), DEFAULT_MODEL, TODAY)


TWO_ROUNDS = (
    dict(product_id="A", round=2025, k=60, stage=3),
    dict(product_id="B", round=2025, k=40, stage=3, name="<b>Tenun</b> & co"),
    dict(product_id="A", round=2026, k=75, stage=3),
    dict(product_id="B", round=2026, k=40, stage=3, name="<b>Tenun</b> & co"),
    dict(product_id="C", round=2026, k=60, stage=3),
)


def bars(fig) -> dict[str, list]:
    return {trace.name: list(trace.y) for trace in fig.data if trace.type == "bar"}


def test_stars_by_round_stacks_each_star_and_writes_the_totals():
    view = rounds_view(history(*TWO_ROUNDS), "", "en")
    assert bars(view.stars) == {"★2": [1, 1], "★3": [1, 1], "★4": [0, 1]}  # stars no round has are left out
    totals = next(trace for trace in view.stars.data if trace.type == "scatter")
    assert list(totals.text) == ["2", "3"] and list(view.stars.data[0].x) == ["2025", "2026"]


def test_the_trend_plots_recognised_products_per_round():
    view = rounds_view(history(*TWO_ROUNDS), "", "id")
    assert list(view.trend.data[0].y) == [1, 2] and list(view.trend.data[0].text) == ["1", "2"]


def test_the_changes_are_counted_and_named_with_the_stars():
    view = rounds_view(history(*TWO_ROUNDS), "", "en")
    by_kind = {g.kind: g for g in view.changes}
    assert {k: g.count for k, g in by_kind.items()} == {"gained": 1, "lost": 0, "new": 1, "gone": 0, "reeval_due": 0}
    assert by_kind["gained"].names == ("Tenun Ikat Sintang (A) ★3 → ★4",)
    assert by_kind["new"].names == ("Tenun Ikat Sintang (C)",) and by_kind["new"].label == "New products"
    assert view.heading == "Since round 2025: what changed in round 2026"


def test_a_long_list_names_the_first_products_and_counts_the_rest():
    rows = [dict(product_id=f"N{i:02d}", round=2026) for i in range(NAMES_SHOWN + 3)]
    view = rounds_view(history(dict(product_id="A", round=2025), *rows), "", "id")
    new = next(g for g in view.changes if g.kind == "new")
    assert len(new.names) == NAMES_SHOWN and new.more == "… dan 3 lainnya"


def test_with_one_round_or_none_the_view_is_one_line():
    one = rounds_view(history(dict(round=2026)), "", "en")
    assert one.single_line.startswith("Only one assessment round (2026)") and one.stars is None
    none = rounds_view(history(dict()), "", "id")
    assert none.single_line.startswith("Registri ini belum memuat periode penilaian") and not none.changes


def test_the_brief_shows_the_rounds_and_leaves_unchanged_products_out_of_the_changes():
    table = history(*TWO_ROUNDS)
    document = region_brief_html(rounds.current(table), "11", "en", "m1", generated_at=TODAY, history=table)
    assert "Progress across assessment rounds" in document and "Since round 2025" in document
    assert "&lt;b&gt;Tenun&lt;/b&gt; &amp; co" not in document.split("Since round 2025")[1].split("</table>")[0]
    assert "Tenun Ikat Sintang (A) ★3 → ★4" in document
    assert 'id="brief-rounds-stars"' in document and 'id="brief-rounds-trend"' in document


def test_the_brief_escapes_the_name_of_a_new_product():
    rows = (*TWO_ROUNDS, dict(product_id="D", round=2026, name="<script>x</script>"))
    table = history(*rows)
    document = region_brief_html(rounds.current(table), "11", "id", "m1", generated_at=TODAY, history=table)
    section = document.split("Sejak periode 2025")[1].split("</table>")[0]
    assert "&lt;script&gt;x&lt;/script&gt; (D)" in section and "<script>x" not in section


def test_a_brief_without_history_has_no_rounds_section_and_with_one_round_one_line():
    table = history(dict(round=2026))
    assert "Progress across assessment rounds" not in region_brief_html(table, "11", "en", "m1", generated_at=TODAY)
    one = region_brief_html(table, "11", "en", "m1", generated_at=TODAY, history=table)
    assert "Only one assessment round (2026)" in one and "brief-rounds-stars" not in one
