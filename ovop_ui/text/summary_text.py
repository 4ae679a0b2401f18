"""The read model's figures as text in the visitor's language (no Streamlit: the brief uses it too).

Every mode that shows a region's KPI row or names its data source and model builds the words
here from ``ovop_core.summary``, so the overview, present slides and region brief label the
same figure the same way.
"""

from __future__ import annotations

from ovop_core.summary import Kpis, Labels
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import translate

Card = tuple[str, str, str]  # (label, value, note; "" when none)


def kpi_cards(kpis: Kpis, lang: str) -> dict[str, Card]:
    """The KPI cards, by figure: ``products``, ``regions``, ``mean_score``, ``recognised``, ``eligible``."""
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
        "eligible": (
            translate("kpi.eligible", lang),
            number(kpis.n_eligible, lang),
            translate("kpi.eligible_help", lang),
        ),
    }


def label_texts(labels: Labels, lang: str) -> tuple[str, str]:
    """(where the data comes from, which scoring model): the notice beside every figure."""
    source = translate(labels.source, lang) if labels.source else ""
    return source, translate("model.label", lang, version=labels.model_version)
