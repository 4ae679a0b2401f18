"""Texts the registry branch added or changed in the old style (templates.py, store/frames.py)."""

PAIRS = {
    "template.meaning.region_code": (
        "Tempat asal produk: kode desa/kelurahan bila diketahui (satu desa satu produk), atau kode kecamatan atau kab/kota; kode disimpan serinci yang diisi. Format sel sebagai teks agar 33.10 tidak menjadi 33.1.",
        "Where the product comes from: the desa/kelurahan code when known (one village one product), or the kecamatan or kab/kota code; the code is kept as deep as it is given. Format the cell as text so that 33.10 does not become 33.1.",
    ),
    "template.meaning.permit": (
        "Izin edar / standar produk: none (belum ada); pirt (SPP-IRT, ditulis juga P-IRT); bpom (BPOM MD, ML, TR atau notifikasi); sni (sertifikat SNI: standar produk untuk produk nonpangan, bukan izin edar).",
        "Distribution permit / product standard: none; pirt (SPP-IRT, also written P-IRT); bpom (BPOM MD, ML, TR or notification); sni (SNI certificate: a product standard for non-food products, not a distribution permit).",
    ),
    "template.meaning.non_halal": (
        "Produk bukan halal menurut bahannya (mis. tuak, olahan babi; boleh kosong). Tidak boleh sekaligus 'ya' di kolom halal.",
        "The product is not halal by its ingredients (e.g. palm wine, pork; optional). Cannot be 'yes' together with the halal column.",
    ),
    "template.meaning.rated_on": (
        "Tanggal penetapan bintang saat ini (boleh kosong); evaluasi ulang dihitung dari tanggal ini.",
        "Date the current star was set (penetapan; optional); re-evaluation runs from it.",
    ),
    "template.allowed.region_code": (
        "NN.NN (kab/kota), NN.NN.NN (kecamatan) atau NN.NN.NN.NNNN (desa/kelurahan), kode Kemendagri, mis. 35.73 atau 35.73.01.2001",
        "NN.NN (kab/kota), NN.NN.NN (kecamatan) or NN.NN.NN.NNNN (desa/kelurahan), Kemendagri code, e.g. 35.73 or 35.73.01.2001",
    ),
    "store.place_outside_region": (
        "place_code tidak terletak di kab/kota region_code.",
        "place_code does not lie in the kab/kota of region_code.",
    ),
}
