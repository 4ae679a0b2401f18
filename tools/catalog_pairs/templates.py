"""Texts that were written as ``"…" if id_ else "…"`` in ovop_core/templates.py (hand conversion)."""

PAIRS = {
    "template.sheet.data": ("produk", "products"),
    "template.sheet.instructions": ("Petunjuk", "Instructions"),
    "template.bools": ("{yes} / {no} (juga true/false, y/n, 1/0)", "{yes} / {no} (also ya/tidak, y/n, 1/0)"),
    "template.type.text": ("teks", "text"),
    "template.type.whole": ("bilangan bulat", "whole number"),
    "template.type.number": ("angka", "number"),
    "template.type.choice": ("pilihan", "choice"),
    "template.type.boolean": ("ya/tidak", "yes/no"),
    "template.type.date": ("tanggal", "date"),
    "template.allowed.unique_max": ("unik, maks. {n} karakter", "unique, max {n} characters"),
    "template.allowed.max": ("maks. {n} karakter", "max {n} characters"),
    "template.allowed.region_code": (
        "NN.NN (kode kab/kota Kemendagri), mis. 35.73",
        "NN.NN (Kemendagri kab/kota code), e.g. 35.73",
    ),
    "template.allowed.stage_since": (
        "YYYY-MM-DD atau DD/MM/YYYY, 1990–hari ini",
        "YYYY-MM-DD or DD/MM/YYYY, 1990–today",
    ),
    "template.meaning.product_id": ("Kode produk, unik di seluruh berkas.", "Product code, unique in the file."),
    "template.meaning.name": ("Nama produk.", "Product name."),
    "template.meaning.producer": ("Nama produsen, UMKM atau kelompok.", "Producer, business or group."),
    "template.meaning.category": (
        "Kategori produk; lihat arti kategori di bawah.",
        "Product category; see the categories below.",
    ),
    "template.meaning.region_code": (
        "Kab/kota asal produk; kode kecamatan/desa yang lebih rinci juga diterima. "
        "Format sel sebagai teks agar 33.10 tidak menjadi 33.1.",
        "Kab/kota of the product; a deeper kecamatan/desa code is also accepted. "
        "Format the cell as text so that 33.10 does not become 33.1.",
    ),
    "template.meaning.stage": (
        "Tahap pembinaan OVOP; lihat daftar tahap di bawah.",
        "OVOP pipeline stage; see the stages below.",
    ),
    "template.meaning.stage_since": (
        "Tanggal produk masuk tahap ini (boleh kosong). Di XLSX ketik sebagai tanggal; di CSV "
        "tulis 2025-03-01 atau 01/03/2025 (hari/bulan/tahun, tahun empat digit).",
        "Date the product entered its stage (optional). In XLSX type it as a date; in CSV write "
        "2025-03-01 or 01/03/2025 (day/month/year, four-digit year).",
    ),
    "template.meaning.nib": ("Memiliki NIB (Nomor Induk Berusaha).", "Holds a NIB business identity number."),
    "template.meaning.permit": (
        "Izin edar: none (belum ada), pirt, bpom, sni.",
        "Distribution permit: none, pirt, bpom, sni.",
    ),
    "template.meaning.halal": ("Memiliki sertifikat halal.", "Holds a halal certificate."),
    "template.meaning.brand": ("Merek terdaftar (DJKI).", "Registered trademark."),
    "template.meaning.export": (
        "Ada bukti ekspor atau sertifikasi mutu ekspor.",
        "Documented export or export-grade certification.",
    ),
    "template.meaning.assessors": (
        "Jumlah penilai independen yang nilainya dirata-rata (boleh kosong).",
        "Number of independent assessments averaged (optional).",
    ),
    "template.meaning.revenue_idr": (
        "Omzet per tahun dalam rupiah (boleh kosong).",
        "Yearly revenue in rupiah (optional).",
    ),
    "template.meaning.workers": ("Jumlah tenaga kerja (boleh kosong).", "Number of workers (optional)."),
    "template.meaning.criterion": (
        "Skor kriteria {criterion}: {name}. Wajib, kecuali semua sub-item {criterion} diisi.",
        "Criterion score {criterion}: {name}. Required unless all {criterion} sub-items are filled in.",
    ),
    "template.meaning.sub_item": (
        "Sub-item {criterion} (format rinci): {name}, tingkat 0–3. Isi semua sub-item "
        "{criterion} atau kosongkan semua; bila terisi, menggantikan {criterion}.",
        "{criterion} sub-item (detailed format): {name}, level 0–3. Fill in all "
        "{criterion} sub-items or none; when filled in they determine {criterion}.",
    ),
    "template.required.yes": ("ya", "yes"),
    "template.required.criterion": ("ya (atau sub-item)", "yes (or sub-items)"),
    "template.required.no": ("tidak", "no"),
    "template.instructions.title": (
        "Petunjuk pengisian registri produk OVOP",
        "How to fill in the OVOP product registry",
    ),
    "template.instructions.how": (
        "Isi satu baris per produk di lembar '{sheet}' mulai baris 2; hapus dua baris contoh. "
        "Jangan memakai rumus, sel gabungan (merge) atau baris judul tambahan. Simpan sebagai .xlsx atau "
        "CSV UTF-8 (atau .ods dari LibreOffice).",
        "Fill in one row per product on the '{sheet}' sheet from row 2; delete the two example rows. "
        "Use no formulas, merged cells or extra title rows. Save as .xlsx, CSV UTF-8 or LibreOffice .ods.",
    ),
    "template.instructions.col.column": ("Kolom", "Column"),
    "template.instructions.col.other_name": ("Nama kanonik (Inggris)", "Indonesian alias"),
    "template.instructions.col.required": ("Wajib?", "Required?"),
    "template.instructions.col.type": ("Jenis", "Type"),
    "template.instructions.col.allowed": ("Nilai yang diizinkan", "Allowed values / range"),
    "template.instructions.col.example": ("Contoh", "Example"),
    "template.instructions.col.meaning": ("Keterangan", "Meaning"),
    "template.instructions.categories": ("Kategori", "Categories"),
    "template.instructions.stages": ("Tahap", "Stages"),
    "template.instructions.problems": (
        "Kesalahan ditampilkan per baris dan kolom saat unggah; berkas dengan kesalahan tidak diimpor.",
        "Problems are shown per row and column on upload; a file with errors is not imported.",
    ),
    "template.instructions.csv": (
        "CSV: simpan sebagai CSV UTF-8 (Windows-1252 kehilangan huruf seperti Đ). Saat membuka CSV di Excel "
        "atau LibreOffice, impor kolom id_produk dan kode_wilayah sebagai teks, agar 0012 tidak menjadi 12 "
        "dan 33.20 tidak menjadi 33.2 — atau gunakan templat XLSX ini. LibreOffice (.ods) juga diterima.",
        "CSV: save as CSV UTF-8 (Windows-1252 loses letters such as Đ). When opening a CSV in Excel or "
        "LibreOffice, import the product_id and region_code columns as text so that 0012 does not become 12 "
        "and 33.20 does not become 33.2 — or use this XLSX template. LibreOffice (.ods) files are accepted.",
    ),
    "template.invalid.title": ("Nilai tidak sah", "Invalid value"),
    "template.invalid.category": ("Pilih kategori dari daftar.", "Choose a category from the list."),
    "template.invalid.stage": ("Tahap harus 0–6.", "The stage must be 0–6."),
    "template.invalid.permit": ("Pilih none, pirt, bpom atau sni.", "Choose none, pirt, bpom or sni."),
    "template.invalid.boolean": ("Pilih {yes} atau {no}.", "Choose {yes} or {no}."),
    "template.invalid.score": ("Skor harus angka 0–100.", "The score must be a number 0–100."),
    "template.invalid.sub_item": (
        "Tingkat sub-item harus 0, 1, 2 atau 3.",
        "A sub-item level must be 0, 1, 2 or 3.",
    ),
    "template.invalid.assessors": (
        "Jumlah penilai harus bilangan bulat 0–{max}.",
        "Assessors must be a whole number 0–{max}.",
    ),
    "template.invalid.revenue": (
        "Omzet harus angka 0 sampai 10^15 rupiah.",
        "Revenue must be a number from 0 to 10^15 rupiah.",
    ),
    "template.invalid.workers": (
        "Tenaga kerja harus bilangan bulat 0–1.000.000.",
        "Workers must be a whole number 0–1,000,000.",
    ),
    "template.invalid.date": (
        "Isi tanggal (mis. 2025-03-01), 1990 sampai hari ini.",
        "Enter a date (e.g. 2025-03-01), 1990 up to today.",
    ),
}
