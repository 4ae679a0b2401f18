"""HTML and SVG through Jinja2 templates with autoescape (``ovop_ui/templates/``), never f-strings of markup.

Every value placed in a template is escaped unless it is ``Markup`` (an already rendered fragment),
so a product called ``<script>`` stays text. Templates get the palette as ``palette`` and nothing
else global: what they show is passed in.
"""

from __future__ import annotations

import html
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ovop_ui.builders import palette


def _escape_like_stdlib(value: object) -> object:
    """Escape text as ``html.escape`` does (``'`` → ``&#x27;``), before autoescape sees it: the
    output stays byte-identical to the escaped f-strings these templates replaced."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value, quote=True))
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ovop_ui", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "css"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_escape_like_stdlib,
    )
    env.globals["palette"] = palette.as_dict()
    return env


def render(name: str, /, **context: object) -> Markup:
    """The template ``name`` rendered with ``context``, as ``Markup`` (safe to nest in another template)."""
    return Markup(environment().get_template(name).render(**context))


def macro(name: str, macro_name: str, /, **context: object) -> Markup:
    """One macro of a template file of fragments (``kiosk.html``) rendered with keyword arguments."""
    module = environment().get_template(name).module
    return Markup(getattr(module, macro_name)(**context))
