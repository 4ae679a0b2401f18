"""Sign-in rules: bcrypt hashes from configuration, one message for every failure, throttling."""

import subprocess
import sys
from pathlib import Path

import pytest

from ovop_core.auth import (
    SignInError,
    Throttle,
    accounts_from_config,
    check_password,
    hash_password,
    oidc_user,
    sign_in,
)
from ovop_core.users import User

HASH = hash_password("kopi-gayo-2026")
CONFIG = {
    "auth_users": {
        "dinas_aceh": {"password_hash": HASH, "role": "editor", "regions": ["11"]},
        "admin": {"password_hash": HASH, "role": "admin"},
        "broken": {"password_hash": "plain-text-password", "role": "admin"},
        "odd": {"password_hash": HASH, "role": "superuser"},
    },
    "auth_oidc_users": {"kadis@example.go.id": {"role": "editor", "regions": ["51"]}},
}


def test_hashes_are_bcrypt_and_never_the_password():
    assert HASH.startswith("$2b$12$") and "kopi" not in HASH
    assert check_password("kopi-gayo-2026", HASH)
    assert not check_password("kopi-gayo-2027", HASH)
    assert not check_password("", HASH)
    assert not check_password("x", "not-a-hash")


def test_accounts_skip_plain_text_passwords_and_unknown_roles():
    accounts = accounts_from_config(CONFIG)
    assert set(accounts) == {"dinas_aceh", "admin"}
    assert accounts["dinas_aceh"].user == User("dinas_aceh", "editor", ("11",))


def test_sign_in_returns_the_user_and_refuses_with_one_message():
    accounts = accounts_from_config(CONFIG)
    throttle = Throttle()
    assert sign_in("dinas_aceh", "kopi-gayo-2026", accounts, throttle).regions == ("11",)
    with pytest.raises(SignInError) as wrong:
        sign_in("dinas_aceh", "salah", accounts, throttle)
    with pytest.raises(SignInError) as unknown:
        sign_in("nobody", "salah", accounts, throttle)
    assert wrong.value.message_en == unknown.value.message_en == "Wrong user name or password."
    assert wrong.value.message_id == "Nama pengguna atau kata sandi salah."


def test_repeated_failures_are_slowed_down_then_forgiven_after_success():
    throttle = Throttle(free=3, base_seconds=1.0, max_seconds=60.0)
    for i in range(3):
        assert throttle.wait_needed("u", now=100.0 + i) == 0
        throttle.failed("u", now=100.0 + i)
    assert throttle.wait_needed("u", now=102.0) == pytest.approx(1.0)
    throttle.failed("u", now=103.0)
    assert throttle.wait_needed("u", now=103.0) == pytest.approx(2.0)
    for _ in range(20):
        throttle.failed("u", now=200.0)
    assert throttle.wait_needed("u", now=200.0) == pytest.approx(60.0)
    throttle.succeeded("u")
    assert throttle.wait_needed("u", now=200.0) == 0


def test_a_throttled_account_is_refused_even_with_the_right_password():
    accounts = accounts_from_config(CONFIG)
    throttle = Throttle(free=1, base_seconds=30.0)
    with pytest.raises(SignInError):
        sign_in("admin", "wrong", accounts, throttle)
    with pytest.raises(SignInError) as slowed:
        sign_in("admin", "kopi-gayo-2026", accounts, throttle)
    assert slowed.value.wait_seconds > 0
    assert "Try again in" in slowed.value.message_en


def test_oidc_users_get_their_configured_role_others_only_view():
    assert oidc_user("kadis@example.go.id", CONFIG) == User("kadis@example.go.id", "editor", ("51",))
    assert oidc_user("visitor@example.com", CONFIG).role == "viewer"


def test_hash_command_reads_the_password_from_stdin():
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-m", "ovop_core.auth", "hash"], input="rahasia\n", text=True,
                         capture_output=True, cwd=root, timeout=60)
    assert run.returncode == 0
    assert check_password("rahasia", run.stdout.strip())
