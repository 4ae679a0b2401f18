"""Hostile spreadsheets, built byte by byte (issue 10): each once took the server down or stalled it.

They are generated, not committed: a zip bomb is small, but what it declares is not. Every builder
writes the least XML that shows the problem, so the tests stay fast; the same builders at full size
(``giant_cell_xlsx(1 << 30)``) serve the benchmarks.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

HEADER = ["product_id", "name", "category", "region_code", "stage", "k1", "k2", "k3", "k4", "k5"]
ROW = ["P1", "Keripik Tempe", "pangan", "33.20", "1", "50", "50", "50", "50", "50"]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="produk" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell(col: int, row: int, value: str) -> str:
    if value.isdigit():
        return f'<c r="{letters(col)}{row}"><v>{value}</v></c>'
    return f'<c r="{letters(col)}{row}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_row(row: int, values: list[str]) -> str:
    return f'<row r="{row}">' + "".join(_cell(i + 1, row, v) for i, v in enumerate(values)) + "</row>"


def registry_rows(n: int, start: int = 2) -> str:
    """``n`` valid-looking data rows, numbered from ``start``."""
    return "".join(sheet_row(r, [f"P{r}", *ROW[1:]]) for r in range(start, start + n))


def xlsx(sheet_data: str, dimension: str = "", shared: bytes | None = None, sheet_tail: str = "") -> bytes:
    """A minimal valid XLSX whose first sheet holds ``sheet_data`` (the XML inside ``<sheetData>``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""
        archive.writestr(
            "xl/worksheets/sheet1.xml", f"{SHEET_OPEN}{dim}<sheetData>{sheet_data}</sheetData>{sheet_tail}</worksheet>"
        )
        archive.writestr(
            "xl/sharedStrings.xml",
            shared or b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"/>',
        )
    return out.getvalue()


def header_and_rows(n: int = 1) -> str:
    return sheet_row(1, HEADER) + registry_rows(n)


def far_cell_xlsx(ref: str = "XFD1048576", dimension: str | None = None) -> bytes:
    """One value at ``ref`` below a tiny registry: a reader that trusts it allocates the whole rectangle."""
    col = "".join(ch for ch in ref if ch.isalpha())
    row = int(ref[len(col) :])
    far = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(header_and_rows() + far, dimension if dimension is not None else f"A1:{ref}")


def misplaced_cell_xlsx(ref: str = "A900000") -> bytes:
    """A cell whose own reference points far below the row that holds it (readers follow the cell)."""
    rows = header_and_rows().replace('<c r="J2"><v>50</v></c>', f'<c r="{ref}"><v>50</v></c>')
    return xlsx(rows, "A1:J2")


def unreferenced_cells_xlsx(width: int = 300) -> bytes:
    """Cells without ``r`` references: their column is their position, here past the column limit."""
    wide = '<row r="3">' + "<c><v>1</v></c>" * width + "</row>"
    return xlsx(header_and_rows() + wide, "A1:J3")


def many_rows_xlsx(n: int) -> bytes:
    """``n`` tiny data rows (one cell each after the header)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, n + 2))
    return xlsx(sheet_row(1, HEADER) + rows)


def giant_shared_string_xlsx(n_bytes: int, runs: int = 1) -> bytes:
    """One shared string of ``n_bytes`` characters (split into ``runs`` rich-text runs), streamed out."""
    out = io.BytesIO()
    base = zipfile.ZipFile(io.BytesIO(xlsx(header_and_rows().replace("Keripik Tempe", "x"))))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in base.infolist():
            if info.filename != "xl/sharedStrings.xml":
                archive.writestr(info.filename, base.read(info.filename))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>')
            per_run, block = n_bytes // runs, b"A" * (1 << 20)
            for _ in range(runs):
                part.write(b"<r><t>" if runs > 1 else b"<t>")
                left = per_run
                while left > 0:
                    part.write(block[: min(left, len(block))])
                    left -= len(block)
                part.write(b"</t></r>" if runs > 1 else b"</t>")
            part.write(b"</si></sst>")
    return out.getvalue()


def giant_inline_cell_xlsx(n_bytes: int) -> bytes:
    return xlsx(sheet_row(1, HEADER) + sheet_row(2, ["P1", "A" * n_bytes, *ROW[2:]]))


def declared_bomb_xlsx(declared: int) -> bytes:
    """A small sheet whose zip directory declares ``declared`` unpacked bytes (the refusal needs no unpacking)."""
    return _patch_declared_size(xlsx(header_and_rows()), "xl/worksheets/sheet1.xml", declared)


def lying_size_xlsx(real_bytes: int = 4 << 20) -> bytes:
    """A sheet whose real XML is larger than its directory says: the CRC catches it."""
    padding = " " * real_bytes
    data = xlsx(header_and_rows(), sheet_tail=f"<!--{padding}-->")
    return _patch_declared_size(data, "xl/worksheets/sheet1.xml", 1000)


def _patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``name`` in the local header and the central directory."""
    raw = bytearray(data)
    encoded = name.encode()
    local = raw.find(b"PK\x03\x04" + b"\x00" * 0, 0)
    while local != -1:
        name_len = struct.unpack_from("<H", raw, local + 26)[0]
        if raw[local + 30 : local + 30 + name_len] == encoded:
            struct.pack_into("<I", raw, local + 22, min(size, 0xFFFFFFFE))
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46 : central + 46 + name_len] == encoded:
            struct.pack_into("<I", raw, central + 24, min(size, 0xFFFFFFFE))
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


# --- ODS ---------------------------------------------------------------------------------------------

_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_ODS_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="produk">'
)
_ODS_CLOSE = "</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_cell(value: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value == "":
        return f"<table:table-cell{rep}/>"
    kind = 'office:value-type="float" office:value="' + value + '"' if value.isdigit() else 'office:value-type="string"'
    return f"<table:table-cell {kind}{rep}><text:p>{value}</text:p></table:table-cell>"


def ods_row(values: list[str], repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>" + "".join(ods_cell(v) for v in values) + "</table:table-row>"


def ods(rows_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", _ODS_OPEN + rows_xml + _ODS_CLOSE)
    return out.getvalue()


def ods_registry(n: int = 2) -> bytes:
    return ods(ods_row(HEADER) + "".join(ods_row([f"P{i}", *ROW[1:]]) for i in range(n)))


def ods_far_repeated_cell() -> bytes:
    """A value repeated across 16,384 columns by one attribute: tiny XML, a huge sheet."""
    return ods(ods_row(HEADER) + ods_row([*ROW]) + "<table:table-row>" + ods_cell("1", 16384) + "</table:table-row>")


def ods_repeated_rows() -> bytes:
    """A valued row repeated a million times by one attribute."""
    return ods(ods_row(HEADER) + ods_row(ROW, repeat=1_000_000))


def ods_trailing_empty_rows() -> bytes:
    """What LibreOffice writes: empty rows and columns repeated to the sheet's end. Harmless."""
    empty = '<table:table-row table:number-rows-repeated="1048570">' + ods_cell("", 1024) + "</table:table-row>"
    return ods(ods_row(HEADER + [""] * 0) + ods_row(ROW) + empty)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
