"""The limits that protect the server from a hostile or runaway file (DESIGN.md §3).

One place for every number, so the reader, the workbook guard, the Data page's help text and
the tests agree. A file beyond any of them is refused with a message naming the limit, before
it is expanded in memory.
"""

from __future__ import annotations

MAX_FILE_BYTES = 100 * 1024 * 1024  # the file as uploaded (CSV, XLSX or ODS)
MAX_DATA_ROWS = 500_000  # a registry of every desa over several rounds
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000

# Spreadsheet internals (XML inside the zip). Our own 500,000-row export unpacks to ~740 MB of sheet
# XML, so a sheet may unpack to 1 GiB; the shared-string table of such a file is well under 100 MB.
MAX_SHEET_XML_BYTES = 1024 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024
MAX_ODS_CONTENT_BYTES = 512 * 1024 * 1024
MAX_OTHER_PART_BYTES = 64 * 1024 * 1024  # workbook.xml, styles, relationships …
MAX_ZIP_ENTRIES = 10_000
# Bytes of one XML text node / one shared string / one sheet row beyond which no legitimate cell of
# MAX_CELL_CHARS characters can reach (a character is at most 10 bytes even as "&#x10FFFF;").
MAX_TEXT_NODE_BYTES = 10 * MAX_CELL_CHARS
MAX_SHARED_STRING_BYTES = 2 * 1024 * 1024  # rich text: formatting runs around ≤ 10,000 characters
MAX_ROW_XML_BYTES = 32 * 1024 * 1024  # 200 columns × 10,000 characters, with room for markup

# Rows a sheet may reach: the data rows plus a header pushed down by a title (see registry.header).
HEADER_SEARCH_ROWS = 10
MAX_SHEET_ROW = MAX_DATA_ROWS + HEADER_SEARCH_ROWS + 1
