"""The one translation catalog of core and UI: gettext catalogs (``.po``/``.mo``) read with Babel.

Every user-facing text has a message id (``kpi.recognised``, ``registry.empty_file``) and one
translation per language in ``ovop_core/locale/<lang>/LC_MESSAGES/ovop.po``; the compiled ``.mo``
beside it is what is read at run time (``make catalogs`` recompiles, a test keeps both in step).
Placeholders are ``str.format`` names (``{name}``, ``{byte:02X}``). The core never decides the
language: it hands out a ``Message`` (id and parameters) and the caller renders it in its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel.messages.mofile import read_mo
from babel.support import NullTranslations, Translations

LANGS = ("id", "en")
DEFAULT_LANG = "id"
DOMAIN = "ovop"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@cache
def _translations(lang: str) -> NullTranslations:
    return Translations.load(str(LOCALE_DIR), [lang], DOMAIN)


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """Every message id and its text in ``lang`` (read once from the compiled catalog)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.exists():
        return MappingProxyType({})
    with path.open("rb") as f:
        return MappingProxyType({m.id: m.string for m in read_mo(f) if m.id and isinstance(m.id, str)})


def message_ids() -> frozenset[str]:
    """The ids of the default catalog (a test keeps the other languages' ids the same)."""
    return frozenset(catalog(DEFAULT_LANG))


def template(key: str, lang: str = DEFAULT_LANG) -> str:
    """The unfilled text of ``key``: ``lang``, else Indonesian, else the key itself."""
    text = _translations(lang).gettext(key)
    if text == key and lang != DEFAULT_LANG:
        text = _translations(DEFAULT_LANG).gettext(key)
    return text


def _value(value: Any, lang: str) -> Any:
    """A parameter as it reads in ``lang``: a ``Message`` or ``Both`` is rendered, the rest kept."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Both):
        return value.pick(lang)
    return value


def translate(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """The text of ``key`` in ``lang`` with ``params`` filled in (unknown languages read Indonesian)."""
    text = template(key, lang)
    if not params:
        return text
    return text.format_map({name: _value(value, lang) for name, value in params.items()})


@dataclass(frozen=True)
class Both:
    """A parameter that reads differently per language but is not a catalog text (a number's
    separators, a formatted date): both renderings, picked by language."""

    id: Any
    en: Any

    def pick(self, lang: str) -> Any:
        return self.en if lang == "en" else self.id


def grouped(n: int) -> Both:
    """A whole number with thousands separators: 500.000 in Indonesian, 500,000 in English."""
    return Both(f"{n:,}".replace(",", "."), f"{n:,}")


@dataclass(frozen=True)
class Message:
    """A text not yet put into words: its catalog id and parameters (which may be messages too)."""

    id: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, id: str, params: Mapping[str, Any] | None = None, /, **kwargs: Any):  # noqa: A002
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "params", MappingProxyType({**(params or {}), **kwargs}))

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return translate(self.id, lang, **self.params)

    def __str__(self) -> str:
        return self.render("en")


class MessageError(Exception):
    """An error whose words are a ``Message``: ``text(lang)`` renders them in the caller's language."""

    def __init__(self, message: Message):
        super().__init__(message.render("en"))
        self.message = message

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return self.message.render(lang)
