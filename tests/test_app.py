"""Headless app tests with Streamlit's AppTest."""

import pytest
from streamlit.testing.v1 import AppTest

APP = "../app.py"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_overview_renders_kpis_without_exception_in_both_languages(lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    expected = "Produk" if lang == "id" else "Products"
    assert expected in labels
    assert len(at.metric) == 5
    products = next(m for m in at.metric if m.label == expected)
    assert int(products.value.replace(".", "").replace(",", "")) > 0


def test_language_switch_changes_labels():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "Produk" in [m.label for m in at.metric]
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Products" in [m.label for m in at.metric]
