"""Every user-facing string, in Indonesian (default) and English.

Pages call ``t("key")`` (language from the session) or ``t("key", lang)``; a test keeps the
two catalogs' keys identical. Placeholders use ``str.format`` names.
"""

from __future__ import annotations

LANGS = ("id", "en")
DEFAULT_LANG = "id"

CATALOG: dict[str, dict[str, str]] = {
    "id": {
        "app.title": "Dasbor OVOP — Satu Desa Satu Produk",
        "app.short": "Dasbor OVOP",
        "lang.label": "Bahasa",
        "page.overview": "Beranda",
        "model.label": "Model penilaian {version}, disusun mengacu pada kriteria OVOP Kemenperin dan OCOP (QĐ 148/2023); bukan skor resmi Kemenperin.",
        "data.demo": "Data contoh (ilustratif): skor dan bintang bukan hasil penilaian resmi.",
        "data.synthetic": "Data sintetis sementara (ilustratif).",
        "kpi.products": "Produk",
        "kpi.regions": "Kab/kota tercakup",
        "kpi.regions_help": "{n_prov} provinsi",
        "kpi.mean_score": "Skor rata-rata",
        "kpi.recognised": "Produk terakui (★≥3)",
        "kpi.recognised_help": "{share} dari semua produk",
        "kpi.eligible": "Siap naik tahap",
        "common.no_data": "tidak ada data",
    },
    "en": {
        "app.title": "OVOP Dashboard — One Village One Product",
        "app.short": "OVOP Dashboard",
        "lang.label": "Language",
        "page.overview": "Overview",
        "model.label": "Scoring model {version}, based on Kemenperin's OVOP criteria and OCOP (QĐ 148/2023); not an official Kemenperin score.",
        "data.demo": "Sample data (illustrative): scores and stars are not official assessments.",
        "data.synthetic": "Temporary synthetic data (illustrative).",
        "kpi.products": "Products",
        "kpi.regions": "Kab/kota covered",
        "kpi.regions_help": "{n_prov} provinces",
        "kpi.mean_score": "Mean score",
        "kpi.recognised": "Recognised products (★≥3)",
        "kpi.recognised_help": "{share} of all products",
        "kpi.eligible": "Ready to move on",
        "common.no_data": "no data",
    },
}


def translate(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for ``key`` in ``lang``; falls back to Indonesian, then to the key itself."""
    text = CATALOG.get(lang, {}).get(key) or CATALOG[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text
