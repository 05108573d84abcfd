"""The two HTTP routes that set and clear the sign-in cookie, mounted by ``serve.py`` through
Streamlit's ``st.App``.

A Streamlit script talks to the browser over a WebSocket and cannot set a cookie (upstream
streamlit#861, #14730): ``st.context.cookies`` only reads the ones the browser sent when the
session opened. Since 1.53 ``st.App`` serves extra Starlette routes beside the app, and a route's
HTTP response can set an HttpOnly cookie. So after a password is accepted in the page, the page
posts a one-minute, single-use grant to ``POST /ogp-auth/session``; the answer sets the cookie and
sends the browser back to the page it was on (a new session, which reads the cookie). Signing out
posts to ``POST /ogp-auth/signout``, which ends the session and deletes the cookie.

Both routes accept only posts from the app's own pages (the ``Origin`` header names this host) and
redirect only to a path on this site.
"""

from __future__ import annotations

import functools
import os
import time
from typing import TYPE_CHECKING

from ..store import db
from .sessions import COOKIE_NAME, Sessions

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

PREFIX = "ogp-auth"
SESSION_PATH = f"{PREFIX}/session"
SIGNOUT_PATH = f"{PREFIX}/signout"
SECURE_ENV = "OGP_COOKIE_SECURE"  # "1": Secure even when the server sees plain http (TLS ends at a proxy)
_MOUNTED_ENV = "_OGP_COOKIE_ROUTES"  # set by routes(): survives Streamlit reloading changed modules


def mounted() -> bool:
    """Whether this process serves the cookie routes (started through ``serve.py``)."""
    return os.environ.get(_MOUNTED_ENV) == "1"


def url_path(base_url: str | None, path: str) -> str:
    base = "/" + (base_url or "").strip("/")
    return (base.rstrip("/") + "/" + path) if path else base


@functools.lru_cache(maxsize=4)
def _sessions(db_file: str) -> Sessions:
    return Sessions.for_database(db_file)


def _safe_next(value: object, base_url: str) -> str:
    """A path on this site to go back to; anything else (another site, ``//host``) becomes the start page."""
    if (isinstance(value, str) and value.startswith("/") and not value.startswith("//") and len(value) < 2000
            and "\\" not in value and not any(ord(ch) < 32 for ch in value)):
        return value
    return url_path(base_url, "")


def _same_origin(request: Request) -> bool:
    from urllib.parse import urlsplit

    origin, host = request.headers.get("origin"), request.headers.get("host")
    return bool(origin and host) and urlsplit(origin).netloc == host


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or os.environ.get(SECURE_ENV) == "1"


async def _back(request: Request, base_url: str) -> Response:
    from starlette.responses import RedirectResponse

    form = await request.form()
    response = RedirectResponse(_safe_next(form.get("next"), base_url), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


async def _session(request: Request, base_url: str) -> Response:
    from starlette.responses import PlainTextResponse

    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    form = await request.form()
    response = await _back(request, base_url)
    redeemed = _sessions(str(db.db_path())).redeem(form.get("grant"))
    if redeemed is not None:  # otherwise back to the page, which shows the sign-in again
        session, token = redeemed
        response.set_cookie(COOKIE_NAME, token, max_age=int(session.seconds_left(time.time())),
                            path=url_path(base_url, ""), httponly=True, samesite="strict", secure=_secure(request))
    return response


async def _signout(request: Request, base_url: str) -> Response:
    from starlette.responses import PlainTextResponse

    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    sessions = _sessions(str(db.db_path()))
    session = sessions.check(request.cookies.get(COOKIE_NAME))
    if session is not None:
        sessions.end(session)  # the page has done this already; a direct post does it here
    response = await _back(request, base_url)
    response.delete_cookie(COOKIE_NAME, path=url_path(base_url, ""), httponly=True, samesite="strict",
                           secure=_secure(request))
    return response


def routes(base_url: str | None = None) -> list[Route]:
    """The cookie routes for ``st.App(..., routes=...)``; also marks this process as serving them."""
    from starlette.routing import Route

    if base_url is None:
        from streamlit import config

        base_url = config.get_option("server.baseUrlPath") or ""
    os.environ[_MOUNTED_ENV] = "1"

    async def session(request: Request) -> Response:
        return await _session(request, base_url)

    async def signout(request: Request) -> Response:
        return await _signout(request, base_url)

    return [Route(url_path(base_url, SESSION_PATH), session, methods=["POST"]),
            Route(url_path(base_url, SIGNOUT_PATH), signout, methods=["POST"])]
