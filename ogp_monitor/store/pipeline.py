"""read -> validate -> find the plan -> load: the one path from an Excel export to a snapshot.

The CLI and the upload page both call these functions. Parsing and
validation happen entirely before the database is written, so a refused file
leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..ingest.plans import match_plan
from ..ingest.problems import ERROR, NOTICE, Problem, RefusedFile
from ..ingest import isolated
from ..ingest.reader import MAX_FILE_BYTES, check_bytes, read_workbook
from ..ingest.titles import plan_in, same_plan
from ..ingest.validate import Clean, validate
from . import db

STEPS = ("read", "check", "store")  # the stages a long upload reports, in order
Progress = Callable[[str], None]  # called with each step's name as it starts

REMOVAL_SHARE = 1 / 3  # a publish that removes more than this share of a plan's measures needs a confirmation


@dataclass
class Checked:
    """A file that has been read and validated but not stored."""

    file_name: str
    content: bytes
    clean: Clean | None
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False  # not readable as a workbook at all (unsafe, encrypted, damaged...)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.clean is not None and not self.errors

    @property
    def sha256(self) -> str:
        return db.sha256(self.content)

    @property
    def plans(self) -> list[str]:
        """The plans whose measures the file holds."""
        return [] if self.clean is None else sorted(set(self.clean.measures["plan_id"].unique()))


def check(content: bytes, file_name: str, report_date: dt.date | None = None, plan_id: str | None = None,
          known: pd.DataFrame | None = None, max_bytes: int = MAX_FILE_BYTES,
          progress: Progress | None = None) -> Checked:
    """Read and validate; never raises for a bad file, returns its problems.

    ``plan_id`` is the plan given at upload for rows that name none. ``known`` (the current
    measures of every plan: plan_id, measure_no, measure_title) lets a file that names no plan be
    filed in the plan its measures match; without a match the file needs a plan (``no_plan``).
    """
    step = progress or (lambda name: None)
    step("read")
    try:
        archive = check_bytes(content, max_bytes)
        if isolated.wanted(archive):  # a large file: parsed in a child process while it is checked
            clean, problems = isolated.read_and_validate(content, archive, report_date=report_date, plan_id=plan_id,
                                                         file_name=file_name, on_read=lambda: step("check"))
        else:
            book = read_workbook(content, max_bytes=max_bytes)
            step("check")
            clean, problems = validate(book, report_date=report_date, plan_id=plan_id, file_name=file_name)
    except RefusedFile as refused:
        return Checked(file_name, content, None, [refused.problem], refused=True)
    if clean is not None:
        problems += resolve_plan(clean, known if known is not None else pd.DataFrame())
        if any(p.is_error for p in problems):
            clean = None
    return Checked(file_name, content, clean, problems)


def resolve_plan(clean: Clean, known: pd.DataFrame) -> list[Problem]:
    """File rows without a plan in the plan their measures match, or say that a plan is needed.

    A generic plan is never invented: either the match is clear (most measure numbers with equal
    titles, in one known plan), with a notice saying why, or the file is refused until the analyst
    names the plan (``--plan``, or the upload page's choice).
    """
    measures, schedule = clean.measures, clean.schedule
    problems: list[Problem] = _known_plan_ids(clean, sorted(set(known["plan_id"].unique())) if not known.empty else [])
    unnamed = measures["plan_id"] == ""
    if unnamed.any():
        found = match_plan(measures[unnamed], known)
        if found is None:
            return [_no_plan()]
        measures.loc[unnamed, "plan_id"] = found.plan_id
        problems.append(Problem(
            NOTICE, "plan_matched", "darbgrāmata / workbook",
            f"Failā nav norādīts plāns. {found.n_matched} no {found.n_measures} pasākumiem pēc numura un nosaukuma "
            f"atbilst plānam „{found.plan_id}”, tāpēc ziņojums pievienots tam.",
            f"The file names no plan. {found.n_matched} of its {found.n_measures} measures match plan "
            f"'{found.plan_id}' by number and title, so the report is filed there.", "", ""))
    plans = sorted(set(measures["plan_id"].unique()))
    no_plan_schedule = schedule["plan_id"] == ""
    if no_plan_schedule.any():
        if len(plans) != 1:
            return [_no_plan(schedule=True)]
        schedule.loc[no_plan_schedule, "plan_id"] = plans[0]
    return problems + _commitment_titles(measures, known)


def _known_plan_ids(clean: Clean, known_plans: list[str]) -> list[Problem]:
    """A plan the file names in other words (``Sestā … plāna 2026.–2029.``) is the known plan of the
    same number (``6. plāns 2026–2027``), so its history continues instead of splitting in two."""
    problems = []
    for plan in sorted(set(clean.measures["plan_id"].unique()) - set(known_plans) - {""}):
        ref = plan_in(plan)
        same = same_plan(ref, known_plans) if ref is not None and ref.pure else None
        if same is None:
            continue
        for frame in (clean.measures, clean.schedule):
            frame.loc[frame["plan_id"] == plan, "plan_id"] = same
        problems.append(Problem(NOTICE, "plan_known", "darbgrāmata / workbook",
                                f"„{plan}” ir zināmais plāns „{same}” (tas pats numurs); ziņojums pievienots tam.",
                                f"'{plan}' is the known plan '{same}' (the same number); the report is filed there.",
                                "", ""))
    return problems


def _commitment_titles(measures: pd.DataFrame, known: pd.DataFrame) -> list[Problem]:
    """A commitment the file numbers but does not name takes its title from the plan's current report;
    refused only when no report of the plan names it."""
    missing = measures["commitment_title"] == ""
    if not missing.any():
        return []
    titles = {} if known.empty or "commitment_title" not in known else {
        (p, c): t for p, c, t in known[["plan_id", "commitment_no", "commitment_title"]].drop_duplicates(
            ["plan_id", "commitment_no"]).itertuples(index=False)}
    filled = [titles.get((p, c), "") for p, c in measures.loc[missing, ["plan_id", "commitment_no"]].itertuples(index=False)]
    measures.loc[missing, "commitment_title"] = filled
    unknown = sorted({c for c, t in zip(measures.loc[missing, "commitment_no"], filled) if not t},
                     key=lambda c: (len(c), c))
    if not unknown:
        return [Problem(NOTICE, "commitment_titles_known", "darbgrāmata / workbook",
                        "Apņemšanās nosaukumi ņemti no plāna pašreizējā ziņojuma.",
                        "Commitment titles are taken from the plan's current report.", "", "")]
    return [Problem(ERROR, "no_commitment_title", "darbgrāmata / workbook",
                    f"Apņemšanās {', '.join(unknown)} nav nosaukuma, un neviens plāna ziņojums to nenosauc.",
                    f"Commitment(s) {', '.join(unknown)} have no title, and no report of the plan names them.",
                    "Pievienojiet kolonnu „Apņemšanās” vai virsrindu „1. apņemšanās: …”.",
                    "Add a 'Commitment' column or a section row 'Commitment 1: …'.")]


def _no_plan(schedule: bool = False) -> Problem:
    what_lv, what_en = ("Grafikā", "The schedule") if schedule else ("Failā", "The file")
    return Problem(ERROR, "no_plan", "darbgrāmata / workbook",
                   f"{what_lv} nav norādīts plāns, un pasākumi neatbilst nevienam zināmam plānam.",
                   f"{what_en} names no plan, and its measures match no known plan.",
                   "Izvēlieties plānu augšupielādes lapā, norādiet to komandrindā (--plan „5. plāns 2022–2025”) "
                   "vai pievienojiet kolonnu „Plāns”.",
                   "Choose the plan on the upload page, give it on the command line (--plan '5. plāns 2022–2025') "
                   "or add a 'Plan' column.")


@dataclass(frozen=True)
class Removal:
    """A plan that would lose more than a third of its current measures."""

    plan_id: str
    n_removed: int
    n_current: int
    measure_nos: tuple[str, ...]


def big_removals(removed: dict[str, list[str]], current: dict[str, int]) -> list[Removal]:
    """The plans where ``removed`` (plan -> measure numbers that would go) exceeds the guard's share of
    ``current`` (plan -> measures now published)."""
    return [Removal(plan, len(nos), current[plan], tuple(nos)) for plan, nos in sorted(removed.items())
            if current.get(plan) and len(nos) > REMOVAL_SHARE * current[plan]]


def removals_against(clean: Clean, known: pd.DataFrame) -> list[Removal]:
    """``big_removals`` of a checked file against the current measures (``known``), plan by plan.

    One pass over each frame (a mask per plan over every row took 1.3 s for 1,000 plans at 200k rows).
    """
    plans = sorted(set(clean.measures["plan_id"].unique()))
    removed: dict[str, list[str]] = {plan: [] for plan in plans}
    current = dict.fromkeys(plans, 0)
    if known.empty:
        return big_removals(removed, current)
    new = set(zip(clean.measures["plan_id"].tolist(), clean.measures["measure_no"].astype(str).tolist()))
    for plan, no in zip(known["plan_id"].tolist(), known["measure_no"].astype(str).tolist()):
        if plan in current:
            current[plan] += 1
            if (plan, no) not in new:
                removed[plan].append(no)
    return big_removals(removed, current)


def store(con, checked: Checked, uploaded_by: str, publish: bool = True,
          progress: Progress | None = None, also: db.Also | None = None) -> db.LoadResult:
    """Store a checked file as a snapshot (atomic). Only call when ``checked.ok``.

    A file without measures (trust indicators only) has no report date of its own: it is dated
    the day it is stored.
    """
    if not checked.ok or checked.clean is None:
        raise ValueError("cannot store a file with errors")
    clean = checked.clean
    if clean.report_date is None and not clean.measures.empty:
        raise ValueError("a report with measures needs a report date")
    if progress:
        progress("store")
    return db.load(con, clean, content=checked.content, file_name=checked.file_name, uploaded_by=uploaded_by,
                   report_date=clean.report_date or dt.date.today(), publish=publish, also=also)


def known_measures(con) -> pd.DataFrame:
    """The current measures of every plan (what a file without a plan is matched against)."""
    return db.run_query(con, "measures")[["plan_id", "commitment_no", "commitment_title", "measure_no",
                                          "measure_title"]]


