"""Refuse a hostile ODS (OpenDocument, e.g. LibreOffice Calc) before its cells are expanded.

ODS content goes through expat, because its cells repeat by attribute (``number-columns-repeated``):
a few bytes may declare a million cells, so extents are counted, never expanded.
"""

from __future__ import annotations

import zipfile

from .. import limits
from .sheet_limits import cell_too_long, too_many_columns, too_many_rows, unpacks_too_large
from .xml_stream import column_letters, corrupt_workbook, expat_stream

_CELLS = ("table:table-cell", "table:covered-table-cell")


def check_ods(archive: zipfile.ZipFile) -> dict[str, list[tuple[int, int, str]]]:
    """Raise when ``content.xml`` exceeds a limit; else the formula cells: sheet → (row, position, formula)."""
    try:
        info = archive.getinfo("content.xml")
    except KeyError:
        raise corrupt_workbook() from None
    if info.file_size > limits.MAX_ODS_CONTENT_BYTES:
        raise unpacks_too_large("content.xml", info.file_size, limits.MAX_ODS_CONTENT_BYTES)
    formulas: dict[str, list[tuple[int, int, str]]] = {}
    state = {"sheet": "", "row": 0, "row_repeat": 1, "col": 0, "cell_chars": 0, "in_cell": False}

    def start(name: str, attrs: dict) -> None:
        if name == "table:table":
            state.update(sheet=attrs.get("table:name", ""), row=0)
            formulas.setdefault(state["sheet"], [])
        elif name == "table:table-row":
            state["row_repeat"] = _repeat(attrs.get("table:number-rows-repeated"))
            state["col"] = 0
        elif name in _CELLS:
            _cell(attrs)

    def _cell(attrs: dict) -> None:
        repeat = _repeat(attrs.get("table:number-columns-repeated"))
        row, first_col = state["row"] + 1, state["col"] + 1
        state["col"] += repeat
        state["cell_chars"], state["in_cell"] = 0, True
        if "office:value-type" in attrs or "table:formula" in attrs:
            last_row = state["row"] + state["row_repeat"]
            if last_row > limits.MAX_SHEET_ROW:
                raise too_many_rows(state["sheet"], last_row)
            if state["col"] > limits.MAX_COLUMNS:
                raise too_many_columns(state["sheet"], f"{column_letters(state['col'])}{row}")
            if "table:formula" in attrs:
                formulas[state["sheet"]].append((row, first_col - 1, attrs["table:formula"]))

    def text(data: str) -> None:
        if state["in_cell"]:
            state["cell_chars"] += len(data)
            if state["cell_chars"] > limits.MAX_CELL_CHARS:
                raise cell_too_long(state["sheet"])

    def end(name: str) -> None:
        if name == "table:table-row":
            state["row"] += state["row_repeat"]
        elif name in _CELLS:
            state["in_cell"] = False

    expat_stream(archive, info, start, text, end)
    return formulas


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
