"""A small OpenID Connect provider on loopback, for the single sign-on browser test: discovery, an
authorisation page where a person types their e-mail, the token endpoint (client secret, PKCE S256,
one-use codes) with an RS256-signed identity token (joserfc, which Authlib itself uses), the key set,
userinfo and end-session. Only what a real provider does for a confidential web client; no consent.

It records what it was asked (``provider.seen``) so a test can check that Streamlit's client used
PKCE, a nonce and its secret, and that signing out reached the provider.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "ogp-monitor"
CLIENT_SECRET = "client-secret-" + "x" * 24  # ASCII: Authlib sends it in HTTP Basic as latin-1


@dataclass
class Provider:
    url: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig"}))
    codes: dict = field(default_factory=dict)  # code -> what the token endpoint needs
    tokens: dict = field(default_factory=dict)  # access token -> claims
    seen: list = field(default_factory=list)  # (endpoint, details) in order
    allowed_redirects: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def metadata(self) -> dict:
        return {"issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
                "userinfo_endpoint": f"{self.url}/userinfo", "end_session_endpoint": f"{self.url}/logout",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "code_challenge_methods_supported": ["S256"], "claims_supported": ["sub", "email", "name"]}

    def id_token(self, claims: dict) -> str:
        return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)


def _form_page(params: dict) -> bytes:
    hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items())
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Test IdP</title></head><body>"
            f"<h1>Test identity provider</h1><form method='post' action='/authorize'>{hidden}"
            "<label>E-mail <input name='email' type='email' required></label>"
            "<label>Name <input name='name'></label>"
            "<button type='submit'>Continue</button></form></body></html>").encode()


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _send(self, status: int, body: bytes = b"", content_type: str = "application/json",
                  headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, data: dict, status: int = 200) -> None:
            self._send(status, json.dumps(data).encode("utf-8"))

        def _redirect(self, url: str) -> None:
            self._send(302, b"", "text/plain", {"Location": url})

        def _body(self) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            return dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/.well-known/openid-configuration":
                return self._json(provider.metadata())
            if url.path == "/jwks":
                return self._json({"keys": [provider.key.as_dict(private=False)]})
            if url.path == "/authorize":
                problem = self._check_authorize(query)
                if problem:
                    return self._send(400, problem.encode("utf-8"), "text/plain")
                provider.seen.append(("authorize", query))
                return self._send(200, _form_page(query), "text/html; charset=utf-8")
            if url.path == "/userinfo":
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                claims = provider.tokens.get(token)
                return self._json(claims) if claims else self._json({"error": "invalid_token"}, 401)
            if url.path == "/logout":
                provider.seen.append(("logout", query))
                target = query.get("post_logout_redirect_uri")
                if target in provider.allowed_redirects:
                    return self._redirect(target)
                return self._send(200, b"signed out", "text/plain")
            return self._send(404, b"not found", "text/plain")

        def _check_authorize(self, query: dict) -> str | None:
            if query.get("client_id") != CLIENT_ID:
                return "unknown client"
            if query.get("redirect_uri") not in provider.allowed_redirects:
                return f"redirect_uri not registered: {query.get('redirect_uri')}"
            if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
                return "only the code flow with openid"
            if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
                return "PKCE S256 required"
            return None

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            form = self._body()
            if url.path == "/authorize":
                problem = self._check_authorize(form)
                if problem:
                    return self._send(400, problem.encode("utf-8"), "text/plain")
                code = secrets.token_urlsafe(16)
                with provider.lock:
                    provider.codes[code] = {**form, "issued": time.time()}
                target = form["redirect_uri"] + "?" + urllib.parse.urlencode({"code": code, "state": form["state"]})
                return self._redirect(target)
            if url.path == "/token":
                return self._token(form)
            return self._send(404, b"not found", "text/plain")

        def _token(self, form: dict) -> None:
            client_id, client_secret = form.get("client_id"), form.get("client_secret")
            basic = self.headers.get("Authorization") or ""
            if basic.startswith("Basic "):
                pair = base64.b64decode(basic[6:]).decode("utf-8")
                client_id, client_secret = (urllib.parse.unquote(part) for part in pair.split(":", 1))
            if client_id != CLIENT_ID or client_secret != CLIENT_SECRET:
                return self._json({"error": "invalid_client"}, 401)
            with provider.lock:
                grant = provider.codes.pop(form.get("code", ""), None)  # a code works once
            if grant is None or time.time() - grant["issued"] > 60 or form.get("redirect_uri") != grant["redirect_uri"]:
                return self._json({"error": "invalid_grant"}, 400)
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if challenge != grant["code_challenge"]:
                return self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
            now = int(time.time())
            email = grant["email"].strip().lower()
            claims = {"iss": provider.url, "sub": "sub-" + hashlib.sha256(email.encode()).hexdigest()[:12],
                      "aud": CLIENT_ID, "iat": now, "exp": now + 300, "auth_time": now, "nonce": grant.get("nonce"),
                      "email": email, "email_verified": True, "name": grant.get("name") or email}
            access = secrets.token_urlsafe(24)
            provider.tokens[access] = {k: claims[k] for k in ("sub", "email", "email_verified", "name")}
            provider.seen.append(("token", {"client_auth": "basic" if basic else "post", "pkce": True,
                                            "nonce": grant.get("nonce"), "email": email}))
            self._json({"access_token": access, "token_type": "Bearer", "expires_in": 300,
                        "id_token": provider.id_token(claims), "scope": grant.get("scope", "openid")})

    return Handler


def start(port: int = 0) -> tuple[Provider, ThreadingHTTPServer]:
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(provider))
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, name="oidc-provider", daemon=True).start()
    return provider, server
