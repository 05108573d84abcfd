"""Feed files to the real CLI ingest, one forked process per file, and measure each one's peak memory.

The parent imports the application once (so every file does not pay for
importing pandas and DuckDB), then forks a child per file. The child runs
``python -m ogp_monitor ingest FILE --db DB`` in-process through ``cli.main``
with its stdout/stderr captured, and records the problems ``pipeline.check``
returned (in both languages). The parent collects the child's exit status and
peak resident memory with ``os.wait4`` — the kernel's own figure for that one
process, including whatever the Rust reader allocates, which tracemalloc
would not see.

    python -m tests.hostile.runner DB FILE... > results.jsonl
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback


def _child(path: str, db_path: str, out_dir: str) -> int:
    from ogp_monitor import cli
    from ogp_monitor.store import pipeline

    seen: list = []
    real_check = pipeline.check

    def recording_check(*args, **kwargs):
        checked = real_check(*args, **kwargs)
        seen.append(checked)
        return checked

    pipeline.check = recording_check
    err = open(os.path.join(out_dir, "stderr"), "w", encoding="utf-8")
    out = open(os.path.join(out_dir, "stdout"), "w", encoding="utf-8")
    sys.stderr, sys.stdout = err, out
    try:
        # --yes: these small files replace a sample plan; the removal guard is tested elsewhere
        code = cli.main(["ingest", path, "--db", db_path, "--lang", "lv", "--by", "hostile-test", "--yes"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc(file=err)
        code = 99
    problems = [{"severity": p.severity, "code": p.code, "place": p.place, "lv": p.message_lv,
                 "en": p.message_en, "fix_lv": p.fix_lv, "fix_en": p.fix_en}
                for c in seen for p in c.problems]
    with open(os.path.join(out_dir, "problems.json"), "w", encoding="utf-8") as fh:
        json.dump(problems, fh, ensure_ascii=False)
    err.flush(), out.flush()
    return code


def run_one(path: str, db_path: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # child
            code = 98
            try:
                code = _child(path, db_path, tmp)
            finally:
                os._exit(code)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started

        def read(name: str) -> str:
            try:
                with open(os.path.join(tmp, name), encoding="utf-8") as fh:
                    return fh.read()
            except FileNotFoundError:
                return ""

        problems = json.loads(read("problems.json") or "[]")
        return {"file": path, "exit": os.waitstatus_to_exitcode(status), "peak_rss_mb": usage.ru_maxrss / 1024,
                "seconds": round(seconds, 3), "stdout": read("stdout"), "stderr": read("stderr"),
                "problems": problems}


def main(argv: list[str]) -> int:
    db_path, files = argv[0], argv[1:]
    import ogp_monitor.cli  # noqa: F401  (import everything once, before forking)
    import ogp_monitor.store.pipeline  # noqa: F401
    with open("/proc/self/status", encoding="ascii") as fh:  # current RSS: ru_maxrss survives exec
        baseline = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024
    print(json.dumps({"baseline_rss_mb": baseline}), flush=True)
    for path in files:
        print(json.dumps(run_one(path, db_path), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
