"""The cookie routes over HTTP (Starlette's test client on the same routes serve.py mounts): the cookie's
attributes, the one-use grant, sign-out, and what a cross-site post or a foreign redirect gets."""

from __future__ import annotations

import warnings

import pytest
from starlette.applications import Starlette

with warnings.catch_warnings():  # starlette 1.10 would rather drive its test client with httpx2; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from ogp_monitor.web import session_routes, sessions

HOST = "127.0.0.1:8501"
ORIGIN = {"origin": f"http://{HOST}"}


@pytest.fixture
def db_file(tmp_path, monkeypatch):
    monkeypatch.setenv("OGP_DB", str(tmp_path / "ogp.duckdb"))
    monkeypatch.delenv(sessions.SECRET_ENV, raising=False)
    monkeypatch.delenv(sessions.HOURS_ENV, raising=False)
    monkeypatch.setenv(session_routes._MOUNTED_ENV, "")  # routes() sets it; restored after the test
    session_routes._sessions.cache_clear()
    yield tmp_path / "ogp.duckdb"
    session_routes._sessions.cache_clear()


@pytest.fixture
def client(db_file):
    app = Starlette(routes=session_routes.routes(base_url=""))
    with TestClient(app, base_url=f"http://{HOST}", follow_redirects=False) as client:
        yield client


def grant_for(db_file, name="Anna Bērziņa"):
    s = sessions.Sessions.for_database(db_file)  # what the page's process has: the same secret file
    session, _ = s.start(name, "password")
    return s, session, s.grant(session)


def test_routes_mark_the_process_as_serving_them(client):
    assert session_routes.mounted()


def test_a_grant_gets_an_httponly_strict_cookie_that_expires_with_the_session(client, db_file):
    s, session, grant = grant_for(db_file)
    response = client.post("/ogp-auth/session", data={"grant": grant, "next": "/augsupielade?lang=en"},
                           headers=ORIGIN)
    assert response.status_code == 303 and response.headers["location"] == "/augsupielade?lang=en"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{sessions.COOKIE_NAME}=v1.")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "max-age", "path"} <= attributes and "samesite=strict" in cookie.lower()
    assert "secure" not in attributes  # plain http on loopback; https or OGP_COOKIE_SECURE=1 adds it
    max_age = int(cookie.lower().split("max-age=")[1].split(";")[0])
    assert 8 * 3600 - 5 <= max_age <= 8 * 3600
    assert s.check(response.cookies[sessions.COOKIE_NAME]) == session
    again = client.post("/ogp-auth/session", data={"grant": grant, "next": "/"}, headers=ORIGIN)
    assert again.status_code == 303 and "set-cookie" not in again.headers  # a grant opens one cookie


def test_the_cookie_is_secure_behind_tls(db_file, monkeypatch):
    monkeypatch.setenv(session_routes.SECURE_ENV, "1")
    _, _, grant = grant_for(db_file)
    app = Starlette(routes=session_routes.routes(base_url=""))
    with TestClient(app, base_url=f"http://{HOST}", follow_redirects=False) as client:
        response = client.post("/ogp-auth/session", data={"grant": grant}, headers=ORIGIN)
    assert "secure" in response.headers["set-cookie"].lower()


def test_a_post_from_another_site_or_without_origin_is_refused(client, db_file):
    _, _, grant = grant_for(db_file)
    for headers in ({"origin": "https://evil.example"}, {}, {"origin": "http://127.0.0.1:9999"}):
        response = client.post("/ogp-auth/session", data={"grant": grant}, headers=headers)
        assert response.status_code == 403 and "set-cookie" not in response.headers
    assert client.post("/ogp-auth/signout", headers={"origin": "https://evil.example"}).status_code == 403


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x",
                                      "/a\r\nSet-Cookie: x=1"])
def test_it_redirects_only_to_a_path_on_this_site(client, db_file, next_url):
    _, _, grant = grant_for(db_file)
    response = client.post("/ogp-auth/session", data={"grant": grant, "next": next_url}, headers=ORIGIN)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_a_forged_or_expired_grant_sets_no_cookie(client, db_file):
    other = sessions.Sessions(b"x" * 32, sessions.SignedOut(db_file.parent / "o.txt"))
    forged = other.grant(other.start("Mallory", "password")[0])
    for grant in (forged, "", "v1.a.b"):
        response = client.post("/ogp-auth/session", data={"grant": grant, "next": "/"}, headers=ORIGIN)
        assert response.status_code == 303 and "set-cookie" not in response.headers


def test_sign_out_ends_the_session_for_every_process_and_deletes_the_cookie(client, db_file):
    _, _, grant = grant_for(db_file)
    token = client.post("/ogp-auth/session", data={"grant": grant}, headers=ORIGIN).cookies[sessions.COOKIE_NAME]
    assert client.cookies[sessions.COOKIE_NAME] == token  # the client keeps it, as a browser does
    response = client.post("/ogp-auth/signout", data={"next": "/analitikiem"}, headers=ORIGIN)
    assert response.status_code == 303 and response.headers["location"] == "/analitikiem"
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith(f"{sessions.COOKIE_NAME}=") and ("max-age=0" in cookie or "expires=" in cookie)
    assert sessions.Sessions.for_database(db_file).check(token) is None  # a fresh instance: another process


def test_under_a_base_path_the_routes_and_cookie_path_follow_it(db_file):
    _, _, grant = grant_for(db_file)
    app = Starlette(routes=session_routes.routes(base_url="ogp"))
    with TestClient(app, base_url=f"http://{HOST}", follow_redirects=False) as client:
        response = client.post("/ogp/ogp-auth/session", data={"grant": grant, "next": "https://x"}, headers=ORIGIN)
    assert response.headers["location"] == "/ogp" and "path=/ogp" in response.headers["set-cookie"].lower()
