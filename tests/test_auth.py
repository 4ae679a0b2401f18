"""Sign-in rules: bcrypt hashes from configuration, one message for every failure, throttling."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import bcrypt
import pytest

from ovop_core import auth
from ovop_core.auth import (
    SignInError,
    Throttle,
    accounts_from_config,
    check_password,
    hash_password,
    oidc_user,
    sign_in,
)
from ovop_core.throttle import Limit
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
    assert sign_in("dinas_aceh", "kopi-gayo-2026", accounts, throttle, "ip:a").regions == ("11",)
    with pytest.raises(SignInError) as wrong:
        sign_in("dinas_aceh", "salah", accounts, throttle, "ip:a")
    with pytest.raises(SignInError) as unknown:
        sign_in("nobody", "salah", accounts, throttle, "ip:a")
    assert wrong.value.text("en") == unknown.value.text("en") == "Wrong user name or password."
    assert wrong.value.text("id") == "Nama pengguna atau kata sandi salah."


def test_unknown_names_cost_a_full_bcrypt_check_like_real_ones(monkeypatch):
    checked = []
    monkeypatch.setattr(auth, "check_password", lambda pw, h: checked.append(h) or False)
    with pytest.raises(SignInError):
        sign_in("nobody", "salah", accounts_from_config(CONFIG), Throttle(), "ip:a")
    assert checked and checked[0].startswith("$2b$12$")  # the same cost as hash_password's hashes
    assert bcrypt.checkpw(b"x", checked[0].encode()) is False  # a valid hash: really checked, not refused early


def test_a_throttled_account_is_refused_even_with_the_right_password():
    accounts = accounts_from_config(CONFIG)
    throttle = Throttle(pair=Limit(free=1, base_seconds=30.0, max_seconds=60.0))
    with pytest.raises(SignInError):
        sign_in("admin", "wrong", accounts, throttle, "ip:a")
    with pytest.raises(SignInError) as slowed:
        sign_in("admin", "kopi-gayo-2026", accounts, throttle, "ip:a")
    assert 29 < slowed.value.wait_seconds <= 30
    assert slowed.value.text("en") == "Too many failed attempts. Try again in 30 seconds."
    assert slowed.value.text("id") == "Terlalu banyak percobaan gagal. Coba lagi dalam 30 detik."


def test_parallel_attempts_cannot_all_reach_the_password_check(monkeypatch):
    """16 simultaneous wrong guesses from one client: only the free ones are checked at all."""
    cheap = bcrypt.hashpw(b"kopi-gayo-2026", bcrypt.gensalt(rounds=4)).decode()
    accounts = accounts_from_config({"auth_users": {"admin": {"password_hash": cheap, "role": "admin"}}})
    real_check, checked, lock = auth.check_password, [], threading.Lock()

    def slow_check(password, password_hash):  # as slow as a production hash, so the attempts overlap
        with lock:
            checked.append(password)
        time.sleep(0.2)
        return real_check(password, password_hash)

    monkeypatch.setattr(auth, "check_password", slow_check)
    # Waits of a minute, so even a badly delayed thread cannot arrive after the first wait ends.
    throttle = Throttle(pair=Limit(free=3, base_seconds=60.0, max_seconds=60.0))
    start, outcomes = threading.Barrier(16), []

    def attempt(i):
        start.wait()
        try:
            sign_in("admin", f"guess-{i}", accounts, throttle, "ip:203.0.113.9")
            outcomes.append("signed in")
        except SignInError as exc:
            outcomes.append("wait" if exc.wait_seconds > 0 else "wrong")

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(checked) == throttle.pair.free == 3
    assert sorted(outcomes) == ["wait"] * 13 + ["wrong"] * 3


def test_strangers_cannot_lock_the_owner_out():
    """One client hammering an account, then 40 more clients: the owner still gets in at once."""
    cheap = bcrypt.hashpw(b"kopi-gayo-2026", bcrypt.gensalt(rounds=4)).decode()
    accounts = accounts_from_config({"auth_users": {"admin": {"password_hash": cheap, "role": "admin"}}})
    throttle, slept = Throttle(), []
    for _ in range(30):
        with pytest.raises(SignInError):
            sign_in("admin", "tebakan", accounts, throttle, "ip:203.0.113.9", sleep=slept.append)
    assert throttle.wait_needed("admin", "ip:203.0.113.9") > 0
    for n in range(40):
        for _ in range(3):
            with pytest.raises(SignInError):
                sign_in("admin", "tebakan", accounts, throttle, f"ip:192.0.2.{n}", sleep=slept.append)
    user = sign_in("admin", "kopi-gayo-2026", accounts, throttle, "ip:198.51.100.7", sleep=slept.append)
    assert user.role == "admin"
    assert slept and max(slept) == throttle.account.max_seconds  # slowed a little, never refused


def test_oidc_users_get_their_configured_role_others_only_view():
    assert oidc_user("kadis@example.go.id", CONFIG) == User("kadis@example.go.id", "editor", ("51",))
    assert oidc_user("visitor@example.com", CONFIG).role == "viewer"


def test_hash_command_reads_the_password_from_stdin():
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-m", "ovop_core.auth", "hash"],
        input="rahasia\n",
        text=True,
        capture_output=True,
        cwd=root,
        timeout=60,
    )
    assert run.returncode == 0
    assert check_password("rahasia", run.stdout.strip())
