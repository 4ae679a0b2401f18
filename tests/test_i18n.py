"""Translation catalog and number formatting."""

import pytest

from ovop_ui.text.format import number, percent, rupiah
from ovop_ui.text.i18n import translate

# The catalogs themselves (same ids, same placeholders, compiled .mo) are checked in test_catalogs.py.


def test_translate_falls_back_to_indonesian_and_formats_values():
    assert translate("kpi.products", "en") == "Products"
    assert translate("kpi.products", "xx") == "Produk"
    assert "38" in translate("kpi.regions_help", "id", n_prov=38)


@pytest.mark.parametrize(
    "value,lang,expected",
    [(1234.5, "id", "1.234,5"), (1234.5, "en", "1,234.5"), (float("nan"), "id", "–")],
)
def test_numbers_follow_the_language(value, lang, expected):
    assert number(value, lang, 1) == expected


def test_percent_and_rupiah():
    assert percent(0.335, "id") == "33,5%"
    assert percent(0.335, "en") == "33.5%"
    assert rupiah(1.2e9, "id") == "Rp 1,2 M"
    assert rupiah(1.2e9, "en") == "Rp 1.2 B"
    assert rupiah(2_500_000, "id") == "Rp 2,5 jt"
