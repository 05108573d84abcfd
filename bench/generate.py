"""Synthetic exports in the real format, at benchmark sizes.

The workbooks look like the council's exports (see scripts/build_sample.py)
scaled up to the whole Open Government Partnership: many plans of national
and local members, commitment number and title merged down over their
measures, Latvian text with diacritics, dates as real Excel dates, serial
numbers, ``dd.mm.yyyy``, ISO text and ``2025. gada 31. decembris``, measure
numbers stored as numbers or text (``"2.3."``), statuses in varied case and
spacing, and an indicator sheet.

Every file is valid: the ingest must accept it (the benchmark times the
happy path). Files are cached in bench/out/ and rebuilt when this script is
newer than the file. openpyxl's write_only mode streams rows (xlsxwriter's
constant_memory mode measured no faster here: ~5 µs a cell either way).

Sizes (measure rows / indicator values):
  s   1,000 /    10,000   long indicator layout (one row per value)
  m  20,000 /   100,000   long layout
  l 200,000 / 1,000,000   wide layout (one column per year)

A long sheet of 1,000,000 indicator rows zips to ~29 MB, above the upload
limit (reader.MAX_FILE_BYTES, 25 MB); the wide layout, which the format
accepts, carries the same million values in ~34k rows, so the largest file
still loads a million indicator rows.

Run: python bench/generate.py [s m l]  (prints the paths)
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.cell_range import CellRange

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
REPORT_DATE = dt.date(2025, 9, 29)


@dataclass(frozen=True)
class Size:
    name: str
    measures: int
    indicator_values: int
    wide_indicators: bool

    @property
    def path(self) -> Path:
        return OUT / f"ogp_bench_{self.name}.xlsx"


SIZES = {
    "s": Size("s", 1_000, 10_000, False),
    "m": Size("m", 20_000, 100_000, False),
    "l": Size("l", 200_000, 1_000_000, True),
}

MEMBERS = (
    "Latvija", "Lietuva", "Igaunija", "Somija", "Zviedrija", "Dānija", "Norvēģija", "Īrija", "Polija",
    "Čehija", "Slovākija", "Horvātija", "Grieķija", "Ukraina", "Gruzija", "Moldova", "Armēnija",
    "Kanāda", "Čīle", "Kolumbija", "Meksika", "Brazīlija", "Gana", "Kenija", "Nigērija", "Indonēzija",
    "Filipīnas", "Jaunzēlande", "Austrālija", "Spānija", "Portugāle", "Itālija", "Francija", "Vācija",
    "Rīgas valstspilsēta", "Liepājas valstspilsēta", "Jelgavas valstspilsēta", "Cēsu novads",
    "Ventspils valstspilsēta", "Valmieras novads", "Daugavpils valstspilsēta", "Ogres novads",
    "Kuldīgas novads", "Smiltenes novads", "Tartu pilsēta", "Viļņas pilsēta", "Madrides pilsēta",
    "Buenosairesas pilsēta", "Seula", "Tbilisi", "Paryžas pilsēta", "Ļvivas pilsēta",
)
TOPICS = (
    "sabiedrības līdzdalības ietvaru", "atklātību valsts budžetā", "atvērto datu pieejamību",
    "pretkorupcijas pasākumus", "iestāžu komunikāciju ar iedzīvotājiem", "jauniešu līdzdalību",
    "pašvaldību atvērtību", "publisko iepirkumu caurskatāmību", "lobēšanas atklātību",
    "deliberatīvās demokrātijas formas", "digitālos pakalpojumus", "trauksmes cēlēju aizsardzību",
    "NVO finansējuma pieejamību", "plašsaziņas līdzekļu neatkarību", "saprotamu valodu",
)
VERBS = ("Stiprināt", "Veicināt", "Paplašināt", "Uzlabot", "Nodrošināt", "Iedzīvināt", "Pilnveidot")
ACTIVITIES = (
    "Mācību cikls", "Metodiskais materiāls", "Digitālā platforma", "Apaļā galda diskusija",
    "Aptauja", "Normatīvā regulējuma grozījumi", "Vadlīnijas", "Informatīvā kampaņa",
    "Pieredzes apmaiņas seminārs", "Datu kopas publicēšana", "Izvērtējums", "Pilotprojekts",
)
AUDIENCES = (
    "valsts pārvaldes darbiniekiem", "pašvaldību speciālistiem", "jauniešiem", "skolotājiem",
    "nevalstiskajām organizācijām", "žurnālistiem", "uzņēmējiem", "senioriem", "diasporai",
)
INSTITUTIONS = (
    "Valsts kanceleja", "Finanšu ministrija", "VARAM", "Izglītības un zinātnes ministrija",
    "Kultūras ministrija", "Tieslietu ministrija", "Saeima", "LPS", "Delna", "Providus", "VAS",
    "KNAB", "Iepirkumu uzraudzības birojs", "Valsts ieņēmumu dienests", "Ārlietu ministrija",
    "Labklājības ministrija", "Veselības ministrija", "Satiksmes ministrija", "Ekonomikas ministrija",
)
NOTE_PARTS = (
    "organizētas {n} mācības tiešsaistē", "sagatavots ziņojuma projekts", "notika {n} sanāksmes ar "
    "partneriem", "publicēti {n} materiāli TAP portālā", "iesaistīti {n} dalībnieki no reģioniem",
    "darbs turpinās, termiņš pagarināts", "nav informācijas no pašvaldībām", "jāvērtē padziļināti "
    "pēc plāna beigām", "grozījumi stājās spēkā {d}. jūlijā", "saņemti {n} priekšlikumi sabiedriskajā "
    "apspriešanā", "izstrādāts e-kurss „Līdzdalība ikdienā”",
)
LV_MONTHS = ("janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts",
             "septembris", "oktobris", "novembris", "decembris")
STATUSES = (
    "Nav uzsākts", "nav uzsākts", "NAV UZSĀKTS", "Plānots",
    "Uzsākts, izpilde procesā", "uzsākts,  izpilde procesā", " Izpilde procesā ", "Procesā",
    "Tiek īstenots", "UZSĀKTS",
    "Pabeigts vai būtisks progress", "pabeigts", "Pabeigts ", "Izpildīts", "Būtisks  progress",
    "PABEIGTS VAI BŪTISKS PROGRESS",
    "Atsaukts", "atsaukts",
)
STATUS_WEIGHTS = (3, 3, 1, 1, 6, 2, 2, 2, 1, 1, 6, 3, 2, 2, 1, 1, 1, 1)
INDICATORS = (
    ("Uzticēšanās valdībai", "Trust in government"), ("Uzticēšanās Saeimai", "Trust in parliament"),
    ("Uzticēšanās tiesām", "Trust in courts"), ("Uzticēšanās policijai", "Trust in police"),
    ("Uzticēšanās pašvaldībai", "Trust in local government"),
    ("Uzticēšanās valsts pārvaldei", "Trust in the civil service"),
    ("Uzticēšanās plašsaziņas līdzekļiem", "Trust in news media"),
    ("Apmierinātība ar demokrātiju", "Satisfaction with democracy"),
    ("Iespēja ietekmēt lēmumus", "Say in what government does"),
    ("Līdzdalība sabiedriskajā apspriešanā", "Took part in a public consultation"),
)
AREAS = (
    "Latvija", "ES vidēji", "OECD vidēji", "Rīga", "Pierīga", "Vidzeme", "Kurzeme", "Zemgale", "Latgale",
    "Sievietes", "Vīrieši", "18–24 gadi", "25–39 gadi", "40–54 gadi", "55–64 gadi", "65+ gadi",
    "Pamatizglītība", "Vidējā izglītība", "Augstākā izglītība", "Lielās pilsētas", "Lauku teritorijas",
)
HEADERS = ["Plāns", "Apņemšanās nr.", "Apņemšanās", "Pasākuma nr.", "Pasākums", "Atbildīgā iestāde",
           "Līdzatbildīgās iestādes", "Statuss", "Sākuma datums", "Izpildes termiņš", "Progresa apraksts",
           "Izpilde, %", "Ziņojuma datums"]
FIRST_DATA_ROW = 5  # title, subtitle, empty row, header row


def _date_cell(rng: random.Random, day: dt.date) -> object:
    """One date in one of the forms analysts type (mostly real Excel dates)."""
    kind = rng.random()
    if kind < 0.55:
        return day
    if kind < 0.70:
        return day.strftime("%d.%m.%Y")
    if kind < 0.80:
        return day.isoformat()
    if kind < 0.90:
        return f"{day.year}. gada {day.day}. {LV_MONTHS[day.month - 1]}"
    return (day - dt.date(1899, 12, 30)).days  # a serial number in an unformatted cell


def _measure_number(rng: random.Random, commitment: int, k: int) -> object:
    """Numbers as Excel keeps them: 1.1 as a float, 1.10 only as text, sometimes with a dot."""
    label = f"{commitment}.{k}"
    roll = rng.random()
    if k < 10 and roll < 0.3:
        return float(label)
    if roll < 0.4:
        return label + "."
    return label


def _note(rng: random.Random) -> str:
    parts = rng.sample(NOTE_PARTS, rng.randint(1, 3))
    text = "; ".join(p.format(n=rng.randint(2, 40), d=rng.randint(1, 28)) for p in parts)
    return text[0].upper() + text[1:]


def plan_names(n: int) -> list[str]:
    names = []
    for i in range(n):
        member = MEMBERS[i % len(MEMBERS)]
        number = 1 + (i // len(MEMBERS)) % 7
        group = i // (len(MEMBERS) * 7)
        start = 2012 + 2 * (number - 1)
        suffix = f" ({group + 1})" if group else ""
        names.append(f"{member}: {number}. plāns {start}–{start + 3}{suffix}")
    return names


def measure_rows(size: Size, rng: random.Random) -> tuple[list[list], list[tuple[int, int]]]:
    """All measure rows, plus (first, last) data-row offsets of each commitment (merged cells)."""
    rows: list[list] = []
    groups: list[tuple[int, int]] = []
    plans = plan_names(max(2, size.measures // 200))
    per_plan = size.measures // len(plans)
    for p, plan in enumerate(plans):
        n_plan = per_plan + (1 if p < size.measures % len(plans) else 0)
        commitment, written = 0, 0
        plan_start = dt.date(2012 + 2 * (p % 7), 1, 1)
        while written < n_plan:
            commitment += 1
            n = min(rng.randint(2, 14), n_plan - written)
            title = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} ({commitment}. virziens)"
            first = len(rows)
            for k in range(1, n + 1):
                start = plan_start + dt.timedelta(days=rng.randint(0, 700))
                deadline = start + dt.timedelta(days=rng.randint(30, 900))
                status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
                partners = "; ".join(rng.sample(INSTITUTIONS, rng.randint(0, 3)))
                if rng.random() < 0.2:
                    partners = partners.replace("; ", ", ")
                pct_roll = rng.random()
                pct: object = (None if pct_roll < 0.5 else rng.randint(0, 100) if pct_roll < 0.9
                               else f"{rng.randint(0, 100)}%")
                rows.append([
                    plan if k == 1 else None,
                    (commitment if rng.random() < 0.5 else str(commitment)) if k == 1 else None,
                    title if k == 1 else None,
                    _measure_number(rng, commitment, k),
                    f"{rng.choice(ACTIVITIES)} {rng.choice(AUDIENCES)} par {rng.choice(TOPICS)}",
                    rng.choice(INSTITUTIONS),
                    partners or None,
                    status,
                    _date_cell(rng, start),
                    _date_cell(rng, deadline),
                    _note(rng),
                    pct,
                    REPORT_DATE,
                ])
            groups.append((first, len(rows) - 1))
            written += n
    return rows, groups


def indicator_rows(size: Size, rng: random.Random) -> tuple[list[str], list[list]]:
    """The indicator sheet: long (one row per value) or wide (one column per year)."""
    years = list(range(1995, 2025))
    if size.wide_indicators:
        n_rows = -(-size.indicator_values // len(years))
        header = ["Rādītājs", "Rādītājs (angliski)", "Teritorija", "Mērvienība", "Avots", *years]
        rows = []
        for i in range(n_rows):
            lv, en = INDICATORS[i % len(INDICATORS)]
            area = f"{AREAS[(i // len(INDICATORS)) % len(AREAS)]} #{i // (len(INDICATORS) * len(AREAS)) + 1}"
            base = rng.uniform(15, 75)
            values: list[object] = [round(min(100.0, max(0.0, base + rng.gauss(0, 4))), 1) for _ in years]
            left = size.indicator_values - i * len(years)
            values = values[:left] + [None] * (len(years) - left) if left < len(years) else values  # missing years
            rows.append([lv, en, area, "%", "OECD Trust Survey (sintētiski)", *values])
        return header, rows
    header = ["Rādītājs", "Rādītājs (angliski)", "Teritorija", "Gads", "Vērtība", "Mērvienība", "Avots"]
    rows = []
    per_series = len(years)
    for i in range(size.indicator_values):
        series, y = divmod(i, per_series)
        lv, en = INDICATORS[series % len(INDICATORS)]
        area = f"{AREAS[(series // len(INDICATORS)) % len(AREAS)]} #{series // (len(INDICATORS) * len(AREAS)) + 1}"
        value: object = round(rng.uniform(10, 90), 1)
        if rng.random() < 0.01:
            value = f"{value:.1f}".replace(".", ",")  # typed with a decimal comma
        rows.append([lv, en, area, years[y], value, "%", "Eurobarometer (sintētiski)"])
    return header, rows


def build(size: Size, path: Path | None = None) -> Path:
    """Write one synthetic export (deterministic for a given size)."""
    path = path or size.path
    rng = random.Random(f"ogp-bench-{size.name}")
    wb = Workbook(write_only=True)

    ws = wb.create_sheet("Pasākumi")
    rows, groups = measure_rows(size, rng)
    ws.append(["Atvērtās pārvaldības rīcības plānu izpildes uzraudzība (sintētiski dati)"])
    ws.append([f"Stāvoklis uz {REPORT_DATE:%d.%m.%Y}. Visi dati ir ģenerēti veiktspējas mērījumiem."])
    ws.append([])
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    # Straight into the range set: MultiCellRange.add checks each new range against
    # every earlier one (quadratic; minutes at 60k merges), and these never overlap.
    merged = ws.merged_cells.ranges
    for first, last in groups:
        if last > first:
            for col in "ABC":
                merged.add(CellRange(f"{col}{FIRST_DATA_ROW + first}:{col}{FIRST_DATA_ROW + last}"))

    ind = wb.create_sheet("Rādītāji")
    header, ind_rows = indicator_rows(size, rng)
    ind.append(header)
    for row in ind_rows:
        ind.append(row)

    sched = wb.create_sheet("Grafiks")
    sched.append(["Plāns", "Aktivitāte", "Sākums", "Beigas", "Mērķis"])
    for i, activity in enumerate(("Aptauja", "Apaļā galda diskusija", "Publiskā apspriešana TAP portālā",
                                  "Iesniegšana apstiprināšanai MK")):
        start = dt.date(2025, 4, 1) + dt.timedelta(days=60 * i)
        sched.append([plan_names(1)[0], activity, start, start + dt.timedelta(days=30),
                      "Sagatavot nākamo rīcības plānu"])

    about = wb.create_sheet("Par datiem")
    about.append(["Sintētiski dati", "Ģenerēti ar bench/generate.py; nav oficiāli dati."])

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    wb.save(tmp)
    tmp.replace(path)
    return path


def ensure(size: Size) -> Path:
    """The cached file for a size, rebuilt when missing or older than this script."""
    path = size.path
    if not path.exists() or path.stat().st_mtime < Path(__file__).stat().st_mtime:
        build(size, path)
    return path


def main(argv: list[str]) -> int:
    for name in argv or list(SIZES):
        print(ensure(SIZES[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
