"""The analyst password: where it comes from and how it is checked (plain Python, no Streamlit).

Viewing needs no login; uploading, publishing and rolling back do. The
password comes from ``$OGP_ANALYST_PASSWORD`` or ``.streamlit/secrets.toml``.
When neither is set, a random one is generated on first start (``make run``
does it before the server starts: ``python -m ogp_monitor password``), printed
once to the console, and only its salted scrypt hash is kept in a file next to
the database (``data/analyst_password.hash`` by default). Candidates are
compared in constant time.

Personal passwords replace the shared one when ``.streamlit/secrets.toml`` has a table
``[analyst_passwords]`` of names and scrypt hashes (``python -m ogp_monitor password --person NAME``
prints a line for it): the name must then be one of those, and it is what uploads record.

Repeated failures are counted in ``throttle``; ``sessions`` keeps a sign-in across reloads and
processes; ``auth`` is the Streamlit session glue on top of these.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..store import db

ENV_VAR = "OGP_ANALYST_PASSWORD"
SECRETS_FILE = db.ROOT / ".streamlit" / "secrets.toml"
HASH_FILE_NAME = "analyst_password.hash"
PEOPLE_TABLE = "analyst_passwords"

# scrypt cost: ~0.08 s per check on this machine, 32 MB of memory.
_N, _R, _P, _DKLEN = 2 ** 15, 8, 1, 32
_MAXMEM = 64 * 1024 * 1024


def _derive(password: str, salt: bytes, n: int = _N, r: int = _R, p: int = _P) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=_DKLEN)


@dataclass(frozen=True)
class Verifier:
    """A salted scrypt hash of the password; the password itself is not kept."""

    salt: bytes
    digest: bytes
    n: int = _N
    r: int = _R
    p: int = _P
    source: str = "env"  # "env", "secrets" or "generated" (shown to the analyst, never the value)

    @classmethod
    def from_password(cls, password: str, source: str) -> Verifier:
        salt = secrets.token_bytes(16)
        return cls(salt, _derive(password, salt), source=source)

    def check(self, candidate: str) -> bool:
        """Constant-time comparison of the candidate's hash with the stored one."""
        if not isinstance(candidate, str) or not candidate or len(candidate) > 1024:
            return False
        return hmac.compare_digest(_derive(candidate, self.salt, self.n, self.r, self.p), self.digest)

    def serialise(self) -> str:
        return f"scrypt${self.n}${self.r}${self.p}${self.salt.hex()}${self.digest.hex()}\n"

    @classmethod
    def parse(cls, text: str, source: str = "generated") -> Verifier:
        scheme, n, r, p, salt, digest = text.strip().split("$")
        if scheme != "scrypt":
            raise ValueError(f"unknown password hash scheme {scheme!r}")
        return cls(bytes.fromhex(salt), bytes.fromhex(digest), int(n), int(r), int(p), source=source)


def hash_file(db_file: str | os.PathLike | None = None) -> Path:
    """Where a generated password's hash lives: next to the database file."""
    return db.db_path(db_file).parent / HASH_FILE_NAME


def configured(name: str, secrets_file: Path | None = None) -> tuple[str, str] | None:
    """(value, source) of a setting from the environment or secrets.toml's top level; None when neither
    sets it (a blank value counts as unset)."""
    value = os.environ.get(name, "")
    if value.strip():
        return value, "env"
    secrets_file = secrets_file or SECRETS_FILE
    try:
        with secrets_file.open("rb") as fh:
            value = tomllib.load(fh).get(name, "")
    except FileNotFoundError:
        return None
    except tomllib.TOMLDecodeError as exc:
        raise SystemExit(f"{secrets_file}: not valid TOML ({exc}); fix it or remove it") from None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value.strip():
        return value, "secrets"
    return None


def configured_password(secrets_file: Path | None = None) -> tuple[str, str] | None:
    """(password, source) from the environment or secrets.toml; None when neither sets one."""
    return configured(ENV_VAR, secrets_file)


def load_verifier(db_file: str | os.PathLike | None = None, secrets_file: Path | None = None,
                  announce: Callable[[str], None] | None = None) -> Verifier:
    """The verifier for this installation, generating (and announcing once) a password if none is set.

    ``announce`` receives the console message with a generated password; it is
    called only when the hash file is created, so the password is shown once.
    """
    configured = configured_password(secrets_file)
    if configured is not None:
        return Verifier.from_password(*configured)
    path = hash_file(db_file)
    if path.exists():
        return Verifier.parse(path.read_text(encoding="ascii"))
    password = secrets.token_urlsafe(15)  # 20 characters, ~120 bits
    verifier = Verifier.from_password(password, "generated")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it a moment ago: use theirs
        return Verifier.parse(path.read_text(encoding="ascii"))
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(verifier.serialise())
    (announce or _print_once)(
        "\n" + "=" * 72
        + f"\nOGP Monitor: no analyst password was configured ({ENV_VAR} or .streamlit/secrets.toml)."
        + f"\nGenerated one for the Upload page; it is shown only now:\n\n    {password}\n"
        + f"\nOnly its hash is kept in {path}. Delete that file to generate a new one,"
        + f"\nor set {ENV_VAR} to choose your own.\n" + "=" * 72 + "\n")
    return verifier


def _print_once(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def personal_verifiers(secrets_file: Path | None = None) -> dict[str, tuple[str, Verifier]]:
    """casefolded name -> (the name as configured, its verifier), from ``[analyst_passwords]``."""
    secrets_file = secrets_file or SECRETS_FILE
    try:
        with secrets_file.open("rb") as fh:
            table = tomllib.load(fh).get(PEOPLE_TABLE, {})
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise SystemExit(f"{secrets_file}: not valid TOML ({exc}); fix it or remove it") from None
    people = {}
    for name, hashed in (table.items() if isinstance(table, dict) else ()):
        try:
            verifier = Verifier.parse(str(hashed), source="personal")
        except ValueError:
            raise SystemExit(f"{secrets_file}: [{PEOPLE_TABLE}] {name!r} is not a scrypt hash "
                             "(make one with `python -m ogp_monitor password --person NAME`)") from None
        if name.strip():
            people[name.strip().casefold()] = (name.strip(), verifier)
    return people


@dataclass(frozen=True)
class PasswordBook:
    """Who may sign in with which password: the shared analyst password, or personal ones."""

    shared: Verifier | None
    people: dict[str, tuple[str, Verifier]]
    _decoy: Verifier  # checked for a name nobody has, so an unknown name costs the same time

    @property
    def personal(self) -> bool:
        return bool(self.people)

    def check(self, name: str, candidate: str) -> str | None:
        """The name to record when the password is right for this name, else None."""
        name = name.strip()[:80]
        if not self.personal:
            return name if self.shared is not None and self.shared.check(candidate) else None
        configured_name, verifier = self.people.get(name.casefold(), (None, self._decoy))
        return configured_name if verifier.check(candidate) and configured_name else None


def load_book(db_file: str | os.PathLike | None = None, secrets_file: Path | None = None,
              announce: Callable[[str], None] | None = None) -> PasswordBook:
    """Personal passwords when configured; otherwise the shared one (generated on first start)."""
    decoy = Verifier.from_password(secrets.token_urlsafe(15), "decoy")
    people = personal_verifiers(secrets_file)
    if people:
        return PasswordBook(None, people, decoy)
    return PasswordBook(load_verifier(db_file, secrets_file, announce), {}, decoy)
