"""Texts that were written as id/en pairs in ovop_core/store and ovop_core/auth (hand conversion)."""

PAIRS = {
    "store.stale_edit": (
        "Produk {product_id} sudah diubah oleh {who} pada {when} sejak Anda membukanya "
        "(revisi {expected} → {current}). Muat ulang produk lalu ulangi perubahan Anda.",
        "Product {product_id} was changed by {who} at {when} since you opened it "
        "(revision {expected} → {current}). Reload the product and apply your change again.",
    ),
    "store.invalid": (
        "Data tidak disimpan karena tidak valid: {problems}",
        "Not saved, the data is not valid: {problems}",
    ),
    "store.invalid_more": (
        "Data tidak disimpan karena tidak valid: {problems} (dan {more} masalah lain)",
        "Not saved, the data is not valid: {problems} (and {more} more problems)",
    ),
    "store.product_not_found": (
        "Produk {product_id} tidak ada dalam versi data saat ini.",
        "Product {product_id} is not in the current dataset version.",
    ),
    "store.version_not_found": ("Versi data {version} tidak ada.", "Dataset version {version} does not exist."),
    "store.fixed_columns": ("Kolom ini tidak dapat diubah: {names}.", "These columns cannot be changed: {names}."),
    "store.database_failed": (
        "Penyimpanan ke basis data gagal; versi data sebelumnya tetap utuh. ({error})",
        "Writing to the database failed; the previous dataset version is intact. ({error})",
    ),
    "store.viewer_only": (
        "Peran Anda hanya boleh melihat; perubahan tidak disimpan.",
        "Your role may only view; nothing was changed.",
    ),
    "store.admin_to_replace": (
        "Hanya admin yang boleh mengganti seluruh registri; gunakan mode gabung untuk wilayah Anda.",
        "Only an admin may replace the whole registry; use merge mode for your regions.",
    ),
    "store.admin_to_roll_back": (
        "Hanya admin yang boleh mengembalikan versi data.",
        "Only an admin may roll back to an earlier version.",
    ),
    "store.outside_regions": (
        "Anda hanya boleh mengubah produk di wilayah {mine}; produk di luar wilayah Anda: {shown}. "
        "Tidak ada yang disimpan.",
        "You may only change products in regions {mine}; products outside your regions: {shown}. Nothing was saved.",
    ),
    "store.missing_column": ("kolom '{column}' tidak ada.", "column '{column}' is missing."),
    "store.bad_frame": ("tabel bukan registri kanonik.", "the table is not a canonical registry frame."),
    "store.required_value": ("kolom '{column}' wajib diisi.", "column '{column}' needs a value."),
    "store.duplicate_id": ("id_produk ganda.", "duplicated product_id."),
    "auth.too_many_attempts": (
        "Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
        "Too many failed attempts. Try again in {seconds} seconds.",
    ),
    "auth.wrong_password": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
}
