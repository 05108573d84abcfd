"""Open data: the published state as a Frictionless data package with DCAT-AP 3 metadata, served
read-only by the dashboard at ``/app/static/open-data/`` (Streamlit's static file serving).

- ``build_package(con, out_dir, settings)`` writes the files from the published state only, through
  the named queries: the current measures of every plan and the trust indicators (CSV and Parquet),
  one measures CSV per published report of each plan, ``datapackage.json`` and ``dcat.jsonld``.
- ``write_package_atomically(con, root, settings)`` builds into a fresh folder beside the served one and
  switches the link ``ROOT/open-data`` to it with one ``rename(2)``: a download sees the old package or
  the new one, never a mix, and a build that fails half-way leaves the old one served.
- ``refresh(con)`` is what a publish, a rollback or a withdrawal calls after its commit.

Machine-readable CSV (UTF-8 without BOM, comma, ISO dates, decimal point) is written exactly as stored:
a text that starts with ``=`` stays ``=``. Unlike the Excel-friendly export of the Data page
(``exports.py``), which prefixes such cells with ``'`` because Excel would run them, these files are
for programs: a prefix would change the data every program reads (docs/open-data.md).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ..i18n import fmt_date, t
from ..store import db, published, table_files
from . import exports, open_data_dcat
from .open_data_schema import field_names, field_types, table_schema
from .open_data_settings import Settings

SCHEMA_VERSION = "1"  # bump when the files change shape: a served package of an older shape is rebuilt
LINK = "open-data"  # ROOT/open-data -> .open-data/<version>: what /app/static/open-data/ serves
VERSIONS = ".open-data"  # the built packages (inside ROOT: Streamlit serves nothing that resolves outside it)
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "json": "application/json",
               "jsonld": "application/ld+json"}
_THREAD_LOCK = threading.Lock()


# ---- what is published ----------------------------------------------------

class StateChanged(Exception):
    """A publication was committed while the package was being read: read it again."""


def state_key(con) -> str:
    """A digest of the publication log: equal for two reads means the published state did not change
    between them (every publish, restore and withdrawal appends a row; nothing else changes it)."""
    log = db.run_query(con, "publication_log")
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for row in log[["publication_id", "acted_at", "action", "snapshot_id", "parts"]].itertuples(index=False):
        digest.update(repr((int(row[0]), str(row[1]), row[2], int(row[3]), list(row[4]))).encode())
    return digest.hexdigest()


def package_key(con, settings: Settings) -> str:
    """What a served package is named after: the published state and the settings it was written with."""
    return hashlib.sha256((state_key(con) + settings.fingerprint()).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class File:
    """One file of the package."""

    path: str  # its name in the package folder (and the last part of its URL)
    kind: str  # measures, measures_report, indicators, datapackage, dcat
    format: str  # csv, parquet, json, jsonld
    bytes: int
    sha256: str
    title_lv: str
    title_en: str
    description_lv: str = ""
    description_en: str = ""
    rows: int | None = None
    plan_id: str | None = None
    report_date: dt.date | None = None

    @property
    def resource(self) -> str:
        """Its resource name in datapackage.json (lower case, digits, ``-._``)."""
        return self.path.rsplit(".", 1)[0].lower() + ("-parquet" if self.format == "parquet" else "")

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class Package:
    directory: Path
    key: str  # package_key: the published state and the settings
    files: tuple[File, ...]
    modified: dt.datetime | None  # the latest publication, restore or withdrawal
    seconds: float = 0.0


def _write(path: Path, data: bytes) -> tuple[int, str]:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return len(data), hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> tuple[int, str]:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
        data = fh.read()
    return len(data), hashlib.sha256(data).hexdigest()


def report_file_names(reports: pd.DataFrame) -> dict[tuple[str, dt.date], str]:
    """(plan, report date) -> ``measures_5-plans-2022-2025_2025-03-27.csv``.

    The plan's name in ASCII (the Data page's export names) keeps two plans reporting on the same day
    apart; two plans whose names differ only in punctuation or accents get a short hash of the name
    added, so no file name is ever shared.
    """
    plans = sorted(set(reports["plan_id"]))
    slugs = {plan: exports.export_name("measures", plan, None, "csv") for plan in plans}
    clash = {s for s in slugs.values() if list(slugs.values()).count(s) > 1}
    names = {}
    for row in reports.itertuples(index=False):
        plan, day = row.plan_id, pd.Timestamp(row.report_date).date()
        shown = f"{plan} {hashlib.sha256(plan.encode()).hexdigest()[:6]}" if slugs[plan] in clash else plan
        names[(plan, day)] = exports.export_name("measures", shown, day, "csv")
    return names


def build_package(con, out_dir: str | os.PathLike, settings: Settings | None = None) -> Package:
    """Write the package of the published state into ``out_dir`` (created; files in it are overwritten).

    Reads only through named queries, and only the published state: each plan's reports up to its
    current one (``plan_reports``), their measures (``open_data_measures``), the current trust
    indicators (``indicator_rows``) and the publication log's times. Raises ``StateChanged`` when a
    publication was committed while it read, so no package ever mixes two publications.
    """
    settings = settings or Settings.from_env()
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    key = package_key(con, settings)
    log = db.run_query(con, "publication_log")
    reports = db.run_query(con, "plan_reports").sort_values(["plan_id", "report_date"]).reset_index(drop=True)
    indicators = db.run_query(con, "indicator_rows")
    every = db.run_query(con, "open_data_measures", every_report=True)  # each plan's every report
    if package_key(con, settings) != key:
        raise StateChanged()
    # Each plan's current report is one of its reports: taken from ``every`` (same order: plan, then
    # measure), not read a second time.
    keys = pd.Series(list(zip(every["plan_id"], every["report_date"].dt.date)), index=every.index, dtype=object)
    current_keys = {(row.plan_id, pd.Timestamp(row.report_date).date())
                    for row in reports.itertuples(index=False) if row.is_current}
    current = every[keys.isin(current_keys).to_numpy()].reset_index(drop=True)

    plans = ", ".join(sorted(set(current["plan_id"]))) or "–"
    sources = [s for s in indicators["source"].drop_duplicates() if s]  # in order of first use
    files: list[File] = []

    def table(name: str, kind: str, frame: pd.DataFrame | None, fmt: str, text: str, values: dict[str, dict],
              plan_id: str | None = None, report_date: dt.date | None = None, written: Path | None = None,
              rows: int | None = None) -> None:
        """Write ``frame`` to one table file (or move the ``written`` file of ``rows`` rows into place)
        and note it; ``text`` names its title/description strings."""
        path = out / name
        schema_kind = "indicators" if kind == "indicators" else "measures"
        if frame is None:
            written.replace(path)
        else:
            # CSV for programs (RFC 4180, UTF-8 without BOM, ISO dates, decimal point, an empty cell for
            # a missing value, every text exactly as stored: no formula prefix, see the module's docstring).
            write = table_files.write_csv if fmt == "csv" else table_files.write_parquet
            write(con, frame[field_names(schema_kind)], path, field_types(schema_kind))
        size, digest = _file_digest(path)
        note = {lang: t("od.res.parquet", lang) if fmt == "parquet" else "" for lang in ("lv", "en")}
        files.append(File(name, kind, fmt, size, digest,
                          t(f"{text}.title", "lv", **values["lv"]), t(f"{text}.title", "en", **values["en"]),
                          t(f"{text}.description", "lv", **values["lv"]) + note["lv"],
                          t(f"{text}.description", "en", **values["en"]) + note["en"],
                          rows=len(frame) if frame is not None else rows, plan_id=plan_id,
                          report_date=report_date))

    for fmt in ("csv", "parquet"):
        table(f"measures.{fmt}", "measures", current, fmt, "od.res.measures",
              {"lv": {"plans": plans}, "en": {"plans": plans}})
    shown = "; ".join(sources) or "–"
    for fmt in ("csv", "parquet"):
        table(f"indicators.{fmt}", "indicators", indicators, fmt, "od.res.indicators",
              {"lv": {"sources": shown}, "en": {"sources": shown}})
    # One file per plan and report, all written in one pass (a call per report cost ~6 ms each).
    names = report_file_names(reports)
    numbers = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    counts = keys.value_counts().to_dict()
    with tempfile.TemporaryDirectory(dir=out, prefix=".reports-") as staging:
        written = table_files.write_csv_parts(con, every[field_names("measures")], keys.map(numbers),
                                              Path(staging) / "csv", field_types("measures"))
        for row in reports.itertuples(index=False):
            plan, day = row.plan_id, pd.Timestamp(row.report_date).date()
            table(names[(plan, day)], "measures_report", None, "csv", "od.res.measures_report",
                  {lang: {"plan": plan, "date": fmt_date(day, lang)} for lang in ("lv", "en")},
                  plan_id=plan, report_date=day, written=written[numbers[(plan, day)]], rows=counts[(plan, day)])

    modified = None if log.empty else pd.Timestamp(log["acted_at"].max()).to_pydatetime()
    issued = None if log.empty else pd.Timestamp(log["acted_at"].min()).to_pydatetime()
    temporal = _temporal(reports, indicators)
    descriptor = _datapackage(files, settings, modified, temporal, sources)
    size, digest = _write(out / "datapackage.json", _json(descriptor))
    files.append(File("datapackage.json", "datapackage", "json", size, digest, t("od.res.datapackage.title", "lv"),
                      t("od.res.datapackage.title", "en"), t("od.res.datapackage.description", "lv"),
                      t("od.res.datapackage.description", "en")))
    document = open_data_dcat.document(files, settings, modified=modified, issued=issued, temporal=temporal,
                                       sources=sources)
    size, digest = _write(out / "dcat.jsonld", _json(document))
    files.append(File("dcat.jsonld", "dcat", "jsonld", size, digest, t("od.res.dcat.title", "lv"),
                      t("od.res.dcat.title", "en")))
    return Package(out, key, tuple(files), modified, time.perf_counter() - started)


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _temporal(reports: pd.DataFrame, indicators: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """What the data cover: from the earliest report or indicator year to the latest."""
    starts, ends = [], []
    if not reports.empty:
        dates = pd.to_datetime(reports["report_date"])
        starts.append(dates.min().date())
        ends.append(dates.max().date())
    years = indicators["year"].dropna() if not indicators.empty else []
    if len(years):
        starts.append(dt.date(int(min(years)), 1, 1))
        ends.append(dt.date(int(max(years)), 12, 31))
    return (min(starts), max(ends)) if starts else None


def _datapackage(files: list[File], settings: Settings, modified: dt.datetime | None,
                 temporal: tuple[dt.date, dt.date] | None, sources: list[str]) -> dict:
    keywords = [k.strip() for lang in ("lv", "en") for k in t("od.keywords", lang).split(";")]
    contributor = {"title": settings.publisher, "role": "publisher", "path": settings.contact_url}
    if settings.contact_email:
        contributor["email"] = settings.contact_email
    out: dict = {
        "profile": "tabular-data-package",
        "name": "ogp-monitor-latvija",
        "title": t("od.dataset.title", "lv"),
        "title_en": t("od.dataset.title", "en"),
        "description": t("od.dataset.description", "lv"),
        "description_en": t("od.dataset.description", "en"),
        "keywords": keywords,
        "licenses": [{"name": settings.licence.id, "path": settings.licence.url, "title": settings.licence.title}],
        "contributors": [contributor],
        "sources": [{"title": t("od.source.reports", "lv")}] + [{"title": s} for s in sources],
        "update_frequency": settings.frequency_uri,
        "created": dt.datetime.now().replace(microsecond=0).isoformat(),
    }
    if settings.public_url:
        out["id"] = settings.base_url + "datapackage.json"
        out["homepage"] = settings.public_url + "/atvertie-dati"
    if modified:
        out["modified"] = modified.isoformat()
    if temporal:
        out["temporal"] = {"start": temporal[0].isoformat(), "end": temporal[1].isoformat()}
    out["resources"] = [_resource(f) for f in files]
    return out


def _resource(f: File) -> dict:
    kind = "indicators" if f.kind == "indicators" else "measures"
    out = {"name": f.resource, "path": f.path, "profile": "tabular-data-resource", "title": f.title_lv,
           "title_en": f.title_en, "description": f.description_lv, "description_en": f.description_en,
           "format": f.format, "mediatype": f.media_type}
    if f.format == "csv":
        out["encoding"] = "utf-8"
        out["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True,
                          "header": True}
        # frictionless 5.21 counts and hashes the bytes of text files only (for Parquet it compares with
        # "None" and fails): the Parquet files' size and SHA-256 are in dcat.jsonld and on the page.
        out.update({"bytes": f.bytes, "hash": f"sha256:{f.sha256}"})
    out.update({"rows": f.rows, "schema": table_schema(kind, f.format)})
    return out


# ---- serving: one atomic switch ---------------------------------------------

def static_root() -> Path:
    """The folder Streamlit serves at ``/app/static/``: ``static/`` beside app.py, or ``$OGP_STATIC_DIR``
    (only for running the app from another folder, as the HTTP test does; Streamlit itself always
    serves the ``static/`` folder next to the script it runs)."""
    return Path(os.environ.get("OGP_STATIC_DIR") or db.ROOT / "static")


def serves(db_file: str | os.PathLike | None) -> bool:
    """Whether a publication into ``db_file`` updates the served package: the dashboard's own database
    (``$OGP_DB`` or data/ogp.duckdb), or any when ``$OGP_STATIC_DIR`` names where packages go. An
    ingest into a scratch copy (a benchmark, a trial run) must not replace what the dashboard serves."""
    if os.environ.get("OGP_STATIC_DIR"):
        return True
    return db.db_path(db_file).resolve() == db.db_path(None).resolve()


def served_dir(root: str | os.PathLike | None = None) -> Path | None:
    """The folder ``/app/static/open-data/`` serves now (None: nothing is served yet)."""
    link = Path(root or static_root()) / LINK
    target = link.resolve() if link.is_symlink() else None
    return target if target is not None and (target / "datapackage.json").is_file() else None


def served_key(root: str | os.PathLike | None = None) -> str | None:
    served = served_dir(root)
    return served.name.rsplit("-", 1)[-1] if served else None


@contextmanager
def _locked(versions: Path):
    """One writer at a time: the threads of this process, and other processes on the same folder (an
    flock on the folder itself, so no lock file sits in what is served)."""
    with _THREAD_LOCK:
        fd = os.open(versions, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the flock


def write_package_atomically(con, root: str | os.PathLike | None = None, settings: Settings | None = None,
                             attempts: int = 3) -> Package:
    """Build the package into a fresh folder under ``ROOT/.open-data/`` and switch ``ROOT/open-data`` to
    it in one step (a new symlink renamed over the old one). Until that step nothing served changes;
    a build that raises removes its half-written folder and leaves the previous package served. The
    package served until the switch is kept (downloads under way finish), older ones are deleted."""
    settings = settings or Settings.from_env()
    root = Path(root or static_root())
    versions = root / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    with _locked(versions):
        for _ in range(attempts):
            building = Path(tempfile.mkdtemp(prefix=".building-", dir=versions))
            try:
                package = build_package(con, building, settings)
                break
            except StateChanged:
                shutil.rmtree(building, ignore_errors=True)
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                raise
        else:
            raise StateChanged(f"the published state changed during {attempts} builds in a row")
        building.chmod(0o755)  # mkdtemp makes it private; a proxy serving static/ may run as another user
        final = versions / f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%fZ}-{package.key}"
        os.rename(building, final)
        published.fsync(versions)
        previous = served_dir(root)
        _switch(root, final)
        # The package served until now stays (downloads under way finish); older ones go.
        _clean(versions, keep={final.name} | ({previous.name} if previous is not None else set()))
    return replace(package, directory=final)


def _switch(root: Path, final: Path) -> None:
    link = root / LINK
    if link.exists() and not link.is_symlink():  # a real folder left there by hand: move it aside once
        os.rename(link, root / VERSIONS / f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%fZ}-manual")
    temporary = root / f".{LINK}-{os.getpid()}-{threading.get_ident()}.link"
    temporary.unlink(missing_ok=True)
    os.symlink(os.path.relpath(final, root), temporary)  # relative: the checkout can move
    os.replace(temporary, link)  # rename(2): atomic, readers see the old target or the new one
    published.fsync(root)


def _clean(versions: Path, keep: set[str]) -> None:
    """Delete every package but ``keep``, and half-built folders of builds that died (the lock is held,
    so no other build is running)."""
    for entry in versions.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def refresh(con, root: str | os.PathLike | None = None, settings: Settings | None = None) -> Package | None:
    """Make ``/app/static/open-data/`` serve the package of the current published state.

    Call it after every publish, restore (rollback) and withdrawal has committed (``store/`` cannot
    call it: it sits below ``reports/``). Cheap when nothing changed: the served package's name holds
    the digest of the publication log and settings it was built from, and a package that is already
    current is not rebuilt (returns None). Raises when the package cannot be written; what was
    served before stays served.
    """
    settings = settings or Settings.from_env()
    root = Path(root or static_root())
    if served_key(root) == package_key(con, settings):
        return None
    return write_package_atomically(con, root, settings)


def write_package_into(con, target: str | os.PathLike, settings: Settings | None = None) -> Package:
    """``python -m ogp_monitor open-data DIR``: build beside ``target``, then put it in place (a package
    already there is replaced whole). Refuses (ValueError) a folder that holds anything but a package,
    and a link (the served ``open-data`` is switched by ``refresh``, never replaced by hand)."""
    settings = settings or Settings.from_env()
    target = Path(target)
    if target.is_symlink():
        raise ValueError(f"{target}: a link, not a folder (to update the served package, run open-data without DIR)")
    if target.exists() and (not target.is_dir() or
                            any(target.iterdir()) and not (target / "datapackage.json").is_file()):
        raise ValueError(f"{target}: not empty and not an open data package; give an empty or new folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        package = build_package(con, building, settings)
        building.chmod(0o755)
        if target.exists():
            shutil.rmtree(target)
        os.rename(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return replace(package, directory=target)


def served_package(root: str | os.PathLike | None = None) -> tuple[dict, dict[str, int]] | None:
    """The served ``datapackage.json`` and the size of every file beside it (for the Open data page)."""
    served = served_dir(root)
    if served is None:
        return None
    try:
        descriptor = json.loads((served / "datapackage.json").read_text(encoding="utf-8"))
        sizes = {p.name: p.stat().st_size for p in served.iterdir() if p.is_file()}
    except (OSError, ValueError):  # switched and cleaned between two reads: the caller reads again
        return None
    return descriptor, sizes
