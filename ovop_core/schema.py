"""The registry's canonical columns, their Indonesian aliases and accepted spellings (DESIGN.md §3)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from .model import CRITERIA, SUB_ITEM_KEYS

# Canonical (English snake_case) → Indonesian alias used in the Indonesian template.
INDONESIAN: Mapping[str, str] = MappingProxyType(
    {
        "product_id": "id_produk",
        "name": "nama_produk",
        "producer": "produsen",
        "category": "kategori",
        "region_code": "kode_wilayah",
        "stage": "tahap",
        "stage_since": "tahap_sejak",
        "nib": "nib",
        "permit": "izin_edar",
        "halal": "halal",
        "non_halal": "bukan_halal",
        "brand": "merek",
        "export": "ekspor",
        "assessors": "jumlah_penilai",
        "revenue_idr": "omzet",
        "workers": "tenaga_kerja",
        "rated_on": "tanggal_penetapan",
        "round": "periode",
        "url": "tautan",
    }
)

# ``region_code`` is the kab/kota code every count and map works with; ``place_code`` is the code at the
# depth it was given (kab/kota, kecamatan or desa, DESIGN.md §3), the one files and the store keep.
COLUMN_ORDER: list[str] = (
    ["product_id", "name", "producer", "category", "region_code", "province", "place_code", "stage", "stage_since"]
    + list(CRITERIA)
    + list(SUB_ITEM_KEYS)
    + ["nib", "permit", "halal", "non_halal", "brand", "export", "assessors", "revenue_idr", "workers", "rated_on"]
    + ["round", "url"]
)
REQUIRED_COLUMNS: tuple[str, ...] = ("product_id", "name", "category", "region_code", "stage")
EVIDENCE_COLUMNS: tuple[str, ...] = ("nib", "permit", "halal", "brand", "export")
# Derived from the region code as read; not columns of a file (an export writes place_code as region_code).
REGION_DERIVED: tuple[str, ...] = ("province", "place_code")
INPUT_COLUMNS: list[str] = [c for c in COLUMN_ORDER if c not in REGION_DERIVED]
DATE_COLUMNS: tuple[str, ...] = ("stage_since", "rated_on")

MAX_TEXT: Mapping[str, int] = MappingProxyType({"product_id": 64, "name": 200, "producer": 200, "url": 500})
# Bounds of the optional numbers (DESIGN.md §3): beyond them a value is a typing or unit error, and
# unbounded values (1e308) break sums and exports for every visitor.
MAX_ASSESSORS = 50
MAX_REVENUE_IDR = 10**15
MAX_WORKERS = 10**6
# The assessment round (DESIGN.md §3, §11) is a year; beyond these it is a typing error.
FIRST_ROUND = 2000
LAST_ROUND = 2100
ROUND_DTYPE = "Int64"  # nullable: a registry without rounds keeps the column empty

BOOL_TRUE = frozenset({"true", "ya", "y", "1", "1.0", "yes"})
BOOL_FALSE = frozenset({"false", "tidak", "n", "0", "0.0", "no"})
PERMIT_NONE = frozenset({"", "-", "tidak ada", "tidak", "none", "belum ada"})
# Other ways of writing a permit, compared in lower case without spaces, hyphens and dots ("P-IRT",
# "SPP-IRT", "BPOM MD"). MD, ML and TR are the prefixes of BPOM registration numbers (local food,
# imported food, traditional medicine), so they can mean nothing else in this column.
PERMIT_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "pirt": "pirt",
        "sppirt": "pirt",
        "bpom": "bpom",
        "bpomri": "bpom",
        "md": "bpom",
        "ml": "bpom",
        "tr": "bpom",
        "bpommd": "bpom",
        "bpomml": "bpom",
        "bpomtr": "bpom",
        "bpomrimd": "bpom",
        "bpomriml": "bpom",
        "bpomritr": "bpom",
        "sni": "sni",
    }
)

# Result columns written by `score`/exports; accepted back on import without a warning.
DERIVED_COLUMNS = frozenset(
    {
        "province",
        "provinsi",
        "place_code",
        "score",
        "skor",
        "stars",
        "bintang",
        "stars_by_score",
        "capped",
        "cap_reason",
        "cap_reason_id",
        "cap_reason_en",
        "missing_gates",
        "official",
        "recognised",
        "potential",
        "coaching_owner",
        "model_version",
        "eligible_next_stage",
        "blocking_reason",
        "blocking_reason_id",
        "blocking_reason_en",
        "next_stage",
        "stalled",
        "reeval_due",
        "months_in_stage",
        "region_name",
        "nama_wilayah",
        "province_name",
        "nama_provinsi",
    }
)


def _aliases() -> dict[str, str]:
    table = {c: c for c in INPUT_COLUMNS}
    table.update({alias: canon for canon, alias in INDONESIAN.items()})
    return table


ALIASES: Mapping[str, str] = MappingProxyType(_aliases())

_NON_WORD = re.compile(r"[\s\-/.]+")


def normalise_header(text: str) -> str:
    """ "Nama Produk " → "nama_produk"; strips BOM and surrounding quotes."""
    t = str(text).strip().lstrip("\ufeff").strip('"').strip().lower()
    return _NON_WORD.sub("_", t).strip("_")
