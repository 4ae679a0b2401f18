"""What the Metodologi page discloses: the model's weights, sub-items and anchors, bands, gates,
presets, pipeline rules, and which parts follow a public rule and which are this model's own.

Officials are asked "where does this ★3 come from?"; the answer must be the model the app is
running, not a copy of it. So every table here is built from the live definitions in ``model``,
``scoring`` and ``pipeline`` (weights, points, edges, gates, thresholds): change a rule there and
this page changes with it. Only the words that explain the rules (anchors, provenance) live here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from .model import (
    COACHING_OWNER_BY_STAR,
    CRITERIA,
    CRITERION_NAMES,
    GATE_ITEMS,
    OFFICIAL_STAGE,
    PRESETS,
    STAR_EDGES,
    SUB_ITEMS,
)
from .pipeline import MIN_ASSESSORS, REEVALUATION_MONTHS, SELECTION_SCORE, STAGES

# The anchors of levels 1 / 2 / 3 of each sub-item (DESIGN.md §4); level 0 is "no evidence".
ANCHORS: Mapping[str, Mapping[str, tuple[str, str, str]]] = MappingProxyType(
    {
        "k1a": {
            "id": ("<80 % dari kab/kota", "≥80 % dari kab/kota", "100 % dari kab/kota"),
            "en": ("<80 % from the kab/kota", "≥80 % from the kab/kota", "100 % from the kab/kota"),
        },
        "k1b": {"id": ("<20 %", "20–60 %", ">60 %"), "en": ("<20 %", "20–60 %", ">60 %")},
        "k1c": {
            "id": ("dekat sentra", "anggota sentra", "perusahaan penghela"),
            "en": ("near a sentra", "member of a sentra", "lead firm (penghela)"),
        },
        "k1d": {
            "id": ("sedikit", "beberapa", "banyak, termasuk kelompok perempuan"),
            "en": ("few", "several", "many, incl. women's groups"),
        },
        "k2a": {
            "id": ("meniru", "disesuaikan pasar", "desain warisan sendiri"),
            "en": ("copied", "market-adapted", "own heritage design"),
        },
        "k2b": {
            "id": ("lisan", "tertulis", "terdokumentasi & dipakai dalam pemasaran"),
            "en": ("oral", "written", "documented & used in marketing"),
        },
        "k2c": {
            "id": ("nama lokal", "merek daerah", "terdaftar IG atau warisan budaya"),
            "en": ("local name", "regional brand", "GI-registered or heritage-listed"),
        },
        "k3a": {
            "id": ("diterapkan", "P-IRT atau SNI", "BPOM MD atau bersertifikat SNI"),
            "en": ("applied", "P-IRT or SNI", "BPOM MD or SNI certified"),
        },
        "k3b": {
            "id": ("dalam proses", "sebagian", "bersertifikat"),
            "en": ("in process", "partial", "certified"),
        },
        "k3c": {
            "id": ("konvensional", "diperbaiki", "standar komersial"),
            "en": ("conventional", "improved", "commercial standard"),
        },
        "k3d": {
            "id": ("informal", "catatan QC", "QC + penanganan keluhan"),
            "en": ("informal", "QC records", "QC + complaint handling"),
        },
        "k4a": {
            "id": ("provinsi", "nasional", "ekspor (hanya kab/kota = 0)"),
            "en": ("province", "national", "export (kab/kota only = 0)"),
        },
        "k4b": {
            "id": ("luring", "+ lokapasar", "+ ritel modern atau e-katalog"),
            "en": ("offline", "+ marketplace", "+ modern retail or e-katalog"),
        },
        "k4c": {
            "id": ("ada materi promosi", "merek terdaftar", "merek + perangkat promosi"),
            "en": ("some material", "registered brand", "brand + promotion kit"),
        },
        "k5a": {
            "id": ("≤1 tahun", "1–3 tahun", ">3 tahun terjamin"),
            "en": ("≤1 yr", "1–3 yr", ">3 yr secured"),
        },
        "k5b": {
            "id": ("musiman", "hampir sepanjang tahun", "sepanjang tahun, stabil"),
            "en": ("seasonal", "mostly", "all year, stable"),
        },
        "k5c": {
            "id": ("<3 tahun", "3–5 tahun", ">5 tahun dengan NIB"),
            "en": ("<3 yr", "3–5 yr", ">5 yr with NIB"),
        },
    }
)


@dataclass(frozen=True)
class Provenance:
    """One part of the method and where it comes from: a public rule (with its source) or ours."""

    part_id: str
    part_en: str
    public: bool
    source: str


PROVENANCE: tuple[Provenance, ...] = (
    Provenance("Batas bintang 30/50/70/90", "Star bands 30/50/70/90", True, "OCOP QĐ 148/2023"),
    Provenance(
        "Masa berlaku penetapan 36 bulan (evaluasi ulang)",
        "36-month validity of a rating (re-evaluation)",
        True,
        "OCOP QĐ 148/2023",
    ),
    Provenance(
        "Pembina menurut bintang: ★1–2 kab/kota, ★3 provinsi, ★4–5 pusat",
        "Coaching owner by star: ★1–2 kab/kota, ★3 province, ★4–5 centre",
        True,
        "Kemenperin (Permenperin 14/2021)",
    ),
    Provenance(
        "Tahapan pengusulan → seleksi → penetapan → pembinaan → evaluasi",
        "Stages proposal → selection → rating → coaching → evaluation",
        True,
        "Permenperin 78/M-IND/PER/9/2007, Perdirjen IKM 98/2013",
    ),
    Provenance(
        "Produk nonhalal diberi label, bukan sertifikat",
        "Non-halal products are labelled, not certified",
        True,
        "UU 33/2014",
    ),
    Provenance(
        "Lima kriteria dan bobotnya (20/15/30/20/15)",
        "The five criteria and their weights (20/15/30/20/15)",
        False,
        "sintesis model ini / this model's synthesis",
    ),
    Provenance(
        "Sub-butir, poin dan jangkar tingkat 0–3",
        "Sub-items, points and the anchors of levels 0–3",
        False,
        "sintesis model ini / this model's synthesis",
    ),
    Provenance(
        "Gerbang bukti per bintang (NIB, izin edar, merek, halal, ekspor)",
        "Evidence gates per star (NIB, permit, brand, halal, export)",
        False,
        "sintesis model ini / this model's synthesis",
    ),
    Provenance(
        "Syarat masuk tiap tahap (skor ≥ 50, ≥ 3 penilai, …)",
        "Entry condition of each stage (score ≥ 50, ≥ 3 assessors, …)",
        False,
        "sintesis model ini / this model's synthesis",
    ),
)


def weights(lang: str) -> pd.DataFrame:
    """One row per criterion: its name and its weight under every preset (columns by version)."""
    rows = {"key": list(CRITERIA), "criterion": [CRITERION_NAMES[c][lang] for c in CRITERIA]}
    for version, model in PRESETS.items():
        rows[version] = [float(model.weights[c]) for c in CRITERIA]
    return pd.DataFrame(rows)


def sub_items(lang: str) -> pd.DataFrame:
    """One row per sub-item of the detailed format: criterion, points and the three anchors."""
    return pd.DataFrame(
        {
            "criterion": [s.criterion for s in SUB_ITEMS],
            "key": [s.key for s in SUB_ITEMS],
            "item": [s.name_id if lang == "id" else s.name_en for s in SUB_ITEMS],
            "points": [s.points for s in SUB_ITEMS],
            "level_1": [ANCHORS[s.key][lang][0] for s in SUB_ITEMS],
            "level_2": [ANCHORS[s.key][lang][1] for s in SUB_ITEMS],
            "level_3": [ANCHORS[s.key][lang][2] for s in SUB_ITEMS],
        }
    )


def bands() -> pd.DataFrame:
    """Star bands as half-open score ranges [low, high), with the coaching owner of each star."""
    lows = (0.0, *STAR_EDGES)
    highs = (*STAR_EDGES, 100.0)
    return pd.DataFrame(
        {
            "stars": range(1, 6),
            "low": lows,
            "high": highs,
            "high_inclusive": [False] * 4 + [True],
            "coaching_owner": [COACHING_OWNER_BY_STAR[s] for s in range(1, 6)],
        }
    )


# What lifts a gate besides its evidence, stated beside the requirement (DESIGN.md §4).
_GATE_EXEMPTIONS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "halal": (
            "kecuali produk yang dinyatakan bukan halal (non_halal; UU 33/2014)",
            "except products declared non-halal (non_halal; UU 33/2014)",
        )
    }
)


def _requirement(gate, lang: str) -> str:
    """The gate's missing-item words, with the per-category wording and any exemption."""
    parts = [gate.missing_id if lang == "id" else gate.missing_en]
    parts += [f"{cat}: {gate.missing_text(cat, lang)}" for cat in sorted(gate.missing_by_category)]
    if gate.key in _GATE_EXEMPTIONS:
        parts.append(_GATE_EXEMPTIONS[gate.key][0 if lang == "id" else 1])
    return "; ".join(parts)


def gates(lang: str) -> pd.DataFrame:
    """One row per gate item: the star it guards, what is required and which categories it binds."""
    everyone = "semua kategori" if lang == "id" else "all categories"
    return pd.DataFrame(
        {
            "stars": [g.star for g in GATE_ITEMS],
            "key": [g.key for g in GATE_ITEMS],
            "requirement": [_requirement(g, lang) for g in GATE_ITEMS],
            "categories": [", ".join(sorted(g.categories)) if g.categories else everyone for g in GATE_ITEMS],
        }
    )


def stage_rules(lang: str) -> pd.DataFrame:
    """The entry condition of each pipeline stage, with the model's live thresholds filled in."""
    conditions = {
        "id": (
            "nama, kategori, kode wilayah yang sah",
            "kelima skor kriteria lengkap, punya NIB",
            f"skor ≥ {SELECTION_SCORE:g}",
            f"≥ {MIN_ASSESSORS} penilai independen",
            f"bintang ditetapkan (tahap {OFFICIAL_STAGE} lulus); pembina menurut bintang",
            "★4–5, atau ★2–3 dengan bukti ekspor",
            f"{REEVALUATION_MONTHS} bulan setelah tanggal penetapan",
        ),
        "en": (
            "name, category, valid region code",
            "all five criterion scores, an NIB",
            f"score ≥ {SELECTION_SCORE:g}",
            f"≥ {MIN_ASSESSORS} independent assessors",
            f"star set (stage {OFFICIAL_STAGE} passed); coaching owner by star",
            "★4–5, or ★2–3 with documented export",
            f"{REEVALUATION_MONTHS} months after the rating date",
        ),
    }[lang]
    return pd.DataFrame(
        {
            "stage": [s.number for s in STAGES],
            "name": [s.name_id if lang == "id" else s.name_en for s in STAGES],
            "entry_condition": list(conditions),
            "official_star": [s.number >= OFFICIAL_STAGE for s in STAGES],
        }
    )


def provenance(lang: str) -> pd.DataFrame:
    """Which parts follow a public rule (with its source) and which are this model's synthesis."""
    return pd.DataFrame(
        {
            "part": [p.part_id if lang == "id" else p.part_en for p in PROVENANCE],
            "public": [p.public for p in PROVENANCE],
            "source": [p.source for p in PROVENANCE],
        }
    )
