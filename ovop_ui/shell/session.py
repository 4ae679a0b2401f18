"""Who is signed in: the sidebar sign-in box, OIDC through ``st.login`` when configured, sign-out.

The user lives in ``st.session_state`` only (one browser session); the store re-checks every
write against the user's role and regions, so hiding a control is never the only protection.

Failed sign-ins are throttled per account *and* client (``ovop_core.throttle``). The client is
the requester's IP address; behind a reverse proxy on this machine, or one listed in
``auth_trusted_proxies`` (CIDRs, top of ``secrets.toml``), it is the address the proxy forwarded.
Without an address (local use, tests) it is the browser session, which a reload renews.
"""

from __future__ import annotations

import secrets

import streamlit as st

from ovop_core.auth import (
    Account,
    SignInError,
    Throttle,
    accounts_from_config,
    oidc_user,
    sign_in,
)
from ovop_core.throttle import client_address
from ovop_core.users import ANONYMOUS, User
from ovop_ui.shell.state import current_lang, t
from ovop_ui.text.format import md_escape

KEY_USER = "_signed_in_user"
KEY_CLIENT = "_sign_in_client"


@st.cache_resource(show_spinner=False)
def _throttle() -> Throttle:
    """One throttle per server process, shared by every session (a client may open many tabs)."""
    return Throttle()


def _config() -> dict:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except (FileNotFoundError, KeyError, AttributeError, Exception):  # no secrets.toml: nobody can sign in
        return {}


def client_id() -> str:
    """Who is trying to sign in, for the throttle: the IP address, else this browser session."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get_all("X-Forwarded-For")
    except Exception:  # no client connection: only the session is known
        peer, forwarded = None, []
    # AppTest runs without a server and answers with mocks: anything but text is no address.
    peer = peer if isinstance(peer, str) else None
    forwarded = [value for value in forwarded if isinstance(value, str)] if isinstance(forwarded, list) else []
    trusted = _config().get("auth_trusted_proxies", []) or []
    if isinstance(trusted, str):
        trusted = [trusted]
    address = client_address(peer, forwarded, trusted)
    if address:
        return f"ip:{address}"
    if KEY_CLIENT not in st.session_state:
        st.session_state[KEY_CLIENT] = secrets.token_urlsafe(16)
    return f"session:{st.session_state[KEY_CLIENT]}"


def accounts() -> dict[str, Account]:
    return accounts_from_config(_config())


def oidc_configured() -> bool:
    return "auth" in _config()


def current_user() -> User:
    user = st.session_state.get(KEY_USER)
    if isinstance(user, User):
        return user
    if oidc_configured():
        try:
            if st.user.is_logged_in:
                return oidc_user(str(st.user.get("email", "")), _config())
        except Exception:  # st.user unavailable (e.g. in tests): treat as signed out
            pass
    return ANONYMOUS


def sign_in_box() -> None:
    """Sidebar control: a sign-in form for viewers, the user's name and a sign-out button otherwise."""
    user = current_user()
    if user.role != "viewer" or user.username:
        st.caption(t("auth.signed_in", name=md_escape(user.username), role=t(f"role.{user.role}")))
        if st.button(t("auth.sign_out"), icon=":material/logout:", key="auth_sign_out"):
            st.session_state.pop(KEY_USER, None)
            if oidc_configured():
                st.logout()
            st.rerun()
        return
    with st.expander(t("auth.sign_in_title"), icon=":material/login:"):
        with st.form("auth_form", clear_on_submit=True, border=False):
            username = st.text_input(t("auth.username"), key="auth_username")
            password = st.text_input(t("auth.password"), type="password", key="auth_password")
            submitted = st.form_submit_button(t("auth.sign_in"))
        if submitted:
            try:
                st.session_state[KEY_USER] = sign_in(username.strip(), password, accounts(), _throttle(), client_id())
                st.rerun()
            except SignInError as exc:
                st.error(exc.text(current_lang()))
        if oidc_configured():
            st.button(t("auth.sign_in_oidc"), on_click=st.login, key="auth_oidc")
