"""Every colour the app draws with, in one place (a test refuses colour literals anywhere else in the UI).

Python code imports the names; templates get them as ``palette`` (``templating.render``). Scales are
ColorBrewer "Blues": sequential, colour-blind and greyscale safe, darker = better, so stars and map
classes never depend on colour alone.
"""

from __future__ import annotations

# --- brand and text -------------------------------------------------------------------------
NAVY = "#0B5394"  # brand blue: titles, bars, the present mode's Next button
NAVY_DARK = "#08407A"  # the Next button under the pointer
INK = "#1C2733"  # body text, chart text, outlines of bars
INK_SOFT = "#46505C"  # secondary text: notes, labels, producers
SLATE = "#44515E"  # the kiosk's secondary text
SLATE_DARK = "#2E3B48"  # the kiosk's product story
SLATE_LIGHT = "#5A6672"  # the kiosk's footer
WHITE = "#FFFFFF"
SIDEBAR = "#EEF2F7"  # the theme's secondary background (.streamlit/config.toml): sidebar, inputs
HIGHLIGHT = "#F28E2B"  # the chosen region or province: orange, on every map and the ranking
HINT_RING = "rgba(242, 142, 43, 0.55)"  # the kiosk's "touch to explore" ring, as it leaves the button
HINT_RING_END = "rgba(242, 142, 43, 0)"  # ... and as it fades
STAR_TEXT = "#B45F06"  # stars written as text in the kiosk (dark amber, readable from afar)

# --- lines and tints ------------------------------------------------------------------------
RULE = "#C9D6E3"  # borders and rules
RULE_LIGHT = "#D5DEE8"  # table row lines, card borders
TINT = "#EEF3F9"  # notices, the what-if matrix's diagonal
CHIP = "#E8EEF5"  # the kiosk's category chip
DISABLED = "#E4EAF1"  # a disabled button's background
DISABLED_TEXT = "#8A96A3"
SWATCH_EDGE = "#666666"  # the border of a legend's colour swatch
SHADOW = "rgba(0, 0, 0, 0.3)"  # the Leaflet legend's shadow
FUNNEL_CONNECTOR = "#DCE6F2"

# --- data colours ---------------------------------------------------------------------------
BLUES_5 = ("#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
STAR_COLOURS = BLUES_5  # ★1…★5
MAP_SCALE = BLUES_5  # map classes when they are the star bands, so the colours read as stars
# Map classes computed from the values shown (natural breaks, quantiles): ColorBrewer "YlGnBu", a
# multi-hue sequential scale (colour-blind safe, more distinguishable steps than one hue), with as
# many steps as classes; its hues differ from the star blues, so a dark class is not read as ★5.
CLASS_SCALES = {
    1: ("#41B6C4",),
    2: ("#A1DAB4", "#225EA8"),
    3: ("#EDF8B1", "#7FCDBB", "#2C7FB8"),
    4: ("#FFFFCC", "#A1DAB4", "#41B6C4", "#225EA8"),
    5: ("#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494"),
    6: ("#FFFFCC", "#C7E9B4", "#7FCDBB", "#41B6C4", "#2C7FB8", "#253494"),
    7: ("#FFFFCC", "#C7E9B4", "#7FCDBB", "#41B6C4", "#1D91C0", "#225EA8", "#0C2C84"),
}
# Region outlines: no one colour stands out on both the palest and the darkest class, so each
# region is outlined in whichever of these contrasts more with its own fill (tests/test_palette.py).
EDGE_ON_LIGHT = "#5A6672"
EDGE_ON_DARK = WHITE
MAP_BACKGROUND = "#F4F7FB"  # the sea around the regions: pale, unlike the "no data" grey
SELECTED_CASING = INK  # under the orange outline of the chosen region: visible on pale fills too
UNRATED = "#BDBDBD"  # not rated yet (no stars)
NO_DATA = "#D9D9D9"  # a region without products: grey, never "zero"
NO_DATA_EDGE = "#9E9E9E"  # its dashed outline in the brief
BEFORE = "#9E9E9E"  # what-if: before the scenario
AFTER = NAVY  # what-if: after
KIOSK_REGION = "#C9D5E2"  # the kiosk's neutral locator map
# Products as points at their desa on the kecamatan map, by star (ColorBrewer "RdPu", darker = better):
# a second hue, so the points stand apart from the blue regions beneath them; dark-edged for light fills.
POINT_STAR_COLOURS = ("#FCC5C0", "#FA9FB5", "#F768A1", "#C51B8A", "#7A0177")  # ★1…★5
POINT_UNRATED = UNRATED
POINT_EDGE = INK
# ColorBrewer "Blues", 9 classes from near-white: the pipeline heatmap.
HEATMAP_SCALE = (
    (0.0, "#F7FBFF"),
    (0.125, "#DEEBF7"),
    (0.25, "#C6DBEF"),
    (0.375, "#9ECAE1"),
    (0.5, "#6BAED6"),
    (0.625, "#4292C6"),
    (0.75, "#2171B5"),
    (0.875, "#08519C"),
    (1.0, "#08306B"),
)
# The category illustrations (assets/illustrations/*.svg, shown where a product has no photo): soft
# backgrounds and a few warm, earthy object colours; the SVG files use these values and no others.
ILLUSTRATION_BACKGROUNDS = {
    "pangan": "#FBF1E1",  # warm cream
    "minuman": "#F3ECE6",  # milky coffee
    "tekstil": "#EEF3F9",  # pale blue (TINT)
    "rumah_tangga": "#F6EEE8",  # light clay
    "kerajinan": "#FBF5DF",  # straw
    "herbal": "#E9F4EA",  # mint
}
ILLO_GROUND = "#E3D5C3"  # the table or shelf the object stands on
ILLO_BROWN = "#7A4E2D"  # coffee, wood, outlines of clay
ILLO_CLAY = "#C8693F"  # terracotta, a jar's lid
ILLO_SAND = "#E9C891"  # crackers, rattan, paper labels
ILLO_CREAM = "#FFF9F0"  # a cup, a plate
ILLO_LEAF = "#4E9A5B"  # leaves, herbs
ILLO_LEAF_LIGHT = "#9BCB8F"
ILLO_STEAM = "#C9B8A8"  # steam above a hot drink
# Who takes a product's next step (pipeline): kab/kota, province, the centre.
STAGE_OWNER_COLOURS = {"kabkota": "#9ECAE1", "provinsi": "#4292C6", "pusat": "#08519C", "unrated": UNRATED}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours (1 = identical, 21 = black on white)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def as_dict() -> dict[str, object]:
    """The palette for templates: ``{{ palette.NAVY }}``."""
    return {name: value for name, value in globals().items() if name.isupper()}


# Target status badges (st.badge takes a theme colour name); the status is also written in words.
TARGET_BADGE = {"done": "green", "on_track": "blue", "behind": "orange"}
