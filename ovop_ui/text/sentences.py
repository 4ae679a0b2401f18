"""The sentence an official reads aloud at the top of the what-if page, built from the core's result.

"Jika 120 produk Makanan olahan di Jawa Tengah memperoleh sertifikat halal, produk terakui naik
dari 310 menjadi 352 (+42), dan Jawa Tengah naik dari peringkat 5 ke 3."
"""

from __future__ import annotations

import pandas as pd

from ovop_core import regions
from ovop_core.scenario import Scenario
from ovop_core.whatif import WhatIfResult
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_in_sentence, translate


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = translate("sentence.and", lang)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _region_label(code: str) -> str:
    return regions.region_name(code) or code


def featured_region(result: WhatIfResult, scenario: Scenario) -> pd.Series | None:
    """The province the sentence speaks about: the targeted one, else the one that climbs most."""
    table = result.regions.set_index("code")
    wanted = {regions.to_dotted(c)[:2] for c in scenario.target.regions}
    if len(wanted) == 1:
        code = wanted.pop()
        return table.loc[code] if code in table.index else None
    moved = table[table["rank_change"] > 0]
    if moved.empty:
        return None
    gain = moved["n_recognised_after"] - moved["n_recognised_before"]
    order = moved.assign(_gain=gain).sort_values(["rank_change", "_gain"], ascending=False)
    return order.iloc[0]


def scenario_sentence(result: WhatIfResult, scenario: Scenario, lang: str) -> str:
    target = scenario.target
    actions = []
    if scenario.quality:
        actions.append(translate("sentence.quality", lang, points=number(scenario.quality, lang)))
    if scenario.market:
        actions.append(translate("sentence.market", lang, points=number(scenario.market, lang)))
    evidence = [translate(f"sentence.get_{name}", lang) for name in scenario.interventions]
    if evidence:
        actions.append(translate("sentence.obtain", lang, items=_join(evidence, lang)))
    if not actions:
        return translate("sentence.no_levers", lang)

    qualifier = ""
    if target.categories:
        qualifier += " " + _join([category_in_sentence(c, lang) for c in target.categories], lang)
    if target.stars:
        qualifier += " " + "/".join(f"★{s}" for s in sorted(target.stars))
    subject = translate(
        "sentence.top_products" if target.top_n is not None else "sentence.products",
        lang,
        n=number(result.n_targeted, lang),
        qualifier=qualifier,
    )
    if target.regions:
        subject += " " + translate("sentence.in", lang, where=_join([_region_label(c) for c in target.regions], lang))

    before, after = result.recognised_before, result.recognised_after
    delta = after - before
    verb = "sentence.rises" if delta > 0 else "sentence.falls" if delta < 0 else "sentence.stays"
    text = translate(
        "sentence.main",
        lang,
        subject=subject,
        actions=_join(actions, lang),
        change=translate(
            verb,
            lang,
            before=number(before, lang),
            after=number(after, lang),
            delta=("+" if delta > 0 else "") + number(delta, lang),
        ),
    )
    p0, p1 = result.potential_before, result.potential_after
    if p1 != p0:  # products below stage 3 whose estimated star crosses ★3: counted apart (§4)
        shift = ("+" if p1 > p0 else "") + number(p1 - p0, lang)
        text += translate("sentence.potential", lang, before=number(p0, lang), after=number(p1, lang), delta=shift)
    region = featured_region(result, scenario)
    if region is not None and pd.notna(region["rank_before"]) and pd.notna(region["rank_after"]):
        r0, r1 = int(region["rank_before"]), int(region["rank_after"])
        key = "sentence.rank_up" if r1 < r0 else "sentence.rank_down" if r1 > r0 else "sentence.rank_same"
        text += translate(key, lang, region=region["name"], before=r0, after=r1)
    return text + "."
