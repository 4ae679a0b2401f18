"""A what-if scenario (DESIGN.md §5) and its two text encodings: a link's parameters and the CLI's flags.

A scenario = levers (quality +d on k3, market +d on k4, interventions) applied to a target set.
One encoding each way, so a link, the command line shown under the what-if page, the CLI and the
present mode's cache key all describe the same scenario; ``whatif.run_whatif`` runs it.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import regions
from .interventions import INTERVENTIONS, MAX_LEVER, ScenarioError
from .model import CATEGORIES, DEFAULT_MODEL, PRESETS, ScoringModel, get_model
from .params import finite_number, known_value, known_values
from .pipeline import LAST_STAGE

__all__ = ["QUERY_KEYS", "Scenario", "ScenarioError", "Target", "add_cli_arguments"]

# A scenario in a link (the what-if page's URL): short parameter names, as links are read out and
# typed. Levers in a link snap to the page's slider step; "top N" stays within its input's range.
QUERY_KEYS = ("q", "m", "iv", "tr", "tc", "ts", "tst", "top", "model")
LEVER_STEP = 5
TOP_RANGE = (1, 100_000)


@dataclass(frozen=True)
class Target:
    """Which products receive the levers; empty tuples mean "all". Filters combine with AND.

    ``regions`` takes province ("33") or kab/kota ("33.01" or "3301") codes. ``stars`` and
    ``stages`` refer to the situation before the scenario. ``top_n`` then keeps only the N
    products of that set that gain most, in the order of ``whatif.gain_order``.
    """

    regions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    stages: tuple[int, ...] = ()
    stars: tuple[int, ...] = ()
    top_n: int | None = None


@dataclass(frozen=True)
class Scenario:
    quality: float = 0.0
    market: float = 0.0
    interventions: tuple[str, ...] = ()
    target: Target = field(default_factory=Target)
    model: ScoringModel = DEFAULT_MODEL

    def __post_init__(self) -> None:
        for name, value in (("quality", self.quality), ("market", self.market)):
            if not 0 <= value <= MAX_LEVER:
                raise ScenarioError(f"{name} must be between 0 and {MAX_LEVER:g} points, got {value:g}")
        unknown = set(self.interventions) - set(INTERVENTIONS)
        if unknown:
            raise ScenarioError(
                f"unknown intervention(s): {', '.join(sorted(unknown))}; known: {', '.join(INTERVENTIONS)}"
            )
        if self.target.top_n is not None and self.target.top_n < 0:
            raise ScenarioError("top N must not be negative")

    # --- the scenario as text: a link's parameters and the CLI's flags ----------------------
    # One encoding each way, so a link, the command line shown under the what-if page, the CLI
    # and the present mode's cache key all describe the same scenario.

    def to_query(self) -> dict[str, str]:
        """The scenario as link parameters, one per ``QUERY_KEYS``; a default is "" (left out of the link).

        The model is named only when it is a preset other than the default: a custom weight set
        is not carried by a link, which then opens with the default model.
        """
        t = self.target
        version = self.model.version
        return {
            "q": f"{self.quality:g}" if self.quality else "",
            "m": f"{self.market:g}" if self.market else "",
            "iv": ",".join(self.interventions),
            "tr": ",".join(t.regions),
            "tc": ",".join(t.categories),
            "ts": ",".join(str(x) for x in t.stages),
            "tst": ",".join(str(x) for x in t.stars),
            "top": "" if t.top_n is None else str(t.top_n),
            "model": version if version in PRESETS and version != DEFAULT_MODEL.version else "",
        }

    @classmethod
    def from_query(cls, params: Mapping[str, object]) -> Scenario:
        """The scenario a link describes; never fails.

        Links are untrusted: each parameter is parsed to a value the what-if page accepts or
        ignored (levers clamped to 0…``MAX_LEVER`` and snapped to ``LEVER_STEP``; only known
        interventions, region codes, categories, stages and stars; top N within ``TOP_RANGE``).
        """
        get = params.get
        quality = finite_number(get("q"), 0, MAX_LEVER, step=LEVER_STEP) or 0
        market = finite_number(get("m"), 0, MAX_LEVER, step=LEVER_STEP) or 0
        region_codes = set(regions.provinces()["code"]) | set(regions.kabkota()["code"])
        top = finite_number(get("top"), *TOP_RANGE)
        target = Target(
            regions=tuple(known_values(get("tr"), region_codes, regions.to_dotted)),
            categories=tuple(known_values(get("tc"), CATEGORIES)),
            stages=tuple(known_values(get("ts"), range(LAST_STAGE + 1), int)),
            stars=tuple(known_values(get("tst"), range(1, 6), int)),
            top_n=None if top is None else int(round(top)),
        )
        model = PRESETS[known_value(get("model"), PRESETS, DEFAULT_MODEL.version)]
        return cls(int(quality), int(market), tuple(known_values(get("iv"), INTERVENTIONS)), target, model)

    def to_cli_args(self) -> list[str]:
        """The ``python -m ovop_core whatif`` flags that reproduce this scenario (a custom model has none)."""
        t = self.target
        args = ["--model", self.model.version] if self.model.version in PRESETS else []
        for flag, value in (
            ("--quality", f"{self.quality:g}" if self.quality else ""),
            ("--market", f"{self.market:g}" if self.market else ""),
            ("--intervene", ",".join(self.interventions)),
            ("--region", ",".join(t.regions)),
            ("--category", ",".join(t.categories)),
            ("--stage", ",".join(str(x) for x in t.stages)),
            ("--stars", ",".join(str(x) for x in t.stars)),
            ("--top", "" if t.top_n is None else str(t.top_n)),
        ):
            if value:
                args += [flag, value]
        return args

    @classmethod
    def from_cli_args(cls, args: Sequence[str] | argparse.Namespace) -> Scenario:
        """The scenario the CLI's flags describe: a list of strings, or the namespace a parser built
        with ``add_cli_arguments`` returned. Strict: raises ``ScenarioError`` saying what is wrong."""
        if not isinstance(args, argparse.Namespace):
            parser = _FlagParser(prog="scenario", add_help=False)
            add_cli_arguments(parser)
            args = parser.parse_args(list(args))
        regions_ = _items(args.region)
        for code in regions_:
            if regions.region_name(code) is None:
                raise ScenarioError(f"unknown region code: {code}")
        categories = _items(args.category)
        bad = [c for c in categories if c not in CATEGORIES]
        if bad:
            raise ScenarioError(f"unknown category: {', '.join(bad)} (expected: {', '.join(CATEGORIES)})")
        target = Target(
            regions=regions_,
            categories=categories,
            stages=tuple(int(x) for x in _items(args.stage)),
            stars=tuple(int(x) for x in _items(args.stars)),
            top_n=args.top,
        )
        try:
            model = get_model(args.model)
        except KeyError as exc:
            raise ScenarioError(str(exc.args[0])) from None
        return cls(args.quality, args.market, _items(args.intervene), target, model)

    def to_dict(self) -> dict:
        """JSON-ready (printed by the CLI beside a what-if summary)."""
        t = self.target
        return {
            "model": self.model.version,
            "quality": self.quality,
            "market": self.market,
            "interventions": list(self.interventions),
            "regions": list(t.regions),
            "categories": list(t.categories),
            "stages": list(t.stages),
            "stars": list(t.stars),
            "top": t.top_n,
        }


class _FlagParser(argparse.ArgumentParser):
    """Reads scenario flags given as a list: a bad flag is a ``ScenarioError``, not an exit."""

    def error(self, message: str):
        raise ScenarioError(message)


def _items(text: str | None) -> tuple[str, ...]:
    """The items of a comma-separated flag value, stripped, empty ones dropped."""
    return tuple(x.strip() for x in (text or "").split(",") if x.strip())


def _stage_list(text: str) -> str:
    for part in text.split(","):
        if part.strip() and (not part.strip().isdigit() or int(part) > LAST_STAGE):
            raise argparse.ArgumentTypeError(f"stages are whole numbers 0–{LAST_STAGE}, got {part!r}")
    return text


def _star_list(text: str) -> str:
    for part in text.split(","):
        if part.strip() and part.strip() not in {"1", "2", "3", "4", "5"}:
            raise argparse.ArgumentTypeError(f"stars are 1–5, got {part!r}")
    return text


def _interventions(text: str) -> str:
    bad = [x for x in text.split(",") if x.strip() and x.strip() not in INTERVENTIONS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown intervention {', '.join(bad)} (expected: {','.join(INTERVENTIONS)})")
    return text


def add_cli_arguments(parser: argparse.ArgumentParser, model: bool = True) -> None:
    """The scenario's flags (``--quality`` … ``--top``, and ``--model`` unless the caller has its own)."""
    if model:
        parser.add_argument("--model", default=DEFAULT_MODEL.version, help=f"scoring preset: {', '.join(PRESETS)}")
    parser.add_argument("--quality", type=float, default=0.0, help=f"points added to k3 (0–{MAX_LEVER})")
    parser.add_argument("--market", type=float, default=0.0, help=f"points added to k4 (0–{MAX_LEVER})")
    parser.add_argument("--intervene", type=_interventions, help=f"comma list of {','.join(INTERVENTIONS)}")
    parser.add_argument("--region", help="province or kab/kota code(s), comma separated")
    parser.add_argument("--category", help="category/categories, comma separated")
    parser.add_argument("--stage", type=_stage_list, help="stage(s) 0–6, comma separated")
    parser.add_argument("--stars", type=_star_list, help="star level(s) before, comma separated")
    parser.add_argument("--top", type=int, help="only the N targeted products that gain most")
