"""Two dashboard processes behind nginx, twenty browser sessions across them, a publish from the CLI
mid-way and one process killed with SIGKILL (issue 19; docs/operations.md#several-dashboard-processes).

Pass: no exception on any session, every session shows the new report after its next interaction
(those of the killed process reconnect to the other one), and nginx's error log names only the killed
upstream.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ogp_monitor.store import db
from tests.browser.conftest import (READY, TIMEOUT_MS, _stop, free_port, log_problems, start_app_server,
                                    wait_ready)
from tests.conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SESSIONS = 20
TOUR = ROOT / "data" / "sample" / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"


def start_nginx(run: Path, port: int, upstreams: list[str]) -> subprocess.Popen:
    servers = "".join(f"        server {u} max_fails=1 fail_timeout=30s;\n" for u in upstreams)
    conf = (ROOT / "deploy" / "nginx-ogp-monitor.conf.template").read_text()
    conf = (conf.replace("@LISTEN@", f"127.0.0.1:{port}").replace("@PREFIX@", str(run))
            .replace("@MAX_BODY@", "30m").replace("@SERVERS@\n", servers))
    (run / "nginx.conf").write_text(conf)
    command = [NGINX, "-p", str(run), "-c", str(run / "nginx.conf"), "-e", str(run / "error.log"),
               "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 20
    import urllib.request
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not start: {(run / 'error.log').read_text() if (run / 'error.log').exists() else ''}")
            time.sleep(0.2)


def report_box(page):
    """The sidebar's report selector (its value names the report date)."""
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name=re.compile("Ziņojums|Report"))


@pytest.fixture
def replicas(sample_db_file, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (`make test` installs it via scripts/install_system_deps.sh)")
    path = tmp_path / "ogp.duckdb"
    shutil.copy(sample_db_file, path)
    db.published_file(path)
    servers = [start_app_server(path, tmp_path) for _ in range(2)]
    port = free_port()
    nginx = start_nginx(tmp_path, port, [s.url.removeprefix("http://") for s in servers])
    yield f"http://127.0.0.1:{port}", servers, tmp_path
    os.killpg(nginx.pid, signal.SIGTERM)
    nginx.wait(timeout=10)
    for server in servers:
        _stop(server.process)


def test_two_processes_twenty_sessions_a_publish_and_a_kill(browser, replicas):
    from playwright.sync_api import expect

    url, servers, run = replicas
    contexts, pages = [], []
    for _ in range(SESSIONS):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(TIMEOUT_MS * 2)
        page = context.new_page()
        page.goto(url + "/analitikiem")  # the lightest page; the sidebar names the report like every page
        wait_ready(page)
        contexts.append(context)
        pages.append(page)
    for page in pages:
        expect(report_box(page)).to_have_value(re.compile(r"29\.09\.2025"))

    env = {**os.environ, "OGP_DB": str(servers[0].db_path)}
    published = subprocess.run([sys.executable, "-m", "ogp_monitor", "ingest", str(TOUR), "--yes", "--by", "anna"],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert published.returncode == 0, published.stderr
    killed, survivor = servers
    os.killpg(killed.process.pid, signal.SIGKILL)
    killed.process.wait(timeout=10)

    for page in pages:  # the next interaction: a switch of language, as a council member would
        expect(page.locator(READY)).to_be_attached(timeout=TIMEOUT_MS * 2)  # reconnected if it was on the killed one
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
        wait_ready(page)
        expect(report_box(page)).to_have_value(re.compile(r"15\.12\.2025|15 Dec 2025"), timeout=TIMEOUT_MS * 2)
        assert page.get_by_test_id("stException").count() == 0
    for context in contexts:
        context.close()

    assert not log_problems(survivor.log()), survivor.log()
    port = killed.url.rsplit(":", 1)[1]
    errors = [line for line in (run / "error.log").read_text().splitlines() if line.strip()]
    assert all(f"127.0.0.1:{port}" in line for line in errors), errors
    upstreams = set(re.findall(r"127\.0\.0\.1:\d+", "\n".join(
        line.split("upstream=", 1)[1] for line in (run / "access.log").read_text().splitlines() if "upstream=" in line)))
    assert {killed.url.removeprefix("http://"), survivor.url.removeprefix("http://")} <= upstreams
