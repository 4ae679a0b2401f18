"""The sign-in throttle: waits per (account, client) and per client, a gentle per-account delay,
atomic reservations, expiry and a bounded table; and which address counts as the client."""

import threading

import pytest

from ovop_core.throttle import Limit, Throttle, client_address


def fail(throttle, account, client, now):
    """One wrong password as ``sign_in`` records it; returns the wait that refused it, or 0."""
    attempt = throttle.begin(account, client, now=now)
    if attempt.wait == 0:
        throttle.failed(account, client, now=now)
    return attempt.wait


def test_waits_double_after_the_free_failures_then_success_forgives():
    throttle = Throttle(
        pair=Limit(free=3, base_seconds=1.0, max_seconds=60.0),
        client=Limit(free=100, base_seconds=1.0, max_seconds=60.0),
    )
    for i in range(3):
        assert fail(throttle, "u", "c", 100.0 + i) == 0
    assert throttle.wait_needed("u", "c", now=102.0) == pytest.approx(1.0)
    assert throttle.begin("u", "c", now=102.5).wait == pytest.approx(0.5)  # refused, not counted
    assert fail(throttle, "u", "c", 103.0) == 0
    assert throttle.wait_needed("u", "c", now=103.0) == pytest.approx(2.0)
    for i in range(20):
        fail(throttle, "u", "c", 200.0 + 60 * i)
    assert throttle.wait_needed("u", "c", now=1340.0) == pytest.approx(60.0)  # capped at a minute
    throttle.succeeded("u", "c")
    assert throttle.wait_needed("u", "c", now=1340.0) == 0


def test_a_success_does_not_wipe_the_clients_failures_on_other_accounts():
    """Signing in to one's own account must not reset a spraying client's count."""
    throttle = Throttle(client=Limit(free=5, base_seconds=30.0, max_seconds=60.0))
    for n in range(4):
        fail(throttle, f"guess{n}", "ip:x", float(n))
    assert throttle.begin("own-account", "ip:x", now=4.0).wait == 0
    throttle.succeeded("own-account", "ip:x")  # takes back only its own attempt
    fail(throttle, "guess4", "ip:x", 5.0)
    assert throttle.wait_needed("guess5", "ip:x", now=5.0) == pytest.approx(30.0)


def test_the_wait_runs_from_when_the_failure_became_known():
    throttle = Throttle(pair=Limit(free=1, base_seconds=10.0, max_seconds=60.0))
    throttle.begin("u", "c", now=0.0)
    throttle.failed("u", "c", now=4.0)  # the password check took 4 s
    assert throttle.wait_needed("u", "c", now=4.0) == pytest.approx(10.0)


def test_one_client_failing_slows_only_itself_for_that_account():
    throttle = Throttle()
    for i in range(10):
        fail(throttle, "admin", "ip:attacker", float(i))
    assert throttle.wait_needed("admin", "ip:attacker", now=10.0) > 0
    assert throttle.wait_needed("admin", "ip:owner", now=10.0) == 0
    assert throttle.wait_needed("other", "ip:attacker", now=10.0) == 0


def test_one_client_spraying_many_accounts_is_slowed_across_all_of_them():
    throttle = Throttle(client=Limit(free=20, base_seconds=5.0, max_seconds=60.0))
    for i in range(20):
        assert fail(throttle, f"name{i}", "ip:sprayer", float(i)) == 0
    assert throttle.begin("fresh-name", "ip:sprayer", now=19.0).wait == pytest.approx(5.0)
    assert throttle.begin("fresh-name", "ip:someone-else", now=19.0).wait == 0


def test_many_clients_on_one_account_only_delay_it_a_little_never_refuse():
    throttle = Throttle(account=Limit(free=10, base_seconds=0.25, max_seconds=3.0))
    delays = []
    for n in range(200):
        attempt = throttle.begin("admin", f"ip:bot{n}", now=float(n))
        assert attempt.wait == 0
        delays.append(attempt.delay)
    assert delays[:10] == [0.0] * 10
    assert delays[10:13] == [0.25, 0.5, 1.0]
    assert max(delays) == 3.0


def test_a_success_takes_back_its_attempt_from_the_client_and_account_counts():
    throttle = Throttle(client=Limit(free=2, base_seconds=5.0, max_seconds=60.0))
    for n in range(10):  # ten people behind one office address sign in fine
        assert throttle.begin(f"user{n}", "ip:office", now=float(n)).wait == 0
        throttle.succeeded(f"user{n}", "ip:office")
    assert throttle.wait_needed("user0", "ip:office", now=10.0) == 0


def test_failures_are_forgotten_after_the_window():
    throttle = Throttle(pair=Limit(free=1, base_seconds=60.0, max_seconds=60.0), window_seconds=900.0)
    fail(throttle, "u", "c", 0.0)
    assert throttle.wait_needed("u", "c", now=30.0) == pytest.approx(30.0)
    fail(throttle, "u", "c", 60.0)
    assert throttle.begin("u", "c", now=60.0 + 901.0).wait == 0  # forgotten: back to the free attempt
    assert throttle.sizes() == (1, 1, 1)


def test_the_table_stays_bounded_under_100000_distinct_keys():
    throttle = Throttle(pair=Limit(free=1, base_seconds=60.0, max_seconds=60.0), max_keys=10_000)
    for n in range(100_000):
        fail(throttle, f"name{n}", f"ip:{n}", now=float(n) / 1000)
    assert max(throttle.sizes()) <= 10_000
    now = 100.0
    assert throttle.wait_needed("name99999", "ip:99999", now=now) > 0  # the newest are kept
    assert throttle.wait_needed("name0", "ip:0", now=now) == 0  # the oldest were evicted


def test_long_names_are_keyed_compactly_without_mixing_them_up():
    throttle = Throttle(pair=Limit(free=1, base_seconds=60.0, max_seconds=60.0))
    long_a, long_b = "a" * 100_000, "a" * 99_999 + "b"
    fail(throttle, long_a, "c", 0.0)
    assert throttle.wait_needed(long_a, "c", now=1.0) > 0
    assert throttle.wait_needed(long_b, "c", now=1.0) == 0
    key = next(iter(throttle._pairs._entries))
    assert len(key[0]) < 100


def test_parallel_reservations_let_only_the_free_attempts_through():
    throttle = Throttle(pair=Limit(free=3, base_seconds=60.0, max_seconds=60.0))
    start, admitted = threading.Barrier(16), []

    def attempt():
        start.wait()
        admitted.append(throttle.begin("admin", "ip:x").wait == 0)

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert admitted.count(True) == 3 and len(admitted) == 16


def test_a_window_shorter_than_the_longest_wait_is_refused():
    with pytest.raises(ValueError):
        Throttle(window_seconds=30.0)


@pytest.mark.parametrize(
    "peer,forwarded,trusted,expected",
    [
        ("203.0.113.9", [], [], "203.0.113.9"),  # a direct client
        ("203.0.113.9", ["1.2.3.4"], [], "203.0.113.9"),  # ...cannot choose its address by header
        (None, ["198.51.100.7"], [], "198.51.100.7"),  # a proxy on this machine
        (None, ["6.6.6.6, 198.51.100.7"], [], "198.51.100.7"),  # forged hops on the left are ignored
        (None, ["198.51.100.7, 127.0.0.1"], [], "198.51.100.7"),  # chained local proxies
        ("10.0.0.5", ["6.6.6.6, 198.51.100.7"], ["10.0.0.0/8"], "198.51.100.7"),  # a trusted remote proxy
        ("10.0.0.5", ["198.51.100.7, 10.0.0.9"], ["10.0.0.0/8", "not-a-cidr"], "198.51.100.7"),
        ("10.0.0.5", [], ["10.0.0.0/8"], "10.0.0.5"),  # a proxy that forwards nothing
        (None, ["198.51.100.7, garbage"], [], None),  # unreadable: fall back to the session
        (None, [], [], None),  # local use: no address at all
        ("/run/ovop.sock", ["198.51.100.7"], [], None),  # not an address: use the session
        ("2001:db8::1", [], [], "2001:db8::1"),
    ],
)
def test_client_address(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted) == expected
