"""The analyst password: sources, the generated one, hashing, personal passwords, and the lock after repeated
failures (the per-client and per-person rules are in test_throttle.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ogp_monitor.web import passwords, throttle


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


def test_five_failures_lock_the_client_even_for_the_right_password_until_the_lock_expires(monkeypatch, no_password):
    monkeypatch.setenv(passwords.ENV_VAR, "pareizā parole")
    v = passwords.load_verifier(no_password.parent / "x.duckdb", secrets_file=no_password)
    now = [1000.0]
    lock = throttle.Throttle(max_failures=5, lock_seconds=300, clock=lambda: now[0])
    me = "client:192.0.2.7"
    for left in (4, 3, 2, 1):
        assert not lock.attempt(lambda: v.check("minējums"), me)
        assert lock.attempts_left(me) == left and lock.seconds_left(me) == 0
    assert not lock.attempt(lambda: v.check("minējums"), me)
    assert lock.seconds_left(me) == 300
    assert not lock.attempt(lambda: v.check("pareizā parole"), me)  # locked: not even checked
    now[0] += 299
    assert not lock.attempt(lambda: v.check("pareizā parole"), me)
    now[0] += 2
    assert lock.attempt(lambda: v.check("pareizā parole"), me)
    assert lock.attempts_left(me) == 5


def test_a_success_resets_the_failure_count(monkeypatch, no_password):
    monkeypatch.setenv(passwords.ENV_VAR, "pareizā parole")
    v = passwords.load_verifier(no_password.parent / "x.duckdb", secrets_file=no_password)
    lock = throttle.Throttle(max_failures=3, lock_seconds=60)
    me = "client:192.0.2.7"
    assert not lock.attempt(lambda: v.check("a"), me) and not lock.attempt(lambda: v.check("b"), me)
    assert lock.attempt(lambda: v.check("pareizā parole"), me)
    assert not lock.attempt(lambda: v.check("c"), me) and not lock.attempt(lambda: v.check("d"), me)
    assert lock.seconds_left(me) == 0 and lock.attempts_left(me) == 1


def _personal(tmp_path, people: dict[str, str]) -> Path:
    lines = [f"[{passwords.PEOPLE_TABLE}]"] + [
        f'"{name}" = "{passwords.Verifier.from_password(pw, "x").serialise().strip()}"' for name, pw in people.items()]
    path = tmp_path / "secrets.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_personal_passwords_name_the_person_and_replace_the_shared_one(monkeypatch, tmp_path):
    monkeypatch.setenv(passwords.ENV_VAR, "kopīgā parole")  # ignored once passwords are personal
    book = passwords.load_book(tmp_path / "x.duckdb", _personal(tmp_path, {"Anna Bērziņa": "annas parole",
                                                                           "Jānis Ozols": "jāņa parole"}))
    assert book.personal and book.shared is None
    assert book.check("  anna bērziņa ", "annas parole") == "Anna Bērziņa"  # recorded as configured
    assert book.check("Jānis Ozols", "annas parole") is None  # someone else's password
    assert book.check("Anna Bērziņa", "kopīgā parole") is None
    assert book.check("Nav Sarakstā", "annas parole") is None
    assert not (tmp_path / passwords.HASH_FILE_NAME).exists()  # no shared password generated


def test_a_broken_personal_hash_is_refused_with_the_way_to_make_one(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(f'[{passwords.PEOPLE_TABLE}]\n"Anna" = "parole atklātā tekstā"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="--person"):
        passwords.personal_verifiers(path)


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


def test_the_cli_prints_a_personal_password_line_that_the_dashboard_reads(tmp_path, monkeypatch, capsys):
    import io

    from ogp_monitor import cli

    monkeypatch.setattr("sys.stdin", io.StringIO("Annas garā parole 7\n"))
    assert cli.main(["password", "--person", 'Anna "Ance" Bērziņa']) == 0
    out = capsys.readouterr().out
    assert "Annas garā parole" not in out  # only the hash
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f"[{passwords.PEOPLE_TABLE}]\n" + out, encoding="utf-8")
    book = passwords.load_book(tmp_path / "x.duckdb", secrets)
    assert book.check('anna "ance" bērziņa', "Annas garā parole 7") == 'Anna "Ance" Bērziņa'
    monkeypatch.setattr("sys.stdin", io.StringIO("īsa\n"))
    assert cli.main(["password", "--person", "Anna"]) == 2
