"""Texts of model.py, scoring.py, contradictions.py and cli.py built in f-strings (hand conversion)."""

PAIRS = {
    "weights.exact_keys": ("Bobot harus tepat untuk k1, k2, k3, k4, k5.", "Weights must be given for exactly k1…k5."),
    "weights.numbers": ("Bobot harus berupa angka.", "Weights must be numbers."),
    "weights.negative": ("Bobot tidak boleh negatif.", "Weights must not be negative."),
    "weights.sum": ("Jumlah bobot harus 100, sekarang {total}.", "Weights must sum to 100, they sum to {total}."),
    "scoring.cap_reason": (
        "skor ★{score_star}, dibatasi ★{star}: {missing}",
        "score ★{score_star}, capped at ★{star}: {missing}",
    ),
    "registry.no_star": ("belum berbintang", "no star"),
    "cli.unknown_rank_rule": (
        "--rank-by tidak dikenal: {rule}; pilihan: {choices}",
        "unknown --rank-by {rule}; expected one of: {choices}",
    ),
}
