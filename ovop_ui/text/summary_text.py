"""The read model's figures as text in the visitor's language (no Streamlit: the brief uses it too).

Every mode that shows a region's KPI row or names its data source and model builds the words
here from ``ovop_core.summary``, so the overview, present slides and region brief label the
same figure the same way.
"""

from __future__ import annotations

from ovop_core.summary import Kpis, Labels
from ovop_ui.text.format import number, percent, rupiah
from ovop_ui.text.i18n import translate

Card = tuple[str, str, str]  # (label, value, note; "" when none)


def kpi_cards(kpis: Kpis, lang: str) -> dict[str, Card]:
    """The headline cards, by figure: ``products``, ``regions``, ``mean_score``, ``recognised``
    (official ★≥3), ``potential`` (estimated ★≥3, not yet assessed) and ``eligible``.

    Recognised and potential stand side by side and never add up into one "★≥3" figure: an
    official would otherwise count stars nobody has set (DESIGN.md §4).
    """
    return {
        "products": (translate("kpi.products", lang), number(kpis.n_products, lang), ""),
        "regions": (
            translate("kpi.regions", lang),
            number(kpis.n_kabkota, lang),
            translate("kpi.regions_help", lang, n_prov=number(kpis.n_provinces, lang)),
        ),
        "mean_score": (
            translate("kpi.mean_score", lang),
            number(kpis.mean_score, lang, 1),
            translate("kpi.mean_score_help", lang),
        ),
        "recognised": (
            translate("kpi.recognised", lang),
            number(kpis.n_recognised, lang),
            translate("kpi.recognised_help", lang, share=percent(kpis.share_recognised, lang)),
        ),
        "potential": (
            translate("kpi.potential", lang),
            number(kpis.n_potential, lang),
            translate("kpi.potential_help", lang),
        ),
        "eligible": (
            translate("kpi.eligible", lang),
            number(kpis.n_eligible, lang),
            translate("kpi.eligible_help", lang),
        ),
    }


def economy_cards(kpis: Kpis, lang: str) -> dict[str, Card]:
    """What the programme is for, beside the stars: ``workers``, ``revenue`` and ``desa`` with a
    product. A figure nobody reported reads "–" with the reason, never 0."""
    unreported = translate("kpi.not_reported", lang)
    return {
        "workers": (
            translate("kpi.workers", lang),
            number(kpis.workers, lang),
            unreported if kpis.workers != kpis.workers else translate("kpi.workers_help", lang),
        ),
        "revenue": (
            translate("kpi.revenue", lang),
            rupiah(kpis.revenue_idr, lang),
            unreported if kpis.revenue_idr != kpis.revenue_idr else translate("kpi.revenue_help", lang),
        ),
        # No product placed at a desa (codes given at kab/kota depth) is "unknown", not "0 villages".
        "desa": (
            translate("kpi.desa", lang),
            number(kpis.n_desa if kpis.n_desa > 0 else None, lang),
            translate("kpi.desa_help", lang) if kpis.n_desa > 0 else translate("kpi.desa_none", lang),
        ),
    }


def label_texts(labels: Labels, lang: str) -> tuple[str, str]:
    """(where the data comes from, which scoring model): the notice beside every figure."""
    source = translate(labels.source, lang) if labels.source else ""
    return source, translate("model.label", lang, version=labels.model_version)
