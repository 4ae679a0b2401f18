"""A map's colour classes as the reader sees them: the colour of each region and the legend.

The numbers come from ``ovop_core.classing`` (natural breaks, quantiles or star bands over the
regions shown); here they get colours (``palette.CLASS_SCALES``, as many steps as classes, or the
star blues for star bands), outlines that stand out from their fill, and a legend that states the
method, each class's range in the reader's language (52,1 – 55,3) and how many regions it holds.
Used by the Leaflet maps (``maps.choropleth``) and the SVG maps of the brief alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ovop_core import classing
from ovop_core.classing import Classes
from ovop_ui.builders import palette
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import translate

# Natural breaks by default: they put the breaks where the values shown jump, so neighbouring
# regions with close values share a colour and a real gap shows; quantiles can split near-equal
# values. The star bands stay a choice for scores (they answer "which star band?", not "who differs").
DEFAULT_CLASSING = "jenks"
SCORE_METRICS = ("mean_score",)
NO_DATA_COLOUR = palette.NO_DATA
_MAX_EXTRA_DECIMALS = 2


def classing_choices(metric: str) -> tuple[str, ...]:
    """The classings a metric offers: star bands only for scores."""
    return classing.METHODS if metric in SCORE_METRICS else tuple(m for m in classing.METHODS if m != "stars")


def resolve_classing(metric: str, method: str | None) -> str:
    """``method`` if the metric offers it, else the default (star bands asked for a count)."""
    return method if method in classing_choices(metric) else DEFAULT_CLASSING


def classes_for(metric: str, values: pd.Series | np.ndarray, method: str | None = None) -> Classes:
    return classing.classes_for(np.asarray(values, dtype="float64"), resolve_classing(metric, method))


def scale_for(classes: Classes) -> tuple[str, ...]:
    if classes.method == "stars":
        return palette.MAP_SCALE
    return palette.CLASS_SCALES[min(max(classes.k, 1), max(palette.CLASS_SCALES))]


def colours_for(values: pd.Series | np.ndarray, classes: Classes) -> np.ndarray:
    """The fill of each value: its class's colour, "no data" grey for NaN (never the lowest class)."""
    scale = np.array([*scale_for(classes), NO_DATA_COLOUR], dtype=object)
    index = classes.classify(values)
    return scale[np.where(index < 0, len(scale) - 1, np.minimum(index, len(scale) - 2))]


def colour_for(value: float, classes: Classes) -> str:
    return str(colours_for(np.array([value], dtype="float64"), classes)[0])


def edge_for(fill: str) -> str:
    """The outline colour that stands out more from ``fill`` (slate on pale fills, white on dark)."""
    light = palette.contrast_ratio(palette.EDGE_ON_LIGHT, fill)
    dark = palette.contrast_ratio(palette.EDGE_ON_DARK, fill)
    return palette.EDGE_ON_LIGHT if light >= dark else palette.EDGE_ON_DARK


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str  # the class's range, or "no data"
    count: str = ""  # "7 wilayah"


@dataclass(frozen=True)
class Legend:
    """What a map's legend says: the metric, the classing ("Jeda alami (Jenks), 5 kelas"), one entry
    per class and one for "no data", and the selected region's name."""

    title: str
    method: str
    entries: tuple[LegendEntry, ...]
    selected: str = ""


def _format(metric: str, value: float, lang: str, decimals: int) -> str:
    if metric == "share_recognised":
        return percent(value, lang, decimals)
    text = number(value, lang, decimals)
    return "+" + text if metric == "delta_recognised" and value > 0 else text


def _base_decimals(metric: str) -> int:
    return 1 if metric in ("mean_score", "share_recognised") else 0


def range_labels(metric: str, classes: Classes, lang: str) -> tuple[str, ...]:
    """Each class's range: "52,1 – 55,3" (one value: "55,3"; star bands: "30 – < 50 (★2)").

    Decimals are added (up to two more) until no two neighbouring classes print the same bound."""
    if classes.method == "stars":
        last = classes.k - 1
        return tuple(
            f"{_format(metric, low, lang, 0)} – {'' if i == last else '< '}{_format(metric, high, lang, 0)} (★{i + 1})"
            for i, (low, high) in enumerate(classes.ranges)
        )
    decimals = _base_decimals(metric)
    for extra in range(_MAX_EXTRA_DECIMALS + 1):
        shown = [
            (_format(metric, lo, lang, decimals + extra), _format(metric, hi, lang, decimals + extra))
            for lo, hi in classes.ranges
        ]
        if all(shown[i][1] != shown[i + 1][0] for i in range(len(shown) - 1)):
            break
    return tuple(lo if lo == hi else f"{lo} – {hi}" for lo, hi in shown)


def method_text(classes: Classes, lang: str) -> str:
    """ "Jeda alami (Jenks), 5 kelas" / "Natural breaks (Jenks), 5 classes"."""
    key = "map.legend_method_one" if classes.k == 1 else "map.legend_method"
    return translate(key, lang, method=translate(f"map.classing.{classes.method}", lang), k=classes.k)


def count_text(n: int, lang: str) -> str:
    return translate("map.legend_count_one" if n == 1 else "map.legend_count", lang, n=number(n, lang))


def legend_for(
    metric: str, classes: Classes, lang: str, selected: str = "", selected_key: str = "map.selected"
) -> Legend:
    """The legend of a map classed by ``classes``; ``selected``: the name of the outlined region,
    written with the message ``selected_key``."""
    colours = scale_for(classes)
    entries = [
        LegendEntry(colours[min(i, len(colours) - 1)], label, count_text(n, lang))
        for i, (label, n) in enumerate(zip(range_labels(metric, classes, lang), classes.counts))
    ]
    entries.append(LegendEntry(NO_DATA_COLOUR, translate("map.no_data", lang), count_text(classes.missing, lang)))
    selected_text = translate(selected_key, lang, name=selected) if selected else ""
    return Legend(translate(f"metric.{metric}", lang), method_text(classes, lang), tuple(entries), selected_text)
