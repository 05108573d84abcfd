"""Command line: ingest, publish, rollback, query, snapshots, template, seed, deck, round, open-data (same code
path as the dashboard)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import time
from pathlib import Path

import pandas as pd

from .store import db, pipeline, publishing

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
    # The file is read and checked against the published state without the writers' lock (seconds
    # for a large file); the lock is held only to compare with the working state and store.
    reader = db.connect_published(args.db)
    try:
        known = pipeline.known_measures(reader)
    finally:
        reader.close()
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
    with db.writing(args.db, on_wait=_waiting) as con:
        removals = pipeline.removals_against(checked.clean, pipeline.known_measures(con))
        if removals and not args.yes:
            for r in removals:
                print(f"{r.plan_id}: publishing would remove {r.n_removed} of its {r.n_current} current measures "
                      f"({', '.join(r.measure_nos[:15])}{' …' if r.n_removed > 15 else ''}); the council would no "
                      "longer see them on any page, export or deck.", file=sys.stderr)
            print(f"{path.name}: not published; run again with --yes if these measures are meant to go. "
                  "The database is unchanged.", file=sys.stderr)
            return EXIT_REFUSED
        result = pipeline.store(con, checked, uploaded_by=args.by, progress=steps)
    served = None if result.duplicate else _serve_open_data(args.db)
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
    con = db.connect_published(args.db)  # the published copy: never waits for a writer
    try:
        frame = db.run_query(con, args.name, **_params(args.param))
    except (KeyError, TypeError) as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    if args.format == "csv":
        from .reports import exports  # openpyxl: not loaded for an ingest

        sys.stdout.buffer.write(exports.to_csv_bytes(frame))
    else:
        with pd.option_context("display.max_rows", 500, "display.max_columns", 50, "display.width", 200,
                               "display.max_colwidth", 60):
            print(frame.to_string(index=False))
    return 0


def cmd_snapshots(args: argparse.Namespace) -> int:
    with db.writing(args.db, on_wait=_waiting) as con:  # every upload, published or not: the working database
        frame = db.run_query(con, "snapshots")
    if frame.empty:
        print("no snapshots yet")
        return 0
    shown = frame.drop(columns=["sha256", "plans", "first_published_at"]).assign(
        parts=["; ".join(p) for p in frame["parts"]], current_parts=["; ".join(p) or "–" for p in frame["current_parts"]])
    with pd.option_context("display.max_colwidth", 80, "display.width", 250):
        print(shown.to_string(index=False))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from .ingest.template import build_template  # openpyxl: imported by the commands that write Excel

    Path(args.out).write_bytes(build_template())
    print(f"wrote {args.out}")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    """Create the database from the shipped sample exports when it has no snapshot yet."""
    with db.writing(args.db, on_wait=_waiting) as con:
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
    served = _serve_open_data(args.db)
    if served:
        print(served)
    return 0


def _serve_open_data(db_file: str | None) -> str | None:
    """After a publication has committed: make static/open-data/ serve the published state (a fresh
    clone's `make run` then serves it); returns the line to print. A failure is reported on stderr and
    does not undo the publication (the exit code stays 0); the previous package stays served."""
    from .reports import open_data

    if not open_data.serves(db_file):
        return (f"  open data    not written: the dashboard serves {db.db_path(None)}, not this database "
                f"(`python -m ogp_monitor open-data --db {db_file} DIR` writes its package)")
    try:
        con = db.connect_published(db_file)  # the published copy the writer has just written
        try:
            package = open_data.refresh(con)
        finally:
            con.close()
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

    if args.person:
        return _personal_password_line(args.person)
    people = passwords.personal_verifiers()
    if people:
        print(f"analyst passwords: personal, {len(people)} in [{passwords.PEOPLE_TABLE}] of .streamlit/secrets.toml")
        return 0
    if args.reset:
        passwords.hash_file(args.db).unlink(missing_ok=True)
    verifier = passwords.load_verifier(args.db, announce=lambda message: print(message, flush=True))
    where = {"env": f"${passwords.ENV_VAR}", "secrets": ".streamlit/secrets.toml",
             "generated": str(passwords.hash_file(args.db))}[verifier.source]
    print(f"analyst password: set ({where})")
    return 0


def _personal_password_line(name: str) -> int:
    """Ask for a person's password (twice, not echoed; or one line on stdin) and print the line for
    ``[analyst_passwords]`` in secrets.toml: the name and only the password's scrypt hash."""
    from .web import passwords

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {name}: ")
        if getpass.getpass("again: ") != password:
            print("the two passwords differ", file=sys.stderr)
            return EXIT_REFUSED
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        print("a personal password needs at least 12 characters", file=sys.stderr)
        return EXIT_REFUSED
    hashed = passwords.Verifier.from_password(password, "personal").serialise().strip()
    escaped = name.strip().replace("\\", "\\\\").replace('"', '\\"')
    print(f"# add under [{passwords.PEOPLE_TABLE}] in .streamlit/secrets.toml:")
    print(f'"{escaped}" = "{hashed}"')
    return 0


def cmd_deck(args: argparse.Namespace) -> int:
    """Write the council's meeting deck (PPTX, and with --pdf also a PDF) of one plan."""
    from .reports.deck import pdf, powerpoint

    started = time.perf_counter()
    con = db.connect_published(args.db)
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


def _waiting(seconds: float) -> None:
    print(f"waiting for another writer to finish (the dashboard or another command, {seconds:.0f} s so far); "
          "nothing has been changed yet", file=sys.stderr, flush=True)


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish an upload that is waiting for review (as the upload page's Publish button)."""
    with db.writing(args.db, on_wait=_waiting) as con:
        try:
            info = publishing.snapshot_info(con, args.snapshot)
        except KeyError:
            print(f"publish: no snapshot {args.snapshot} (see `snapshots`)", file=sys.stderr)
            return EXIT_REFUSED
        if info["is_published"]:
            print(f"snapshot {args.snapshot} is already published; use rollback to make it current again",
                  file=sys.stderr)
            return EXIT_REFUSED
        preview = publishing.preview(con, args.snapshot)
        try:
            publishing.publish(con, args.snapshot, args.by, expected=preview.base, confirm_removals=args.yes)
        except publishing.NeedsConfirmation:
            for r in preview.removals:
                print(f"{r.plan_id}: publishing would remove {r.n_removed} of its {r.n_current} current measures; "
                      "run again with --yes if that is meant", file=sys.stderr)
            return EXIT_REFUSED
    print(f"published snapshot {args.snapshot} ({info['file_name']}; {', '.join(info['parts'])})")
    served = _serve_open_data(args.db)
    if served:
        print(served)
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    """Make an earlier published upload current again (as the History page's rollback)."""
    with db.writing(args.db, on_wait=_waiting) as con:
        try:
            publishing.rollback(con, args.snapshot, args.by)
        except (ValueError, KeyError) as exc:
            print(f"rollback: {str(exc).strip(chr(39))}", file=sys.stderr)
            return EXIT_REFUSED
        info = publishing.snapshot_info(con, args.snapshot)
    print(f"snapshot {args.snapshot} is current again ({', '.join(info['current_parts'])})")
    served = _serve_open_data(args.db)
    if served:
        print(served)
    return 0


def cmd_round(args: argparse.Namespace) -> int:
    """A collection round: start, collect, status, remind, close, reopen, cancel, list."""
    from .store import rounds

    with db.writing(args.db, on_wait=_waiting) as con:
        try:
            return ROUND_STEPS[args.step](con, args, rounds)
        except rounds.RoundError as exc:
            print(f"round {args.step}: {exc.text(args.lang)}", file=sys.stderr)
            return EXIT_REFUSED


def _round_start(con, args, rounds) -> int:
    r = rounds.start(con, plan_id=args.plan, as_of=args.as_of, due=args.due, by=args.by,
                     include_partners=args.include_partners)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    books = rounds.workbooks(con, r.round_id)
    for name, content in books.items():
        (out / name).write_bytes(content)
    print(f"round {r.round_id} started: {r.plan_id}, as of {r.as_of:%d.%m.%Y}"
          + (f", due {r.due:%d.%m.%Y}" if r.due else "")
          + f"; filled from the report of {r.base_report_date:%d.%m.%Y}")
    print(f"wrote {len(books)} workbook(s) to {out}/ (one per {'institution' if r.include_partners else 'lead institution'})")
    return 0


def _round_collect(con, args, rounds) -> int:
    files = []
    for name in args.files:
        try:
            files.append((Path(name).name, Path(name).read_bytes()))
        except OSError as exc:
            print(f"{name}: cannot read file ({exc.strerror})", file=sys.stderr)
            return EXIT_REFUSED
    results = rounds.collect(con, files, by=args.by)
    for result in results:
        who = f" ({result.institution})" if result.institution else ""
        if result.duplicate:
            print(f"{result.file_name}{who}: identical to a file already collected; nothing changed")
        elif result.accepted:
            print(f"{result.file_name}{who}: collected, {result.n_answered} of {result.n_rows} measures answered")
        else:
            kept = " (kept in the round's history)" if result.return_id else ""
            print(f"{result.file_name}{who}: not accepted, {len(result.errors)} error(s){kept}", file=sys.stderr)
        for problem in result.problems:
            prefix = "" if problem.is_error else "piezīme / notice: "
            print(f"  {prefix}{problem.line(args.lang)}", file=sys.stderr if problem.is_error else sys.stdout)
    return 0 if all(r.accepted for r in results) else EXIT_REFUSED


def _round_status(con, args, rounds) -> int:
    r = rounds.the_open_round(con, args.round)
    frame = rounds.status(con, r.round_id, today=args.today)
    if args.format == "csv":
        from .reports import exports

        sys.stdout.buffer.write(exports.to_csv_bytes(frame, decimal=".", sep=","))
        return 0
    print(f"round {r.round_id}: {r.plan_id}, as of {r.as_of:%d.%m.%Y}"
          + (f", due {r.due:%d.%m.%Y}" if r.due else "") + f" ({r.state})")
    shown = frame[["institution", "n_measures", "n_answered", "n_no_information", "returned_at", "returned_by",
                   "n_problems", "state", "is_overdue"]]
    shown = shown.astype(object).where(shown.notna(), "")
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        print(shown.to_string(index=False))
    return 0


def _round_remind(con, args, rounds) -> int:
    from .reports import reminders

    r = rounds.the_open_round(con, args.round)
    frame = rounds.status(con, r.round_id, today=args.today)
    silent = frame[frame["n_answered"] < frame["n_measures"]] if args.all else frame[frame["is_overdue"]]
    if args.institution:
        silent = frame[frame["institution"] == args.institution]
    if silent.empty:
        print("no institution to remind")
        return 0
    for institution in silent["institution"]:
        measures = rounds.silent_measures(con, r.round_id, institution)
        print(reminders.reminder(r, institution, measures, args.lang))
        print("\n" + "-" * 72 + "\n")
    return 0


def _round_close(con, args, rounds) -> int:
    r = rounds.the_open_round(con, args.round)
    closed = rounds.close(con, r.round_id, by=args.by)
    if closed.already:
        print(f"round {r.round_id} was already closed (merged report: snapshot {closed.snapshot_id}); nothing done")
    else:
        print(f"round {r.round_id} closed: merged report stored as snapshot {closed.snapshot_id} (not published); "
              f"measures with new information: {closed.n_answered}, carried forward: {closed.n_carried_forward}")
    if args.out:
        content = db.original_file(con, closed.snapshot_id)
        Path(args.out).write_bytes(content or b"")
        print(f"wrote {args.out}")
    if not args.publish:
        print("publish it with: python -m ogp_monitor round close --publish (or on the page Datu vākšana)")
        return 0
    try:
        sid = rounds.publish(con, r.round_id, by=args.by, confirm_removals=args.yes)
    except rounds.publishing.NeedsConfirmation as exc:
        print(f"not published: it would remove more than a third of a plan's measures ({exc}); "
              "run again with --yes if that is meant", file=sys.stderr)
        return EXIT_REFUSED
    print(f"published snapshot {sid}: {r.plan_id} as of {r.as_of:%d.%m.%Y}")
    served = _serve_open_data(args.db)
    if served:
        print(served)
    return 0


def _round_reopen(con, args, rounds) -> int:
    r = rounds.the_open_round(con, args.round)
    rounds.reopen(con, r.round_id, by=args.by)
    print(f"round {r.round_id} is open again; its unpublished merged report was discarded")
    return 0


def _round_cancel(con, args, rounds) -> int:
    r = rounds.the_open_round(con, args.round)
    rounds.cancel(con, r.round_id, by=args.by)
    print(f"round {r.round_id} cancelled")
    return 0


def _round_list(con, args, rounds) -> int:
    found = rounds.rounds(con)
    if not found:
        print("no rounds yet")
    for r in found:
        print(f"{r.round_id}  {r.plan_id}  as of {r.as_of:%d.%m.%Y}  {r.state}"
              + (f"  merged report: snapshot {r.merged_snapshot_id}" if r.merged_snapshot_id else ""))
    return 0


ROUND_STEPS = {"start": _round_start, "collect": _round_collect, "status": _round_status, "remind": _round_remind,
               "close": _round_close, "reopen": _round_reopen, "cancel": _round_cancel, "list": _round_list}


def cmd_open_data(args: argparse.Namespace) -> int:
    """Write the open data package of the published state: into DIR, or (without DIR) where the
    dashboard serves it, static/open-data/ (switched in one step)."""
    from .reports import open_data

    try:
        settings = open_data.Settings.from_env()
    except ValueError as exc:
        print(f"open-data: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    con = db.connect_published(args.db)
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

    by = getpass.getuser() if hasattr(getpass, "getuser") else "cli"
    p = with_db(sub.add_parser("publish", help="publish an upload that waits for review (see `snapshots`)"))
    p.add_argument("snapshot", type=int)
    p.add_argument("--yes", action="store_true",
                   help="publish even when it removes more than a third of a plan's current measures")
    p.add_argument("--by", default=by, help="who publishes (recorded)")
    p.set_defaults(func=cmd_publish)

    p = with_db(sub.add_parser("rollback", help="make an earlier published upload current again"))
    p.add_argument("snapshot", type=int)
    p.add_argument("--by", default=by, help="who rolls back (recorded)")
    p.set_defaults(func=cmd_rollback)

    p = sub.add_parser("template", help="write a blank export template")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)

    p = with_db(sub.add_parser("seed", help="load the shipped sample when the database is empty"))
    p.add_argument("--force", action="store_true", help="load the sample even if data exists")
    p.set_defaults(func=cmd_seed)

    p = with_db(sub.add_parser("password", help="make sure the analyst password exists (generate and print "
                                                 "one if none is configured)"))
    p.add_argument("--reset", action="store_true", help="forget a generated password and make a new one")
    p.add_argument("--person", metavar="NAME", help="print the secrets.toml line of a personal password for NAME "
                                                     "(asked for, or one line on stdin; only its hash is printed)")
    p.set_defaults(func=cmd_password)

    by = getpass.getuser() if hasattr(getpass, "getuser") else "cli"
    p = sub.add_parser("round", help="a collection round: workbooks to institutions, answers back, one merged report")
    steps = p.add_subparsers(dest="step", required=True)

    def step(name: str, text: str, one_round: bool = True) -> argparse.ArgumentParser:
        s = steps.add_parser(name, help=text)
        s.add_argument("--db", help="DuckDB file (default: $OGP_DB or data/ogp.duckdb)")
        s.add_argument("--by", default=by, help="who does it (recorded)")
        s.add_argument("--lang", choices=("lv", "en"), default="lv", help="language of messages")
        if one_round:
            s.add_argument("--round", help="round id (default: the only unfinished round)")
        s.set_defaults(func=cmd_round)
        return s
    s = step("start", "start a round for one plan and write one workbook per institution", one_round=False)
    s.add_argument("--plan", required=True, help="the plan (e.g. '5. plāns 2022–2025')")
    s.add_argument("--as-of", type=_date, required=True, help="the date the report states (YYYY-MM-DD)")
    s.add_argument("--due", type=_date, help="the date the workbooks are due back (YYYY-MM-DD)")
    s.add_argument("--out", required=True, help="folder to write the workbooks to")
    s.add_argument("--include-partners", action="store_true",
                   help="also ask partner institutions (their notes are added after the lead's)")
    s = step("collect", "collect returned workbooks (validated like an upload; nothing is published)",
             one_round=False)
    s.add_argument("files", nargs="+")
    s = step("status", "the tracker: per institution measures, answered, returned at/by, problems")
    s.add_argument("--format", choices=("table", "csv"), default="table")
    s.add_argument("--today", type=_date, help="judge 'overdue' as of this date (default: today)")
    s = step("remind", "print reminder texts (Latvian or --lang en) for the institutions that have not answered")
    s.add_argument("--institution", help="only this institution")
    s.add_argument("--all", action="store_true", help="every institution with unanswered measures, due or not")
    s.add_argument("--today", type=_date, help="judge 'overdue' as of this date (default: today)")
    s = step("close", "merge the answers into one report (stored unpublished; --publish publishes it)")
    s.add_argument("--publish", action="store_true", help="publish the merged report")
    s.add_argument("--yes", action="store_true",
                   help="publish even when it removes more than a third of a plan's current measures")
    s.add_argument("--out", help="also write the merged report as a workbook in the standard format")
    step("reopen", "discard a closed round's unpublished merged report and open the round again")
    step("cancel", "cancel an open round")
    step("list", "list the rounds", one_round=False)

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
    except BrokenPipeError:  # the output piped into `head` and the like, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # one line for the user, never a traceback (OGP_DEBUG=1 shows it)
        if os.environ.get("OGP_DEBUG"):
            raise
        print(f"{args.command}: {_explain(exc)}", file=sys.stderr)
        return EXIT_FAILED
