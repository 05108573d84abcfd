"""Over HTTP, from a real `streamlit run`: the open data package at /app/static/open-data/ before a
publish, after it (the new report is in it) and after a rollback (the earlier files again), with the
publish and the rollback made in the browser as an analyst makes them.

Streamlit serves the ``static/`` folder beside the script it runs, so the server runs app.py from a
private folder (links to the checkout's code, its own ``static/``) with ``OGP_STATIC_DIR`` pointing
there: the test never writes into the checkout's own static/ (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, _stop, _warm_up, goto, log_problems, start_app_server, wait_ready
from tests.browser.test_upload_journey import XLSX, nav
from tests.test_publishing import modified_sample

PREFIX = "/app/static/open-data/"


@pytest.fixture(scope="module")
def served_app(app_db, browser, tmp_path_factory):
    """The app run from a folder of its own, serving that folder's static/open-data/."""
    folder = tmp_path_factory.mktemp("served_app")
    for name in ("views", "ogp_monitor", ".streamlit"):
        (folder / name).symlink_to(ROOT / name)
    for name in ("serve.py", "app.py"):  # copies: st.App resolves a symlinked app.py to the checkout, whose
        shutil.copy(ROOT / name, folder / name)  # static/ it would then serve instead of this folder's
    (folder / "static").mkdir()
    server = start_app_server(app_db, tmp_path_factory.mktemp("server_log"), app_dir=folder,
                              env={"OGP_STATIC_DIR": str(folder / "static")})
    try:
        _warm_up(browser, server)  # the first run writes the package of the published state
        yield server
    finally:
        _stop(server.process)
    problems = log_problems(server.log())
    assert not problems, "\n".join(problems[:10])


def fetch(server, name: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(server.url + PREFIX + name, timeout=30) as response:
        assert response.status == 200
        return response.read(), response.headers["Content-Type"]


def package(server) -> dict[str, bytes]:
    """Every file the served datapackage.json names, fetched by URL (and checked against its hash)."""
    body, kind = fetch(server, "datapackage.json")
    assert kind == "application/json"
    meta = json.loads(body)
    files = {"datapackage.json": body}
    for resource in meta["resources"]:
        files[resource["path"]], _ = fetch(server, resource["path"])
        if "bytes" in resource:
            assert len(files[resource["path"]]) == resource["bytes"], f"{resource['path']}: a mixed package"
    return files


def test_the_served_package_follows_a_publish_and_a_rollback(served_app, page):
    before = package(served_app)
    csv, kind = fetch(served_app, "measures.csv")
    assert kind.startswith("text/csv") and csv == before["measures.csv"]
    assert b"2025-09-29" in csv and b"2025-12-15" not in csv
    assert "measures_5-plans-2022-2025_2025-03-27.csv" in before
    _, kind = fetch(served_app, "dcat.jsonld")
    assert kind == "application/ld+json"
    with pytest.raises(urllib.error.HTTPError) as missing:  # a folder is not listed
        fetch(served_app, "")
    assert missing.value.code == 404

    # The page lists what is served, with links to the same addresses.
    goto(page, served_app, "/atvertie-dati")
    expect(page.get_by_role("heading", name="Atvērtie dati")).to_be_visible()
    expect(page.locator("[data-testid='stCode']").first).to_contain_text(
        f"curl -fO {served_app.url}{PREFIX}datapackage.json")
    expect(page.locator("[data-testid='stException']")).to_have_count(0)

    # An analyst publishes the December report in the browser ...
    nav(page, "Analītiķiem")
    page.get_by_role("textbox", name=re.compile("Jūsu vārds")).fill("Anna Bērziņa")
    page.get_by_role("textbox", name="Parole", exact=True).fill(served_app.password)
    page.get_by_role("button", name="Pierakstīties").click()
    expect(page.get_by_text("Jūs esat pierakstījies kā Anna Bērziņa.")).to_be_visible()
    nav(page, "Augšupielāde")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "ogp_2025-12-15.xlsx", "mimeType": XLSX, "buffer": modified_sample()}])
    expect(page.get_by_text("Priekšskatījums — nekas vēl nav publicēts")).to_be_visible()
    wait_ready(page)
    page.get_by_role("button", name="Publicēt").click()
    expect(page.get_by_text(re.compile(r"Publicēts: ziņojums uz 15\.12\.2025\."))).to_be_visible()
    wait_ready(page)

    # ... and the same addresses serve the new report, never the analyst's name or the file's.
    after = package(served_app)
    assert b"2025-12-15" in after["measures.csv"] and after["measures.csv"] != before["measures.csv"]
    assert "measures_5-plans-2022-2025_2025-12-15.csv" in after
    assert not any(b"Anna" in data or b"ogp_2025-12-15.xlsx" in data for data in after.values())

    # Rolling back to September brings back the earlier files.
    nav(page, "Vēsture")
    page.get_by_role("combobox", name="Izvēlieties augšupielādi").click()
    page.get_by_role("option", name=re.compile(r"^#2 · 29\.09\.2025\.")).click()
    wait_ready(page)
    page.get_by_role("button", name="Atjaunot šo ziņojumu").click()
    expect(page.get_by_text(re.compile(r"atkal ir pašreizējais"))).to_be_visible()
    wait_ready(page)
    restored = package(served_app)
    assert restored.keys() == before.keys()
    for name, data in before.items():
        if name not in ("datapackage.json", "dcat.jsonld"):  # these carry the rollback's time
            assert restored[name] == data, f"{name} differs after the rollback"
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
