"""The budget planner of DESIGN.md §11: with this budget, which products get which interventions?

Every product in scope may receive any set of the interventions that apply to it (DESIGN.md §5;
one that would change nothing is never bought), each at its unit cost (``costs.UnitCosts``). Each
such set is an *option* with a cost and the stars it gains (§4–5 exactly: the same
``apply_interventions`` and scoring as the what-if). The plan picks at most one option per product
so that the stars gained are as many as the budget allows:

1. greedy on stars gained per rupiah, ties in the §5 order (becomes ★≥3 first, stars gained, score
   gained, higher stage, ``product_id``), one option per product, skipping what no longer fits;
2. then filled with the best remaining affordable option: upgrades of chosen products or new
   products, most extra stars first, in rounds until nothing more fits;
3. on small registries, where it is cheap, the exact optimum (a table of the least cost for each
   number of stars gained) replaces the greedy plan when it gains more stars. Greedy alone can
   miss badly (one Rp 6 juta option worth ★3 against two Rp 5 juta options worth ★2 each, with
   Rp 10 juta); officials checking a small plan by hand must not find a better one.

Options are computed for all products at once (one table per intervention set, at most 31), so
100,000 products plan in about a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalog import Message, MessageError, grouped, translate
from .costs import UnitCosts
from .interventions import INTERVENTIONS, applicable, apply_interventions
from .model import CATEGORIES, CRITERIA, DEFAULT_MODEL, OFFICIAL_STAGE, RECOGNISED_STAR, SUB_ITEM_KEYS, ScoringModel
from .scoring import score_and_stars, snap
from .summary import region_mask

NEXT_STEP = 100_000_000  # "what the next Rp 100 juta would add"
# The exact optimum is computed when (products with options) × (stars that could be gained) is
# at most this: about a second of numpy work in the worst case.
EXACT_LIMIT = 2_000_000
# What scoring an option needs; nothing else of the registry is copied per intervention set.
_INPUTS = ("category", "stage", "permit", "nib", "halal", "brand", "export", "non_halal", *CRITERIA, *SUB_ITEM_KEYS)


class PlanError(MessageError):
    """A plan that cannot be made (a negative budget, an unknown intervention)."""


@dataclass(frozen=True)
class Plan:
    """What the budget buys: the chosen products and the totals read out in a meeting."""

    budget: int
    chosen: pd.DataFrame  # one row per chosen product (see ``CHOSEN_COLUMNS``)
    interventions: tuple[str, ...]
    method: str  # "greedy" or "exact"
    candidates: int  # products in scope that some affordable-in-principle option would lift

    @property
    def total_cost(self) -> int:
        return int(self.chosen["cost"].sum())

    @property
    def stars_gained(self) -> int:
        return int((self.chosen["stars_after"] - self.chosen["stars_before"]).sum())

    @property
    def newly_recognised(self) -> int:
        """Chosen products that become an official ★≥3 (stage ≥ 3): the programme's headline."""
        return int((self.chosen["crosses"] & self.chosen["official"]).sum())

    @property
    def newly_potential(self) -> int:
        """Chosen products below stage 3 whose estimated star reaches ★3: candidates, not yet recognised."""
        return int((self.chosen["crosses"] & ~self.chosen["official"]).sum())

    @property
    def cost_per_newly_recognised(self) -> float | None:
        return self.total_cost / self.newly_recognised if self.newly_recognised else None

    def to_dict(self) -> dict:
        """The ``plan --json`` contract (DESIGN.md §7, §11)."""
        c = self.chosen  # ``_chosen`` makes costs, stars and stage int64, scores float64
        chosen = pd.DataFrame(
            {
                "product_id": c["product_id"].astype(str),
                "interventions": c["interventions"].map(list),
                "cost": c["cost"],
                "stars_before": c["stars_before"],
                "stars_after": c["stars_after"],
                "score_before": c["score_before"].round(6),
                "score_after": c["score_after"].round(6),
                "stage": c["stage"],
                "category": c["category"].astype(str),
                "region_code": c["region_code"].astype(str),
            }
        ).to_dict("records")
        return {
            "budget": self.budget,
            "total_cost": self.total_cost,
            "stars_gained": self.stars_gained,
            "newly_recognised": self.newly_recognised,
            "newly_potential": self.newly_potential,
            "cost_per_newly_recognised": self.cost_per_newly_recognised,
            "n_products": len(self.chosen),
            "interventions": list(self.interventions),
            "method": self.method,
            "chosen": chosen,
        }


CHOSEN_COLUMNS = (
    "product_id",
    "name",
    "region_code",
    "category",
    "stage",
    "interventions",
    "cost",
    "score_before",
    "score_after",
    "stars_before",
    "stars_after",
    "crosses",
    "official",
)


def _bits(names: tuple[str, ...], mask: int) -> tuple[str, ...]:
    return tuple(n for i, n in enumerate(names) if mask >> i & 1)


def options(
    frame: pd.DataFrame, costs: UnitCosts, names: tuple[str, ...], scope: np.ndarray, model: ScoringModel
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Every option that gains a star: one row per (product position ``pos``, intervention set
    ``mask`` over ``names``) with ``cost``, ``score_after``, ``stars_after``; plus the score and
    stars before of every product. Dominated options (another of the same product costs no more
    and gains at least as much) are dropped, so each product's options rise in cost and stars."""
    inputs = frame[[c for c in _INPUTS if c in frame.columns]]
    # A categorical category: the stacked table tests it per row, and a categorical compares a few
    # categories instead of every string.
    category = pd.Categorical(frame["category"], categories=CATEGORIES)
    inputs = inputs.assign(category=category)
    score_before, stars_before = score_and_stars(inputs, model)
    have = np.zeros(len(frame), dtype="int64")
    prices = np.zeros((len(frame), len(names)), dtype="int64")
    for i, name in enumerate(names):
        price = costs.per_product(name, category)
        buyable = applicable(frame, name) & ~np.isnan(price)
        have |= buyable.astype("int64") << i
        prices[:, i] = np.nan_to_num(price).astype("int64")
    have = np.where(scope & (stars_before >= 1), have, 0)  # unrated products cannot gain a star
    # Interventions never lower a score or close a gate, so no set gains a star where all of them
    # together gain none: those products are dropped before their sets are stacked.
    some = np.flatnonzero(have > 0)
    every = {name: (have[some] >> i & 1).astype(bool) for i, name in enumerate(names)}
    _, stars_all = score_and_stars(apply_interventions(inputs.take(some), every, names), model)
    have[some[stars_all <= stars_before[some]]] = 0
    # Every (product, intervention set) the product can take, stacked into one table and scored
    # in one pass: a row per option, each intervention applied where its bit is set.
    sets = np.arange(1, 2 ** len(names), dtype="int64")
    fits = (have[:, None] & sets[None, :]) == sets[None, :]
    pos, which = np.nonzero(fits)
    if len(pos) == 0:
        empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _OPTION_DTYPES.items()})
        return empty, score_before, stars_before
    mask = sets[which]
    stacked = inputs.take(pos).reset_index(drop=True)
    per_name = {name: (mask >> i & 1).astype(bool) for i, name in enumerate(names)}
    score_after, stars_after = score_and_stars(apply_interventions(stacked, per_name, names), model)
    chosen_bits = (mask[:, None] >> np.arange(len(names))) & 1
    table = pd.DataFrame(
        {
            "pos": pos,
            "mask": mask,
            "cost": (prices[pos] * chosen_bits).sum(axis=1),
            "n_interventions": chosen_bits.sum(axis=1),
            "score_after": score_after,
            "stars_after": stars_after.astype("int64"),
        }
    )
    table["gain"] = table["stars_after"] - stars_before[pos]
    table = table[table["gain"] > 0]
    # Per product: cheapest first, then most stars, best score, fewest interventions; keep an
    # option only if it gains more than every cheaper-or-equal one.
    t = {c: table[c].to_numpy() for c in table.columns}
    table = table.iloc[
        np.lexsort((t["mask"], t["n_interventions"], -t["score_after"], -t["gain"], t["cost"], t["pos"]))
    ]
    best_before = table.groupby("pos")["gain"].cummax().groupby(table["pos"]).shift(fill_value=0)
    table = table[table["gain"] > best_before].reset_index(drop=True)
    return table, score_before, stars_before


_OPTION_DTYPES = {
    "pos": "int64",
    "mask": "int64",
    "cost": "int64",
    "n_interventions": "int64",
    "score_after": "float64",
    "stars_after": "int64",
    "gain": "int64",
}


def _order(table: pd.DataFrame, frame: pd.DataFrame, score_before: np.ndarray, stars_before: np.ndarray, first):
    """Positions of ``table``'s rows sorted by ``first`` (a list of (values, descending)) and then the
    §5 tie order: becomes ★≥3, stars gained, score gained, higher stage, product_id."""
    pos = table["pos"].to_numpy()
    crosses = (stars_before[pos] < RECOGNISED_STAR) & (table["stars_after"].to_numpy() >= RECOGNISED_STAR)
    score_gain = snap(table["score_after"].to_numpy() - score_before[pos])
    stage = frame["stage"].to_numpy()[pos] if "stage" in frame.columns else np.zeros(len(pos))
    ids = pd.factorize(frame["product_id"].astype(str).to_numpy()[pos], sort=True)[0]
    keys = [*first, (crosses, True), (table["gain"].to_numpy(), True), (score_gain, True), (stage, True), (ids, False)]
    # np.lexsort sorts by the last key first and ascending: negate what sorts descending.
    return np.lexsort([(-np.asarray(v, dtype="float64") if desc else v) for v, desc in reversed(keys)])


def _greedy(table: pd.DataFrame, budget: int, order_of) -> np.ndarray:
    """Option rows chosen by the greedy (1) and the fill (2) of the module docstring."""
    cost = table["cost"].to_numpy()
    gain = table["gain"].to_numpy()
    pos = table["pos"].to_numpy()
    ratio = np.where(cost > 0, gain / np.maximum(cost, 1), np.inf)
    # (1) Each product's best-ratio option, products in ratio order; take what fits, in order.
    ranked = order_of(table, [(ratio, True)])
    _, first = np.unique(pos[ranked], return_index=True)
    best = ranked[np.sort(first)]
    chosen = np.full(pos.max() + 1 if len(pos) else 0, -1, dtype="int64")  # product position → option row
    left = budget
    fits = np.cumsum(cost[best]) <= left
    prefix = best[: int(fits.argmin()) if not fits.all() else len(best)]
    chosen[pos[prefix]] = prefix
    left -= int(cost[prefix].sum())
    rest = best[len(prefix) :]
    while len(rest):  # after the first item that does not fit: the next ones that still do
        i = np.flatnonzero(cost[rest] <= left)
        if not len(i):
            break
        row = rest[i[0]]
        chosen[pos[row]] = row
        left -= int(cost[row])
        rest = rest[i[0] + 1 :]
    # (2) Fill: each round, every product's largest affordable upgrade, most extra stars first.
    while True:
        current = chosen[pos]
        base_cost = np.where(current >= 0, cost[np.maximum(current, 0)], 0)
        base_gain = np.where(current >= 0, gain[np.maximum(current, 0)], 0)
        extra_cost, extra_gain = cost - base_cost, gain - base_gain
        can = np.flatnonzero((extra_gain > 0) & (extra_cost <= left))
        if not len(can):
            break
        sub = table.iloc[can]
        ranked = can[order_of(sub, [(extra_gain[can], True), (-extra_cost[can], True)])]
        _, first = np.unique(pos[ranked], return_index=True)
        upgrades = ranked[np.sort(first)]
        fits = np.cumsum(extra_cost[upgrades]) <= left
        take = upgrades[: max(int(fits.argmin()) if not fits.all() else len(upgrades), 1)]
        chosen[pos[take]] = take
        left -= int(extra_cost[take].sum())
    return chosen[chosen >= 0]


def _exact(table: pd.DataFrame, budget: int) -> np.ndarray | None:
    """The option rows of a plan gaining the most stars within ``budget`` (least cost among those),
    or None when the instance is too large to solve exactly here."""
    pos = table["pos"].to_numpy()
    products, starts = np.unique(pos, return_index=True)
    stops = np.append(starts[1:], len(pos))
    gain, cost = table["gain"].to_numpy(), table["cost"].to_numpy().astype("float64")
    most = int(table.groupby("pos")["gain"].max().sum())
    if len(products) * (most + 1) > EXACT_LIMIT:
        return None
    least = np.full(most + 1, np.inf)  # least cost of gaining exactly g stars
    least[0] = 0.0
    pick = np.full((len(products), most + 1), -1, dtype="int64")
    # One step per product (few, since the instance is small); each step is vectorised over g.
    for p, (start, stop) in enumerate(zip(starts, stops)):
        new = least.copy()
        for row in range(start, stop):
            shifted = np.full(most + 1, np.inf)
            shifted[gain[row] :] = least[: most + 1 - gain[row]] + cost[row]
            better = shifted < new
            new[better] = shifted[better]
            pick[p, better] = row
        least = new
    reachable = np.flatnonzero(least <= budget)
    g = int(reachable.max())
    rows = []
    for p in range(len(products) - 1, -1, -1):
        row = pick[p, g]
        if row >= 0:
            rows.append(row)
            g -= int(gain[row])
    return np.array(sorted(rows), dtype="int64")


def plan_budget(
    frame: pd.DataFrame,
    budget: int,
    costs: UnitCosts,
    interventions: tuple[str, ...] | None = None,
    region: str = "",
    model: ScoringModel = DEFAULT_MODEL,
) -> Plan:
    """The plan for ``budget`` Rupiah over the products of ``region`` ("" = all), buying only
    ``interventions`` (DESIGN.md §11).

    ``None`` buys whatever the cost table prices, where it prices it (``costs.unpriced`` says
    what is left out); interventions named explicitly must be priced for every category they
    apply to, or the plan is refused: a plan that silently skips what was asked for misleads.
    """
    if interventions is None:
        interventions = costs.priced()
    else:
        costs.require(tuple(n for n in interventions if n in INTERVENTIONS))
    names = tuple(n for n in INTERVENTIONS if n in set(interventions))
    unknown = sorted(set(interventions) - set(INTERVENTIONS))
    if unknown:
        raise PlanError(Message("plan.unknown_intervention", names=", ".join(unknown), known=", ".join(INTERVENTIONS)))
    if budget < 0:
        raise PlanError(Message("plan.negative_budget", budget=budget))
    frame = frame.reset_index(drop=True)
    scope = region_mask(frame, region).to_numpy(dtype=bool)
    table, score_before, stars_before = options(frame, costs, names, scope, model)
    if table.empty:
        return Plan(int(budget), _chosen(frame, table, np.array([], dtype="int64"), names, score_before, stars_before),
                    names, "greedy", 0)  # fmt: skip

    def order_of(sub, first):
        return _order(sub, frame, score_before, stars_before, first)

    rows, method = _greedy(table, budget, order_of), "greedy"
    exact = _exact(table, budget)
    if exact is not None and table["gain"].to_numpy()[exact].sum() > table["gain"].to_numpy()[rows].sum():
        rows, method = exact, "exact"
    chosen = _chosen(frame, table, rows, names, score_before, stars_before)
    return Plan(int(budget), chosen, names, method, int(table["pos"].nunique()))


def _chosen(frame, table, rows, names, score_before, stars_before) -> pd.DataFrame:
    """The chosen options as product rows, in the §5 order of what they gain."""
    picked = table.iloc[rows]  # cost and stars_after are int64 already (``_OPTION_DTYPES``)
    pos = picked["pos"].to_numpy()
    stage = frame["stage"].to_numpy(dtype="int64")[pos] if "stage" in frame.columns else np.zeros(len(pos), "int64")
    out = pd.DataFrame(
        {
            "product_id": frame["product_id"].to_numpy()[pos],
            "name": frame["name"].to_numpy()[pos] if "name" in frame.columns else "",
            "region_code": frame["region_code"].to_numpy()[pos],
            "category": frame["category"].to_numpy()[pos],
            "stage": stage,
            "interventions": [_bits(names, int(m)) for m in picked["mask"]],  # the chosen few
            "cost": picked["cost"].to_numpy(),
            "score_before": score_before[pos],
            "score_after": picked["score_after"].to_numpy(),
            "stars_before": stars_before[pos].astype("int64"),
            "stars_after": picked["stars_after"].to_numpy(),
        }
    )
    out["crosses"] = (out["stars_before"] < RECOGNISED_STAR) & (out["stars_after"] >= RECOGNISED_STAR)
    out["official"] = out["stage"] >= OFFICIAL_STAGE
    order = np.lexsort(
        [
            out["product_id"].astype(str).to_numpy(),
            -out["stage"].to_numpy(),
            -snap(out["score_after"].to_numpy() - out["score_before"].to_numpy()),
            -(out["stars_after"] - out["stars_before"]).to_numpy(),
            -out["crosses"].to_numpy().astype("int64"),
        ]
    )
    return out.iloc[order].reset_index(drop=True)[list(CHOSEN_COLUMNS)]


def next_step(
    frame: pd.DataFrame,
    plan: Plan,
    costs: UnitCosts,
    region: str = "",
    model: ScoringModel = DEFAULT_MODEL,
    step: int = NEXT_STEP,
) -> dict:
    """What ``step`` more Rupiah (Rp 100 juta) would add to ``plan``: stars, newly recognised, cost."""
    more = plan_budget(frame, plan.budget + step, costs, plan.interventions, region, model)
    return {
        "step": step,
        "stars_gained": more.stars_gained - plan.stars_gained,
        "newly_recognised": more.newly_recognised - plan.newly_recognised,
        "extra_cost": more.total_cost - plan.total_cost,
    }


def plan_sentences(plan: Plan, more: dict, lang: str) -> list[str]:
    """What a plan means, in sentences an official can read aloud (CLI stderr, the what-if page)."""
    if plan.stars_gained == 0:
        return [translate("plan.sentence.none", lang, budget=grouped(plan.budget))]
    lines = [
        translate(
            "plan.sentence",
            lang,
            cost=grouped(plan.total_cost),
            budget=grouped(plan.budget),
            n=grouped(len(plan.chosen)),
            recognised=grouped(plan.newly_recognised),
            stars=grouped(plan.stars_gained),
        )
    ]
    if plan.cost_per_newly_recognised is not None:
        lines.append(translate("plan.per_recognised", lang, per=grouped(round(plan.cost_per_newly_recognised))))
    if plan.newly_potential:
        lines.append(translate("plan.potential", lang, n=grouped(plan.newly_potential)))
    lines.append(
        translate(
            "plan.next_step",
            lang,
            step=grouped(more["step"]),
            stars=grouped(more["stars_gained"]),
            recognised=grouped(more["newly_recognised"]),
        )
    )
    return lines
