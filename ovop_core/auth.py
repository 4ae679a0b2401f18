"""Sign-in for editors and admins: bcrypt password hashes from configuration, and a throttle.

Accounts live in `.streamlit/secrets.toml` (never committed; `secrets.example.toml` shows the
shape)::

    [auth_users.dinas_aceh]
    password_hash = "$2b$12$..."     # python -m ovop_core.auth hash
    role = "editor"                  # viewer | editor | admin
    regions = ["11"]                 # provinces ("11") or kab/kota ("11.04") an editor may change

Passwords are never stored or compared in plain text. Repeated failures are slowed down per
account *and* client (``ovop_core.throttle.Throttle``): after three failures that client waits
before trying that account again, doubling up to a minute, while the owner signing in from their
own address is not held back. The attempt is counted before the slow bcrypt check, so parallel
attempts cannot all get through.
OIDC sign-in (Streamlit's ``st.login``) maps e-mail addresses to roles with ``[auth_oidc_users]``.
"""

from __future__ import annotations

import getpass
import math
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import bcrypt

from .catalog import Message, MessageError
from .throttle import Throttle
from .users import ROLES, User

__all__ = [
    "Account",
    "SignInError",
    "Throttle",
    "accounts_from_config",
    "check_password",
    "hash_password",
    "oidc_user",
    "sign_in",
]


MAX_PASSWORD_BYTES = 72  # bcrypt's limit; longer inputs are refused rather than silently cut


class SignInError(MessageError, ValueError):
    """Sign-in refused; ``text(lang)`` words why, ``wait_seconds`` how long the client must wait."""

    def __init__(self, message: Message, wait_seconds: float = 0.0):
        super().__init__(message)
        self.wait_seconds = wait_seconds


def hash_password(password: str) -> str:
    data = password.encode("utf-8")
    if not data or len(data) > MAX_PASSWORD_BYTES:
        raise ValueError(f"a password must be 1–{MAX_PASSWORD_BYTES} bytes")
    return bcrypt.hashpw(data, bcrypt.gensalt(rounds=12)).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    data = password.encode("utf-8")
    if not data or len(data) > MAX_PASSWORD_BYTES:
        return False
    try:
        return bcrypt.checkpw(data, password_hash.encode("ascii"))
    except ValueError:  # a malformed hash in the configuration never signs anyone in
        return False


@dataclass(frozen=True)
class Account:
    user: User
    password_hash: str


def accounts_from_config(config: Mapping[str, Any]) -> dict[str, Account]:
    """Parse ``[auth_users.<name>]`` tables; entries with an unknown role or no hash are skipped."""
    accounts = {}
    for username, entry in dict(config.get("auth_users", {}) or {}).items():
        role = str(entry.get("role", "viewer"))
        password_hash = str(entry.get("password_hash", ""))
        if role not in ROLES or not password_hash.startswith("$2"):
            continue
        regions = tuple(str(r) for r in entry.get("regions", []) or [])
        accounts[str(username)] = Account(User(str(username), role, regions), password_hash)
    return accounts


def oidc_user(email: str, config: Mapping[str, Any]) -> User:
    """The role of someone signed in through OIDC; unknown addresses may only view."""
    entry = dict(config.get("auth_oidc_users", {}) or {}).get(email)
    if not entry or str(entry.get("role")) not in ROLES:
        return User(email, "viewer")
    return User(email, str(entry["role"]), tuple(str(r) for r in entry.get("regions", []) or []))


def sign_in(
    username: str,
    password: str,
    accounts: Mapping[str, Account],
    throttle: Throttle,
    client: str,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> User:
    """The signed-in user, or ``SignInError`` (same message for unknown user and bad password).

    ``client`` names the requester (its IP address, else its browser session): failures slow
    down that client for that account, never the account for everyone.
    """
    attempt = throttle.begin(username, client)
    if attempt.wait > 0:
        seconds = math.ceil(attempt.wait)
        raise SignInError(Message("auth.too_many_attempts", seconds=seconds), attempt.wait)
    if attempt.delay > 0:  # many failures on this account from anywhere: slower, never refused
        sleep(attempt.delay)
    account = accounts.get(username)
    # Check a hash even for unknown names, so the reply time does not reveal which names exist.
    ok = check_password(password, account.password_hash if account else _DUMMY_HASH)
    if not account or not ok:
        throttle.failed(username, client)
        raise SignInError(Message("auth.wrong_password"))
    throttle.succeeded(username, client)
    return account.user


_DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuR0lZmyT0sB0c5R2ZxFZK1dYr9tUiGmy"


def main(argv: list[str]) -> int:
    """`python -m ovop_core.auth hash`: prompt for a password and print its bcrypt hash."""
    if argv[:1] != ["hash"]:
        print("usage: python -m ovop_core.auth hash", file=sys.stderr)
        return 2
    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    try:
        print(hash_password(password))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
