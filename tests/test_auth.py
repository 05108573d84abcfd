"""The analyst password: sources, the generated one, hashing, and the lock after repeated failures."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ogp_monitor.web import passwords


@pytest.fixture
def no_password(monkeypatch, tmp_path):
    """Neither the environment nor a secrets file sets a password."""
    monkeypatch.delenv(passwords.ENV_VAR, raising=False)
    return tmp_path / "no-secrets.toml"


def test_environment_password_is_checked_in_constant_time_against_a_hash(monkeypatch, no_password):
    monkeypatch.setenv(passwords.ENV_VAR, "Ķēniņš-un-pūķis 42")
    v = passwords.load_verifier(no_password.parent / "x.duckdb", secrets_file=no_password)
    assert v.source == "env"
    assert v.check("Ķēniņš-un-pūķis 42")
    assert not v.check("ķēniņš-un-pūķis 42") and not v.check("") and not v.check("Ķēniņš-un-pūķis 42 ")
    assert b"42" not in v.digest and len(v.salt) == 16


def test_secrets_file_is_used_when_the_environment_has_none(no_password, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('OGP_ANALYST_PASSWORD = "no secrets.toml"\n', encoding="utf-8")
    v = passwords.load_verifier(tmp_path / "x.duckdb", secrets_file=secrets)
    assert v.source == "secrets" and v.check("no secrets.toml")
    assert not (tmp_path / passwords.HASH_FILE_NAME).exists()  # nothing generated


def test_blank_environment_value_does_not_count_as_a_password(monkeypatch, no_password):
    monkeypatch.setenv(passwords.ENV_VAR, "   ")
    assert passwords.configured_password(no_password) is None


def test_without_configuration_a_password_is_generated_announced_once_and_only_its_hash_kept(no_password, tmp_path):
    said: list[str] = []
    db_file = tmp_path / "data" / "ogp.duckdb"
    first = passwords.load_verifier(db_file, secrets_file=no_password, announce=said.append)
    assert first.source == "generated" and len(said) == 1
    password = next(line.strip() for line in said[0].splitlines() if line.startswith("    "))
    assert len(password) >= 20 and first.check(password)

    stored = tmp_path / "data" / passwords.HASH_FILE_NAME  # next to the database file
    assert stored.exists() and password not in stored.read_text()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600

    again = passwords.load_verifier(db_file, secrets_file=no_password, announce=said.append)
    assert len(said) == 1  # not printed a second time
    assert again.check(password) and not again.check(password[:-1])


def test_five_failures_lock_the_form_even_for_the_right_password_until_the_lock_expires(monkeypatch, no_password):
    monkeypatch.setenv(passwords.ENV_VAR, "pareizā parole")
    v = passwords.load_verifier(no_password.parent / "x.duckdb", secrets_file=no_password)
    now = [1000.0]
    lock = passwords.Lockout(max_failures=5, lock_seconds=300, clock=lambda: now[0])
    for left in (4, 3, 2, 1):
        assert not lock.attempt(v, "minējums")
        assert lock.attempts_left() == left and lock.seconds_left() == 0
    assert not lock.attempt(v, "minējums")
    assert lock.seconds_left() == 300
    assert not lock.attempt(v, "pareizā parole")  # locked: not even checked
    now[0] += 299
    assert not lock.attempt(v, "pareizā parole")
    now[0] += 2
    assert lock.attempt(v, "pareizā parole")
    assert lock.attempts_left() == 5


def test_a_success_resets_the_failure_count(monkeypatch, no_password):
    monkeypatch.setenv(passwords.ENV_VAR, "pareizā parole")
    v = passwords.load_verifier(no_password.parent / "x.duckdb", secrets_file=no_password)
    lock = passwords.Lockout(max_failures=3, lock_seconds=60)
    assert not lock.attempt(v, "a") and not lock.attempt(v, "b")
    assert lock.attempt(v, "pareizā parole")
    assert not lock.attempt(v, "c") and not lock.attempt(v, "d")
    assert lock.seconds_left() == 0 and lock.attempts_left() == 1


def test_make_run_generates_and_prints_the_password_before_the_server_starts(tmp_path, monkeypatch, capsys):
    """`make run` calls `python -m ogp_monitor password` before `streamlit run`: the README's promise."""
    from ogp_monitor import cli

    monkeypatch.delenv(passwords.ENV_VAR, raising=False)
    monkeypatch.setattr(passwords, "SECRETS_FILE", tmp_path / "none.toml")
    db_file = tmp_path / "ogp.duckdb"
    assert cli.main(["password", "--db", str(db_file)]) == 0
    first = capsys.readouterr().out
    assert "Generated one for the Upload page" in first and "analyst password: set" in first
    assert (tmp_path / passwords.HASH_FILE_NAME).exists()
    assert cli.main(["password", "--db", str(db_file)]) == 0
    again = capsys.readouterr().out
    assert "Generated" not in again and "analyst password: set" in again  # printed once only
    assert "password" in (Path(__file__).parent.parent / "Makefile").read_text().split("run:")[1].split("\n\n")[0]
