"""The collection round at a ministry-wide scale: 60 institutions, 600 measures (synthetic, made up
here: names and texts are placeholders, not real institutions' data).

Times, on a database holding that one plan: starting the round (recipients recorded), writing every
institution's workbook and the ZIP, collecting all returns (each validated like an upload, matched and
stored in its own transaction), and closing (merge, standard workbook, check, store unpublished).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

if __name__ == "__main__":  # run directly: the project root on the path, as bench/run.py does
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ogp_monitor.ingest import round_book
from ogp_monitor.store import db, pipeline, rounds

PLAN = "9. plāns 2028–2029 (sintētisks)"
N_INSTITUTIONS, N_MEASURES = 60, 600


def synthetic_plan(seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    institutions = [f"Iestāde {i:02d}" for i in range(1, N_INSTITUTIONS + 1)]
    rows = []
    for k in range(N_MEASURES):
        commitment = k // 60 + 1
        lead = institutions[k % N_INSTITUTIONS]
        partners = rng.sample([i for i in institutions if i != lead], 2)
        rows.append({"plan_id": PLAN, "commitment_no": str(commitment), "commitment_title": f"Apņemšanās {commitment}",
                     "measure_no": f"{commitment}.{k % 60 + 1}", "measure_title": f"Sintētisks pasākums {k + 1}",
                     "lead_institution": lead, "partner_institutions": partners,
                     "status_label": rng.choice(["Nav uzsākts", "Uzsākts, izpilde procesā", "Pabeigts"]),
                     "start_date": dt.date(2028, 1, 1), "deadline_date": dt.date(2029, 6, 30),
                     "progress_note": f"Iepriekšējais apraksts {k + 1}", "progress_pct": float(rng.randint(0, 100)),
                     "ogp_id": "", "carried_forward": False})
    return pd.DataFrame(rows)


def _timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def run() -> list[tuple[str, float, str]]:
    """[(metric, seconds, note)]."""
    from tests.helpers import fill_round_workbook  # the same filling the tests use, as an institution would

    out = []
    with tempfile.TemporaryDirectory(prefix="ogp_round_bench_") as tmp:
        con = db.connect(Path(tmp) / "round.duckdb")
        content = round_book.report_workbook(synthetic_plan(), plan_id=PLAN, report_date=dt.date(2028, 6, 30))
        checked = pipeline.check(content, "plan.xlsx")
        assert checked.ok, [p.line("en") for p in checked.errors]
        pipeline.store(con, checked, uploaded_by="bench")
        seconds, r = _timed(lambda: rounds.start(con, plan_id=PLAN, as_of=dt.date(2028, 12, 31),
                                                 due=dt.date(2028, 12, 15), by="bench", include_partners=True))
        out.append(("round start (recipients recorded)", seconds, f"{N_INSTITUTIONS} institutions, {N_MEASURES} "
                                                                   "measures, 2 partners each"))
        seconds, books = _timed(lambda: rounds.workbooks(con, r.round_id))
        out.append(("round workbooks written", seconds, f"{len(books)} workbooks"))
        seconds, archive = _timed(lambda: rounds.workbooks_zip(con, r.round_id))
        out.append(("round ZIP for the page", seconds, f"{len(archive) / 1e6:.1f} MB"))
        filled = []
        for name, book in books.items():
            tag = round_book.read_tag(pipeline.check(book, name).clean.round_tag)
            answers = {no: {"Izpildes informācija": f"Atbilde par {no}", "Izpilde, %": 50}
                       for no in tag.lead_measures[: max(1, len(tag.lead_measures) - 2)]}
            filled.append((name, fill_round_workbook(book, answers)))
        per_file = []
        t0 = time.perf_counter()
        for name, book in filled:
            seconds, result = _timed(lambda: rounds.collect(con, [(name, book)], by="bench")[0])
            assert result.accepted, [p.line("en") for p in result.errors]
            per_file.append(seconds)
        total = time.perf_counter() - t0
        out.append(("round collect, all returns", total, f"{len(filled)} files, one at a time"))
        out.append(("round collect, one return (median)", statistics.median(per_file),
                    f"max {max(per_file):.2f} s"))
        seconds, status = _timed(lambda: rounds.status(con, r.round_id))
        out.append(("round tracker query", seconds, f"{len(status)} institutions"))
        seconds, closed = _timed(lambda: rounds.close(con, r.round_id, by="bench"))
        out.append(("round close (merge, workbook, check, store)", seconds,
                    f"{closed.n_answered} answered, {closed.n_carried_forward} carried forward"))
        con.close()
    return out


if __name__ == "__main__":
    for metric, seconds, note in run():
        print(f"{metric:45} {seconds:7.2f} s  {note}")
