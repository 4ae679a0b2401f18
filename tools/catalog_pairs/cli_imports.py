"""Texts that were id/en pairs in ovop_core/cli.py and ovop_core/import_checks.py (hand conversion)."""

PAIRS = {
    "cli.file_not_found": ("berkas tidak ditemukan: {path}", "file not found: {path}"),
    "cli.file_rejected": ("{path}: {n} masalah; berkas ditolak", "{path}: {n} problem(s); file rejected"),
    "cli.file_valid": ("{path}: {n} produk, tidak ada masalah", "{path}: {n} products, no problems"),
    "cli.file_valid_warnings": (
        "{path}: {n} produk, tanpa kesalahan, {warned} peringatan",
        "{path}: {n} products, no errors, {warned} warning(s)",
    ),
    "import.lossy_encoding": (
        "Baris {row}, kolom '{column}': '{new}' berisi '?' di tempat versi tersimpan berisi huruf "
        "lain ('{old}'); berkas mungkin disimpan sebagai Windows-1252, yang tidak memuat huruf itu. "
        "Simpan sebagai CSV UTF-8 lalu unggah lagi.",
        "Row {row}, column '{column}': '{new}' has '?' where the stored version has another letter "
        "('{old}'); the file was probably saved as Windows-1252, which cannot hold that letter. "
        "Save it as CSV UTF-8 and upload again.",
    ),
    "import.leading_zero_lost": (
        "Baris {row}, kolom 'product_id': id '{new}' belum ada, tetapi '{old}' tersimpan; program lembar kerja "
        "mungkin menghapus angka 0 di depan. Impor CSV sebagai teks atau gunakan XLSX, agar produk tidak "
        "tercatat dua kali.",
        "Row {row}, column 'product_id': id '{new}' is new, but '{old}' is stored; a spreadsheet program "
        "probably dropped the leading zeros. Import the CSV as text, or use XLSX, so the product is not "
        "recorded twice.",
    ),
}
