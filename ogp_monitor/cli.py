"""Command line: ingest, query, snapshots, template, seed, deck, open-data (same code path as the dashboard)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import time
from pathlib import Path

import pandas as pd

from .ingest.template import build_template
from .reports import exports
from .store import db, pipeline

SAMPLE_DIR = db.ROOT / "data" / "sample"
EXIT_REFUSED = 2
EXIT_FAILED = 1


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


STEP_WORDS = {"read": "nolasa / reading", "check": "pārbauda / checking", "store": "saglabā / storing"}
PROGRESS_FROM_BYTES = 1024 * 1024  # files this large report each step on stderr (smaller ones are instant)


def _steps(size: int, show: bool):
    """One line per step on stderr (``2/3 pārbauda / checking (read: 3.1 s)``), or nothing."""
    if not show:
        return None
    state = {"name": None, "t": time.perf_counter()}

    def step(name: str) -> None:
        now = time.perf_counter()
        done = f" ({state['name']}: {now - state['t']:.1f} s)" if state["name"] else f" ({size / 1048576:.1f} MB)"
        i = pipeline.STEPS.index(name) + 1
        print(f"{i}/{len(pipeline.STEPS)} {STEP_WORDS[name]}{done}", file=sys.stderr, flush=True)
        state.update(name=name, t=now)
    return step


def cmd_ingest(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        print(f"{path}: cannot read file ({exc.strerror})", file=sys.stderr)
        return EXIT_REFUSED
    con = db.connect(args.db)
    try:
        known = pipeline.known_measures(con)
        steps = _steps(len(content), args.progress or len(content) >= PROGRESS_FROM_BYTES)
        checked = pipeline.check(content, path.name, report_date=args.report_date, plan_id=args.plan, known=known,
                                 progress=steps)
        for problem in checked.problems:
            if not problem.is_error:
                print(f"piezīme / notice: {problem.line(args.lang)}", file=sys.stderr)
        if not checked.ok:
            for problem in checked.errors:
                print(problem.line(args.lang), file=sys.stderr)
            print(f"{path.name}: refused, {len(checked.errors)} error(s); the database is unchanged.",
                  file=sys.stderr)
            return EXIT_REFUSED
        removals = pipeline.removals_against(checked.clean, known)
        if removals and not args.yes:
            for r in removals:
                print(f"{r.plan_id}: publishing would remove {r.n_removed} of its {r.n_current} current measures "
                      f"({', '.join(r.measure_nos[:15])}{' …' if r.n_removed > 15 else ''}); the council would no "
                      "longer see them on any page, export or deck.", file=sys.stderr)
            print(f"{path.name}: not published; run again with --yes if these measures are meant to go. "
                  "The database is unchanged.", file=sys.stderr)
            return EXIT_REFUSED
        result = pipeline.store(con, checked, uploaded_by=args.by, progress=steps)
        served = None if result.duplicate else _serve_open_data(con)
    finally:
        con.close()
    clean = checked.clean
    assert clean is not None
    if result.duplicate:
        print(f"{path.name}: identical to snapshot {result.snapshot_id} (same sha256); nothing added.")
        return 0
    counts = clean.row_counts()
    groups = clean.measures["status_group"].value_counts().to_dict()
    print(f"snapshot {result.snapshot_id} published from {path.name}")
    print(f"  report date  {clean.report_date:%d.%m.%Y}" if clean.report_date else "  report date  – (no measures)")
    print(f"  plans        {', '.join(sorted(clean.measures['plan_id'].unique())) or '– (unchanged)'}")
    print(f"  measures     {counts['measures']}  (" + ", ".join(f"{k} {v}" for k, v in sorted(groups.items())) + ")")
    print(f"  indicators   {counts['indicators']}")
    print(f"  schedule     {counts['schedule']}")
    print(f"  sha256       {checked.sha256}")
    if served:
        print(served)
    return 0


def _params(pairs: list[str]) -> dict[str, object]:
    params: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--param takes key=value, got {pair!r}")
        params[key] = int(value) if value.lstrip("-").isdigit() and key.endswith("_id") else value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    con = db.connect(args.db, read_only=db.db_path(args.db).exists())
    try:
        frame = db.run_query(con, args.name, **_params(args.param))
    except (KeyError, TypeError) as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    if args.format == "csv":
        sys.stdout.buffer.write(exports.to_csv_bytes(frame))
    else:
        with pd.option_context("display.max_rows", 500, "display.max_columns", 50, "display.width", 200,
                               "display.max_colwidth", 60):
            print(frame.to_string(index=False))
    return 0


def cmd_snapshots(args: argparse.Namespace) -> int:
    con = db.connect(args.db)
    try:
        frame = db.run_query(con, "snapshots")
    finally:
        con.close()
    if frame.empty:
        print("no snapshots yet")
        return 0
    shown = frame.drop(columns=["sha256", "plans", "first_published_at"]).assign(
        parts=["; ".join(p) for p in frame["parts"]], current_parts=["; ".join(p) or "–" for p in frame["current_parts"]])
    with pd.option_context("display.max_colwidth", 80, "display.width", 250):
        print(shown.to_string(index=False))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    Path(args.out).write_bytes(build_template())
    print(f"wrote {args.out}")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    """Create the database from the shipped sample exports when it has no snapshot yet."""
    con = db.connect(args.db)
    try:
        if db.current_snapshot_id(con) is not None and not args.force:
            print(f"{db.db_path(args.db)}: already has data; not seeded")
            return 0
        for path in sorted(SAMPLE_DIR.glob("*.xlsx")):
            checked = pipeline.check(path.read_bytes(), path.name)
            if not checked.ok:
                for problem in checked.errors:
                    print(problem.line("en"), file=sys.stderr)
                return EXIT_REFUSED
            result = pipeline.store(con, checked, uploaded_by="sample")
            print(f"seeded snapshot {result.snapshot_id} from {path.name}")
        served = _serve_open_data(con)
        if served:
            print(served)
    finally:
        con.close()
    return 0


def _serve_open_data(con) -> str | None:
    """After a publication has committed: make static/open-data/ serve the published state (a fresh
    clone's `make run` then serves it); returns the line to print. A failure is reported on stderr and
    does not undo the publication (the exit code stays 0); the previous package stays served."""
    from .reports import open_data

    try:
        package = open_data.refresh(con)
    except Exception as exc:
        print(f"open data: not updated ({_explain(exc)}); the publication stands and the previous package "
              "stays served. Run `python -m ogp_monitor open-data` to try again.", file=sys.stderr)
        return None
    if package is None:
        return None
    return f"  open data    {len(package.files)} files in {open_data.static_root() / open_data.LINK}"


def cmd_password(args: argparse.Namespace) -> int:
    """Make sure the analyst password exists: configured, stored as a hash, or generated now and
    printed once (``make run`` calls this before the server starts, so it is printed then)."""
    from .web import passwords

    if args.reset:
        passwords.hash_file(args.db).unlink(missing_ok=True)
    verifier = passwords.load_verifier(args.db, announce=lambda message: print(message, flush=True))
    where = {"env": f"${passwords.ENV_VAR}", "secrets": ".streamlit/secrets.toml",
             "generated": str(passwords.hash_file(args.db))}[verifier.source]
    print(f"analyst password: set ({where})")
    return 0


def cmd_deck(args: argparse.Namespace) -> int:
    """Write the council's meeting deck (PPTX, and with --pdf also a PDF) of one plan."""
    from .reports.deck import pdf, powerpoint

    started = time.perf_counter()
    con = db.connect(args.db, read_only=db.db_path(args.db).exists())
    try:
        content = powerpoint.build_deck(con, args.plan, args.snapshot, lang=args.lang)
    except LookupError as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    out = Path(args.out)
    out.write_bytes(content)
    print(f"wrote {out} ({len(content) // 1024} kB) in {time.perf_counter() - started:.1f} s")
    if args.pdf:
        pdf_path = out.with_suffix(".pdf")
        pdf_path.write_bytes(pdf.to_pdf(content))
        print(f"wrote {pdf_path}")
    return 0


def cmd_open_data(args: argparse.Namespace) -> int:
    """Write the open data package of the published state: into DIR, or (without DIR) where the
    dashboard serves it, static/open-data/ (switched in one step)."""
    from .reports import open_data

    try:
        settings = open_data.Settings.from_env()
    except ValueError as exc:
        print(f"open-data: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    con = db.connect(args.db, read_only=db.db_path(args.db).exists())
    try:
        if args.dir:
            try:
                package = open_data.write_package_into(con, args.dir, settings)
            except ValueError as exc:
                print(str(exc), file=sys.stderr)
                return EXIT_REFUSED
        else:
            package = (open_data.write_package_atomically(con, settings=settings) if args.force
                       else open_data.refresh(con, settings=settings))
            if package is None:
                print(f"{open_data.static_root() / open_data.LINK}: already serves the current published state")
                return 0
    finally:
        con.close()
    for f in package.files:
        rows = f"{f.rows:>6} rows" if f.rows is not None else " " * 11
        print(f"  {f.path:<46} {rows} {f.bytes / 1024:8.1f} kB")
    total = sum(f.bytes for f in package.files)
    where = args.dir or open_data.static_root() / open_data.LINK
    print(f"wrote {where}: {len(package.files)} files, {total / 1024:.0f} kB in {package.seconds:.2f} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ogp_monitor",
                                     description="OGP Monitor: Latvia's open government action plan monitoring")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", help="DuckDB file (default: $OGP_DB or data/ogp.duckdb)")
        return p

    p = with_db(sub.add_parser("ingest", help="validate an Excel export and publish it as a snapshot"))
    p.add_argument("file")
    p.add_argument("--report-date", type=_date,
                   help="report date (YYYY-MM-DD) when the file has no report-date column; wins over a date in "
                        "the file's title rows or name")
    p.add_argument("--plan", help="the plan of a file that names none in a column (e.g. '5. plāns 2022–2025'); "
                                  "wins over a plan in the title rows or file name")
    p.add_argument("--progress", action="store_true",
                   help="print each step (reading, checking, storing) on stderr; on by default from 1 MB")
    p.add_argument("--yes", action="store_true",
                   help="publish even when it removes more than a third of a plan's current measures")
    p.add_argument("--by", default=getpass.getuser() if hasattr(getpass, "getuser") else "cli",
                   help="who uploads (recorded in the snapshot)")
    p.add_argument("--lang", choices=("lv", "en"), default="lv", help="language of problem messages")
    p.set_defaults(func=cmd_ingest)

    p = with_db(sub.add_parser("query", help="run queries/NAME.sql on the current snapshot"))
    p.add_argument("name")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.set_defaults(func=cmd_query)

    p = with_db(sub.add_parser("snapshots", help="list uploads"))
    p.set_defaults(func=cmd_snapshots)

    p = sub.add_parser("template", help="write a blank export template")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)

    p = with_db(sub.add_parser("seed", help="load the shipped sample when the database is empty"))
    p.add_argument("--force", action="store_true", help="load the sample even if data exists")
    p.set_defaults(func=cmd_seed)

    p = with_db(sub.add_parser("password", help="make sure the analyst password exists (generate and print "
                                                 "one if none is configured)"))
    p.add_argument("--reset", action="store_true", help="forget a generated password and make a new one")
    p.set_defaults(func=cmd_password)

    p = with_db(sub.add_parser("deck", help="write the council's meeting deck (PowerPoint, optionally PDF)"))
    p.add_argument("out", help="the .pptx file to write")
    p.add_argument("--plan", help="plan id (default: the first plan of the snapshot)")
    p.add_argument("--snapshot", type=int, help="snapshot id (default: the current one)")
    p.add_argument("--lang", choices=("lv", "en"), default="lv")
    p.add_argument("--pdf", action="store_true", help="also write OUT.pdf (needs LibreOffice)")
    p.set_defaults(func=cmd_deck)

    p = with_db(sub.add_parser("open-data", help="write the open data package (Frictionless + DCAT-AP) of the "
                                                  "published state"))
    p.add_argument("dir", nargs="?", help="folder to write (replaced if it holds a package); without it, the "
                                          "package the dashboard serves at /app/static/open-data/")
    p.add_argument("--force", action="store_true", help="rebuild the served package even when it is current")
    p.set_defaults(func=cmd_open_data)
    return parser


def _explain(exc: Exception) -> str:
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if "lock" in text.lower():
        return ("the database is in use by another process (is the dashboard running on it?); stop it, "
                "or use --db / OGP_DB for another file. " + text)
    return f"{type(exc).__name__}: {text}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # one line for the user, never a traceback (OGP_DEBUG=1 shows it)
        if os.environ.get("OGP_DEBUG"):
            raise
        print(f"{args.command}: {_explain(exc)}", file=sys.stderr)
        return EXIT_FAILED
