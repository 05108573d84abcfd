"""The open data package (reports/open_data.py): it validates with frictionless, its rows are the
database's published rows, its DCAT-AP file names every distribution, nothing unpublished or from the
analysts' side is in it, hostile texts come out exactly as typed, and the served package is switched
in one step: a failed build leaves the previous one, and a rollback brings back the earlier files."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import frictionless
import pandas as pd
import pytest
import rdflib

from ogp_monitor import cli
from ogp_monitor.reports import open_data
from ogp_monitor.reports.open_data_schema import field_names, table_schema
from ogp_monitor.store import db, pipeline, publishing, table_files

from .conftest import SAMPLE_DIR
from .test_hostile_texts import HOSTILE, hostile_export

TOUR = SAMPLE_DIR / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"
PLAN5 = "5. plāns 2022–2025"
ANALYST = "Anna Analītiķe-Bērziņa"
BASE = "https://ogp.example.lv/app/static/open-data/"
# Plain namespaces: rdflib's closed DCAT/DCTERMS classes warn when pytest inspects this module's names.
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
RDF = rdflib.RDF
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
# rdflib 7.6's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
JSONLD_WARNING = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"


def build(path: Path, out: Path, settings: open_data.Settings | None = None) -> open_data.Package:
    con = db.connect(path, read_only=True)
    try:
        return open_data.build_package(con, out, settings or open_data.Settings())
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_package(sample_db_file, tmp_path_factory) -> open_data.Package:
    return build(sample_db_file, tmp_path_factory.mktemp("package") / "open-data")


def descriptor(directory: Path) -> dict:
    return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def count(path: Path, sql: str, params: list | None = None) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return int(con.execute(sql, params or []).fetchone()[0])
    finally:
        con.close()


def publish(path: Path, file: Path | bytes, by: str = ANALYST, name: str | None = None) -> int:
    content = file if isinstance(file, bytes) else file.read_bytes()
    checked = pipeline.check(content, name or (file.name if isinstance(file, Path) else "upload.xlsx"))
    assert checked.ok, [p.line("en") for p in checked.errors]
    con = db.connect(path)
    try:
        return pipeline.store(con, checked, uploaded_by=by).snapshot_id
    finally:
        con.close()


# ---- the package --------------------------------------------------------------------------------

def test_the_sample_package_validates_with_frictionless(sample_package):
    report = frictionless.validate(str(sample_package.directory / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    names = {task.name for task in report.tasks}
    assert {"measures", "measures-parquet", "indicators", "indicators-parquet"} <= names
    assert {task.stats["rows"] for task in report.tasks if task.name == "measures"} == {47}


def test_the_frictionless_command_line_says_valid(sample_package):
    command = Path(sys.executable).parent / "frictionless"
    if not command.exists():
        pytest.skip("the frictionless command is not installed beside this Python")
    proc = subprocess.run([str(command), "validate", "--json", "datapackage.json"], cwd=sample_package.directory,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert json.loads(proc.stdout)["valid"] is True


def test_the_validator_would_notice_a_broken_file(sample_package, tmp_path):
    """The validation above can fail: a duplicated key and an unknown status are reported."""
    broken = tmp_path / "broken"
    shutil.copytree(sample_package.directory, broken)
    rows = (broken / "measures.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (broken / "measures.csv").write_text("".join(rows + [rows[1].replace("not_started", "finished")]),
                                         encoding="utf-8")
    meta = descriptor(broken)
    for resource in meta["resources"]:
        if resource["name"] == "measures":
            del resource["bytes"], resource["hash"]
    (broken / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    report = frictionless.validate(str(broken / "datapackage.json"))
    types = {error[1] for error in report.flatten(["taskNumber", "type"])}
    assert not report.valid and {"primary-key", "constraint-error"} <= types, types


def test_row_counts_match_the_database(sample_package, sample_db_file):
    directory = sample_package.directory
    current = count(sample_db_file, "select count(*) from report_measures(null, null)")
    indicators = count(sample_db_file, "select count(*) from report_indicators(null)")
    assert current == 47 and indicators == 32
    assert len(read_csv(directory / "measures.csv")) == current
    assert len(read_csv(directory / "indicators.csv")) == indicators
    con = duckdb.connect()
    for name, expected in (("measures", current), ("indicators", indicators)):
        parquet = str(directory / f"{name}.parquet")
        assert con.execute("select count(*) from read_parquet(?)", [parquet]).fetchone()[0] == expected
        columns = [r[0] for r in con.execute("describe select * from read_parquet(?)", [parquet]).fetchall()]
        assert columns == field_names(name)
    types = dict(con.execute("select column_name, column_type from (describe select * from read_parquet(?))",
                             [str(directory / "measures.parquet")]).fetchall())
    assert types["report_date"] == "DATE" and types["progress_pct"] == "DOUBLE" and types["plan_id"] == "VARCHAR"
    # one file per published report of each plan, with that report's rows
    reports = duckdb.connect(str(sample_db_file), read_only=True).execute(
        "select plan_id, report_date, count(*) from plan_report join measure using (snapshot_id, plan_id) "
        "group by all order by all").fetchall()
    files = {(f.plan_id, f.report_date): f for f in sample_package.files if f.kind == "measures_report"}
    assert len(reports) == len(files) == 3
    for plan, day, n in reports:
        f = files[(plan, day)]
        rows = read_csv(directory / f.path)
        assert len(rows) == n == f.rows
        assert {r["report_date"] for r in rows} == {day.isoformat()} and {r["plan_id"] for r in rows} == {plan}


def test_per_report_files_are_named_by_plan_and_date(sample_package):
    names = sorted(f.path for f in sample_package.files if f.kind == "measures_report")
    assert names == ["measures_5-plans-2022-2025_2025-03-27.csv", "measures_5-plans-2022-2025_2025-09-29.csv",
                     "measures_6-plans-2026-2027_2025-09-29.csv"]


def test_plans_whose_names_fold_alike_never_share_a_file():
    reports = pd.DataFrame({"plan_id": ["5. plāns", "5 plans", "../../etc/passwd <b>", "5. plāns"],
                            "report_date": pd.to_datetime(["2025-03-27", "2025-03-27", "2025-03-27", "2025-09-29"])})
    names = open_data.report_file_names(reports)
    assert len(set(names.values())) == 4
    assert all(n.startswith("measures_") and n.endswith(".csv") and "/" not in n and n.isascii() for n in names.values())
    assert names[("../../etc/passwd <b>", pd.Timestamp("2025-03-27").date())] == "measures_etc-passwd-b_2025-03-27.csv"


def test_machine_csv_is_utf8_comma_iso_dates_and_decimal_point(sample_package):
    data = (sample_package.directory / "measures.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    header = data.split(b"\r\n", 1)[0].decode("utf-8")
    assert header.split(",") == field_names("measures")
    rows = read_csv(sample_package.directory / "measures.csv")
    assert {r["report_date"] for r in rows} == {"2025-09-29"}
    assert all(r["deadline_date"] == "" or len(r["deadline_date"]) == 10 and r["deadline_date"][4] == "-" for r in rows)
    values = [r["value"] for r in read_csv(sample_package.directory / "indicators.csv")]
    assert all("," not in v for v in values) and any("." in v for v in values)
    assert "Valsts kanceleja" in {r["lead_institution"] for r in rows}  # Latvian letters intact, not escaped


def test_every_field_is_described_in_both_languages_with_keys_and_enums(sample_package):
    meta = descriptor(sample_package.directory)
    for resource in meta["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"]
        for field in schema["fields"]:
            for key in ("title", "description", "title_en", "description_en"):
                assert field.get(key), f"{resource['name']}.{field['name']} has no {key}"
            assert field["title"] != field["title_en"] or field["name"] == "ogp_id"
    measures = {f["name"]: f for f in table_schema("measures")["fields"]}
    assert measures["status_group"]["constraints"]["enum"] == ["not_started", "in_progress", "advanced", "withdrawn"]
    assert "Pabeigts vai būtisks progress" in measures["status_label"]["constraints"]["enum"]
    assert table_schema("measures")["primaryKey"] == ["plan_id", "measure_no"]
    assert table_schema("indicators")["primaryKey"] == ["indicator", "area", "year"]


def test_licence_publisher_frequency_and_the_trust_figures_sources(sample_package, sample_db_file):
    meta = descriptor(sample_package.directory)
    assert meta["licenses"][0]["name"] == "CC-BY-4.0"
    assert meta["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert meta["contributors"][0]["title"] == "Valsts kanceleja" and meta["contributors"][0]["role"] == "publisher"
    assert meta["update_frequency"] == "http://publications.europa.eu/resource/authority/frequency/IRREG"
    con = duckdb.connect(str(sample_db_file), read_only=True)
    sources = {r[0] for r in con.execute("select distinct source from report_indicators(null)").fetchall()}
    assert sources and sources <= {s["title"] for s in meta["sources"]}
    assert meta["temporal"] == {"start": "2021-01-01", "end": "2025-09-29"}


@pytest.mark.filterwarnings(JSONLD_WARNING)
def test_dcat_parses_as_json_ld_and_names_every_distribution(sample_db_file, tmp_path):
    package = build(sample_db_file, tmp_path / "pkg", open_data.Settings(public_url="https://ogp.example.lv"))
    graph = rdflib.Graph().parse(package.directory / "dcat.jsonld", format="json-ld")
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    assert str(dataset) == BASE + "dcat.jsonld#dataset"
    downloads = {str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)}
    expected = {BASE + f.path for f in package.files if f.kind != "dcat"}
    assert downloads == expected and len(expected) == 8
    for d in graph.objects(dataset, DCAT.distribution):
        assert (d, RDF.type, DCAT.Distribution) in graph
        assert graph.value(d, DCTERMS.license) is not None and graph.value(d, DCAT.byteSize) is not None
    licence = graph.value(dataset, DCTERMS.license)
    assert str(licence) == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert "Valsts kanceleja" in {str(n) for n in graph.objects(publisher, rdflib.URIRef("http://xmlns.com/foaf/0.1/name"))}
    contact = graph.value(dataset, DCAT.contactPoint)
    assert graph.value(contact, VCARD.fn) is not None
    assert str(graph.value(dataset, DCTERMS.accrualPeriodicity)).endswith("/frequency/IRREG")
    period = graph.value(dataset, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2021-01-01"
    assert graph.value(dataset, DCTERMS.modified) is not None
    assert len(list(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    # the same graph is valid Turtle too (what a harvester that prefers it would get by converting)
    assert len(rdflib.Graph().parse(data=graph.serialize(format="turtle"), format="turtle")) == len(graph)


@pytest.mark.filterwarnings(JSONLD_WARNING)
def test_without_a_public_url_the_dcat_links_resolve_against_where_the_file_was_fetched(sample_package):
    graph = rdflib.Graph().parse(sample_package.directory / "dcat.jsonld", format="json-ld",
                                 publicID=BASE + "dcat.jsonld")
    downloads = {str(o) for o in graph.objects(None, DCAT.downloadURL)}
    assert BASE + "measures.csv" in downloads and all(d.startswith(BASE) for d in downloads)


def test_settings_come_from_the_environment_with_safe_defaults():
    default = open_data.Settings.from_env({})
    assert default.licence.id == "CC-BY-4.0" and default.publisher == "Valsts kanceleja" and default.base_url == ""
    custom = open_data.Settings.from_env({"OGP_OPEN_DATA_LICENCE": "CC0-1.0", "OGP_PUBLIC_URL": "https://x.lv/",
                                          "OGP_OPEN_DATA_FREQUENCY": "annual_2",
                                          "OGP_OPEN_DATA_CONTACT_EMAIL": "atverta.parvaldiba@example.lv"})
    assert custom.licence.eu_uri.endswith("/CC0") and custom.base_url == "https://x.lv/app/static/open-data/"
    assert custom.frequency_uri.endswith("/ANNUAL_2") and custom.contact_email == "atverta.parvaldiba@example.lv"
    for bad in ({"OGP_OPEN_DATA_LICENCE": "MIT"}, {"OGP_PUBLIC_URL": "ogp.lv"}, {"OGP_OPEN_DATA_FREQUENCY": "often"},
                {"OGP_OPEN_DATA_CONTACT_EMAIL": "nobody"}):
        with pytest.raises(ValueError):
            open_data.Settings.from_env(bad)


def test_an_empty_database_gives_a_valid_empty_package(empty_db, tmp_path):
    package = build(empty_db, tmp_path / "pkg")
    assert frictionless.validate(str(package.directory / "datapackage.json")).valid
    assert {f.rows for f in package.files if f.rows is not None} == {0}
    assert not [f for f in package.files if f.kind == "measures_report"]


# ---- what must never be in it ---------------------------------------------------------------------

def test_nothing_unpublished_and_nothing_from_the_analysts_side(fresh_db, tmp_path):
    publish(fresh_db, TOUR)  # published by ANALYST
    unpublished = hostile_export()
    con = db.connect(fresh_db)
    try:
        stage = publishing.check_and_stage(con, unpublished, "neredzams.xlsx", "Slepens Analītiķis")
        assert stage.snapshot_id is not None and not stage.published
    finally:
        con.close()
    package = build(fresh_db, tmp_path / "pkg")
    everything = "\n".join((package.directory / f.path).read_bytes().decode("utf-8", "replace") for f in package.files)
    for secret in (ANALYST, "Anna", "Slepens", "neredzams", ".xlsx", "sample", HOSTILE["emoji"], HOSTILE["rtl"]):
        assert secret not in everything, f"{secret!r} is in the open data"
    assert "2025-12-15" in everything  # the published tour report is
    assert sorted(p.name for p in package.directory.iterdir()) == sorted(f.path for f in package.files)


def test_hostile_texts_come_out_exactly_as_typed_in_every_format(fresh_db, tmp_path):
    checked = pipeline.check(hostile_export(), "naidigi_teksti.xlsx")
    con = db.connect(fresh_db)
    try:
        pipeline.store(con, checked, uploaded_by="tests")
    finally:
        con.close()
    package = build(fresh_db, tmp_path / "pkg")
    rows = read_csv(package.directory / "measures.csv")
    titles = {r["measure_title"] for r in rows}
    for key, text in HOSTILE.items():
        assert text in titles, f"{key} is altered in the machine-readable CSV"
    assert not any(t.startswith("'=") for t in titles), "machine-readable CSV is not formula-prefixed"
    assert '=HYPERLINK("http://x")' in {r["lead_institution"] for r in rows}
    parquet_titles = {r[0] for r in duckdb.connect().execute(
        "select measure_title from read_parquet(?)", [str(package.directory / "measures.parquet")]).fetchall()}
    assert set(HOSTILE.values()) <= parquet_titles
    assert frictionless.validate(str(package.directory / "datapackage.json")).valid
    # the texts sit in JSON strings, never in the metadata's structure
    assert json.loads((package.directory / "dcat.jsonld").read_text(encoding="utf-8"))["@graph"]


# ---- serving: one switch, the previous package kept ---------------------------------------------------

def served_bytes(root: Path) -> dict[str, bytes]:
    served = open_data.served_dir(root)
    return {p.name: p.read_bytes() for p in served.iterdir()}


def test_a_build_that_fails_half_way_leaves_the_previous_package_served(sample_db_file, tmp_path, monkeypatch):
    root = tmp_path / "static"
    con = db.connect(sample_db_file, read_only=True)
    try:
        first = open_data.write_package_atomically(con, root, open_data.Settings())
        before = served_bytes(root)
        real_write = table_files.write_csv
        calls = []

        def failing(con, frame, path, types):
            calls.append(path)
            if len(calls) == 2:  # measures.csv and .parquet written, then the disk fills up
                raise OSError(28, "No space left on device")
            return real_write(con, frame, path, types)

        monkeypatch.setattr(table_files, "write_csv", failing)
        with pytest.raises(OSError):
            open_data.write_package_atomically(con, root, open_data.Settings(publisher="Cits"))
    finally:
        con.close()
    assert len(calls) == 2
    assert open_data.served_dir(root) == first.directory
    assert served_bytes(root) == before
    assert [p.name for p in (root / open_data.VERSIONS).iterdir()] == [first.directory.name], "half-built folder left"


def test_a_publication_during_the_build_is_read_again(sample_db_file, tmp_path, monkeypatch):
    keys = iter(["a", "b", "b", "b"])  # the first build sees the state change under it
    monkeypatch.setattr(open_data, "package_key", lambda con, settings: next(keys))
    con = db.connect(sample_db_file, read_only=True)
    try:
        package = open_data.write_package_atomically(con, tmp_path / "static", open_data.Settings())
    finally:
        con.close()
    assert package.key == "b" and open_data.served_key(tmp_path / "static") == "b"
    assert len(list((tmp_path / "static" / open_data.VERSIONS).iterdir())) == 1


def test_publish_and_rollback_switch_the_served_files_and_restore_the_earlier_ones(fresh_db, tmp_path):
    root = tmp_path / "static"
    con = db.connect(fresh_db)
    try:
        assert open_data.refresh(con, root) is not None
        assert open_data.refresh(con, root) is None  # current: not rebuilt
        march_september = served_bytes(root)
    finally:
        con.close()
    december = publish(fresh_db, TOUR)
    con = db.connect(fresh_db)
    try:
        open_data.refresh(con, root)
        after_publish = served_bytes(root)
        assert "measures_5-plans-2022-2025_2025-12-15.csv" in after_publish
        assert b"2025-12-15" in after_publish["measures.csv"]
        assert after_publish["indicators.csv"] == march_september["indicators.csv"]  # a one-plan report

        publishing.withdraw(con, december, ANALYST)
        open_data.refresh(con, root)
        assert served_bytes(root).keys() == march_september.keys()
        for name, data in march_september.items():
            if name not in ("datapackage.json", "dcat.jsonld"):  # these carry the time of the withdrawal
                assert served_bytes(root)[name] == data, f"{name} differs after the rollback"

        publishing.rollback(con, december, ANALYST)  # restore the December report
        open_data.refresh(con, root)
        assert served_bytes(root)["measures.csv"] == after_publish["measures.csv"]
    finally:
        con.close()
    kept = sorted(p.name for p in (root / open_data.VERSIONS).iterdir())
    assert len(kept) == 2, f"the served package and the previous one only: {kept}"
    assert os.readlink(root / open_data.LINK).startswith(open_data.VERSIONS + "/")  # relative link


# ---- the command line ------------------------------------------------------------------------------------

def test_cli_writes_a_package_into_a_folder_and_refuses_a_foreign_one(sample_db_file, tmp_path, capsys):
    target = tmp_path / "out"
    assert cli.main(["open-data", str(target), "--db", str(sample_db_file)]) == 0
    out = capsys.readouterr().out
    assert "measures.csv" in out and "47 rows" in out and f"wrote {target}: 9 files" in out
    assert frictionless.validate(str(target / "datapackage.json")).valid
    (target / "stale.csv").write_text("from an earlier run", encoding="utf-8")
    assert cli.main(["open-data", str(target), "--db", str(sample_db_file)]) == 0  # a package is replaced whole
    assert not (target / "stale.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no half-built folder left beside it"

    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("keep me", encoding="utf-8")
    assert cli.main(["open-data", str(foreign), "--db", str(sample_db_file)]) == cli.EXIT_REFUSED
    assert (foreign / "letter.txt").read_text(encoding="utf-8") == "keep me"
    link = tmp_path / "served"
    link.symlink_to(target)  # e.g. static/open-data: switched by the server, never replaced by hand
    assert cli.main(["open-data", str(link), "--db", str(sample_db_file)]) == cli.EXIT_REFUSED
    assert "a link" in capsys.readouterr().err and (target / "datapackage.json").is_file()


def test_seed_ingest_and_the_cli_serve_the_package(tmp_path, monkeypatch, capsys):
    static = tmp_path / "static"
    monkeypatch.setenv("OGP_STATIC_DIR", str(static))
    database = tmp_path / "seeded.duckdb"
    assert cli.main(["seed", "--db", str(database)]) == 0
    assert "open data    9 files" in capsys.readouterr().out
    assert (static / "open-data" / "datapackage.json").is_file()
    assert cli.main(["open-data", "--db", str(database)]) == 0
    assert "already serves" in capsys.readouterr().out

    assert cli.main(["ingest", str(TOUR), "--db", str(database), "--by", "anna"]) == 0
    out = capsys.readouterr().out
    assert out.index("snapshot 3 published") < out.index("open data    10 files")
    assert (static / "open-data" / "measures_5-plans-2022-2025_2025-12-15.csv").is_file()
    assert "anna" not in (static / "open-data" / "datapackage.json").read_text(encoding="utf-8")
    assert cli.main(["ingest", str(TOUR), "--db", str(database)]) == 0  # identical: nothing published
    assert "open data" not in capsys.readouterr().out

    monkeypatch.setenv("OGP_OPEN_DATA_LICENCE", "no-such-licence")
    assert cli.main(["open-data", "--db", str(database)]) == cli.EXIT_REFUSED


def test_an_ingest_into_another_database_leaves_the_served_package_alone(sample_db_file, tmp_path, monkeypatch,
                                                                        capsys):
    """A benchmark or a trial run ingests into a scratch copy: the dashboard's package must not become
    that copy's. Without $OGP_STATIC_DIR only the dashboard's database ($OGP_DB) updates it."""
    static = tmp_path / "static"
    monkeypatch.delenv("OGP_STATIC_DIR", raising=False)
    monkeypatch.setattr(open_data, "static_root", lambda: static)
    served, scratch = tmp_path / "served.duckdb", tmp_path / "scratch.duckdb"
    shutil.copy(sample_db_file, served)
    shutil.copy(sample_db_file, scratch)
    monkeypatch.setenv("OGP_DB", str(served))
    assert cli.main(["ingest", str(TOUR), "--db", str(scratch)]) == 0
    out = capsys.readouterr().out
    assert "snapshot 3 published" in out and "open data    not written" in out and str(served) in out
    assert not static.exists()
    assert cli.main(["ingest", str(TOUR), "--db", str(served)]) == 0
    assert "open data    10 files" in capsys.readouterr().out
    assert (static / "open-data" / "measures_5-plans-2022-2025_2025-12-15.csv").is_file()


def test_a_failed_package_does_not_fail_the_ingest_that_published(fresh_db, tmp_path, monkeypatch, capsys):
    """The publication has committed when the package is written: a failure there is reported, the
    exit code stays 0, the new report is current, and the previous package is still served."""
    static = tmp_path / "static"
    monkeypatch.setenv("OGP_STATIC_DIR", str(static))
    con = db.connect(fresh_db)
    try:
        before = open_data.refresh(con).directory
    finally:
        con.close()
    monkeypatch.setenv("OGP_OPEN_DATA_FREQUENCY", "sometimes")  # the package cannot be written
    assert cli.main(["ingest", str(TOUR), "--db", str(fresh_db)]) == 0
    captured = capsys.readouterr()
    assert "snapshot 3 published" in captured.out
    assert "open data: not updated" in captured.err and "OGP_OPEN_DATA_FREQUENCY" in captured.err
    assert count(fresh_db, "select count(*) from report_measures(null, null) where report_date = '2025-12-15'") == 26
    assert open_data.served_dir(static) == before
    assert b"2025-12-15" not in (before / "measures.csv").read_bytes()
