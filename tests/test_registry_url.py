"""The registry's optional ``url`` column (``tautan``): the product's page on the organiser's site,
an absolute http(s) address or empty; read, checked per row, stored, and written back by exports."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import GOOD_ROW, make_csv
from store_helpers import ADMIN, BACKENDS, migrated_store

from ovop_core.export import write_csv, write_xlsx
from ovop_core.registry import read_registry
from ovop_core.store import ValidationFailed
from ovop_core.templates import template_csv

COLUMNS = [*GOOD_ROW, "url"]
PAGE = "https://ovop.example.id/produk/P-001?lang=id#foto"


def read(*rows: dict, columns: list[str] = COLUMNS):
    return read_registry(make_csv(*rows, columns=columns))


def errors_of(result, column: str) -> pd.DataFrame:
    problems = result.problems
    return problems[(problems["column"] == column) & (problems["severity"] == "error")]


def test_addresses_are_read_under_the_indonesian_name_and_empty_is_allowed():
    columns = ["tautan" if c == "url" else c for c in COLUMNS]
    result = read(dict(tautan=f" {PAGE} "), dict(tautan=""), dict(tautan="HTTP://Example.org"), columns=columns)
    assert result.ok, result.errors
    assert result.frame["url"].tolist() == [PAGE, "", "HTTP://Example.org"]


def test_a_file_without_the_column_has_no_addresses():
    result = read({}, columns=list(GOOD_ROW))
    assert result.ok and result.frame["url"].tolist() == [""]


@pytest.mark.parametrize(
    "value",
    [
        "www.example.org/produk",
        "javascript:alert(1)",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "https://",
        "https:// example.org",
        "https://example.org/dua kata",
        "/produk/P-001",
        "mailto:ovop@example.org",
    ],
)
def test_anything_but_an_absolute_http_address_is_an_error_naming_row_column_and_value(value):
    result = read(dict(url=PAGE), dict(url=value))
    errors = errors_of(result, "url")
    assert not result.ok and errors["row"].tolist() == [3] and errors["code"].tolist() == ["bad_url"]
    assert errors["value"].tolist() == [value]
    assert errors["message_en"].iloc[0].startswith("Row 3, column 'url': ")
    assert errors["message_id"].iloc[0].startswith("Baris 3, kolom 'url': ")
    assert f"'{value}'" in errors["message_en"].iloc[0] and "https://" in errors["message_id"].iloc[0]
    assert result.clean_rows()["url"].tolist() == [PAGE]


def test_an_address_longer_than_500_characters_is_too_long():
    long = "https://example.org/" + "a" * 481
    result = read(dict(url=long[:500]), dict(url=long))
    errors = errors_of(result, "url")
    assert errors["row"].tolist() == [3] and errors["code"].tolist() == ["too_long"]
    assert "500" in errors["message_en"].iloc[0]


def test_exports_write_the_column_only_when_some_product_has_an_address_and_read_back_the_same():
    with_page = read(dict(url=PAGE), dict(product_id="P2", url="")).frame.drop(columns=["_row"])
    csv = write_csv(with_page)
    assert csv.decode("utf-8-sig").splitlines()[0].split(",")[-1] == "url"
    pd.testing.assert_frame_equal(read_registry(csv).frame.drop(columns=["_row"]), with_page)
    xlsx = read_registry(write_xlsx(with_page, lang="id"), "r.xlsx").frame.drop(columns=["_row"])
    pd.testing.assert_frame_equal(xlsx, with_page)
    without = read({}, columns=list(GOOD_ROW)).frame.drop(columns=["_row"])
    assert "url" not in write_csv(without).decode("utf-8-sig").splitlines()[0]


def test_the_template_documents_the_column_and_its_example_validates():
    header = template_csv("en").decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-1] == "url"
    result = read_registry(template_csv("en"))
    assert result.ok and result.frame["url"].tolist() == ["https://ovop.example.id/p/CONTOH-001", ""]


@pytest.mark.parametrize("backend", BACKENDS)
def test_addresses_are_stored_exported_and_kept_by_an_edit(backend, tmp_path):
    frame = read(dict(url=PAGE), dict(product_id="P2")).frame.drop(columns=["_row"])
    with migrated_store(backend, tmp_path) as store:
        store.import_frame(frame, ADMIN)
        assert store.load()["url"].tolist() == [PAGE, ""]
        store.update_product("P2", {"url": "https://example.org/p2"}, 1, ADMIN)
        assert store.export_current()["url"].tolist() == [PAGE, "https://example.org/p2"]
        with pytest.raises(ValidationFailed) as err:
            store.update_product("P2", {"url": "javascript:alert(1)"}, 2, ADMIN)
        assert "url" in err.value.text("en")
