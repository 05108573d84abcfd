"""The signed sign-in token: what it carries, forgery, expiry, signing out across processes, the
shared secret, and a single sign-on's session."""

from __future__ import annotations

import multiprocessing
import stat
from pathlib import Path

import pytest

from ogp_monitor.web import sessions
from ogp_monitor.web.sessions import GRANT_SECONDS, Sessions, SignedOut, Signer

SECRET = b"0123456789abcdef0123456789abcdef"


@pytest.fixture
def clock():
    return [1_750_000_000.0]


@pytest.fixture
def make(tmp_path, clock):
    def make(secret: bytes = SECRET, hours: float = 8) -> Sessions:
        return Sessions(secret, SignedOut(tmp_path / "signed_out.txt", clock=lambda: clock[0]), hours,
                        clock=lambda: clock[0])
    return make


def test_a_token_carries_the_name_and_opens_in_another_process_with_the_same_secret(make):
    session, token = make().start("Anna Bērziņa", "password")
    again = make().check(token)  # a separate instance: what another server process has
    assert again == session and again.name == "Anna Bērziņa" and again.via == "password"
    assert "Anna" not in token.split(".")[2] and token.startswith("v1.")


def test_a_token_from_another_secret_or_altered_or_of_another_purpose_does_not_open(make):
    s = make()
    session, token = s.start("Anna", "password")
    assert make(secret=b"another-secret-another-secret-32!").check(token) is None
    version, _, mac = token.split(".")
    forged = Signer(SECRET).sign("session", {"sid": "x", "name": "Mallory", "via": "password", "iat": 0,
                                             "exp": 9e9})
    assert s.check(forged) is not None  # whoever holds the secret can make tokens: keep it secret
    other_payload = forged.split(".")[1]
    assert s.check(f"{version}.{other_payload}.{mac}") is None  # someone else's payload under Anna's mac
    assert s.check(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert s.check(s.grant(session)) is None  # a grant is not a session token
    for junk in (None, "", "v1..", "v1.a.b", "x" * 5000, 42, "v2." + token[3:]):
        assert s.check(junk) is None


def test_a_token_expires_after_the_configured_hours(make, clock):
    s = make(hours=8)
    session, token = s.start("Anna", "password")
    assert session.expires - session.issued == 8 * 3600
    clock[0] += 8 * 3600 - 1
    assert s.check(token) is not None
    clock[0] += 2
    assert s.check(token) is None


def test_signing_out_ends_the_session_in_every_instance_and_only_that_one(make, tmp_path):
    here, there = make(), make()  # two processes sharing the folder beside the database
    first, token = here.start("Anna", "password")
    _, other_token = here.start("Anna", "password")  # the same person in another browser
    assert there.check(token) is not None
    here.end(first)
    assert there.check(token) is None and here.check(token) is None
    assert there.check(other_token) is not None
    assert stat.S_IMODE((tmp_path / "signed_out.txt").stat().st_mode) == 0o600


def _sign_out_in_child(path: str, sid: str) -> None:
    SignedOut(Path(path)).add(sid, 2e9)


def test_signed_out_lines_from_many_processes_at_once_are_all_kept(tmp_path):
    path = tmp_path / "signed_out.txt"
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=_sign_out_in_child, args=(str(path), f"sid{i}")) for i in range(12)]
    for child in children:
        child.start()
    for child in children:
        child.join(30)
        assert child.exitcode == 0
    listed = SignedOut(path)
    assert all(f"sid{i}" in listed for i in range(12))


def test_the_list_forgets_sign_outs_whose_tokens_have_expired_anyway(tmp_path, clock):
    path = tmp_path / "signed_out.txt"
    listed = SignedOut(path, clock=lambda: clock[0], prune_bytes=200)
    for i in range(20):
        listed.add(f"old{i:02d}", clock[0] + 10)
    clock[0] += 60
    listed.add("fresh", clock[0] + 3600)  # past 200 bytes: rewritten without the expired ones
    assert "fresh" in listed and "old00" not in listed
    assert path.read_text().splitlines() == [f"fresh {int(clock[0] + 3600) + 1}"]


def test_a_grant_opens_one_cookie_within_a_minute(make, clock):
    s = make()
    session, _ = s.start("Anna", "password")
    grant = s.grant(session)
    redeemed = s.redeem(grant)
    assert redeemed is not None and redeemed[0] == session and s.check(redeemed[1]) == session
    assert s.redeem(grant) is None  # used
    late = s.grant(session)
    clock[0] += GRANT_SECONDS + 1
    assert s.redeem(late) is None  # too late
    s.end(session)
    assert s.redeem(s.grant(session)) is None  # signed out meanwhile
    assert s.redeem(s.start("x", "password")[1]) is None  # a session token is not a grant


def test_the_secret_is_generated_once_beside_the_database_and_shared(monkeypatch, tmp_path):
    monkeypatch.delenv(sessions.SECRET_ENV, raising=False)
    none = tmp_path / "none.toml"
    db_file = tmp_path / "data" / "ogp.duckdb"
    first = sessions.load_secret(db_file, none)
    assert len(first) == 64 and sessions.load_secret(tmp_path / "data" / "copy.duckdb", none) == first
    assert stat.S_IMODE(sessions.secret_file(db_file).stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "data").iterdir()] == [sessions.SECRET_FILE_NAME]  # no temporary left
    monkeypatch.setenv(sessions.SECRET_ENV, "too short")
    with pytest.raises(SystemExit, match="at least 32"):
        sessions.load_secret(db_file, none)
    monkeypatch.setenv(sessions.SECRET_ENV, "c" * 40)
    assert sessions.load_secret(db_file, none) == b"c" * 40


def _load_secret_in_child(db_file: str, queue) -> None:
    queue.put(sessions.load_secret(db_file, Path("/nonexistent/secrets.toml")))


def test_processes_starting_together_agree_on_one_generated_secret(monkeypatch, tmp_path):
    monkeypatch.delenv(sessions.SECRET_ENV, raising=False)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    children = [context.Process(target=_load_secret_in_child, args=(str(tmp_path / "ogp.duckdb"), queue))
                for _ in range(8)]
    for child in children:
        child.start()
    found = {queue.get(timeout=30) for _ in children}
    for child in children:
        child.join(30)
    assert len(found) == 1 and len(found.pop()) == 64


@pytest.mark.parametrize("value, hours", [(None, 8.0), ("12", 12.0), ("0,5", 0.5)])
def test_the_lifetime_is_configurable(monkeypatch, tmp_path, value, hours):
    monkeypatch.delenv(sessions.HOURS_ENV, raising=False)
    if value:
        monkeypatch.setenv(sessions.HOURS_ENV, value)
    assert sessions.session_hours(tmp_path / "none.toml") == hours


@pytest.mark.parametrize("value", ["0", "-1", "forever", "1000"])
def test_a_lifetime_that_makes_no_sense_stops_the_server(monkeypatch, tmp_path, value):
    monkeypatch.setenv(sessions.HOURS_ENV, value)
    with pytest.raises(SystemExit, match=sessions.HOURS_ENV):
        sessions.session_hours(tmp_path / "none.toml")


def test_the_lifetime_and_secret_can_come_from_secrets_toml(monkeypatch, tmp_path):
    monkeypatch.delenv(sessions.HOURS_ENV, raising=False)
    monkeypatch.delenv(sessions.SECRET_ENV, raising=False)
    path = tmp_path / "secrets.toml"
    path.write_text(f'OGP_SESSION_HOURS = 2\nOGP_SESSION_SECRET = "{"s" * 32}"\n', encoding="utf-8")
    assert sessions.session_hours(path) == 2.0
    assert sessions.load_secret(tmp_path / "x.duckdb", path) == b"s" * 32


CLAIMS = {"iss": "http://127.0.0.1:9/", "sub": "u-1", "iat": 1_750_000_000, "nonce": "n1",
          "email": "anna@mk.gov.lv", "is_logged_in": True}


def test_a_single_sign_on_lasts_our_hours_from_the_identity_token_not_streamlits_30_days(make, clock):
    s = make(hours=8)
    session = s.from_identity(CLAIMS, "anna@mk.gov.lv")
    assert session is not None and session.via == "sso" and session.expires == CLAIMS["iat"] + 8 * 3600
    assert s.from_identity(CLAIMS, "anna@mk.gov.lv").sid == session.sid  # the same sign-in, every run
    assert s.from_identity({**CLAIMS, "nonce": "n2"}, "anna@mk.gov.lv").sid != session.sid  # a new sign-in
    clock[0] += 8 * 3600
    assert s.from_identity(CLAIMS, "anna@mk.gov.lv") is None


def test_signing_out_of_a_single_sign_on_ends_that_sign_in_only(make):
    s = make()
    session = s.from_identity(CLAIMS, "anna@mk.gov.lv")
    s.end(session)
    assert make().from_identity(CLAIMS, "anna@mk.gov.lv") is None
    assert s.from_identity({**CLAIMS, "nonce": "n2", "iat": CLAIMS["iat"] + 60}, "anna@mk.gov.lv") is not None


@pytest.mark.parametrize("missing", ["iss", "sub", "iat"])
def test_claims_without_what_makes_a_sign_in_unique_are_refused(make, missing):
    assert make().from_identity({k: v for k, v in CLAIMS.items() if k != missing}, "anna@mk.gov.lv") is None
