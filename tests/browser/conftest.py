"""Real-browser fixtures: `streamlit run serve.py` (app.py plus the sign-in cookie routes) on loopback, Debian's headless Chromium via Playwright.

The contract other test modules use:

- ``app_server`` (one per test module): the app served from a private, writable copy of the
  sample database. Attributes ``.url`` (no trailing slash), ``.db_path``, ``.password`` (the
  ``OGP_ANALYST_PASSWORD`` the server was started with). A module serves different data by
  overriding the ``app_db`` fixture (module scope, returns a database path).
- ``browser`` (session) and ``page`` (a fresh context per test: 1600x1000, downloads accepted).
- ``wait_ready(page)`` and ``goto(page, server, "/path?query")``: wait until Streamlit has finished
  the script run (``expect``, never fixed sleeps).

Every test under ``tests/browser/`` is marked ``browser``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TEST_PASSWORD = "testa-parole-Ķīšu-42"
STARTUP_TIMEOUT_S = 90
TIMEOUT_MS = 30_000  # the machine is shared: generous, but a hung page still fails
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class AppServer:
    url: str
    db_path: Path
    password: str
    log_path: Path
    process: subprocess.Popen

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def start_app_server(db_path: Path, log_dir: Path, password: str = TEST_PASSWORD, app_dir: Path = ROOT,
                     env: dict | None = None, args: tuple[str, ...] = (), port: int | None = None) -> AppServer:
    """Start `streamlit run serve.py` on a free loopback port and wait for its health check.

    ``app_dir``: the folder it is run from (Streamlit serves that folder's ``static/``); ``env`` adds
    to (or, with None values, removes from) the server's environment; ``args`` are more `streamlit run`
    options."""
    port = port or free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    env = {k: v for k, v in {**os.environ, "OGP_DB": str(db_path), "OGP_ANALYST_PASSWORD": password,
                              "PYTHONUNBUFFERED": "1", **(env or {})}.items() if v is not None}
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = AppServer(f"http://127.0.0.1:{port}", Path(db_path), password, log_path, process)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not _healthy(server.url):
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"streamlit did not become healthy on {server.url}:\n{server.log()}", pytrace=False)
        time.sleep(0.25)  # polling the health endpoint, not waiting on the page
    return server


@pytest.fixture(scope="module")
def app_db(sample_db_file, tmp_path_factory) -> Path:
    """The database the module's server serves: a writable copy of the sample (override per module)."""
    target = tmp_path_factory.mktemp("app_db") / "ogp.duckdb"
    shutil.copy(sample_db_file, target)
    return target


# A warning or traceback in the server's log fails the module: Streamlit logs some mistakes (a widget
# given a default and a session-state value, a page without a unique path) only there.
LOG_PROBLEM = re.compile(r"^.*\b(WARNING|ERROR|Traceback)\b.*$", re.MULTILINE)


def log_problems(text: str) -> list[str]:
    return LOG_PROBLEM.findall(text) and [m.group(0) for m in LOG_PROBLEM.finditer(text)]


@contextlib.contextmanager
def serving(db_path: Path, browser, request, log_dir: Path, **options):
    """A server for the duration of the block (see ``start_app_server`` for ``options``). Afterwards its
    log is printed if a test failed, and a warning or error in it fails."""
    server = start_app_server(db_path, log_dir, **options)
    failed_before = request.session.testsfailed
    try:
        _warm_up(browser, server)
        yield server
    finally:
        _stop(server.process)
    if request.session.testsfailed > failed_before:
        print(f"\n----- streamlit log ({server.url}) -----\n{server.log()}", file=sys.stderr)
    problems = log_problems(server.log())
    if problems:
        pytest.fail(f"the server logged {len(problems)} warning(s) or error(s):\n" + "\n".join(problems[:10]),
                    pytrace=False)


@pytest.fixture(scope="module")
def app_server(app_db, browser, tmp_path_factory, request):
    with serving(app_db, browser, request, tmp_path_factory.mktemp("server_log")) as server:
        yield server


def _warm_up(browser, server: AppServer) -> None:
    """One visit to the main page before the tests. Streamlit (seen on 1.67, upstream issues
    streamlit#8860/#9992) shows a spurious "Page not found" dialog over the right page when the
    very first session of a fresh server opens a non-default page; tests assert that no dialog
    shows, so they must not depend on which test happens to run first."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(server.url + "/")
        page.wait_for_selector(READY, state="attached")
    finally:
        context.close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (`make test` installs it via scripts/install_system_deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Ignored folder where every view's full-page screenshot lands for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def wait_ready(page) -> None:
    """Wait until Streamlit has connected and finished running the script (no fixed sleeps)."""
    from playwright.sync_api import expect

    expect(page.locator(READY)).to_be_attached()
    expect(page.locator("[data-testid='stStatusWidget'] [data-testid='stStatusWidgetRunningIcon']")).to_have_count(0)


def wait_charts(page) -> None:
    """Wait until every Plotly chart on the page has finished drawing (fonts loaded, no pending
    redraw), so screenshots and assertions see the final picture, not a half-styled one."""
    page.wait_for_function("""() => document.fonts.status === 'loaded' &&
        [...document.querySelectorAll('.js-plotly-plot')].every(el => el._fullLayout && !el._transitioning
            && el.querySelector('.main-svg'))""")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def screenshot_full(page, path: Path, max_height: int = 9000) -> None:
    """The whole page. Streamlit scrolls inside its main section, so Playwright's full_page
    would only capture the viewport: grow the viewport to the content, shoot, restore."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(height, max_height))})
    wait_ready(page)
    wait_charts(page)
    page.screenshot(path=path)
    page.set_viewport_size(size)


def goto(page, server: AppServer, path_and_query: str = "/") -> None:
    """Open a page of the app (e.g. ``/dati?plan=...&lang=en``) and wait until it is drawn."""
    if not path_and_query.startswith("/"):
        path_and_query = "/" + path_and_query
    page.goto(server.url + path_and_query)
    wait_ready(page)
