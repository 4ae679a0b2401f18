"""The registry reader's messages: ids in the one catalog (``ovop_core.catalog``), ``registry.<key>``.

A message has an id (often the problem code) and named placeholders; ``render`` fills them in one
language, ``render_rows`` fills them for many rows at once (a placeholder may be a per-row Series).
A value that reads differently per language (a number's separators, a date) is passed as
``Both(id=…, en=…)``, a noun phrase as a ``Message``. The wording itself lives only in
``ovop_core/locale/<lang>/LC_MESSAGES/ovop.po``, never in the readers.
"""

from __future__ import annotations

from string import Formatter

import numpy as np
import pandas as pd

from ..catalog import LANGS, Both, Message, grouped, message_ids, template, translate
from ..errors import UnreadableFileError

__all__ = ["LANGUAGES", "Both", "file_kind", "grouped", "message_keys", "refusal", "render", "render_rows"]

PREFIX = "registry."
LANGUAGES = LANGS


def message_keys() -> frozenset[str]:
    """The registry messages the catalog holds (ids without ``registry.``; file kinds left out)."""
    return frozenset(
        k[len(PREFIX) :] for k in message_ids() if k.startswith(PREFIX) and not k.startswith(PREFIX + "kind.")
    )


def file_kind(kind: str, **params) -> Message:
    """The noun phrase naming a kind of file (``registry.kind.<kind>``)."""
    return Message(f"{PREFIX}kind.{kind}", params)


def _pick(value, lang: str):
    if isinstance(value, Message):
        return value.render(lang)
    return value.pick(lang) if isinstance(value, Both) else value


def render(key: str, lang: str, **params) -> str:
    """One message in one language; placeholders may carry format specs (``{byte:02X}``)."""
    return translate(PREFIX + key, lang, **params)


def render_rows(key: str, lang: str, n: int, **params) -> np.ndarray:
    """``n`` messages at once; a placeholder may be a per-row Series or array (taken by position)."""
    parts = list(Formatter().parse(template(PREFIX + key, lang)))
    values = {name: _pick(params[name], lang) for _, name, _, _ in parts if name is not None}
    if not any(isinstance(v, (pd.Series, np.ndarray)) for v in values.values()):
        return np.full(n, render(key, lang, **values), dtype=object)
    out = np.full(n, "", dtype=object)
    for literal, name, spec, _ in parts:
        out = out + literal
        if name is None:
            continue
        value = values[name]
        if isinstance(value, (pd.Series, np.ndarray)):
            out = out + np.asarray(value, dtype=object).astype(str).astype(object)
        else:
            out = out + format(value, spec)
    return out


def refusal(code: str, message: str | None = None, *, at_row: int = 0, **params) -> UnreadableFileError:
    """The error that refuses a whole file (``at_row``: the file row it names, 0 for none)."""
    return UnreadableFileError(code, Message(PREFIX + (message or code), params), row=at_row)
