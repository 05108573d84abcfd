"""How many sessions at once: 1 dashboard process against 2 behind nginx (docs/performance.md).

A bounded loopback load: K simulated browsers (Streamlit's own WebSocket protocol, the messages a
browser sends: open a session, run the overview page, wait for the run to finish) each load the
overview 3 times, all K at once. K grows (5, 10, 20, 40, 60) until the first error or until the 95th
percentile page time exceeds 2 s. Also measured: publish-to-visible (CLI publish until a fresh
session of each process shows the new report) and a second writer's lock wait.

The client runs on the same 2 cores as the servers, so the numbers are a floor, not a capacity plan.

    .venv/bin/python bench/replicas_load.py [--levels 5,10,20,40,60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402  (installed with streamlit's server)

from ogp_monitor.store import db  # noqa: E402
from tests.browser.test_replicas import start_nginx  # noqa: E402

LIMIT_S = 2.0
TOUR = ROOT / "data" / "sample" / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"


async def load_page(base: str, query: str = "") -> tuple[float, str]:
    """One fresh session runs the main page; returns (seconds, all text the page sent)."""
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    started = time.perf_counter()
    async with connect(ws_url, origin=base, max_size=64 << 20, subprotocols=["streamlit"]) as conn:
        msg = BackMsg_pb2.BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_script_hash = ""
        await conn.send(msg.SerializeToString())
        texts = []
        while True:
            raw = await asyncio.wait_for(conn.recv(), timeout=60)
            fwd = ForwardMsg_pb2.ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta":
                texts.append(str(fwd.delta))
                if fwd.delta.new_element.WhichOneof("type") == "exception":
                    raise RuntimeError("page raised: " + fwd.delta.new_element.exception.message)
            if kind == "script_finished":
                if fwd.script_finished != ForwardMsg_pb2.ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError(f"script finished with {fwd.script_finished}")
                return time.perf_counter() - started, "\n".join(texts)


async def level(base: str, k: int, rounds: int = 3) -> tuple[list[float], int]:
    times: list[float] = []
    errors = 0

    async def user() -> None:
        nonlocal errors
        for _ in range(rounds):
            try:
                seconds, _ = await load_page(base)
                times.append(seconds)
            except Exception:
                errors += 1
    await asyncio.gather(*(user() for _ in range(k)))
    return times, errors


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else (values[0] if values else float("nan"))


def ramp(base: str, levels: list[int]) -> list[tuple[int, float, float, int]]:
    rows = []
    for k in levels:
        times, errors = asyncio.run(level(base, k))
        rows.append((k, statistics.median(times) if times else float("nan"), p95(times), errors))
        print(f"  {k:3d} sessions: median {rows[-1][1]:.2f} s, p95 {rows[-1][2]:.2f} s, errors {errors}", flush=True)
        if errors or rows[-1][2] > LIMIT_S:
            break
    return rows


def main() -> None:
    from tests.browser.conftest import _stop, free_port, start_app_server

    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="5,10,20,40,60")
    levels = [int(x) for x in parser.parse_args().levels.split(",")]
    work = Path(tempfile.mkdtemp(prefix="ogp-replicas-bench-"))
    path = work / "ogp.duckdb"
    subprocess.run([sys.executable, "-m", "ogp_monitor", "seed", "--db", str(path)], cwd=ROOT, check=True,
                   capture_output=True)
    db.published_file(path)
    servers = [start_app_server(path, work) for _ in range(2)]
    port = free_port()
    nginx = start_nginx(work, port, [s.url.removeprefix("http://") for s in servers])
    proxy = f"http://127.0.0.1:{port}"
    try:
        for s in servers:  # warm: first run imports and caches
            asyncio.run(load_page(s.url))
        print("1 process (direct):")
        one = ramp(servers[0].url, levels)
        print("2 processes behind nginx:")
        two = ramp(proxy, levels)

        # A second writer waits for the first: a child holds the lock for 1.0 s from the moment it says
        # so; this process then times how long db.writing() takes to give it the database.
        holder = subprocess.Popen([sys.executable, "-c", "import time\nfrom ogp_monitor.store import db\n"
                                   "with db.writing():\n    print('held', flush=True)\n    time.sleep(1.0)"],
                                  cwd=ROOT, env={**os.environ, "OGP_DB": str(path)}, stdout=subprocess.PIPE, text=True)
        holder.stdout.readline()
        started = time.perf_counter()
        with db.writing(path):
            second_writer = time.perf_counter() - started
        holder.wait()
        alone_runs = []
        for _ in range(5):
            started = time.perf_counter()
            with db.writing(path):
                pass
            alone_runs.append(time.perf_counter() - started)
        alone = statistics.median(alone_runs)

        # Publish-to-visible: the CLI ingest returns, then fresh sessions on each process show the report.
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ogp_monitor", "ingest", str(TOUR), "--yes", "--db", str(path)],
                       cwd=ROOT, capture_output=True, check=True)
        published_s = time.perf_counter() - started
        visible = []
        for s in servers:
            t0 = time.perf_counter()
            _, text = asyncio.run(load_page(s.url))
            assert "15.12.2025" in text, "the new report is not visible"
            visible.append(time.perf_counter() - t0)
    finally:
        nginx.terminate()
        nginx.wait()
        for s in servers:
            _stop(s.process)
        shutil.rmtree(work, ignore_errors=True)

    def served(rows):
        ok = [k for k, _, p, e in rows if not e and p <= LIMIT_S]
        return max(ok) if ok else 0
    print(f"\nsessions at once within p95 <= {LIMIT_S:.0f} s and no error: 1 process {served(one)}, "
          f"2 processes {served(two)} (levels {levels})")
    print(f"publish (CLI ingest, end to end) {published_s:.2f} s; then a new session shows it in "
          f"{max(visible):.2f} s (the page run itself)")
    print(f"second writer: got the database {second_writer:.2f} s after a 1.0 s holder said it held it; "
          f"uncontended lock + open + close {alone * 1000:.0f} ms (median of 5)")
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
