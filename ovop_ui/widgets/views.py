"""Small Streamlit render helpers shared by pages: notices, region and product tables, profiles.

User-supplied text (product and producer names) goes only into dataframes (rendered as text)
or through ``format.md_escape`` (inert markdown); never into raw HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_core import regions
from ovop_core.model import DEFAULT_MODEL
from ovop_core.summary import RANK_RULE
from ovop_ui.data_access.dataset import DataProblem, Dataset
from ovop_ui.shell.state import current_lang
from ovop_ui.text.format import md_escape, number, percent
from ovop_ui.text.i18n import category_name, stage_name, translate
from ovop_ui.text.stars import star_column
from ovop_ui.text.summary_text import label_texts


def data_notice(dataset: Dataset, model_version: str = DEFAULT_MODEL.version) -> None:
    """The illustrative-data label and the label of the model the shown scores come from (the
    what-if names the model its user chose), shown wherever scores are shown."""
    source, model = label_texts(dataset.labels(model_version), current_lang())
    st.caption(f":material/info: {source}  \n{model}")


def problem_text(problem: DataProblem, lang: str) -> str:
    """One data problem in ``lang``; file names and the file's messages are user text, made inert."""
    details = problem.details.pick(lang)
    return translate(
        problem.key,
        lang,
        file=md_escape(problem.file),
        n=number(problem.n, lang),
        details="; ".join(md_escape(d) for d in details),
    )


def data_problems(dataset: Dataset) -> None:
    """Why the configured data is not what is shown, and what is shown instead (nothing when all is well)."""
    if not dataset.problems:
        return
    lang = current_lang()
    lines = [problem_text(p, lang) for p in dataset.problems]
    lines.append(translate("data.problem.fallback", lang, label=translate(dataset.label, lang)))
    st.warning("  \n".join(lines), icon=":material/database_off:")


def region_table(
    index: pd.DataFrame, lang: str, limit: int | None = None, key: str | None = None, rule: str = RANK_RULE
) -> None:
    """Regions in rank order (regions without data last), with the rank rule stated above them.

    ``rule`` is the rule ``index`` was ranked by (``summary.peers``' ``rank_by``)."""
    st.caption(f":material/leaderboard: {regions.rank_rule_text(rule, lang)}")
    ranked = index.sort_values(["rank", "name"], na_position="last")
    if limit:
        ranked = ranked[ranked["has_data"]].head(limit)
    view = pd.DataFrame(
        {
            translate("col.rank", lang): ranked["rank"].astype("Int64"),
            translate("col.region", lang): ranked["name"],
            translate("col.products", lang): ranked["n_products"],
            translate("col.mean_score", lang): ranked["mean_score"].map(lambda v: number(v, lang, 1)),
            translate("col.recognised", lang): ranked["n_recognised"].astype("Int64"),
            translate("col.share_recognised", lang): ranked["share_recognised"].map(lambda v: percent(v, lang)),
        }
    )
    st.dataframe(view, hide_index=True, width="stretch", key=key)


ROW_PX, HEADER_PX = 35, 38  # st.dataframe's row and header heights at the default font size
IMAGE_ROW_PX = 64  # a row with a thumbnail: tall enough to recognise a product


def fitted_height(n_rows: int, cap: int = 420, row_px: int = ROW_PX) -> int:
    """A table's height that shows every row of a short table with no blank space below it, and
    scrolls beyond ``cap`` pixels (Streamlit's default height leaves a short table padded)."""
    return min(cap, HEADER_PX + row_px * n_rows)


def product_table(
    products: pd.DataFrame,
    lang: str,
    key: str | None = None,
    height: int | str = "auto",
    images: list[str] | None = None,
) -> None:
    """Products with score, stars (as text), cap reason and stage; ``images`` (one ``<img>`` source per
    product, ``builders.photos.table_images``) adds a first column of thumbnails."""
    photo = translate("col.photo", lang)
    view = pd.DataFrame(
        {
            **({photo: pd.Series(images, index=products.index)} if images is not None else {}),
            translate("col.name", lang): products["name"],
            translate("col.region", lang): products.get("region_name", products["region_code"]),
            translate("col.category", lang): products["category"].map(lambda c: category_name(c, lang)),
            translate("col.score", lang): products["score"].map(lambda v: number(v, lang, 1)),
            translate("col.stars", lang): star_column(products, lang),
            translate("col.cap_reason", lang): products[f"cap_reason_{lang}"].astype(str),
            translate("col.stage", lang): products["stage"].map(lambda s: stage_name(s, lang)),
        }
    )
    config = {photo: st.column_config.ImageColumn(photo, width="small")} if images is not None else None
    row_height = IMAGE_ROW_PX if images is not None else None
    st.dataframe(
        view, hide_index=True, width="stretch", key=key, height=height, column_config=config, row_height=row_height
    )


def cap_notice(product: pd.Series, lang: str) -> None:
    reason = str(product[f"cap_reason_{lang}"])
    if reason:
        st.warning(translate("overview.capped", lang, reason=md_escape(reason)), icon=":material/lock:")
    else:
        st.caption(translate("overview.not_capped", lang))
