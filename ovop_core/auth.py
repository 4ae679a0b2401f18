"""Sign-in for editors and admins: bcrypt password hashes from configuration, and a throttle.

Accounts live in `.streamlit/secrets.toml` (never committed; `secrets.example.toml` shows the
shape)::

    [auth_users.dinas_aceh]
    password_hash = "$2b$12$..."     # python -m ovop_core.auth hash
    role = "editor"                  # viewer | editor | admin
    regions = ["11"]                 # provinces ("11") or kab/kota ("11.04") an editor may change

Passwords are never stored or compared in plain text. Repeated failures for one account are
slowed down (``Throttle``): the wait doubles with each failure after the third, up to a minute.
OIDC sign-in (Streamlit's ``st.login``) maps e-mail addresses to roles with ``[auth_oidc_users]``.
"""

from __future__ import annotations

import getpass
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Mapping

import bcrypt

from .users import ROLES, User


MAX_PASSWORD_BYTES = 72  # bcrypt's limit; longer inputs are refused rather than silently cut


class SignInError(ValueError):
    def __init__(self, message_id: str, message_en: str, wait_seconds: float = 0.0):
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en
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


@dataclass
class Throttle:
    """Failed sign-ins per account: after ``free`` failures each attempt must wait longer."""

    free: int = 3
    base_seconds: float = 1.0
    max_seconds: float = 60.0
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_needed(self, username: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self._lock:
            count, last = self._failures.get(username, (0, 0.0))
        if count < self.free:
            return 0.0
        delay = min(self.base_seconds * 2 ** (count - self.free), self.max_seconds)
        return max(0.0, last + delay - now)

    def failed(self, username: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            count, _ = self._failures.get(username, (0, 0.0))
            self._failures[username] = (count + 1, now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)


def sign_in(username: str, password: str, accounts: Mapping[str, Account], throttle: Throttle) -> User:
    """The signed-in user, or ``SignInError`` (same message for unknown user and bad password)."""
    wait = throttle.wait_needed(username)
    if wait > 0:
        raise SignInError(
            f"Terlalu banyak percobaan gagal. Coba lagi dalam {wait:.0f} detik.",
            f"Too many failed attempts. Try again in {wait:.0f} seconds.",
            wait,
        )
    account = accounts.get(username)
    # Check a hash even for unknown names, so the reply time does not reveal which names exist.
    ok = check_password(password, account.password_hash if account else _DUMMY_HASH)
    if not account or not ok:
        throttle.failed(username)
        raise SignInError("Nama pengguna atau kata sandi salah.", "Wrong user name or password.")
    throttle.succeeded(username)
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
