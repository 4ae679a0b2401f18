"""Keeping page state and the URL in step: the link seeds the state once, then follows it.

The rule every mirrored piece of state follows (the frame's language, mode and filters, the
what-if scenario, the present step): the URL's parameters are read once per session (parsed by
``ovop_core.params`` or the core's ``Scenario.from_query``, so a broken link opens the defaults),
then the widgets are the source of truth and the URL is rewritten from them. Empty values are
left out, which keeps links short and drops what a broken link carried.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import streamlit as st


def seed_once(flag: str, seed: Callable[[Mapping[str, str]], None]) -> None:
    """Run ``seed(st.query_params)`` the first time this session gets here; ``flag`` remembers it."""
    if st.session_state.get(flag):
        return
    seed(st.query_params)
    st.session_state[flag] = True


def write(wanted: Mapping[str, str], only: Collection[str] | None = None) -> None:
    """Mirror ``wanted`` into the URL (all keys, or just ``only``): a value is set when it differs,
    an empty value removes its parameter."""
    for key, value in wanted.items():
        if only is not None and key not in only:
            continue
        if value and st.query_params.get(key) != value:
            st.query_params[key] = value
        elif not value and key in st.query_params:
            del st.query_params[key]
