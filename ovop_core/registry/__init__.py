"""Read and validate a product registry (DESIGN.md §3).

``read_registry`` returns every problem in the file, not just the first: each names the file
row, the column as the user wrote it, the offending value and a message in Indonesian and
English (worded once, in ``messages``). A file with any error is rejected whole
(``RegistryResult.ok`` is False); the parsed rows are still returned so that a user may
explicitly choose to keep only the clean ones.

Problem codes, file level (row 0, or the row where it was found): ``file_too_large``,
``empty_file``, ``wrong_file_type`` (PDF, image, Word, ZIP…), ``xls_format`` (old binary .xls),
``password_protected`` (encrypted workbook), ``corrupt_xlsx``, ``binary_file``, ``bad_encoding``,
``mixed_encoding``, ``wrong_delimiter``, ``unclosed_quote``, ``no_matching_sheet``,
``too_many_rows``, ``too_many_columns``, ``sheet_too_large``, ``cell_too_long``, ``read_failed``
(safety net). Header (the header row): ``no_header``, ``missing_column``, ``duplicate_column``,
``merged_header``, ``no_data_rows``; warnings ``unknown_column``, ``missing_evidence_column``,
``header_not_first``. Cells: ``ragged_row``, ``formula`` (XLSX/ODS formula cells),
``required_value``, ``too_long``, ``duplicate_id``, ``bad_category``, ``province_code``,
``trailing_zero_dropped``, ``bad_region_code``, ``unknown_region``, ``bad_stage``, ``bad_date``,
``date_out_of_range``, ``not_numeric``, ``out_of_range``, ``not_whole``, ``incomplete_sub_items``,
``bad_boolean``, ``bad_permit``, ``halal_and_non_halal``; warnings ``formula_like_text`` (text starting with ``=``, ``+``,
``@`` or ``-``… that a spreadsheet could run as a formula: accepted as text; exports must
neutralise it), ``invisible_characters``, ``leading_zero_id``, ``two_digit_year``.

The modules, in the order a file meets them: ``reader`` (size, bytes, dispatch), ``sniff`` (what
kind of file), ``workbook_guard``/``ods_guard`` (hostile workbooks), ``csv_table``/``workbook_table``
(cells as text, header found by ``header``), ``layout``, ``validate`` (``header``, ``columns``,
``numbers``, ``dates``), with ``problems`` collecting what is wrong.
"""

from __future__ import annotations

from ..errors import UnreadableFileError
from .characters import CONTROL_CHARACTERS, INVISIBLE_CHARACTERS
from .columns import FORMULA_LIKE, TEXT_COLUMNS
from .dates import EARLIEST_DATE
from .header import looks_like_later_header, looks_like_registry
from .problems import PROBLEM_COLUMNS, Problems
from .raw_table import RawTable
from .reader import MAX_BYTES, RegistryResult, read_registry, read_table, validate_raw_table
from .sniff import sniff_kind
from .validate import validate_table

__all__ = [
    "CONTROL_CHARACTERS",
    "EARLIEST_DATE",
    "FORMULA_LIKE",
    "INVISIBLE_CHARACTERS",
    "MAX_BYTES",
    "PROBLEM_COLUMNS",
    "Problems",
    "RawTable",
    "RegistryResult",
    "TEXT_COLUMNS",
    "UnreadableFileError",
    "looks_like_later_header",
    "looks_like_registry",
    "read_registry",
    "read_table",
    "sniff_kind",
    "validate_raw_table",
    "validate_table",
]
