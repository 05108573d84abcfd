"""An analyst's sign-in as a signed, expiring token, and the list of sign-ins ended early (plain
Python, no Streamlit).

The token is what the HttpOnly cookie ``ogp_analyst`` holds: ``v1.<payload>.<mac>``, the payload
being JSON (a random session id, the name, how the analyst signed in, issued and expiry times) and
the mac an HMAC-SHA256 over it with a key derived from the signing secret. Anyone holding the secret
can make tokens, so it is shared only by the dashboard processes that serve the same data:

- ``$OGP_SESSION_SECRET`` or ``OGP_SESSION_SECRET`` in ``.streamlit/secrets.toml`` (32 characters
  or more), or
- a random one generated once beside the database (``data/session_secret.key``, mode 600), which
  every process on that folder reads.

A token expires after ``$OGP_SESSION_HOURS`` (default 8). Signing out writes the session id to
``signed_out.txt`` beside the database; every process checks that file (a ``stat`` per script run,
read again only when it changed), so the sign-in ends in every tab and process at its next
interaction. Entries are dropped once their token would have expired anyway.

A sign-in through the organisation's single sign-on (Streamlit's ``st.login``) is a session of
the same kind: its id is derived from the identity token (issuer, subject, issue time, nonce), it
expires ``OGP_SESSION_HOURS`` after the identity provider issued it, whatever Streamlit's own
30-day cookie says, and signing out lists it here too.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store import db
from .passwords import configured

COOKIE_NAME = "ogp_analyst"
SECRET_ENV = "OGP_SESSION_SECRET"
HOURS_ENV = "OGP_SESSION_HOURS"
DEFAULT_HOURS = 8.0
MAX_HOURS = 24 * 30
SECRET_FILE_NAME = "session_secret.key"
SIGNED_OUT_FILE_NAME = "signed_out.txt"
GRANT_SECONDS = 60  # a fresh sign-in's hand-over to the cookie route must happen within this
CLOCK_SKEW_SECONDS = 300  # an identity provider's clock may run this much ahead of ours
MIN_SECRET_CHARS = 32
_MAX_TOKEN_CHARS = 2048


@dataclass(frozen=True)
class Session:
    sid: str
    name: str  # what uploads and publications record
    via: str  # "password" (shared, name as typed), "personal" (a personal password) or "sso"
    issued: float  # Unix time
    expires: float

    def seconds_left(self, now: float) -> float:
        return max(0.0, self.expires - now)


# ---- configuration ----------------------------------------------------------


def secret_file(db_file: str | os.PathLike | None = None) -> Path:
    return db.db_path(db_file).parent / SECRET_FILE_NAME


def signed_out_file(db_file: str | os.PathLike | None = None) -> Path:
    return db.db_path(db_file).parent / SIGNED_OUT_FILE_NAME


def load_secret(db_file: str | os.PathLike | None = None, secrets_file: Path | None = None) -> bytes:
    """The signing secret: configured, or the one generated once beside the database."""
    value = configured(SECRET_ENV, secrets_file)
    if value is not None:
        if len(value[0].strip()) < MIN_SECRET_CHARS:
            raise SystemExit(f"{SECRET_ENV} must be at least {MIN_SECRET_CHARS} characters "
                             "(e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)")
        return value[0].strip().encode("utf-8")
    path = secret_file(db_file)
    if not path.exists():
        # Written whole under a temporary name, then linked into place: link() fails when another
        # process got there first, and nobody ever reads a half-written secret.
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another process made it a moment ago: use theirs
        finally:
            temporary.unlink(missing_ok=True)
    text = path.read_text(encoding="ascii").strip()
    if len(text) < MIN_SECRET_CHARS:
        raise SystemExit(f"{path}: the session secret is too short; delete the file to generate a new one")
    return text.encode("ascii")


def session_hours(secrets_file: Path | None = None) -> float:
    """How long a sign-in lasts: ``OGP_SESSION_HOURS`` (default 8, at most 720)."""
    value = configured(HOURS_ENV, secrets_file)
    if value is None:
        return DEFAULT_HOURS
    try:
        hours = float(value[0].replace(",", "."))
    except ValueError:
        hours = -1.0
    if not 0 < hours <= MAX_HOURS:
        raise SystemExit(f"{HOURS_ENV}: {value[0]!r} is not a number of hours between 0 and {MAX_HOURS}")
    return hours


# ---- signed tokens -----------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """HMAC-SHA256 tokens for one purpose each ("session", "grant"): a token made for one purpose
    never opens as another."""

    def __init__(self, secret: bytes, clock: Callable[[], float] = time.time):
        self._key = hmac.new(secret, b"ogp-monitor analyst session v1", hashlib.sha256).digest()
        self._clock = clock

    def _mac(self, purpose: str, payload: bytes) -> bytes:
        return hmac.new(self._key, purpose.encode("ascii") + b"\x00" + payload, hashlib.sha256).digest()

    def sign(self, purpose: str, data: Mapping[str, Any]) -> str:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        return f"v1.{_b64(payload)}.{_b64(self._mac(purpose, payload))}"

    def open(self, purpose: str, token: object) -> dict[str, Any] | None:
        """The data of a well-signed, unexpired token of this purpose; None for anything else."""
        if not isinstance(token, str) or len(token) > _MAX_TOKEN_CHARS or token.count(".") != 2:
            return None
        version, payload_text, mac_text = token.split(".")
        try:
            payload, mac = _unb64(payload_text), _unb64(mac_text)
        except (binascii.Error, ValueError):
            return None
        if version != "v1" or not hmac.compare_digest(mac, self._mac(purpose, payload)):
            return None
        try:
            data = json.loads(payload)
        except ValueError:
            return None
        now = self._clock()
        if not isinstance(data, dict) or not isinstance(data.get("exp"), (int, float)) or data["exp"] <= now:
            return None
        return data


def _session_from(data: Mapping[str, Any] | None) -> Session | None:
    if data is None:
        return None
    try:
        return Session(str(data["sid"]), str(data["name"]), str(data["via"]), float(data["iat"]), float(data["exp"]))
    except (KeyError, TypeError, ValueError):
        return None


# ---- sign-ins ended early ---------------------------------------------------


class SignedOut:
    """The session ids signed out before they expired, in a small file shared by every process.

    One line per sign-out, ``<sid> <expiry>``, appended under an exclusive lock (``flock`` on a
    lock file beside it); when the file grows past ``prune_bytes`` the writer rewrites it without
    expired lines (a new file, renamed into place, still under the lock). Readers take no lock.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time, prune_bytes: int = 64 * 1024):
        self.path = Path(path)
        self._clock = clock
        self._prune_bytes = prune_bytes
        self._mutex = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._ids: frozenset[str] = frozenset()

    def add(self, sid: str, until: float) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = f"{sid} {int(until) + 1}\n".encode("ascii")
        with self._writer_lock():
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
            if self.path.stat().st_size > self._prune_bytes:
                self._prune()

    def __contains__(self, sid: str) -> bool:
        return sid in self._current()

    def _current(self) -> frozenset[str]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return frozenset()
        seen = (st.st_ino, st.st_size, st.st_mtime_ns)
        with self._mutex:
            if seen != self._seen:
                ids = frozenset(sid for sid, _ in self._entries())
                self._seen, self._ids = seen, ids
            return self._ids

    def _entries(self) -> list[tuple[str, int]]:
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            return []
        entries = []
        for line in text.splitlines():
            sid, _, until = line.partition(" ")
            if sid and until.isdigit():  # a line still being appended is skipped until it is whole
                entries.append((sid, int(until)))
        return entries

    def _prune(self) -> None:
        now = self._clock()
        keep = "".join(f"{sid} {until}\n" for sid, until in self._entries() if until > now)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="ascii") as fh:
            fh.write(keep)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)

    @contextlib.contextmanager
    def _writer_lock(self) -> Iterator[None]:
        fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


# ---- the sessions of one installation --------------------------------------


class Sessions:
    """Start, check and end sign-ins with one secret, one lifetime and one signed-out list."""

    def __init__(self, secret: bytes, signed_out: SignedOut, hours: float = DEFAULT_HOURS,
                 clock: Callable[[], float] = time.time):
        self.signer = Signer(secret, clock)
        self.signed_out = signed_out
        self.hours = hours
        self._clock = clock
        self._mutex = threading.Lock()
        self._redeemed: dict[str, float] = {}  # grant id -> its expiry (a grant opens one cookie)

    @classmethod
    def for_database(cls, db_file: str | os.PathLike | None = None, secrets_file: Path | None = None) -> Sessions:
        return cls(load_secret(db_file, secrets_file), SignedOut(signed_out_file(db_file)),
                   session_hours(secrets_file))

    def start(self, name: str, via: str) -> tuple[Session, str]:
        """A new sign-in: the session and its token."""
        now = self._clock()
        session = Session(secrets.token_urlsafe(18), name, via, now, now + self.hours * 3600)
        return session, self.token(session)

    def token(self, session: Session) -> str:
        return self.signer.sign("session", {"sid": session.sid, "name": session.name, "via": session.via,
                                            "iat": session.issued, "exp": session.expires})

    def check(self, token: object) -> Session | None:
        """The session of a valid token that has not expired and was not signed out."""
        session = _session_from(self.signer.open("session", token))
        if session is None or session.issued > self._clock() + CLOCK_SKEW_SECONDS or session.sid in self.signed_out:
            return None
        return session

    def end(self, session: Session) -> None:
        """Sign out: the session stops working in every tab and process that checks this list."""
        self.signed_out.add(session.sid, session.expires)

    # A fresh sign-in reaches the cookie through the browser: the page posts a grant (valid for
    # GRANT_SECONDS, one cookie only) to the server's cookie route, which answers with the cookie.

    def grant(self, session: Session) -> str:
        return self.signer.sign("grant", {"gid": secrets.token_urlsafe(12), "sid": session.sid, "name": session.name,
                                          "via": session.via, "iat": session.issued, "sexp": session.expires,
                                          "exp": self._clock() + GRANT_SECONDS})

    def redeem(self, grant: object) -> tuple[Session, str] | None:
        """The session and its token for a grant not yet used (in this process), or None."""
        data = self.signer.open("grant", grant)
        if data is None:
            return None
        session = _session_from({**data, "exp": data.get("sexp")})
        if session is None or session.sid in self.signed_out:
            return None
        now = self._clock()
        with self._mutex:
            self._redeemed = {gid: until for gid, until in self._redeemed.items() if until > now}
            if data["gid"] in self._redeemed:
                return None
            self._redeemed[data["gid"]] = float(data["exp"])
        return session, self.token(session)

    def from_identity(self, claims: Mapping[str, Any], name: str) -> Session | None:
        """The session of a single sign-on, from the identity token's claims (``st.user``): None when
        the claims lack what makes a sign-in unique, it has expired by our lifetime, or was signed out."""
        iss, sub, iat = claims.get("iss"), claims.get("sub"), claims.get("iat")
        if not iss or not sub or not isinstance(iat, (int, float)) or isinstance(iat, bool):
            return None
        unique = "\n".join(str(part) for part in (iss, sub, iat, claims.get("nonce", "")))
        session = Session("sso-" + hashlib.sha256(unique.encode("utf-8")).hexdigest()[:32], name, "sso",
                          float(iat), float(iat) + self.hours * 3600)
        now = self._clock()
        if session.issued > now + CLOCK_SKEW_SECONDS or session.expires <= now or session.sid in self.signed_out:
            return None
        return session
