"""The export format: sheets, fields, header synonyms and statuses.

This module is the single description of what an analyst's workbook may look
like. The reader, the validator, the template writer and the README all follow
it, so a synonym added here is accepted everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .textnorm import fold


@dataclass(frozen=True)
class Field:
    key: str
    label_lv: str
    label_en: str
    required: bool
    synonyms: tuple[str, ...]
    help_lv: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    label_lv: str
    label_en: str
    required: bool
    names: tuple[str, ...]
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


MEASURES = SheetSpec(
    kind="measures",
    label_lv="Pasākumi",
    label_en="Measures",
    required=True,
    names=("Pasākumi", "Measures", "Pasākumu izpilde", "Plāna pasākumi"),
    fields=(
        Field("plan_id", "Plāns", "Plan", False,
              ("plāns", "rīcības plāns", "plāna nr", "plan", "action plan", "plan id"),
              "Plāna nosaukums, piem. „5. plāns 2022–2025”", "Plan name, e.g. '5th plan 2022–2025'"),
        Field("commitment_no", "Apņemšanās nr.", "Commitment no.", False,
              ("apņemšanās nr", "apņemšanās numurs", "apņemšanās nr.", "rīcības virziena nr",
               "rīcības virziens nr", "virziena nr", "commitment no", "commitment number",
               "commitment nr", "action direction no"),
              "Vai apņemšanās virsrindas („1. apņemšanās: …”); bez tām — pasākuma nr. pirmā daļa",
              "Or commitment section rows ('Commitment 1: …'); without them, the measure number's first part"),
        Field("commitment_title", "Apņemšanās", "Commitment", False,
              ("apņemšanās", "apņemšanās nosaukums", "rīcības virziens", "rīcības virziena nosaukums",
               "commitment", "commitment title", "action direction"),
              "Vai apņemšanās virsrindas; bez tām — no plāna iepriekšējā ziņojuma",
              "Or commitment section rows; without them, from the plan's earlier report"),
        Field("measure_no", "Pasākuma nr.", "Measure no.", True,
              ("pasākuma nr", "pasākums nr", "pasākuma numurs", "nr", "nr p k", "measure no",
               "measure number", "measure nr", "no")),
        Field("measure_title", "Pasākums", "Measure", True,
              ("pasākums", "pasākuma nosaukums", "measure", "measure title", "activity")),
        Field("lead_institution", "Atbildīgā iestāde", "Lead institution", True,
              ("atbildīgā iestāde", "atbildīgā institūcija", "atbildīgais", "vadošā iestāde",
               "atbildīgā", "lead institution", "responsible institution", "lead", "responsible")),
        Field("partner_institutions", "Līdzatbildīgās iestādes", "Partner institutions", False,
              ("līdzatbildīgās iestādes", "līdzatbildīgā iestāde", "līdzatbildīgie", "partneri",
               "iesaistītās iestādes", "iesaistītās institūcijas", "sadarbības partneri",
               "līdzatbildīgās institūcijas", "līdzatbildīgā institūcija", "partner institutions", "partners",
               "co responsible", "involved institutions"),
              "Atdaliet ar „;” vai „,”", "Separate with ';' or ','"),
        Field("status", "Statuss", "Status", True,
              ("statuss", "izpildes statuss", "izpildes stāvoklis", "stāvoklis", "status",
               "implementation status")),
        Field("start_date", "Sākuma datums", "Start date", False,
              ("sākuma datums", "sākums", "uzsākšanas datums", "uzsākts", "start date", "start",
               "starts")),
        Field("deadline_date", "Izpildes termiņš", "Deadline", False,
              ("izpildes termiņš", "termiņš", "beigu termiņš", "beigu datums", "deadline",
               "due date", "end date", "due")),
        Field("progress_note", "Progresa apraksts", "Progress note", False,
              ("izpildes informācija", "informācija par izpildi", "izpildes gaita", "paveiktais",
               "progresa apraksts", "izpildes apraksts", "progress apraksts", "piezīmes", "piezīme",
               "komentārs", "komentāri", "progress note", "progress information", "implementation status notes",
               "note", "notes", "comment", "comments")),
        Field("progress_pct", "Izpilde, %", "Progress, %", False,
              ("izpilde %", "izpildes %", "progress %", "izpildes procents", "progress",
               "progress pct", "percent complete", "completion %"),
              "„Progress” ar skaitļiem ir %, ar tekstu — progresa apraksts",
              "'Progress' holding numbers is %, holding text is the progress note"),
        Field("carried_forward", "Nav jaunas informācijas", "No new information", False,
              ("bez jaunas informācijas", "nav jaunas informacijas", "pārņemts no iepriekšējā ziņojuma",
               "no new information", "carried forward", "carried_forward"),
              "„jā”, ja neviena iestāde neatbildēja un statuss un apraksts pārņemti no iepriekšējā ziņojuma "
              "(datu vākšanas kārtas apvienotais ziņojums)",
              "'yes' when no institution answered and the status and note are carried forward from the "
              "previous report (a collection round's merged report)"),
        Field("ogp_id", "OGP ID", "OGP ID", False, ("ogp id", "ogp kods", "irm id", "ogp identifier"),
              "Pasākuma kods OGP sistēmā, piem. LV0040", "The measure's code in the OGP system, e.g. LV0040"),
        Field("report_date", "Ziņojuma datums", "Report date", False,
              ("ziņojuma datums", "pārskata datums", "stāvoklis uz", "datums", "report date",
               "as of", "reporting date")),
    ),
)

INDICATORS = SheetSpec(
    kind="indicators",
    label_lv="Rādītāji",
    label_en="Indicators",
    required=False,
    names=("Rādītāji", "Indicators", "Uzticēšanās rādītāji", "Trust indicators"),
    fields=(
        Field("indicator", "Rādītājs", "Indicator", True,
              ("rādītājs", "indikators", "rādītāja nosaukums", "indicator", "indicator lv",
               "rādītājs lv")),
        Field("indicator_en", "Rādītājs (angliski)", "Indicator (English)", False,
              ("rādītājs angliski", "rādītājs en", "indicator en", "indicator english",
               "indicator (en)")),
        Field("area", "Teritorija / grupa", "Area / group", True,
              ("teritorija", "grupa", "teritorija grupa", "valsts", "area", "group", "country",
               "area group")),
        Field("year", "Gads", "Year", True, ("gads", "year")),
        Field("value", "Vērtība", "Value", True,
              ("vērtība", "vērtība %", "value", "value %", "value pct", "share %")),
        Field("unit", "Mērvienība", "Unit", False, ("mērvienība", "vienība", "unit", "units")),
        Field("source", "Avots", "Source", False, ("avots", "datu avots", "source", "data source")),
    ),
)

SCHEDULE = SheetSpec(
    kind="schedule",
    label_lv="Grafiks",
    label_en="Schedule",
    required=False,
    names=("Grafiks", "Schedule", "Izstrādes grafiks", "Laika grafiks", "Timeline"),
    fields=(
        Field("plan_id", "Plāns", "Plan", False, ("plāns", "plan")),
        Field("activity", "Aktivitāte", "Activity", True,
              ("aktivitāte", "darbība", "pasākums", "activity", "step", "milestone")),
        Field("start_date", "Sākums", "Start", True,
              ("sākums", "sākuma datums", "no", "datums", "start", "start date", "from", "date")),
        Field("end_date", "Beigas", "End", False,
              ("beigas", "beigu datums", "līdz", "end", "end date", "to", "until")),
        Field("goal", "Mērķis", "Goal", False, ("mērķis", "goal", "purpose", "aim")),
    ),
)

SHEETS = (MEASURES, INDICATORS, SCHEDULE)

# The hidden sheet of a collection round's workbook: which round, institution and measures the file
# answers for (key in column A, value in column B), so a returned file is recognised however it is named.
ROUND_SHEET = "OGP_karta"
# Yes/no cells ("Nav jaunas informācijas"): folded spellings of each answer.
YES = ("ja", "yes", "true", "1", "x", "nav jaunas informacijas", "no new information")
NO = ("ne", "no", "false", "0")

# Status groups the council reports. The first label of each group is the one
# the template offers in its drop-down.
STATUS_GROUPS = ("not_started", "in_progress", "advanced", "withdrawn")

STATUS_LABELS: dict[str, tuple[str, ...]] = {
    "not_started": ("Nav uzsākts", "Not started", "nav sākts", "plānots", "planned",
                    "nav uzsākta", "nav uzsākti"),
    "in_progress": ("Uzsākts, izpilde procesā", "In progress", "uzsākts", "izpilde procesā",
                    "procesā", "tiek īstenots", "uzsākts un izpilde ir procesā", "started",
                    "ongoing", "limited progress", "ierobežots progress", "daļēji izpildīts"),
    "advanced": ("Pabeigts vai būtisks progress", "Completed or substantial progress",
                 "pabeigts", "izpildīts", "būtisks progress", "ir būtisks progress",
                 "pabeigts vai ir būtisks progress", "substantial progress", "completed",
                 "complete", "done", "finished", "advanced", "ievērojams progress"),
    "withdrawn": ("Atsaukts", "Withdrawn", "svītrots", "izslēgts", "cancelled", "canceled",
                  "dropped"),
}

STATUS_LOOKUP: dict[str, str] = {
    fold(label): group for group, labels in STATUS_LABELS.items() for label in labels
}

# Finer labels the council and the OGP use inside a group, each shown in one canonical spelling
# (Latvian, English); every other accepted label is shown as its group's first label. So
# "PABEIGTS", " pabeigts " and "Izpildīts" are all shown as "Pabeigts", and "ir būtisks progress"
# as "Būtisks progress". The text as typed is kept beside it (``status_as_written``).
FINER_LABELS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "advanced": ("Pabeigts", "Completed", ("pabeigts", "izpildīts", "completed", "complete", "done", "finished")),
    "substantial": ("Būtisks progress", "Substantial progress",
                    ("būtisks progress", "ir būtisks progress", "substantial progress", "ievērojams progress")),
    "limited": ("Ierobežots progress", "Limited progress",
                ("limited progress", "ierobežots progress", "daļēji izpildīts")),
}

CANONICAL_LABEL: dict[str, str] = {
    **{fold(label): labels[0] for labels in STATUS_LABELS.values() for label in labels},
    **{fold(label): lv for lv, _, spellings in FINER_LABELS.values() for label in spellings},
}
LABEL_EN: dict[str, str] = {
    **{labels[0]: labels[1] for labels in STATUS_LABELS.values()},
    **{lv: en for lv, en, _ in FINER_LABELS.values()},
}


def canonical_status(text: object) -> str | None:
    """The council's own spelling of a status label (``" PABEIGTS "`` -> ``"Pabeigts"``), or None."""
    return CANONICAL_LABEL.get(fold(text))


def header_ranks(sheet: SheetSpec) -> dict[str, tuple[str, int]]:
    """Folded header text -> (field key, rank), for one sheet.

    Rank 0 is a field's own label; later synonyms get higher ranks because
    they are vaguer. When two columns match one field (``Nr. p.k.`` and
    ``Pasākuma nr.``), the lower rank wins.
    """
    table: dict[str, tuple[str, int]] = {}
    for f in sheet.fields:
        for rank, name in enumerate((f.label_lv, f.label_en, f.key, *f.synonyms)):
            table.setdefault(fold(name), (f.key, rank))
    return table


def header_lookup(sheet: SheetSpec) -> dict[str, str]:
    """Folded header text -> field key, for one sheet."""
    return {text: key for text, (key, _) in header_ranks(sheet).items()}


def sheet_kind(name: str) -> str | None:
    """Which kind of sheet a workbook's sheet name denotes, if any."""
    key = fold(name)
    for sheet in SHEETS:
        if key in {fold(n) for n in sheet.names}:
            return sheet.kind
    return None
