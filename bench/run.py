"""The benchmark suite (issue 8): one table of sizes, metrics, values and targets.

    python bench/run.py                      # everything (make bench)
    python bench/run.py --sizes s --only ingest,pages --out /tmp/x   # the smoke check

Sections:
  ingest  per size: CLI ``python -m ogp_monitor ingest`` into a fresh database,
          pandas.read_excel(openpyxl) on the same file, python-calamine's raw
          read; each in its own subprocess, wall time from outside, peak RSS of
          that child from os.wait4.
  pages   every page of app.py's navigation with AppTest, on the sample
          database and on the largest ingested one, cold (st.cache_data
          cleared) and warm (median of reruns); in a subprocess per database.
  browser headless Chromium: navigation to the overview's charts drawn,
          against bench/floor_app.py (one chart) in the same run.
  deck    ogp_monitor.reports.deck.powerpoint.build_deck for the sample plan and the largest plan.
  round   a collection round of 60 institutions and 600 measures (bench/round_bench.py): start, the
          workbooks and their ZIP, collecting 60 returns, the tracker, close.

Writes the table to bench/out/latest.md (or --out DIR) and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py, next to this file)
from ogp_monitor.store import published  # noqa: E402

PY = sys.executable
SECTIONS = ("ingest", "pages", "browser", "deck", "round")
PAGE_TIMEOUT = 60  # seconds; a page slower than this is reported as timed out


@dataclass
class Row:
    size: str
    metric: str
    value: str
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        met = "" if self.met is None else ("yes" if self.met else "NO")
        return [self.size, self.metric, self.value, self.target, met]


# ---- helpers -----------------------------------------------------------------

def child(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run ``args`` in ROOT; return (wall s, peak RSS MiB of exactly this child, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            tail = err.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(map(str, args[:5]))} exited {proc.returncode}:\n{tail}")
        return wall, usage.ru_maxrss / 1024, out.read().decode(errors="replace")


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- ingest --------------------------------------------------------------------

BASELINE = """
import sys, pandas as pd
sheets = pd.read_excel(sys.argv[1], sheet_name=None, engine="openpyxl")
print(sum(len(f) for f in sheets.values()))
"""

RAW_CALAMINE = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
print(sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names))
"""


def bench_ingest(size: generate.Size, work: Path, rows: list[Row], repeat: int) -> Path:
    """Time CLI ingest, the openpyxl baseline and the raw calamine read on one size's file."""
    path = generate.ensure(size)
    label = f"{size.name} ({size.measures:,} measures, {size.indicator_values:,} indicator values)"
    mb = path.stat().st_size / 1024 / 1024
    rows.append(Row(size.name, "file", f"{mb:.1f} MB; {label}"))
    db_file = work / f"ingest_{size.name}.duckdb"
    cli_times, cli_rss, out = [], 0.0, ""
    for _ in range(repeat):
        # A new database each time, with no published copy beside it: a copy left from the previous
        # run would make the ingest's first read (the plans it matches against) 200k rows, not none.
        db_file.unlink(missing_ok=True)
        shutil.rmtree(published.published_dir(db_file), ignore_errors=True)
        wall, rss, out = child([PY, "-m", "ogp_monitor", "ingest", str(path), "--db", str(db_file), "--by", "bench"])
        cli_times.append(wall)
        cli_rss = max(cli_rss, rss)
    n_measures = int(re.search(r"measures\s+(\d+)", out).group(1))
    n_indicators = int(re.search(r"indicators\s+(\d+)", out).group(1))
    if n_measures != size.measures or n_indicators != size.indicator_values:
        raise RuntimeError(f"ingest of {path.name} stored {n_measures} measures and {n_indicators} "
                           f"indicators, expected {size.measures} and {size.indicator_values}")
    cli = statistics.median(cli_times)
    base, base_rss, _ = child([PY, "-c", BASELINE, str(path)])
    raw, raw_rss, _ = child([PY, "-c", RAW_CALAMINE, str(path)])
    big = size.name == "l"
    rows.append(Row(size.name, "ingest, CLI end to end", fmt_s(cli)))
    rows.append(Row(size.name, "baseline read_excel(openpyxl)", fmt_s(base)))
    rows.append(Row(size.name, "raw calamine read", fmt_s(raw)))
    rows.append(Row(size.name, "ingest speed-up vs openpyxl", f"{base / cli:.1f}×",
                    "≥ 3×" if big else "", (base / cli >= 3) if big else None))
    rows.append(Row(size.name, "ingest / raw calamine", f"{cli / raw:.2f}×",
                    "≤ 1.5×" if big else "", (cli / raw <= 1.5) if big else None))
    rows.append(Row(size.name, "peak RSS: CLI / openpyxl / calamine",
                    f"{cli_rss:.0f} / {base_rss:.0f} / {raw_rss:.0f} MiB"))
    # The ingest above writes into a scratch database, so it leaves the served open data package alone
    # (reports/open_data.serves); on the dashboard's own database a publish also writes the package:
    # timed here on its own, as the `open-data DIR` command.
    package_dir = work / f"open_data_{size.name}"
    wall, rss, out = child([PY, "-m", "ogp_monitor", "open-data", str(package_dir), "--db", str(db_file)])
    files = re.search(r": (\d+) files, (\d+) kB in ([\d.]+) s", out)
    rows.append(Row(size.name, "open data package (CLI open-data)",
                    f"{fmt_s(wall)} ({files.group(1)} files, {int(files.group(2)) / 1024:.0f} MB; "
                    f"build {files.group(3)} s; {rss:.0f} MiB)"))
    return db_file


# ---- pages (AppTest, in a child process per database) ----------------------------

def page_files() -> list[str]:
    """Pages in app.py's navigation (st.Page("views/x.py", ...)), else the views/ folder."""
    listed = re.findall(r"st\.Page\(\s*[\"'](views/[^\"']+\.py)[\"']", (ROOT / "app.py").read_text(encoding="utf-8"))
    found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "views").glob("*.py"))
    return list(dict.fromkeys(listed)) or found


def pages_child(db_file: str, warm_runs: int) -> None:
    """Runs inside the child: print one JSON line of {page: {cold, warm, error}}."""
    os.environ["OGP_DB"] = db_file
    os.chdir(ROOT)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from ogp_monitor.web import auth

    def fresh() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=PAGE_TIMEOUT)
        # Signed in as an analyst, so the analyst-only pages (upload, history) are registered too.
        at.session_state[getattr(auth, "_SESSION_KEY", "analyst")] = "bench"
        return at.run()

    results: dict[str, dict] = {}
    at = fresh()
    for page in page_files():
        print(f"  page {page}", file=sys.stderr, flush=True)
        st.cache_data.clear()
        try:
            t0 = time.perf_counter()
            at.switch_page(page).run()
            cold = time.perf_counter() - t0
            warm = []
            for _ in range(warm_runs):
                t0 = time.perf_counter()
                at.run()
                warm.append(time.perf_counter() - t0)
        except RuntimeError as exc:  # AppTest's timeout: record it, carry on with a new session
            results[page] = {"cold": None, "warm": None, "error": str(exc)[:200]}
            at = fresh()
            continue
        errors = [str(e.value)[:200] for e in at.exception]
        results[page] = {"cold": cold, "warm": statistics.median(warm), "error": errors[0] if errors else ""}
    print(json.dumps(results))


def bench_pages(label: str, db_file: Path, rows: list[Row], warm_target: float, work: Path,
                warm_runs: int) -> None:
    # A copy, so the child never holds a lock on a file another step uses.
    copy = work / f"pages_{label}.duckdb"
    shutil.copy(db_file, copy)
    _, rss, out = child([PY, str(Path(__file__).resolve()), "--pages-child", str(copy),
                         "--warm-runs", str(warm_runs)],
                        env={"OGP_ANALYST_PASSWORD": "bench-only-password"})
    results = json.loads(out.strip().splitlines()[-1])
    for page, r in results.items():
        name = Path(page).stem
        if r["cold"] is None:
            rows.append(Row(label, f"page {name}, cold", f"> {PAGE_TIMEOUT} s (timed out)", "≤ 2 s", False))
            continue
        if r["error"]:
            rows.append(Row(label, f"page {name}: exception", r["error"], "none", False))
            continue
        rows.append(Row(label, f"page {name}, cold", fmt_s(r["cold"]), "≤ 2 s", r["cold"] <= 2.0))
        rows.append(Row(label, f"page {name}, warm", fmt_s(r["warm"]), f"≤ {warm_target * 1000:.0f} ms",
                        r["warm"] <= warm_target))
    rows.append(Row(label, "pages: peak RSS", f"{rss:.0f} MiB"))


# ---- browser ---------------------------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _serve(script: str, db_file: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [PY, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "OGP_DB": str(db_file)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import urllib.request
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"streamlit run {script} did not come up")


ALL_CHARTS_DRAWN = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
    return app && app.getAttribute("data-test-script-state") === "notRunning" && charts.length > 0
        && charts.every(c => { const svg = c.querySelector(".main-svg");
                               return svg && svg.getBoundingClientRect().width > 0; });
}"""


def _time_to_chart(browser, url: str) -> float:
    """Navigation start to every Plotly chart of the page drawn (script finished), in a fresh session."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_function(ALL_CHARTS_DRAWN, timeout=60_000)
        elapsed = time.perf_counter() - t0
        if page.locator("[data-testid='stException']").count():
            raise RuntimeError(f"{url}: the page shows an exception")
        return elapsed
    finally:
        context.close()


def bench_browser(db_file: Path, rows: list[Row], work: Path, repeat: int = 5) -> None:
    from playwright.sync_api import sync_playwright

    copy = work / "browser.duckdb"
    shutil.copy(db_file, copy)
    servers = [_serve("app.py", copy), _serve("bench/floor_app.py", copy)]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            try:
                times: dict[str, list[float]] = {"app": [], "floor": []}
                for (_, url), key in zip(servers, times):
                    _time_to_chart(browser, url)  # warm-up: first compile of the script, static assets
                for _ in range(repeat):  # interleaved, so both see the same machine load
                    for (_, url), key in zip(servers, times):
                        times[key].append(_time_to_chart(browser, url))
            finally:
                browser.close()
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=20)
    app, floor = statistics.median(times["app"]), statistics.median(times["floor"])
    rows.append(Row("sample", "browser: overview charts drawn", fmt_s(app)))
    rows.append(Row("sample", "browser: one-chart floor page", fmt_s(floor)))
    rows.append(Row("sample", "browser: overview / floor", f"{app / floor:.2f}×", "≤ 1.5×", app / floor <= 1.5))


# ---- deck ------------------------------------------------------------------------

def bench_deck(label: str, db_file: Path, rows: list[Row], target: float | None) -> None:
    _, _, out = child([PY, str(Path(__file__).resolve()), "--deck-child", str(db_file)])
    result = json.loads(out.strip().splitlines()[-1])
    rows.append(Row(label, f"deck build ({result['plan']}, {result['n_measures']} measures, "
                           f"{result['slides']} slides)", fmt_s(result["seconds"]),
                    f"< {target:.0f} s" if target else "", (result["seconds"] < target) if target else None))


def deck_child(db_file: str) -> None:
    """Runs inside the child: build the deck of the plan with the most measures; print JSON."""
    from io import BytesIO

    from pptx import Presentation

    from ogp_monitor.reports.deck import powerpoint
    from ogp_monitor.store import db

    con = db.connect(db_file, read_only=True)
    try:
        cur = con.cursor()
        sid = db.current_snapshot_id(cur)
        plan, n = cur.execute("select plan_id, count(*) from measure where snapshot_id = ? group by 1 "
                              "order by 2 desc, 1 limit 1", [sid]).fetchone()
        cur.close()
        t0 = time.perf_counter()
        data = powerpoint.build_deck(con, plan, snapshot_id=sid, lang="lv")
        seconds = time.perf_counter() - t0
    finally:
        con.close()
    slides = len(Presentation(BytesIO(data)).slides)
    print(json.dumps({"plan": plan, "n_measures": n, "seconds": seconds, "slides": slides}))


# ---- table -----------------------------------------------------------------------

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return (f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, "
            f"{mem_kb / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}")


def table(rows: list[Row]) -> str:
    header = ["size", "metric", "value", "target", "met?"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def seed_sample(path: Path) -> Path:
    path.unlink(missing_ok=True)
    child([PY, "-m", "ogp_monitor", "seed", "--db", str(path)])
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="s,m,l", help="comma-separated sizes (s, m, l)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--out", default=str(generate.OUT), help="folder for latest.md")
    parser.add_argument("--warm-runs", type=int, default=5, help="warm reruns per page (median)")
    parser.add_argument("--pages-child", help=argparse.SUPPRESS)
    parser.add_argument("--deck-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pages_child:
        pages_child(args.pages_child, warm_runs=args.warm_runs)
        return 0
    if args.deck_child:
        deck_child(args.deck_child)
        return 0

    sizes = [generate.SIZES[s] for s in args.sizes.split(",") if s]
    only = set(args.only.split(","))
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ogp_bench_") as tmp:
        work = Path(tmp)
        sample_db = seed_sample(work / "sample.duckdb")
        largest_db = None
        if "ingest" in only:
            for size in sizes:
                print(f"ingest {size.name} ...", file=sys.stderr, flush=True)
                largest_db = bench_ingest(size, work, rows, repeat=3 if size.measures <= 20_000 else 1)
        largest = sizes[-1].name if sizes else ""
        if "pages" in only:
            print("pages ...", file=sys.stderr, flush=True)
            bench_pages("sample", sample_db, rows, 0.150, work, args.warm_runs)
            if largest_db is not None:
                bench_pages(largest, largest_db, rows, 0.500, work, args.warm_runs)
        if "browser" in only:
            print("browser ...", file=sys.stderr, flush=True)
            bench_browser(sample_db, rows, work)
        if "deck" in only:
            print("deck ...", file=sys.stderr, flush=True)
            bench_deck("sample", sample_db, rows, 15.0)
            if largest_db is not None:
                bench_deck(largest, largest_db, rows, None)
        if "round" in only:
            print("round ...", file=sys.stderr, flush=True)
            _, _, out = child([PY, str(ROOT / "bench" / "round_bench.py")])
            for line in out.strip().splitlines():
                metric, rest = line[:45].strip(), line[45:].split(" s  ", 1)
                rows.append(Row("60 × 600", f"{metric} ({rest[1].strip()})", fmt_s(float(rest[0]))))
    total = time.perf_counter() - started
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    text = (f"Machine: {machine()}\n\nRun: {time.strftime('%Y-%m-%d %H:%M')}, {fmt_s(total)} in total "
            f"(`python bench/run.py --sizes {args.sizes} --only {args.only}`); load average at the end "
            f"{load} (1/5/15 min; the cores are shared, so times vary between runs)\n\n{table(rows)}\n")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
