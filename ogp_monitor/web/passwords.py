"""The analyst password: where it comes from and how it is checked (plain Python, no Streamlit).

Viewing needs no login; uploading, publishing and rolling back do. The
password comes from ``$OGP_ANALYST_PASSWORD`` or ``.streamlit/secrets.toml``.
When neither is set, a random one is generated on first start (``make run``
does it before the server starts: ``python -m ogp_monitor password``), printed
once to the console, and only its salted scrypt hash is kept in a file next to
the database (``data/analyst_password.hash`` by default). Candidates are
compared in constant time, and repeated failures lock the form for a while.
``auth`` is the Streamlit session glue on top of this.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..store import db

ENV_VAR = "OGP_ANALYST_PASSWORD"
SECRETS_FILE = db.ROOT / ".streamlit" / "secrets.toml"
HASH_FILE_NAME = "analyst_password.hash"
MAX_FAILURES = 5
LOCK_SECONDS = 300

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


def configured_password(secrets_file: Path | None = None) -> tuple[str, str] | None:
    """(password, source) from the environment or secrets.toml; None when neither sets one."""
    value = os.environ.get(ENV_VAR, "")
    if value.strip():
        return value, "env"
    secrets_file = secrets_file or SECRETS_FILE
    try:
        with secrets_file.open("rb") as fh:
            value = tomllib.load(fh).get(ENV_VAR, "")
    except FileNotFoundError:
        return None
    except tomllib.TOMLDecodeError as exc:
        raise SystemExit(f"{secrets_file}: not valid TOML ({exc}); fix it or remove it") from None
    if isinstance(value, str) and value.strip():
        return value, "secrets"
    return None


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


class Lockout:
    """Counts failed sign-ins for the whole process; after ``max_failures`` the form locks.

    Thread-safe (every browser session is a thread). A success resets the count.
    """

    def __init__(self, max_failures: int = MAX_FAILURES, lock_seconds: float = LOCK_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._locked_until = 0.0

    def seconds_left(self) -> float:
        """How long the form stays locked (0 when open)."""
        with self._lock:
            return max(0.0, self._locked_until - self._clock())

    def attempts_left(self) -> int:
        with self._lock:
            return max(0, self.max_failures - self._failures)

    def attempt(self, verifier: Verifier, candidate: str) -> bool:
        """Check a password unless locked, counting failures. False when locked or wrong.

        Attempts are serialised (one scrypt at a time), so parallel sessions
        cannot slip extra guesses past the limit.
        """
        with self._lock:
            if self._locked_until > self._clock():
                return False
            if verifier.check(candidate):
                self._failures = 0
                return True
            self._failures += 1
            if self._failures >= self.max_failures:
                self._locked_until = self._clock() + self.lock_seconds
                self._failures = 0
            return False
