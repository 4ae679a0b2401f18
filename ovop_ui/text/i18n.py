"""The UI's access to the one translation catalog (``ovop_core.catalog``, gettext via Babel).

Pages call ``t("key")`` from ``ovop_ui.shell.state`` (language from the session) or
``translate("key", lang)``; the texts live in ``ovop_core/locale/<lang>/LC_MESSAGES/ovop.po``,
where a test keeps the languages' ids and placeholders identical. Domain names (criteria,
categories, stages) come from the same catalog through the helpers below.
"""

from __future__ import annotations

from ovop_core.catalog import DEFAULT_LANG, LANGS, translate
from ovop_core.model import category_name, criterion_name
from ovop_core.pipeline import STAGES

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LANG_NAMES",
    "category_in_sentence",
    "category_name",
    "criterion_name",
    "stage_name",
    "stars_text",
    "translate",
]

LANG_NAMES = {"id": "Bahasa Indonesia", "en": "English"}  # each language in its own words


def category_in_sentence(code: str, lang: str) -> str:
    """A category's name as it reads mid-sentence: lower-case first letter ("107 produk makanan
    olahan", "halal not applied to woven & textile 18"), as an editor would write it."""
    name = category_name(code, lang)
    return name[:1].lower() + name[1:]


def stage_name(number: int, lang: str, with_number: bool = True) -> str:
    stage = STAGES[int(number)]
    name = stage.name(lang)
    return f"{stage.number} · {name}" if with_number else name


def stars_text(stars: int, lang: str) -> str:
    """★ as text, never colour alone: "★★★☆☆ 3"; unrated products say so."""
    stars = int(stars)
    if stars <= 0:
        return translate("stars.unrated", lang)
    return "★" * stars + "☆" * (5 - stars) + f" {stars}"
