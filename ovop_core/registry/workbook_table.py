"""Turn an XLSX or ODS workbook into a table of strings, before any validation.

``workbook_guard`` sees the file first: nothing here runs on a workbook beyond the limits. Cell
values come from python-calamine (Rust, ~10× faster than openpyxl); openpyxl is used only for what
calamine does not give (the text of XLSX formulas, merged ranges) or cannot read. The first sheet
whose header row looks like a registry is read.
"""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from .. import limits
from ..errors import UnreadableFileError
from .cell_text import body, cell_text, non_empty
from .header import is_region_code_header, looks_like_later_header, looks_like_registry
from .messages import refusal
from .raw_table import RawTable
from .workbook_guard import WorkbookFacts, check_workbook
from .xml_stream import column_letters, corrupt_workbook

HEADER_SEARCH_ROWS = limits.HEADER_SEARCH_ROWS
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_TAG = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\"")


def read_workbook_table(data: bytes, kind: str = "xlsx") -> RawTable:
    """Read the first sheet whose header is the registry's (``kind``: "xlsx" or "ods").

    The header is the first non-empty row, or, when that is a title, a later row within
    ``HEADER_SEARCH_ROWS`` that names enough registry columns (``header.looks_like_later_header``).
    """
    facts = check_workbook(data, kind)
    fast = _calamine_book(data)
    book = None
    if fast is not None:
        titles = list(fast.sheet_names)
    elif kind == "ods":
        raise corrupt_workbook()
    else:
        book = _openpyxl_book(data)
        titles = book.sheetnames
    try:
        for title in titles:
            rows = _calamine_rows(fast, title)
            if rows is None:
                if kind == "ods":
                    continue
                book = book or _openpyxl_book(data)
                if title not in book.sheetnames:
                    continue
                rows = book[title].iter_rows(values_only=True)
            table = _sheet_table(rows, kind, title)
            if table is None:
                continue
            if kind == "ods":
                _ods_formulas_and_merges(fast, facts, title, table)
            else:
                _xlsx_formulas_and_merges(data, facts, book, title, table)
            return table
    except UnreadableFileError:
        raise
    except Exception as exc:  # a damaged sheet inside a valid archive
        raise corrupt_workbook() from exc
    finally:
        if book is not None:
            book.close()
    raise refusal("no_matching_sheet", at_row=1)


def _sheet_table(rows, kind: str, title: str) -> RawTable | None:
    """The sheet's rows below its registry header as text; None when it has no such header."""
    header, header_row, first = _find_header(rows)
    if header is None:
        return None
    width = len(header)
    codes = {i for i, h in enumerate(header) if is_region_code_header(h)}
    cells, numbers = body(rows, header_row, width, codes)
    return RawTable(header, cells, numbers, kind, title, header_row=header_row, header_moved=header_row != first)


def _find_header(rows) -> tuple[list[str] | None, int, int]:
    """(header cells, header row, first non-empty row) among the first rows of a sheet."""
    first = 0
    for number, row in enumerate(rows, start=1):
        if first and number >= first + HEADER_SEARCH_ROWS:
            break
        if not non_empty(row):
            continue
        cells = [cell_text(c) for c in row]
        if not first:
            first = number
            if looks_like_registry(cells):
                return cells, number, first
        elif looks_like_later_header(cells):
            return cells, number, first
    return None, 0, first


def _xlsx_formulas_and_merges(data: bytes, facts: WorkbookFacts, book, title: str, table: RawTable) -> None:
    """Formula cells below the header and merged header cells of an XLSX sheet."""
    width = len(table.header)
    part = facts.sheet_parts.get(title) or (getattr(book[title], "_worksheet_path", None) if book is not None else None)
    has_formula, merges = _scan_sheet_xml(data, part)
    for ref in merges:
        min_col, min_row, max_col, max_row = _ref_bounds(ref)
        if min_row <= table.header_row <= max_row:
            table.merged_header.append((ref, list(range(min_col - 1, min(max_col, width)))))
    if has_formula:
        table.formulas = _formula_cells(data, title, table.header_row, width)


def _scan_sheet_xml(data: bytes, path: str | None) -> tuple[bool, list[str]]:
    """(holds any formula, merged ranges) of one sheet, by streaming its XML: no cell objects."""
    if not path:
        return False, []
    has_formula, merges, tail = False, [], b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path.lstrip("/")) as stream:
        while chunk := stream.read(1 << 22):
            block = tail + chunk
            has_formula = has_formula or _FORMULA_TAG.search(block) is not None
            merges += [m.decode() for m in _MERGE_TAG.findall(block)]
            tail = block[-256:]
    return has_formula, sorted(set(merges))


def _ref_bounds(ref: str) -> tuple[int, int, int, int]:
    """ "B2:D3" → (min_col, min_row, max_col, max_row), 1-based."""
    from openpyxl.utils.cell import range_boundaries

    return range_boundaries(ref if ":" in ref else f"{ref}:{ref}")


def _formula_cells(data: bytes, title: str, header_row: int, width: int) -> pd.DataFrame:
    """Every formula cell below the header of one sheet (second read, without cached values)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        found = []
        for row in book[title].iter_rows(min_row=header_row + 1, max_col=width):
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    value = cell.value
                    found.append((cell.row, cell.column - 1, str(getattr(value, "text", value))))
    finally:
        book.close()
    return pd.DataFrame(found, columns=["row", "position", "formula"])


def _ods_formulas_and_merges(fast, facts: WorkbookFacts, title: str, table: RawTable) -> None:
    """Formula cells (found by the guard) and merged header cells (as calamine reports them) of an ODS sheet."""
    width = len(table.header)
    found = [(r, c, f) for r, c, f in facts.formulas.get(title, []) if r > table.header_row and c < width]
    if found:
        table.formulas = pd.DataFrame(found, columns=["row", "position", "formula"])
    try:
        ranges = fast.get_sheet_by_name(title).merged_cell_ranges or []
    except Exception:
        return
    row0 = table.header_row - 1
    for (r1, c1), (r2, c2) in ranges:  # 0-based, inclusive
        if r1 <= row0 <= r2 and c2 > c1:
            ref = f"{column_letters(c1 + 1)}{r1 + 1}:{column_letters(c2 + 1)}{r2 + 1}"
            table.merged_header.append((ref, list(range(c1, min(c2 + 1, width)))))


def _calamine_book(data: bytes):
    """python-calamine (Rust) reads cell values ~10× faster than openpyxl; None when unavailable."""
    try:
        import python_calamine

        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # not installed, or a file calamine cannot read: openpyxl still can (XLSX)
        return None


def _calamine_rows(fast, title: str):
    """Cell values row by row from A1 (cached values for formulas); None when calamine cannot.

    Rows are produced lazily (``iter_rows``), so a 500,000-row sheet is never a Python list of
    18 million cells at once; calamine starts its rows at row 1 but its columns at the first used
    column, so rows are padded back to column A.
    """
    if fast is None:
        return None
    try:
        sheet = fast.get_sheet_by_name(title)
        offset = sheet.start[1] if sheet.start else 0
        rows = sheet.iter_rows()
    except Exception:
        return None
    if not offset:
        return rows
    pad = [""] * offset
    return (pad + row for row in rows)


def _openpyxl_book(data: bytes):
    """openpyxl, only when calamine cannot read a sheet: it scans a sheet without <dimension> whole."""
    import openpyxl  # imported lazily: most files never need it

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged archives
        raise corrupt_workbook() from exc
