"""A collection round: ask every responsible institution for the state of its measures, collect the
returned workbooks, merge the answers into the plan's next report.

start   -> one workbook per institution, pre-filled from the plan's current report (round_book)
collect -> each returned file is validated like an upload, matched to its round and institution by
           its hidden sheet, checked against the measures the institution was sent, and kept (a
           second file from the same institution replaces its first; both stay in the history)
close   -> the answers merged into one report dated "as of", stored unpublished like an upload, so it
           goes through the same preview and atomic publish; measures nobody answered carry their
           previous values forward, marked ``carried_forward``

Every step is one transaction: a crash leaves the round as it was before that step. Nothing is
published by collecting.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets
import zipfile
from dataclasses import asdict, dataclass, field

import pandas as pd

from ..i18n import fmt_date
from ..ingest import round_book
from ..ingest.problems import ERROR, NOTICE, Problem, RefusedFile
from ..ingest.reader import MAX_FILE_BYTES, read_workbook
from ..ingest.round_book import LEAD, PARTNER
from ..ingest.textnorm import fold
from ..ingest.validate import round_tag
from . import db, pipeline, publishing

OPEN, CLOSED, PUBLISHED, CANCELLED = "open", "closed", "published", "cancelled"
ROUND_NOTICES_HIDDEN = {"extra_columns", "ignored_sheets", "report_date_source", "plan_source",
                        "commitment_titles_known"}  # said by every returned workbook: not news


class RoundError(Exception):
    """A round step that cannot be done, said in Latvian and English."""

    def __init__(self, lv: str, en: str):
        super().__init__(en)
        self.lv, self.en = lv, en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.lv


@dataclass(frozen=True)
class Round:
    round_id: str
    plan_id: str
    as_of: dt.date
    due: dt.date | None
    include_partners: bool
    base_snapshot_id: int
    base_report_date: dt.date
    started_at: dt.datetime
    started_by: str
    state: str
    merged_snapshot_id: int | None


# ---- start -------------------------------------------------------------------

def start(con, *, plan_id: str, as_of: dt.date, due: dt.date | None, by: str,
          include_partners: bool = False, now: dt.datetime | None = None) -> Round:
    """Open a round for one plan and one "as of" date, filled from the plan's current report.

    Refused when the plan has no published report, when the date is not after that report's, or
    when the plan already has an open round (one round per plan at a time: a returned file must
    not be able to land in the wrong one)."""
    base_sid = db.current_parts(con).get(("measures", plan_id))
    if base_sid is None:
        raise RoundError(f"Plānam „{plan_id}” nav publicēta ziņojuma, no kā aizpildīt kārtu.",
                         f"Plan '{plan_id}' has no published report to fill a round from.")
    base_date = _report_date(con, base_sid)
    if as_of <= base_date:
        raise RoundError(f"Kārtas datumam jābūt pēc plāna pašreizējā ziņojuma ({fmt_date(base_date)}).",
                         f"The round's date must be after the plan's current report ({fmt_date(base_date, 'en')}).")
    still_open = [r for r in rounds(con) if r.plan_id == plan_id and r.state in (OPEN, CLOSED)]
    if still_open:
        r = still_open[0]
        raise RoundError(f"Plānam „{plan_id}” jau ir nepabeigta kārta {r.round_id} (uz {fmt_date(r.as_of)}): "
                         "pabeidziet vai atceliet to vispirms.",
                         f"Plan '{plan_id}' already has an unfinished round {r.round_id} (as of "
                         f"{fmt_date(r.as_of, 'en')}): finish or cancel it first.")
    assignments = recipients_of(base_measures(con, base_sid, plan_id), include_partners)
    round_id = f"{as_of.isoformat()}-{secrets.token_hex(3)}"
    now = now or dt.datetime.now().replace(microsecond=0)

    def work(cur):
        cur.execute("insert into collection_round values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [round_id, plan_id, as_of, due, include_partners, base_sid, now, by])
        cur.executemany("insert into round_recipient values (?, ?, ?, ?)",
                        [[round_id, inst, no, role] for inst, no, role in
                         assignments[["institution", "measure_no", "role"]].itertuples(index=False)])
    db.in_transaction(con, work)
    return get(con, round_id)


def base_measures(con, snapshot_id: int, plan_id: str) -> pd.DataFrame:
    """The plan's measures in the report a round is filled from (partners as a list)."""
    frame = db.run_query(con, "measures", snapshot_id=snapshot_id, plan_id=plan_id)
    frame["partner_institutions"] = [[p for p in str(v).split("; ") if p] if isinstance(v, str) else []
                                     for v in frame["partner_institutions"]]
    return frame


def recipients_of(measures: pd.DataFrame, include_partners: bool) -> pd.DataFrame:
    """institution, measure_no, role: every lead (and with ``include_partners`` every partner)."""
    rows = [(lead, no, LEAD) for lead, no in measures[["lead_institution", "measure_no"]].itertuples(index=False)]
    if include_partners:
        rows += [(p, no, PARTNER) for partners, no in measures[["partner_institutions", "measure_no"]].itertuples(index=False)
                 for p in partners]
    frame = pd.DataFrame(rows, columns=["institution", "measure_no", "role"])
    return frame.drop_duplicates(["institution", "measure_no"]).reset_index(drop=True)


def workbooks(con, round_id: str) -> dict[str, bytes]:
    """file name -> workbook, one per institution of the round (rebuilt the same way on every call)."""
    r = get(con, round_id)
    base = base_measures(con, r.base_snapshot_id, r.plan_id).rename(columns={"progress_note": "previous_note"})
    assigned = _recipients(con, round_id)
    out = {}
    for institution, rows in assigned.groupby("institution", sort=True):
        mine = rows.merge(base, on="measure_no", how="inner")
        mine = mine.assign(order=mine["role"].map({LEAD: 0, PARTNER: 1})).sort_values(
            ["order"], kind="stable").drop(columns="order")
        name = round_book.file_name(r.as_of, str(institution))
        while name in out:  # two names that fold to the same ASCII
            name = name.replace(".xlsx", "_.xlsx")
        out[name] = round_book.institution_workbook(
            round_id=r.round_id, plan_id=r.plan_id, as_of=r.as_of, due=r.due, institution=str(institution),
            measures=mine, previous_report_date=r.base_report_date)
    return out


def workbooks_zip(con, round_id: str) -> bytes:
    """Every institution's workbook in one ZIP (what the page offers)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in workbooks(con, round_id).items():
            archive.writestr(name, content)
    return buffer.getvalue()


# ---- collect -----------------------------------------------------------------

@dataclass
class Collected:
    """What became of one returned file."""

    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    round_id: str | None = None
    institution: str | None = None
    return_id: int | None = None  # recorded in the round's history (accepted or not)
    duplicate: bool = False  # the identical file was already collected: nothing recorded
    n_rows: int = 0
    n_answered: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def accepted(self) -> bool:
        return self.return_id is not None and not self.errors or self.duplicate and not self.errors


def collect(con, files: list[tuple[str, bytes]], by: str, max_bytes: int = MAX_FILE_BYTES,
            now: dt.datetime | None = None) -> list[Collected]:
    """Collect returned workbooks, each on its own: a bad file gets its problems, the others go in."""
    return [collect_one(con, name, content, by, max_bytes=max_bytes, now=now) for name, content in files]


def collect_one(con, file_name: str, content: bytes, by: str, max_bytes: int = MAX_FILE_BYTES,
                now: dt.datetime | None = None) -> Collected:
    checked = pipeline.check(content, file_name, known=pipeline.known_measures(con), max_bytes=max_bytes)
    result = Collected(file_name, checked.sha256,
                       [p for p in checked.problems if p.code not in ROUND_NOTICES_HIDDEN])
    if checked.refused:
        return result  # not a workbook we may even look into: nothing about the round changes
    tag = round_book.read_tag(checked.clean.round_tag if checked.clean is not None else _tag_of(content, max_bytes))
    if tag is None:
        result.problems.insert(0, _problem("not_a_round_file", file_name,
                                           "Šis nav datu vākšanas kārtas fails: tajā nav kārtas slēptās lapas.",
                                           "This is not a collection round's file: it has no round sheet.",
                                           "Izmantojiet failu, ko iestāde saņēma no kārtas (to drīkst pārdēvēt).",
                                           "Use the file the institution received from the round (it may be renamed)."))
        return result
    r = _round_or_none(con, tag.round_id)
    if r is None or r.plan_id != tag.plan_id:
        result.problems.insert(0, _problem("other_round", file_name,
                                           f"Fails ir no citas vai nezināmas kārtas ({tag.round_id}).",
                                           f"The file is from another or an unknown round ({tag.round_id}).",
                                           "Nosūtiet iestādei šīs kārtas failu.", "Send the institution this round's file."))
        return result
    result.round_id = r.round_id
    if r.state != OPEN:
        result.problems.insert(0, _problem("round_not_open", file_name,
                                           f"Kārta {r.round_id} vairs nav atvērta ({_state_lv(r.state)}).",
                                           f"Round {r.round_id} is no longer open ({r.state}).",
                                           "Atveriet kārtu vēlreiz (atmetot apvienoto ziņojumu), lai pieņemtu failu.",
                                           "Reopen the round (discard its merged report) to accept the file."))
        return result
    assigned = _recipients(con, r.round_id)
    mine = assigned[assigned["institution"] == tag.institution]
    if mine.empty:
        result.problems.insert(0, _problem("unknown_institution", file_name,
                                           f"Iestāde „{tag.institution}” nav šīs kārtas adresātu vidū.",
                                           f"Institution '{tag.institution}' is not among this round's recipients.",
                                           "", ""))
        return result
    result.institution = tag.institution
    answers = pd.DataFrame()
    if checked.clean is not None:
        clean = checked.clean
        base = base_measures(con, r.base_snapshot_id, r.plan_id)
        result.problems += check_return(clean, r, mine, base)
        if not any(p.is_error for p in result.problems):
            answers = answers_of(clean, mine, base)
            result.n_rows, result.n_answered = len(answers), int(answers["is_answered"].sum())
    _record(con, result, r.round_id, content, by, answers, now)
    return result


def _tag_of(content: bytes, max_bytes: int) -> dict[str, str]:
    """The round sheet of a file that failed validation (so its attempt is kept for its institution)."""
    try:
        return round_tag(read_workbook(content, max_bytes=max_bytes))
    except RefusedFile:
        return {}


def check_return(clean, r: Round, mine: pd.DataFrame, base: pd.DataFrame) -> list[Problem]:
    """A returned file against what its institution was sent: only its measures, unchanged identity
    (plan, number, commitment, title), the round's date. Each problem names its cell."""
    problems = []
    measures = clean.measures
    cells = clean.measure_cells

    def cell(key: str, row: int) -> str:
        return f"{cells[key]}{row}" if key in cells else f"{cells.get('measure_no', 'Pasākumi!')}{row}"
    if clean.report_date is not None and clean.report_date != r.as_of:
        problems.append(_problem("other_date", cells.get("measure_no", "Pasākumi").split("!")[0],
                                 f"Faila datums ir {fmt_date(clean.report_date)}, bet kārta ir uz {fmt_date(r.as_of)}.",
                                 f"The file's date is {fmt_date(clean.report_date, 'en')}, but the round is as of "
                                 f"{fmt_date(r.as_of, 'en')}.",
                                 "Atjaunojiet virsrindu „Stāvoklis uz …” vai izmantojiet kārtas failu.",
                                 "Restore the title row 'Stāvoklis uz …' or use the round's file."))
    held = set(mine["measure_no"])
    known = base.set_index("measure_no")
    listed = ", ".join(sorted(held, key=_number_key))
    for row in measures.itertuples(index=False):
        no = str(row.measure_no)
        if no not in held:
            problems.append(_problem(
                "foreign_measure", cell("measure_no", row.source_row),
                f"Pasākums „{no}” nav starp šīs iestādes pasākumiem šajā kārtā ({listed}).",
                f"Measure '{no}' is not among this institution's measures in this round ({listed}).",
                "Ja numurs ir mainīts, atjaunojiet to; citu iestāžu pasākumus dzēsiet no faila.",
                "If the number was changed, restore it; delete other institutions' measures from the file."))
            continue
        if row.plan_id != r.plan_id:
            problems.append(_problem("changed_plan", cell("plan_id", row.source_row),
                                     f"Plāns ir mainīts: „{row.plan_id}”, kārtā — „{r.plan_id}”.",
                                     f"The plan was changed: '{row.plan_id}', the round's is '{r.plan_id}'.",
                                     "Atjaunojiet sākotnējo vērtību.", "Restore the original value."))
        sent = known.loc[no]
        for key, what_lv, what_en in (("measure_title", "Pasākuma nosaukums", "The measure's title"),
                                      ("commitment_no", "Apņemšanās nr.", "The commitment number")):
            if " ".join(str(getattr(row, key)).split()) != " ".join(str(sent[key]).split()):
                problems.append(_problem(
                    f"changed_{key}", cell(key, row.source_row),
                    f"{what_lv} ir mainīts: „{_short(getattr(row, key))}”, kārtā — „{_short(sent[key])}”.",
                    f"{what_en} was changed: '{_short(getattr(row, key))}', the round's is '{_short(sent[key])}'.",
                    "Pelēkās šūnas nosaka pasākumu: atjaunojiet sākotnējo vērtību.",
                    "The grey cells identify the measure: restore the original value."))
    missing = sorted(held - set(measures["measure_no"].astype(str)), key=_number_key)
    if missing:
        problems.append(Problem(NOTICE, "missing_measures", cells.get("measure_no", "Pasākumi").split("!")[0],
                                f"Failā nav pasākumu {', '.join(missing)}: tiem nav jaunas informācijas.",
                                f"The file lacks measures {', '.join(missing)}: they have no new information.",
                                "", ""))
    return problems


def answers_of(clean, mine: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """The returned rows as answers: its role for each measure, and whether it says something new (a
    note; for the lead also a changed status, % or deadline; a lead returning a measure already
    completed or substantially advanced confirms it)."""
    rows = clean.measures.merge(mine[["measure_no", "role"]], on="measure_no", how="inner")
    sent = base.set_index("measure_no")
    before = sent.reindex(rows["measure_no"])
    note = rows["progress_note"].fillna("").str.strip() != ""
    lead = rows["role"] == LEAD
    status_changed = rows["status_label"].to_numpy() != before["status_label"].to_numpy()
    pct_changed = ~_same(rows["progress_pct"], before["progress_pct"])
    deadline_changed = ~_same(pd.to_datetime(rows["deadline_date"]), pd.to_datetime(before["deadline_date"]))
    confirmed = rows["status_group"] == "advanced"
    rows["is_answered"] = note | (lead & (status_changed | pct_changed | deadline_changed | confirmed))
    return rows[["measure_no", "role", "status_label", "status_group", "status_as_written", "deadline_date",
                 "progress_pct", "progress_note", "is_answered", "source_row"]]


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    return (a == b).fillna(False) | (a.isna() & b.isna())


def _record(con, result: Collected, round_id: str, content: bytes, by: str, answers: pd.DataFrame,
            now: dt.datetime | None) -> None:
    """Keep the return (and its answers when it has no errors) in one transaction; an identical file
    already collected for the same institution is not kept twice."""
    now = now or dt.datetime.now().replace(microsecond=0)
    errors = result.errors
    problems = json.dumps([asdict(p) for p in result.problems], ensure_ascii=False)

    def work(cur):
        seen = cur.execute("select return_id from round_return where round_id = ? and institution = ? "
                           "and sha256 = ? order by return_id desc limit 1",
                           [round_id, result.institution, result.sha256]).fetchone()
        if seen is not None:
            result.duplicate = True
            return
        rid = int(cur.execute("select nextval('round_return_seq')").fetchone()[0])
        cur.execute("insert into round_return values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [rid, round_id, result.institution, result.file_name, result.sha256, content, now, by,
                     len(errors), problems])
        if not errors and not answers.empty:
            frame = answers.assign(return_id=rid)
            cur.register("incoming_answers", frame)
            try:
                cur.execute("""
                    insert into round_answer
                    select return_id, measure_no, role, status_label, status_group, status_as_written,
                        deadline_date, progress_pct, progress_note, is_answered, source_row
                    from incoming_answers""")
            finally:
                cur.unregister("incoming_answers")
        result.return_id = rid
    db.in_transaction(con, work)


# ---- the tracker -------------------------------------------------------------

def status(con, round_id: str, today: dt.date | None = None) -> pd.DataFrame:
    """Per institution: measures, answered, not answered, no information, returned at/by, problems;
    after the due date the institutions that have not answered come first."""
    frame = db.run_query(con, "round_status", round_id=round_id, today=today or dt.date.today())
    order = sorted(frame.index, key=lambda i: (not frame.at[i, "is_overdue"], _name_key(frame.at[i, "institution"])))
    return frame.loc[order].reset_index(drop=True)


def returns(con, round_id: str) -> pd.DataFrame:
    """Every file collected in the round, newest first (accepted or not, with its sha256)."""
    return db.run_query(con, "round_returns", round_id=round_id)


def silent_measures(con, round_id: str, institution: str) -> pd.DataFrame:
    """An institution's measures without an answer yet (for its reminder)."""
    r = get(con, round_id)
    base = base_measures(con, r.base_snapshot_id, r.plan_id)
    assigned = _recipients(con, round_id)
    mine = assigned[assigned["institution"] == institution]
    answered = _answers(con, round_id)
    done = set(answered.loc[(answered["institution"] == institution) & answered["is_answered"], "measure_no"])
    rows = mine[~mine["measure_no"].isin(done)].merge(base[["measure_no", "measure_title", "deadline_date"]],
                                                      on="measure_no")
    return rows.sort_values("measure_no", key=lambda s: s.map(_number_key)).reset_index(drop=True)


# ---- close -------------------------------------------------------------------

@dataclass(frozen=True)
class Closed:
    round_id: str
    snapshot_id: int
    already: bool  # the round was closed before: nothing was done now
    n_answered: int
    n_carried_forward: int


def merged_report(con, round_id: str) -> pd.DataFrame:
    """The plan's report as the round's answers make it (see ``merge``)."""
    r = get(con, round_id)
    return merge(base_measures(con, r.base_snapshot_id, r.plan_id), _answers(con, round_id))


def merge(base: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """Merge the answers into the base report, measure by measure.

    The lead's answer gives the status, %, deadline and note; a partner's note is added after the
    lead's, with its name (the status stays the lead's). A measure nobody answered keeps its previous
    values, marked ``carried_forward``. ``answers``: the latest accepted return of each institution.
    """
    out = base.copy()
    out["carried_forward"] = True
    if answers.empty:
        return out
    said = answers[answers["is_answered"]]
    lead = said[said["role"] == LEAD].drop_duplicates("measure_no", keep="last").set_index("measure_no")
    at = out["measure_no"].isin(lead.index)
    # An answer without words keeps the previous note while the status stands (a confirmed or re-dated
    # measure); with a new status, the old words would describe the old state, so the note is empty.
    answered = lead.reindex(out.loc[at, "measure_no"])
    keep_note = (answered["progress_note"].str.strip() == "").to_numpy() & (
        answered["status_label"].to_numpy() == out.loc[at, "status_label"].to_numpy())
    previous_notes = out.loc[at, "progress_note"].to_numpy()
    for key in ("status_label", "status_group", "status_as_written", "deadline_date", "progress_pct", "progress_note"):
        values = lead[key].reindex(out.loc[at, "measure_no"]).to_numpy()
        if key == "deadline_date":
            out[key] = pd.to_datetime(out[key])
            values = pd.to_datetime(values)
        out.loc[at, key] = values
    out.loc[at, "progress_note"] = [before if keep else now for before, keep, now in
                                    zip(previous_notes, keep_note, out.loc[at, "progress_note"])]
    out.loc[at, "carried_forward"] = False
    partners = said[(said["role"] == PARTNER) & (said["progress_note"].str.strip() != "")]
    for no, group in partners.sort_values("institution").groupby("measure_no", sort=False):
        i = out.index[out["measure_no"] == no]
        if i.empty:
            continue
        added = "\n\n".join(f"{inst}: {note.strip()}" for inst, note in group[["institution", "progress_note"]]
                            .itertuples(index=False))
        before = str(out.at[i[0], "progress_note"] or "").strip()
        out.at[i[0], "progress_note"] = f"{before}\n\n{added}" if before else added
        out.at[i[0], "carried_forward"] = False
    return out


def close(con, round_id: str, by: str, now: dt.datetime | None = None) -> Closed:
    """Merge the answers into one report dated "as of" and store it unpublished (the preview and the
    publish are an upload's). The round is marked closed in the same transaction; closing a closed
    round does nothing."""
    r = get(con, round_id)
    if r.state in (CLOSED, PUBLISHED):
        return Closed(r.round_id, int(r.merged_snapshot_id), True, 0, 0)
    if r.state == CANCELLED:
        raise RoundError(f"Kārta {r.round_id} ir atcelta.", f"Round {r.round_id} was cancelled.")
    merged = merged_report(con, round_id)
    n_answered = int((~merged["carried_forward"]).sum())
    n_silent = len(merged) - n_answered
    note = (f"Apvienots no datu vākšanas kārtas {r.round_id}. Pasākumi ar jaunu informāciju: {n_answered}; bez "
            f"jaunas informācijas (pārņemts no ziņojuma uz {fmt_date(r.base_report_date)}): {n_silent}.")
    content = round_book.report_workbook(merged, plan_id=r.plan_id, report_date=r.as_of, note=note)
    name = f"ogp_karta_{r.as_of.isoformat()}_apvienots.xlsx"
    checked = pipeline.check(content, name, plan_id=r.plan_id, known=pipeline.known_measures(con))
    if not checked.ok:  # our own workbook: a refusal here is a bug, said plainly
        raise RoundError("Apvienoto ziņojumu nevar nolasīt: " + "; ".join(p.line("lv") for p in checked.errors),
                         "The merged report cannot be read: " + "; ".join(p.line("en") for p in checked.errors))
    when = now or dt.datetime.now().replace(microsecond=0)

    def mark_closed(cur, sid: int) -> None:
        state = _state_in(cur, round_id)
        if state != OPEN:
            raise RoundError("Kārtu jau aizvēra kāds cits.", "Someone else closed the round meanwhile.")
        cur.execute("insert into round_event values (nextval('round_event_seq'), ?, 'closed', ?, ?, ?)", [round_id, sid, when, by])
    result = pipeline.store(con, checked, uploaded_by=by, publish=False, also=mark_closed)
    return Closed(r.round_id, result.snapshot_id, False, n_answered, n_silent)


def publish(con, round_id: str, by: str, confirm_removals: bool = False) -> int:
    """Publish a closed round's merged report (the upload's publish: preview base, removal guard)."""
    r = get(con, round_id)
    if r.state == PUBLISHED:
        return int(r.merged_snapshot_id)
    if r.state != CLOSED:
        raise RoundError(f"Kārta {r.round_id} vēl nav aizvērta.", f"Round {r.round_id} is not closed yet.")
    sid = int(r.merged_snapshot_id)
    pv = publishing.preview(con, sid)
    publishing.publish(con, sid, by, expected=pv.base, confirm_removals=confirm_removals)
    return sid


def reopen(con, round_id: str, by: str) -> None:
    """Discard a closed round's unpublished merged report and open the round again (one transaction)."""
    r = get(con, round_id)
    if r.state != CLOSED:
        raise RoundError(f"Kārta {r.round_id} nav aizvērta ar nepublicētu ziņojumu.",
                         f"Round {r.round_id} is not closed with an unpublished report.")

    def mark_open(cur, sid: int) -> None:
        cur.execute("insert into round_event values (nextval('round_event_seq'), ?, 'reopened', ?, ?, ?)",
                    [round_id, sid, dt.datetime.now().replace(microsecond=0), by])
    if not db.discard_unpublished(con, int(r.merged_snapshot_id), also=mark_open):
        raise RoundError("Apvienotais ziņojums jau ir publicēts.", "The merged report is already published.")


def cancel(con, round_id: str, by: str) -> None:
    """Give up an open round (nothing merged; its files stay in the history)."""
    r = get(con, round_id)
    if r.state != OPEN:
        raise RoundError(f"Atcelt var tikai atvērtu kārtu ({r.round_id}: {_state_lv(r.state)}).",
                         f"Only an open round can be cancelled ({r.round_id}: {r.state}).")

    def work(cur):
        cur.execute("insert into round_event values (nextval('round_event_seq'), ?, 'cancelled', null, ?, ?)",
                    [round_id, dt.datetime.now().replace(microsecond=0), by])
    db.in_transaction(con, work)


# ---- reading rounds ----------------------------------------------------------

def rounds(con) -> list[Round]:
    """Every round, newest first."""
    frame = db.run_query(con, "rounds")
    return [_round(row) for row in frame.to_dict("records")]


def get(con, round_id: str) -> Round:
    r = _round_or_none(con, round_id)
    if r is None:
        raise RoundError(f"Nav kārtas „{round_id}”.", f"No round '{round_id}'.")
    return r


def the_open_round(con, round_id: str | None = None) -> Round:
    """The round a command means: the given one, else the only unfinished one."""
    if round_id:
        return get(con, round_id)
    unfinished = [r for r in rounds(con) if r.state in (OPEN, CLOSED)]
    if len(unfinished) == 1:
        return unfinished[0]
    if not unfinished:
        raise RoundError("Nav atvērtas kārtas.", "No round is open.")
    ids = ", ".join(f"{r.round_id} ({r.plan_id})" for r in unfinished)
    raise RoundError(f"Atvērtas ir vairākas kārtas: {ids}; norādiet --round.",
                     f"Several rounds are open: {ids}; give --round.")


def _round_or_none(con, round_id: str) -> Round | None:
    frame = db.run_query(con, "rounds")
    row = frame[frame["round_id"] == round_id]
    return None if row.empty else _round(row.iloc[0].to_dict())


def _round(row: dict) -> Round:
    def day(v):
        return None if v is None or pd.isna(v) else pd.Timestamp(v).date()
    merged = row.get("merged_snapshot_id")
    return Round(row["round_id"], row["plan_id"], day(row["as_of_date"]), day(row["due_date"]),
                 bool(row["include_partners"]), int(row["base_snapshot_id"]), day(row["base_report_date"]),
                 pd.Timestamp(row["started_at"]).to_pydatetime(), row["started_by"], row["state"],
                 None if merged is None or pd.isna(merged) else int(merged))


def _state_in(cur, round_id: str) -> str:
    row = cur.execute("select event from round_event where round_id = ? order by event_id desc limit 1",
                      [round_id]).fetchone()
    return OPEN if row is None or row[0] == "reopened" else (CLOSED if row[0] == "closed" else CANCELLED)


def _recipients(con, round_id: str) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute("select institution, measure_no, role from round_recipient where round_id = ?",
                           [round_id]).df()
    finally:
        cur.close()


def _answers(con, round_id: str) -> pd.DataFrame:
    """The answers of each institution's latest accepted return."""
    return db.run_query(con, "round_answers", round_id=round_id)


def _report_date(con, snapshot_id: int) -> dt.date:
    return pd.Timestamp(publishing.snapshot_info(con, snapshot_id)["report_date"]).date()


def _number_key(no: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(no).split(".")) + (str(no),)


def _name_key(name: object) -> tuple:
    """Latvian alphabetical order, near enough: Ā with A, Š after S (diacritics folded, then as written)."""
    return (fold(name), str(name))


def _short(text: object, limit: int = 60) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


def _problem(code: str, place: str, lv: str, en: str, fix_lv: str = "", fix_en: str = "") -> Problem:
    return Problem(ERROR, code, place, lv, en, fix_lv, fix_en)


def _state_lv(state: str) -> str:
    return {OPEN: "atvērta", CLOSED: "aizvērta", PUBLISHED: "publicēta", CANCELLED: "atcelta"}.get(state, state)
