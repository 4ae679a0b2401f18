"""Every user-facing string, in Indonesian (default) and English.

Pages call ``t("key")`` from ``ovop_ui.state`` (language from the session) or
``translate("key", lang)``; a test keeps the two catalogs' keys and placeholders identical.
Placeholders use ``str.format`` names. Domain names (criteria, categories, stages, cap reasons)
come bilingual from ``ovop_core`` and are looked up with ``domain_name``.
"""

from __future__ import annotations

from ovop_core.model import CATEGORY_NAMES, CRITERION_NAMES
from ovop_core.pipeline import STAGES

LANGS = ("id", "en")
DEFAULT_LANG = "id"
LANG_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

CATALOG: dict[str, dict[str, str]] = {
    "id": {
        "app.title": "Dasbor OVOP — Satu Desa Satu Produk",
        "app.short": "Dasbor OVOP",
        "app.subtitle": "Satu Desa Satu Produk",
        "app.tagline": "Produk unggulan daerah: skor, bintang, tahapan dan peluang naik kelas.",
        "lang.label": "Bahasa",
        "mode.label": "Tampilan",
        "mode.normal": "Normal",
        "page.overview": "Beranda",
        "page.map": "Peta Wilayah",
        "model.label": "Model penilaian {version}: disusun mengacu pada kriteria OVOP Kemenperin dan OCOP (QĐ 148/2023); bukan skor resmi Kemenperin.",
        "data.source": "Sumber data",
        "data.demo": "Data contoh (ilustratif): nama produk nyata, tetapi skor, bintang dan tahap bukan hasil penilaian resmi.",
        "data.synthetic": "Data sintetis sementara (ilustratif).",
        "data.file": "Registri dari berkas yang ditetapkan operator (OVOP_DATA_FILE).",
        "filters.title": "Saring",
        "filters.province": "Provinsi",
        "filters.kabkota": "Kabupaten/kota",
        "filters.category": "Kategori",
        "filters.stage": "Tahap",
        "filters.all_provinces": "Semua provinsi",
        "filters.all_kabkota": "Semua kab/kota",
        "filters.all": "Semua",
        "filters.reset": "Hapus saringan",
        "filters.active": "Saringan: {text}",
        "filters.none_match": "Tidak ada produk yang cocok dengan saringan ini.",
        "kpi.products": "Produk",
        "kpi.regions": "Kab/kota tercakup",
        "kpi.regions_help": "di {n_prov} provinsi",
        "kpi.mean_score": "Skor rata-rata",
        "kpi.mean_score_help": "skala 0–100",
        "kpi.recognised": "Produk terakui (★≥3)",
        "kpi.recognised_help": "{share} dari semua produk",
        "kpi.eligible": "Siap naik tahap",
        "kpi.eligible_help": "syarat tahap berikut terpenuhi",
        "overview.stars": "Sebaran bintang",
        "overview.categories": "Produk per kategori",
        "overview.stages": "Produk per tahap",
        "overview.top_regions": "Wilayah teratas",
        "overview.top_regions_help": "Diurutkan menurut skor rata-rata.",
        "overview.top_products": "Produk teratas",
        "overview.top_products_help": "Pilih satu baris untuk melihat rincian skornya.",
        "overview.breakdown": "Rincian skor: {name}",
        "overview.breakdown_help": "Nilai tiap kriteria (0–100) dan sumbangannya terhadap skor.",
        "overview.capped": "Bintang dibatasi — {reason}",
        "overview.not_capped": "Bintang tidak dibatasi oleh syarat dokumen.",
        "chart.products": "Jumlah produk",
        "chart.stars": "Bintang",
        "chart.unrated": "Belum dinilai",
        "chart.criterion_value": "Nilai kriteria (0–100)",
        "chart.contribution": "Sumbangan ke skor",
        "chart.weight": "bobot {weight}",
        "col.rank": "Peringkat",
        "col.region": "Wilayah",
        "col.province": "Provinsi",
        "col.kabkota": "Kab/kota",
        "col.products": "Produk",
        "col.mean_score": "Skor rata-rata",
        "col.recognised": "Terakui",
        "col.share_recognised": "% terakui",
        "col.name": "Produk",
        "col.producer": "Produsen",
        "col.category": "Kategori",
        "col.score": "Skor",
        "col.stars": "Bintang",
        "col.stage": "Tahap",
        "col.cap_reason": "Alasan pembatasan",
        "col.next": "Tahap berikutnya",
        "col.blocking": "Kendala",
        "map.metric": "Warnai peta menurut",
        "metric.mean_score": "Skor rata-rata",
        "metric.n_recognised": "Jumlah produk terakui (★≥3)",
        "metric.share_recognised": "Persentase produk terakui",
        "metric.n_products": "Jumlah produk",
        "map.no_data": "Tidak ada data",
        "map.approximate": "Batas kab/kota adalah batas perkiraan (diturunkan dari titik desa), bukan batas resmi.",
        "map.click_hint": "Klik sebuah provinsi untuk melihat kabupaten/kotanya dan profil wilayah.",
        "map.click_kab_hint": "Klik sebuah kabupaten/kota untuk melihat profilnya.",
        "map.back": "Kembali ke Indonesia",
        "map.back_province": "Kembali ke {name}",
        "map.indonesia": "Indonesia",
        "map.ranking": "Peringkat provinsi",
        "map.legend": "Legenda",
        "map.missing_geometry": "{n} kab/kota tanpa batas di peta (mis. Kepulauan Seribu); datanya tetap dihitung.",
        "profile.title": "Profil wilayah: {name}",
        "profile.rank": "Peringkat {rank} dari {total} {level}",
        "profile.no_rank": "Belum ada peringkat (tidak ada produk yang dinilai).",
        "profile.products": "Produk di wilayah ini",
        "profile.no_products": "Belum ada produk terdaftar di wilayah ini.",
        "profile.peers": "Pembanding",
        "level.province": "provinsi",
        "level.kabkota": "kab/kota",
        "stars.unrated": "belum dinilai",
        "common.no_data": "tidak ada data",
        "common.yes": "ya",
        "common.no": "tidak",
        "error.page": "Halaman ini tidak dapat ditampilkan. Silakan muat ulang atau pilih halaman lain.",
        # --- pipeline page (id) ---
        # --- what-if page (id) ---
    },
    "en": {
        "app.title": "OVOP Dashboard — One Village One Product",
        "app.short": "OVOP Dashboard",
        "app.subtitle": "One Village One Product",
        "app.tagline": "Regional flagship products: scores, stars, stages and what lifts them.",
        "lang.label": "Language",
        "mode.label": "View",
        "mode.normal": "Normal",
        "page.overview": "Overview",
        "page.map": "Regional map",
        "model.label": "Scoring model {version}: based on Kemenperin's OVOP criteria and OCOP (QĐ 148/2023); not an official Kemenperin score.",
        "data.source": "Data source",
        "data.demo": "Sample data (illustrative): real product names, but scores, stars and stages are not official assessments.",
        "data.synthetic": "Temporary synthetic data (illustrative).",
        "data.file": "Registry from the file set by the operator (OVOP_DATA_FILE).",
        "filters.title": "Filter",
        "filters.province": "Province",
        "filters.kabkota": "Regency/city",
        "filters.category": "Category",
        "filters.stage": "Stage",
        "filters.all_provinces": "All provinces",
        "filters.all_kabkota": "All regencies/cities",
        "filters.all": "All",
        "filters.reset": "Clear filters",
        "filters.active": "Filters: {text}",
        "filters.none_match": "No product matches these filters.",
        "kpi.products": "Products",
        "kpi.regions": "Regencies/cities covered",
        "kpi.regions_help": "in {n_prov} provinces",
        "kpi.mean_score": "Mean score",
        "kpi.mean_score_help": "scale 0–100",
        "kpi.recognised": "Recognised products (★≥3)",
        "kpi.recognised_help": "{share} of all products",
        "kpi.eligible": "Ready to move on",
        "kpi.eligible_help": "next stage conditions met",
        "overview.stars": "Star distribution",
        "overview.categories": "Products by category",
        "overview.stages": "Products by stage",
        "overview.top_regions": "Top regions",
        "overview.top_regions_help": "Ranked by mean score.",
        "overview.top_products": "Top products",
        "overview.top_products_help": "Select a row to see its score breakdown.",
        "overview.breakdown": "Score breakdown: {name}",
        "overview.breakdown_help": "Each criterion's value (0–100) and its contribution to the score.",
        "overview.capped": "Star capped — {reason}",
        "overview.not_capped": "The star is not capped by missing documents.",
        "chart.products": "Number of products",
        "chart.stars": "Stars",
        "chart.unrated": "Not rated",
        "chart.criterion_value": "Criterion value (0–100)",
        "chart.contribution": "Contribution to score",
        "chart.weight": "weight {weight}",
        "col.rank": "Rank",
        "col.region": "Region",
        "col.province": "Province",
        "col.kabkota": "Regency/city",
        "col.products": "Products",
        "col.mean_score": "Mean score",
        "col.recognised": "Recognised",
        "col.share_recognised": "% recognised",
        "col.name": "Product",
        "col.producer": "Producer",
        "col.category": "Category",
        "col.score": "Score",
        "col.stars": "Stars",
        "col.stage": "Stage",
        "col.cap_reason": "Cap reason",
        "col.next": "Next stage",
        "col.blocking": "Blocked by",
        "map.metric": "Colour the map by",
        "metric.mean_score": "Mean score",
        "metric.n_recognised": "Recognised products (★≥3)",
        "metric.share_recognised": "Share of products recognised",
        "metric.n_products": "Number of products",
        "map.no_data": "No data",
        "map.approximate": "Regency/city boundaries are approximate (derived from village points), not official boundaries.",
        "map.click_hint": "Click a province to see its regencies/cities and the region profile.",
        "map.click_kab_hint": "Click a regency/city to see its profile.",
        "map.back": "Back to Indonesia",
        "map.back_province": "Back to {name}",
        "map.indonesia": "Indonesia",
        "map.ranking": "Province ranking",
        "map.legend": "Legend",
        "map.missing_geometry": "{n} regencies/cities have no boundary on the map (e.g. Kepulauan Seribu); their data still counts.",
        "profile.title": "Region profile: {name}",
        "profile.rank": "Rank {rank} of {total} {level}",
        "profile.no_rank": "No rank yet (no scored products).",
        "profile.products": "Products in this region",
        "profile.no_products": "No products registered in this region yet.",
        "profile.peers": "Peers",
        "level.province": "provinces",
        "level.kabkota": "regencies/cities",
        "stars.unrated": "not rated",
        "common.no_data": "no data",
        "common.yes": "yes",
        "common.no": "no",
        "error.page": "This page cannot be shown. Please reload or choose another page.",
        # --- pipeline page (en) ---
        # --- what-if page (en) ---
    },
}


def translate(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for ``key`` in ``lang``; falls back to Indonesian, then to the key itself."""
    text = CATALOG.get(lang, {}).get(key) or CATALOG[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text


def category_name(code: str, lang: str) -> str:
    return CATEGORY_NAMES.get(code, {}).get(lang, code)


def criterion_name(code: str, lang: str) -> str:
    return CRITERION_NAMES.get(code, {}).get(lang, code)


def stage_name(number: int, lang: str, with_number: bool = True) -> str:
    stage = STAGES[int(number)]
    name = stage.name_id if lang == "id" else stage.name_en
    return f"{stage.number} · {name}" if with_number else name


def stars_text(stars: int, lang: str) -> str:
    """★ as text, never colour alone: "★★★☆☆ 3"; unrated products say so."""
    stars = int(stars)
    if stars <= 0:
        return translate("stars.unrated", lang)
    return "★" * stars + "☆" * (5 - stars) + f" {stars}"
