"""The open data package in the dashboard: written when the server starts (when missing or stale) and
after every publication, restore and withdrawal made on its pages, and what the Open data page needs
to show it (the served descriptor, the public address)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import streamlit as st

from ..i18n import t
from ..reports import open_data
from ..reports.open_data_settings import URL_PATH
from ..store import db
from .tables import escape_md

log = logging.getLogger(__name__)
PROBLEM = "_open_data_problem"  # session state: why the last publication's package was not written


def _refresh() -> str:
    """Serve the package of the published state (rebuilt only when stale). "" or what went wrong: the
    dashboard keeps working, the previous package stays served, and the failure is logged."""
    try:
        # The newest published copy, not the one this run pinned: a publication made in this run's
        # callback has just written a newer one.
        con = db.connect_published()
        try:
            open_data.refresh(con, open_data.static_root())
        finally:
            con.close()
    except Exception as exc:
        log.error("open data package not written (the previous one stays served)", exc_info=True)
        return f"{type(exc).__name__}: {exc}"
    return ""


@st.cache_resource(show_spinner=False)
def _written_at_start(database: str, static: str) -> str:
    return _refresh()


def ensure_served() -> str:
    """app.py, every run; the work happens on the process's first run only (per database and static
    folder): a fresh clone's first start, or a start after a CLI ingest, serves the current package."""
    return _written_at_start(str(db.db_path()), str(open_data.static_root()))


def ensure_current() -> str:
    """The Open data page, every run: what it lists is what is served, and current (a publication
    whose caller did not refresh is caught here; cheap when nothing changed)."""
    return _refresh()


def after_publication() -> None:
    """A publish, restore or withdrawal on a page has committed (call it in that button's callback):
    rewrite the served package. A failure does not undo the publication; the previous package stays
    served, and the page tells the analyst once (``show_problem``)."""
    problem = _refresh()
    if problem:
        st.session_state[PROBLEM] = problem
    else:
        st.session_state.pop(PROBLEM, None)


def show_problem(lang: str) -> None:
    """Under the publication's own message: the package was not rewritten, and what to do."""
    problem = st.session_state.pop(PROBLEM, None)
    if problem:
        st.warning(t("od.not_updated_after_publication", lang, error=escape_md(problem)), icon=":material/dataset:")


@dataclass(frozen=True)
class Served:
    descriptor: dict
    sizes: dict[str, int]
    base_url: str  # where the files are: absolute when known, else /app/static/open-data/
    public: bool  # OGP_PUBLIC_URL is set: dcat.jsonld holds absolute addresses


def served() -> Served | None:
    """The package /app/static/open-data/ serves now, read from the files (not cached: a few kB)."""
    found = open_data.served_package()
    if found is None:
        return None
    descriptor, sizes = found
    package_id = descriptor.get("id", "")
    if package_id.endswith("/datapackage.json"):  # written with OGP_PUBLIC_URL
        return Served(descriptor, sizes, package_id.removesuffix("datapackage.json"), True)
    return Served(descriptor, sizes, _browser_base(), False)


def _browser_base() -> str:
    """``http://host:8501/app/static/open-data/`` from the address the browser opened (st.context.url),
    with the server's ``baseUrlPath``; a bare path when that address is unknown (tests)."""
    path = "/" + "/".join(p for p in (st.get_option("server.baseUrlPath").strip("/"), URL_PATH.rstrip("/")) if p) + "/"
    url = st.context.url
    if not url:
        return path
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{path}" if parts.scheme and parts.netloc else path
