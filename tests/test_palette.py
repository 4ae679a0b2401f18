"""One palette: every colour the UI draws with is named in ``ovop_ui/builders/palette.py``; code and
templates refer to it, so a colour changes in one place (and a test would see two blues drift apart)."""

import re
from pathlib import Path

from ovop_ui.builders import figures, maps, palette

ROOT = Path(__file__).resolve().parents[1]
PALETTE = ROOT / "ovop_ui" / "builders" / "palette.py"
SCANNED = ("ovop_ui", "app_pages")
SUFFIXES = {".py", ".html", ".svg", ".css", ".j2"}
HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b")
FUNCTIONAL = re.compile(r"\b(?:rgba?|hsla?)\s*\(", re.I)
NAMED_COLOURS = (
    "white|black|red|green|blue|navy|orange|yellow|grey|gray|silver|maroon|purple|fuchsia|lime|olive|teal|aqua"
    "|pink|brown|gold|beige|ivory|khaki|coral|crimson|indigo|violet|tomato|salmon|orchid|tan|wheat|lightgrey"
    "|lightgray|darkgrey|darkgray|dimgray|dimgrey|whitesmoke|gainsboro|steelblue|skyblue|royalblue|darkblue"
)
# A named colour as the value of a colour property: CSS ``color: white``, ``fill="red"``, plotly ``color="white"``.
NAMED = re.compile(
    r"\b(?:color|colour|fill|stroke|background(?:-color)?|border(?:-[a-z]+)?|outline|fillcolor|bgcolor)"
    rf"""["']?\s*[:=]\s*["']?(?:[^;"'{{}}\n]*\s)?({NAMED_COLOURS})\b(?![-\w])""",
    re.I,
)


def colour_literals(text: str) -> list[str]:
    return HEX.findall(text) + FUNCTIONAL.findall(text) + NAMED.findall(text)


def scanned_files() -> list[Path]:
    return sorted(
        path
        for folder in SCANNED
        for path in (ROOT / folder).rglob("*")
        if path.suffix in SUFFIXES and path != PALETTE and "__pycache__" not in path.parts
    )


def test_no_colour_literal_outside_the_palette():
    found = {
        f"{path.relative_to(ROOT)}:{number}": literals
        for path in scanned_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if (literals := colour_literals(line))
    }
    assert found == {}, "colour literals belong in ovop_ui/builders/palette.py"


def test_the_scan_finds_every_kind_of_literal():
    assert colour_literals('color: #fff; x = "#0B5394"') == ["#fff", "#0B5394"]
    assert colour_literals("box-shadow: 0 1px rgba(0,0,0,.3)") == ["rgba("]
    assert colour_literals('insidetextfont=dict(color="white")') == ["white"]
    assert colour_literals("h2 { border-bottom: 1px solid navy; }") == ["navy"]
    assert colour_literals("td.stars { white-space: nowrap; }") == []
    assert colour_literals("{# a comment #} &#x27; issue #12") == []


def test_the_scan_covers_code_and_templates():
    names = {path.name for path in scanned_files()}
    assert {"brief.py", "maps.py", "brief.html", "svg_map.svg", "kiosk_page.html"} <= names


def test_modules_use_the_palette_values():
    assert figures.STAR_COLOURS == maps.PALETTE == palette.BLUES_5
    assert maps.NO_DATA_COLOUR == palette.NO_DATA
    assert figures.BAR_COLOUR == palette.NAVY
    assert palette.as_dict()["HIGHLIGHT"] == palette.HIGHLIGHT


def test_each_class_scale_has_one_step_per_class_from_light_to_dark():
    for k, scale in palette.CLASS_SCALES.items():
        assert len(scale) == len(set(scale)) == k
        darkness = [palette.contrast_ratio(palette.WHITE, colour) for colour in scale]
        assert darkness == sorted(darkness)
        assert palette.NO_DATA not in scale
