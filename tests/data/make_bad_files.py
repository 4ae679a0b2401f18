"""Generate the corpus of bad registry files in tests/data/bad/ (byte-identical on every run).

    python tests/data/make_bad_files.py [--out-dir DIR]

Every file is something a kab/kota office could really upload: a `|`-separated export, a UTF-16
"Unicode Text" file, an old .xls, a password-protected workbook, a PDF renamed .csv, formulas,
merged header cells, a title row above the header… `tests/test_bad_files.py` reads each one and
checks the exact problem codes, rows and columns. The 50 MB file is not here: the test generates
it in a temporary folder.

The password-protected workbook and the old .xls are minimal OLE compound files (written by
``ole_file`` below, no extra dependency) with the streams that real ones have: ``EncryptionInfo``
and ``EncryptedPackage`` for an encrypted OOXML workbook, ``Workbook`` for an Excel 97–2003 file.

One file is not generated: ``password_protected_msoffcrypto.xlsx`` is a real encrypted workbook
(password "secret"), made once with msoffcrypto-tool 6.1.0 outside the project's dependencies
(its random salt makes it irreproducible), kept to check the detector against the real thing.
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
import zipfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ovop_core.templates import stable_xlsx_bytes  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent / "bad"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

HEADER = [
    "product_id", "name", "producer", "category", "region_code", "stage", "stage_since",
    "k1", "k2", "k3", "k4", "k5", "nib", "permit", "halal", "brand", "export",
    "assessors", "revenue_idr", "workers",
]  # fmt: skip
GOOD = {
    "product_id": "P001", "name": "Keripik Tempe", "producer": "Bu Sri", "category": "pangan",
    "region_code": "33.74", "stage": "2", "stage_since": "2024-01-15",
    "k1": "60", "k2": "60", "k3": "60", "k4": "60", "k5": "60",
    "nib": "ya", "permit": "pirt", "halal": "ya", "brand": "ya", "export": "tidak",
    "assessors": "3", "revenue_idr": "1000000", "workers": "4",
}  # fmt: skip


def rows(*overrides: dict, columns: list[str] | None = None) -> list[list[str]]:
    """Header plus one row per dict of overrides (ids P001, P002, … unless overridden)."""
    columns = columns or HEADER
    out = [list(columns)]
    for i, changes in enumerate(overrides, start=1):
        row = dict(GOOD, product_id=f"P{i:03d}")
        row.update(changes)
        out.append([row.get(c, "") for c in columns])
    return out


def csv_text(table: list[list[str]], sep: str = ",") -> str:
    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if (sep in cell or '"' in cell or "\n" in cell) else cell

    return "".join(sep.join(quote(str(c)) for c in row) + "\n" for row in table)


def csv_bytes(table, sep: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + csv_text(table, sep).encode(encoding)


def xlsx_bytes(table: list[list], build=None, title: str = "produk") -> bytes:
    """A workbook holding ``table`` on its first sheet; ``build(sheet)`` may add merges, formulas…"""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in table:
        sheet.append(row)
    if build is not None:
        build(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_xlsx_bytes(buffer.getvalue())


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in files.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, payload)
    return buffer.getvalue()


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal, well-formed OLE compound file (CFB v3, 512-byte sectors) holding ``streams``.

    Streams are padded to 4,096 bytes so that all live in regular sectors (no mini stream).
    """
    sector = 512
    free, end_of_chain, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    payloads = [(name, data.ljust(4096, b"\x00")) for name, data in streams.items()]
    fat = [fat_sector, end_of_chain]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for _, data in payloads:
        count = len(data) // sector + (len(data) % sector > 0)
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [end_of_chain]
    assert len(fat) <= sector // 4, "too many sectors for one FAT sector"
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", no_stream, right, child)
            + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )  # fmt: skip

    entries = [entry("Root Entry", 5, no_stream, 1 if payloads else no_stream, end_of_chain, 0)]
    for i, (name, data) in enumerate(payloads):
        right = i + 2 if i + 1 < len(payloads) else no_stream
        entries.append(entry(name, 2, right, no_stream, starts[i], len(data)))
    empty = b"\x00" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", no_stream, no_stream, no_stream)
    empty += b"\x00" * (128 - len(empty))
    assert len(entries) <= 4, "one directory sector holds four entries"
    directory = b"".join(entries) + empty * (4 - len(entries))

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
        + struct.pack("<I", 0) + struct.pack("<108I", *([free] * 108))
    )  # fmt: skip
    assert len(header) == sector
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(data for _, data in payloads)
    return header + body


def _merged_header(sheet) -> None:
    sheet.merge_cells("H1:L1")  # "k1" … "k5" merged into one caption


def _formulas(sheet) -> None:
    sheet["K3"] = "=AVERAGE(H3:J3)"  # k4 of P002
    sheet["T2"] = "=2+2"  # workers of P001


def _title_rows(table: list[list]) -> list[list]:
    return [["Registri Produk OVOP Kabupaten Sleman 2026"], ["Diperbarui: 1 Juli 2026"], []] + table


def corpus() -> dict[str, bytes]:
    """File name → bytes of every bad file (and a few good-but-odd ones)."""
    files: dict[str, bytes] = {}
    good_xlsx = xlsx_bytes(rows({}, {}))

    files["wrong_delimiter_pipe.csv"] = csv_bytes(rows({}, {}), sep="|")
    files["utf16_without_bom.csv"] = csv_text(rows({})).encode("utf-16-le")
    latin = csv_text(rows({}, {"name": "Kopi @@"})).encode("cp1252").replace(b"@@", b"\x81\x8d")
    files["undecodable_bytes.csv"] = latin
    files["bom_with_problems.csv"] = csv_bytes(rows({}, {"k3": "101", "category": "makanan"}), bom=True)
    files["decimal_comma_out_of_range.csv"] = csv_bytes(rows({"k1": "72,5"}, {"k1": "100,5"}), sep=";")
    files["decimal_comma_unquoted.csv"] = (
        csv_text(rows({}, {})).replace("P002,Keripik Tempe,Bu Sri,pangan,33.74,2,2024-01-15,60",
                                       "P002,Keripik Tempe,Bu Sri,pangan,33.74,2,2024-01-15,72,5").encode()
    )  # fmt: skip
    files["missing_columns.csv"] = csv_bytes(rows({}, columns=[c for c in HEADER if c not in ("category", "k4")]))
    files["extra_columns.csv"] = csv_bytes(rows({"catatan": "baru"}, columns=HEADER + ["catatan"]))
    files["duplicated_columns.csv"] = csv_bytes(rows({"id_produk": "P001"}, columns=HEADER + ["id_produk"]))
    files["duplicated_ids.csv"] = csv_bytes(rows({}, {"product_id": "X9"}, {}, {"product_id": "X9"}))
    files["unknown_region.csv"] = csv_bytes(rows({}, {"region_code": "99.99"}))
    files["out_of_range_scores.csv"] = csv_bytes(rows({"k2": "-1"}, {"k5": "150"}))
    files["non_numeric_scores.csv"] = csv_bytes(rows({}, {"k3": "tinggi"}))
    files["bad_booleans.csv"] = csv_bytes(rows({}, {"halal": "mungkin"}))
    files["bad_category.csv"] = csv_bytes(rows({}, {"category": "makanan"}))
    files["bad_permit.csv"] = csv_bytes(rows({}, {"permit": "sertifikat"}))
    files["bad_stage.csv"] = csv_bytes(rows({}, {"stage": "7"}))
    files["empty.csv"] = b""
    files["header_only.csv"] = csv_bytes(rows())
    files["whitespace_only.csv"] = b"  \r\n\t \n   \n"
    files["corrupt_truncated.xlsx"] = good_xlsx[: len(good_xlsx) // 2]
    files["password_protected.xlsx"] = ole_file(
        {"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": bytes(range(256)) * 8}
    )
    files["old_excel.xls"] = ole_file({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00", "SummaryInformation": b""})
    files["pdf_renamed.csv"] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
    files["png_renamed.csv"] = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
    files["docx_renamed.xlsx"] = zip_bytes(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "_rels/.rels": b"<Relationships/>"}
    )
    files["zip_renamed.xlsx"] = zip_bytes({"registri.csv": csv_bytes(rows({}))})
    files["binary_garbage.csv"] = bytes((i * 97 + 13) % 256 for i in range(4096))
    files["formulas.xlsx"] = xlsx_bytes(rows({}, {}), _formulas)
    files["merged_header.xlsx"] = xlsx_bytes(rows({}), _merged_header)
    files["title_rows.xlsx"] = xlsx_bytes(_title_rows(rows({}, {"k3": "101"})))
    files["title_rows.csv"] = csv_bytes(_title_rows(rows({}, {"k3": "101"})), sep=";")
    files["no_registry_sheet.xlsx"] = xlsx_bytes([["Petunjuk"], ["Isi lembar produk."]], title="Petunjuk")
    files["html_in_names.csv"] = csv_bytes(
        rows({"name": "<script>alert('x')</script>"}, {"name": "<b>Kopi</b> & <i>Teh</i>", "producer": "<img src=x>"})
    )
    files["very_long_strings.csv"] = csv_bytes(
        rows({}, {"name": "N" * 5000, "category": "kategori" * 2000, "region_code": "3" * 5000,
                  "permit": "p" * 3000, "product_id": "I" * 1000})
    )  # fmt: skip
    files["control_characters.csv"] = csv_bytes(rows({}, {"name": "Kopi\x00Gayo", "producer": "Bu\x07Sri"}))
    files["formula_like_text.csv"] = csv_bytes(
        rows({"name": '=HYPERLINK("http://x","klik")'}, {"producer": "@SUM(1+1)"}, {"name": "+62 Kopi"})
    )
    files["unclosed_quote.csv"] = csv_text(rows({}, {})).replace("Keripik Tempe", '"Keripik Tempe', 1).encode()
    files["dates_as_datetime.xlsx"] = xlsx_bytes(
        [HEADER, [GOOD[c] if c != "stage_since" else datetime(2024, 1, 15) for c in HEADER]]
    )
    return files


def write(out_dir: Path = OUT_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in corpus().items():
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    paths = write(args.out_dir)
    print(f"wrote {len(paths)} files to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
