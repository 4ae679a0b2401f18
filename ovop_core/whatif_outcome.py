"""A what-if result read the ways people see it: the what-if page, the present mode's scenario
slide and the downloads take their product lists, region tables and counts from here.

``run_whatif`` answers "what would change"; these functions pick out what a person looks at —
the products that cross into a higher star, the regions in their new order, what a download
holds — so the page and the slide cannot count "crossing a star" two different ways.
"""

from __future__ import annotations

import pandas as pd

from .scenario import Scenario
from .whatif import WhatIfResult

# The per-product download (``simulasi_produk.csv``), before the cap reason in the user's language.
EXPORT_COLUMNS = (
    "product_id",
    "name",
    "category",
    "region_code",
    "stage",
    "score",
    "stars",
    "score_after",
    "stars_after",
    "targeted",
    "eligible_before",
    "eligible_after",
)


def with_region_names(products: pd.DataFrame, analysed: pd.DataFrame) -> pd.DataFrame:
    """``WhatIfResult.products`` with the kab/kota and province names of the analysed table it was
    run on (``summary.analysed_table``: same rows, same order)."""
    return products.assign(region_name=analysed["region_name"], province_name=analysed["province_name"])


def recognised_change(result: WhatIfResult) -> int:
    """How many more (or, negative, fewer) products are recognised (official ★≥3) after the scenario."""
    return result.recognised_after - result.recognised_before


def potential_change(result: WhatIfResult) -> int:
    """How many more (or fewer) products below stage 3 have an estimated ★≥3 after the scenario."""
    return result.potential_after - result.potential_before


def intervention_rows(result: WhatIfResult) -> list[dict]:
    """Per chosen intervention: targeted products it applied to and did not, and why not —
    ``category`` (category → products outside its scope), ``non_halal``, ``has_evidence``."""
    return [{"intervention": c.name, **c.to_dict()} for c in result.interventions]


def crossing(products: pd.DataFrame) -> pd.DataFrame:
    """The products whose star rises (``stars_after`` > ``stars``): those that cross a star band."""
    return products[products["stars_after"] > products["stars"]]


def newly_eligible(products: pd.DataFrame) -> pd.DataFrame:
    """The products that can move to their next stage only after the scenario."""
    return products[products["newly_eligible"]]


def distribution_products(products: pd.DataFrame) -> pd.DataFrame:
    """The products whose scores the before/after distribution shows: the targeted ones, or every
    product when the scenario targets none (so the chart is never empty)."""
    targeted = products[products["targeted"]]
    return targeted if len(targeted) else products


def region_ranking(regions: pd.DataFrame) -> pd.DataFrame:
    """``WhatIfResult.regions`` with products, in their order after the scenario (ties by name)."""
    return regions[regions["n_products"] > 0].sort_values(["rank_after", "name"])


def region_changes(regions: pd.DataFrame) -> pd.DataFrame:
    """``WhatIfResult.regions`` as a region index to colour by ``delta_recognised`` (the change in
    recognised products); ``has_data`` marks the regions with products."""
    return regions.assign(
        has_data=regions["n_products"] > 0,
        delta_recognised=regions["n_recognised_after"] - regions["n_recognised_before"],
    )


def export_table(products: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-product download: ``EXPORT_COLUMNS`` and the cap reason after the scenario in ``lang``."""
    return products[[*EXPORT_COLUMNS, f"cap_reason_after_{lang}"]]


def scenario_summary(result: WhatIfResult, scenario: Scenario) -> dict:
    """The JSON download: the CLI's summary plus the scenario that produced it (model and the CLI
    arguments that reproduce it)."""
    summary = result.summary()
    summary["scenario"] = {"model": scenario.model.version, "arguments": scenario.to_cli_args()}
    return summary
