"""Failed sign-ins per client and per person: one guesser no longer locks out every analyst; the lock
backs off; the client's address comes from a trusted proxy only."""

from __future__ import annotations

import threading

import pytest

from ogp_monitor.web import throttle
from ogp_monitor.web.throttle import Throttle, client_key, person_key, trusted_proxies

GUESSER, ANALYST = "client:203.0.113.9", "client:192.0.2.7"


def wrong() -> bool:
    return False


def right() -> bool:
    return True


@pytest.fixture
def clock():
    now = [1000.0]
    return now


def test_a_guesser_locks_only_itself_the_analyst_elsewhere_signs_in(clock):
    lock = Throttle(max_failures=5, lock_seconds=300, clock=lambda: clock[0])
    for _ in range(5):
        assert not lock.attempt(wrong, GUESSER)
    assert lock.seconds_left(GUESSER) == 300
    assert lock.seconds_left(ANALYST) == 0 and lock.attempts_left(ANALYST) == 5
    assert lock.attempt(right, ANALYST)  # the old process-wide lock refused this
    assert not lock.attempt(right, GUESSER)  # the guesser stays locked, even with the right password


def test_each_further_lock_of_the_same_client_doubles_up_to_the_ceiling(clock):
    lock = Throttle(max_failures=2, lock_seconds=300, max_lock_seconds=1000, clock=lambda: clock[0])
    lengths = []
    for _ in range(4):
        lock.attempt(wrong, GUESSER)
        lock.attempt(wrong, GUESSER)
        lengths.append(lock.seconds_left(GUESSER))
        clock[0] += lengths[-1] + 1
    assert lengths == [300, 600, 1000, 1000]
    assert lock.attempt(right, GUESSER)  # a success forgets the history
    lock.attempt(wrong, GUESSER)
    lock.attempt(wrong, GUESSER)
    assert lock.seconds_left(GUESSER) == 300


def test_personal_identities_lock_the_person_guessed_from_many_clients_and_nobody_else(clock):
    lock = Throttle(max_failures=5, lock_seconds=300, clock=lambda: clock[0])
    anna, janis = person_key("Anna Bērziņa"), person_key("Jānis Ozols")
    for i in range(5):  # a guesser that changes address at every try
        assert not lock.attempt(wrong, f"client:198.51.100.{i}", anna)
    assert lock.seconds_left(anna) == 300
    assert not lock.attempt(right, ANALYST, person_key(" ANNA BĒRZIŅA "))  # the person is locked, from anywhere
    assert lock.attempt(right, ANALYST, janis)  # another analyst is not
    assert lock.seconds_left(ANALYST) == 0


def test_parallel_sessions_cannot_slip_extra_guesses_past_the_limit(clock):
    lock = Throttle(max_failures=5, lock_seconds=300, clock=lambda: clock[0])
    checked = []

    def guess() -> bool:
        checked.append(1)
        return False

    threads = [threading.Thread(target=lock.attempt, args=(guess, GUESSER)) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == 5 and lock.seconds_left(GUESSER) == 300


def test_memory_stays_bounded_under_many_addresses_and_locked_keys_are_kept(clock):
    lock = Throttle(max_failures=2, lock_seconds=300, max_keys=50, clock=lambda: clock[0])
    lock.attempt(wrong, GUESSER)
    lock.attempt(wrong, GUESSER)  # locked
    for i in range(500):
        clock[0] += 0.01
        lock.attempt(wrong, f"client:10.0.{i // 250}.{i % 250}")
    assert len(lock._counts) <= 50
    assert lock.seconds_left(GUESSER) > 0


@pytest.mark.parametrize("peer, forwarded, trusted, expected", [
    ("192.0.2.7", [], "", "client:192.0.2.7"),
    (None, [], "", "client:127.0.0.1"),  # Streamlit reports loopback as None
    ("::ffff:127.0.0.1", [], "", "client:127.0.0.1"),  # what the server reported here for 127.0.0.1
    # a client cannot choose its key by sending the header itself
    ("203.0.113.9", ["1.2.3.4"], "", "client:203.0.113.9"),
    ("203.0.113.9", ["1.2.3.4"], "127.0.0.1", "client:203.0.113.9"),
    # behind nginx on the same host: the address nginx appended
    (None, ["192.0.2.7"], "127.0.0.1", "client:192.0.2.7"),
    # what the client claimed before nginx's entry is not believed
    (None, ["6.6.6.6, 192.0.2.7"], "127.0.0.1", "client:192.0.2.7"),
    (None, ["6.6.6.6", "192.0.2.7"], "127.0.0.1", "client:192.0.2.7"),  # the header sent twice
    # two trusted proxies in a row: the first untrusted hop from the right
    ("10.0.0.2", ["192.0.2.7, 10.0.0.1"], "10.0.0.0/8", "client:192.0.2.7"),
    # a trusted proxy that passes on garbage: keyed on the proxy, not on the garbage
    (None, ["not-an-address"], "127.0.0.1", "client:127.0.0.1"),
    # IPv6 counts per /64
    ("2001:db8:1:2:aaaa::1", [], "", "client:2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", [], "", "client:2001:db8:1:2::/64"),
])
def test_client_key(peer, forwarded, trusted, expected):
    assert client_key(peer, forwarded, trusted_proxies(trusted)) == expected


def test_trusted_proxies_come_from_the_environment_and_a_typo_stops_the_server(monkeypatch):
    monkeypatch.setenv(throttle.TRUSTED_PROXIES_ENV, "127.0.0.1, 10.0.0.0/8")
    assert [str(n) for n in trusted_proxies()] == ["127.0.0.1/32", "10.0.0.0/8"]
    monkeypatch.setenv(throttle.TRUSTED_PROXIES_ENV, "127.0.0.1, localhost")
    with pytest.raises(SystemExit, match="localhost"):
        trusted_proxies()
