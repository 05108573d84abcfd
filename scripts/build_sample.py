"""Build the shipped sample exports in data/sample/ from the council's slides.

Sources: the monitoring council's slides of 27 March 2025 and 29 September
2025 (measure titles, notes, institutions named there, status totals, the 6th
plan's directions and drafting schedule) and shared/data's published trust
figures. What the slides do not say (which measure had which status, dates,
unnamed lead institutions, the September changes) is an illustrative
assumption, and every workbook says so on its "Par datiem" sheet and in the
rows concerned.

Run: python scripts/build_sample.py  (writes data/sample/*.xlsx)
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "sample"
TRUST_CSV = ROOT / "data" / "sample" / "trust_indicators_latvia.csv"

PLAN5 = "5. plāns 2022–2025"
PLAN6 = "6. plāns 2026–2027"
ILL = " [ilustratīvi]"

NS, IP, AD = "Nav uzsākts", "Uzsākts, izpilde procesā", "Pabeigts vai būtisks progress"

COMMITMENTS5 = {
    "1": "Stiprināt sabiedrības līdzdalības ietvaru un vairot izpratni par efektīvu līdzdalības procesu",
    "2": "Popularizēt sabiedrības līdzdalības iespējas, tostarp jauniešu un NVO iesaisti",
    "3": "Stiprināt sabiedrības pārstāvniecību un dialogu ar sabiedrību lēmumu pieņemšanas procesos ikvienā nozarē",
    "4": "Valstij sazināties ar sabiedrību saprotami un cilvēcīgā valodā, skaidrot lēmumus un sarežģītas tēmas, uzsverot ieguvumus",
    "5": "Veicināt datu pieejamību un saprotamību, palielinot iedzīvotāju iespējas izmantot tos un veidot datos balstītus risinājumus",
    "6": "Veicināt atvērtību un iedzīvotāju iesaisti un līdzdalību pašvaldībās",
}

VK = "Valsts kanceleja"
# (no, title, lead, lead_named_in_slides, partners, status 27.03.2025, deadline, note)
MEASURES5 = [
    ("1.1", "Ietvara dokuments par sabiedrības līdzdalību un pilsonisko dialogu", VK, False, "", NS, "2024-12-31", ""),
    ("1.2", "Sabiedrības līdzdalības regulējuma pilnveide – sabiedrības līdzdalības kārtība un citas izmaiņas normatīvajā regulējumā", VK, False, "", AD, "2024-12-31",
     "MK 15.10.2024. sēdē pieņemta jaunā Sabiedrības līdzdalības kārtība attīstības plānošanas procesā"),
    ("1.3", "Mācību pasākumi „Efektīva un jēgpilna sabiedrības līdzdalība”", VK, True, "VAS", AD, "2025-12-31",
     "Valsts kanceleja un Valsts administrācijas skola organizējusi 3 mācības tiešsaistē un izstrādā e-kursu publiskajai pārvaldei par līdzdalības nodrošināšanu"),
    ("1.4", "Līdzdalības labās prakses pēcpusdienas", VK, True, "", AD, "2025-12-31",
     "Valsts kanceleja organizējusi trīs līdzdalības pēcpusdienas: 2022. gada 27. jūnijā, 2023. gada 1. martā un 6. jūlijā; 2025. gadā sadarbība ar ministrijām tiks turpināta"),
    ("1.5", "Sabiedrības līdzdalības digitālā platforma", VK, False, "", AD, "2025-12-31",
     "Digitālā platforma ir TAP portāla sadaļa „Sabiedrības līdzdalība”"),
    ("2.1", "Komunikācijas aktivitātes par līdzdalības iespējām valsts pārvaldē", VK, True, "", AD, "2025-12-31",
     "Valsts kancelejas aktivitātes uzskaitītas vidusposma izvērtējumā un būs apkopotas arī gala ziņojumā"),
    ("2.2", "Komunikācijas aktivitātes par līdzdalību nozarēs un pašvaldībās", "Ministrijas", True, "", IP, "2025-12-31",
     "Ministriju informācija ir vidusposma izvērtējumā un būs apkopota arī gala ziņojumā, kur arī jāvērtē situācija ar pašvaldībām"),
    ("2.3", "NVO diena", VK, True, "Saeima; LPS; Ārlietu ministrija", AD, "2025-12-31",
     "Valsts kancelejas, Saeimas, LPS, ĀM aktivitātes norādītas vidusposma izvērtējumā, būs informācija arī gala ziņojumā"),
    ("2.4", "Jauniešu līdzdalības prasmes lēmumu pieņemšanā Latvijā un Eiropā, Jauniešu Saeima, dalība Vietējo un reģionālo pašvaldību kongresā", "Saeima", True, "", AD, "2025-12-31",
     "2023. gadā atjaunota Jauniešu Saeimas darbība Saeimā. Par jauniešu skaitu līdzdalībā starptautiski un pašpārvalžu atbalsta programmu „Kontakts” – vidusposma izvērtējumā; nav par Vietējo un reģionālo pašvaldību kongresu, nav iesaistīto jauniešu atgriezeniskās saites par paveikto"),
    ("2.5", "Līdzdalības budžeta principu iedzīvināšana skolās", "Delna", True, "IZM", NS, "2024-06-30",
     "Vidusposma izvērtējumā plaša informācija par „Delnas” paveikto saistībā ar skolu izglītošanu par līdzdalīgo budžetēšanu un tikšanos ar aģentūru; nav tikšanās ar IZM un informācijas izplatīšanas visām skolām"),
    ("3.1", "Nozaru sadarbības partneru pārstāvniecības stiprināšana un regulāra dialoga uzturēšana", "Ministrijas", True, "", IP, "2025-12-31",
     "Vidusposma izvērtējumā informācija no ministrijām par sadarbības partneriem un sadarbības formām; pēc plāna beigām jāvērtē padziļinātāk"),
    ("3.2", "Efektīvas un mūsdienīgas sabiedrības līdzdalības pieejas izsvērtu un kvalitatīvu lēmumu izstrādei ikvienā nozarē", "Ministrijas", True, "", IP, "2025-12-31",
     "Vidusposma izvērtējumā informācija no ministrijām par sadarbību ar NVO un sabiedrību, ar piemēriem; pēc plāna beigām jāvērtē padziļinātāk"),
    ("3.3", "Caurskatāmība un sabiedrības iesaiste Atveseļošanas fonda un Kohēzijas politikas programmas ietvaros finansētās reformās un investīcijās", "Finanšu ministrija", True, "Ministrijas", IP, "2025-12-31",
     "Vidusposma izvērtējumā ir informācija no FM un citām ministrijām, ar piemēriem; gala ziņojumā informācija arī tiks apkopota un vērtēta padziļinātāk"),
    ("3.4", "Izglītojoši semināri pilsoniskajai sabiedrībai par TAP portāla izmantošanu", VK, False, "", AD, "2025-12-31",
     "Semināri notika 2022. gada 30. martā un 2024. gada 19. janvārī"),
    ("3.5", "Deliberatīvo diskusiju modeļa izveide, sākotnējās diskusijas un deliberatīvo formu tālāka attīstība", VK, True, "Providus; Kultūras ministrija", IP, "2025-12-31",
     "Valsts kanceleja izstrādā metodikas projektu, nosūtīs Providus un Kultūras ministrijai; maijā plānots seminārs par deliberatīvām formām; 2024. g. KM LLF organizēja deliberatīvo diskusiju"),
    ("3.6", "NVO klasifikatora izveide pa darbības jomām", VK, False, "", AD, "2024-12-31",
     "2024. gada 1. jūlijā stājās spēkā grozījumi Biedrību un nodibinājumu likumā; turpinās darbs pie klasifikatora praktiskas ieviešanas"),
    ("4.1", "Mācības „Saprotama un vienkārša valoda valsts pārvaldē – efektīva komunikācija ar sabiedrību” un metodiski materiāli", VK, False, "VAS", AD, "2025-12-31",
     "E-kurss pieejams apguvei no 2023. gada decembra; metodisko materiālu apkopojums vizuāļa formā ar saitēm jāizsūta 2025. gadā"),
    ("4.2", "Piekļūstamības principu un prasību iedzīvināšana valsts pārvaldes komunikācijā ar sabiedrību", "Ministrijas", True, "", IP, "2025-12-31",
     "Pasākumi piekļūstamības principu un prasību iedzīvināšanai apkopoti vidusposma izvērtējumā, jāvērtē padziļināti pēc plāna beigām"),
    ("4.3", "Nozaru atvērtās pārvaldības dialogi – „Saprotami par sarežģīto. Izproti sabiedrības ieguvumus un iesaisties!”", VK, False, "", NS, "2025-12-31",
     "Pasākums tiks īstenots 2025. gada otrajā pusē"),
    ("4.4", "Aktīva un iekļaujoša komunikācija ar iedzīvotājiem un informācijas nodošana sabiedrībai mūsdienīgā un saprotamā veidā", "Ministrijas", True, "LV portāls", IP, "2025-12-31",
     "Ministriju un LV portāla informācija vidusposma izvērtējumā; jāvērtē padziļināti pēc plāna beigām"),
    ("5.1", "Sabiedrībai nozīmīgu datu un rīku, tostarp atvērto datu, popularizēšana un skaidrošana", "Ministrijas", True, "", IP, "2025-12-31",
     "Ministriju informācija vidusposma izvērtējumā; jāvērtē padziļināti pēc plāna beigām"),
    ("5.2", "Atvērto datu izmantošanas piemēru popularizēšana un prasmju veicināšana", "Ministrijas", True, "", IP, "2025-12-31",
     "Ministriju informācija vidusposma izvērtējumā; jāvērtē padziļināti pēc plāna beigām"),
    ("5.3", "Piecu datu kopu pieejamība sabiedrībai", "Finanšu ministrija", False, "VNĪ; VZD; Valsts kanceleja; NEPLP", AD, "2025-12-31",
     "Mediju īpašnieki norādīti NEPLP dokumentos; VK publicē divas kopas; amatpersonu deklarācijas nolemts atvērto datu formā nepublicēt; nav informācijas par pašvaldību budžeta datu izlietojumu"),
    ("6.1", "Atvērtības standartu iedzīvināšana pašvaldībās", "VARAM", True, "", IP, "2024-12-31",
     "Standarti ir izsūtīti visām pašvaldībām un publicēti VARAM vietnē; nav informācijas par iedzīvināšanu pašvaldībās"),
    ("6.2", "Regulāras pašvaldību darbinieku pieredzes apmaiņas, t. sk. par sabiedrības līdzdalības jautājumiem", "VARAM", True, "", IP, "2025-12-31",
     "Daudz VARAM aktivitāšu, nav informācijas no pašām pašvaldībām"),
    ("6.3", "Pašvaldības iedzīvotāju līdzdalības stiprināšana, līdzdalību integrējot kā lēmumu pieņemšanas daļu", "VARAM", True, "", IP, "2025-12-31",
     "VARAM norit aktīvs darbs; jāveic pašvaldību aptauja pēc plāna beigām"),
]

# Illustrative changes for the 29.09.2025 snapshot (the slides of that day give no statuses).
CHANGES_SEPT = {
    "3.5": (AD, "Deliberatīvās metodikas projekts sagatavots un apspriests semināros"),
    "5.1": (AD, "Datu popularizēšanas aktivitātes apkopotas gala ziņojuma projektam"),
    "4.3": (IP, "Pirmais nozaru dialogs notika 2025. gada septembrī"),
}

DIRECTIONS6 = {
    "1": "Iedzīvināt atvērtās pārvaldības principus un vērtības",
    "2": "Vairot atklātību un uztveramību valsts un pašvaldību finanšu resursu jautājumos",
    "3": "Uzlabot valsts institūciju komunikāciju ar iedzīvotājiem",
    "4": "Nodrošināt plašāku sabiedrības iesaisti lēmumu pieņemšanā un pilsonisko līdzdalību demokrātiskos procesos",
}
MEASURES6 = {
    "1": ["Informatīvs materiāls un praktikums", "Valsts pārvalde tuvplānā", "Atvērtās pārvaldības kopienas attīstība",
          "Koprades principi valsts pārvaldē"],
    "2": ["Informācijas sniegšana par valsts budžetu un tā izlietojumu",
          "Valsts iestāžu un pašvaldību budžetu atklātība un uztveramība („Atvērtais budžets”)",
          "Izpratnes veicināšana par līdzdalības budžetu", "Informatīvā portāla izveide par valsts pārvaldes sniegumu",
          "Integritātes paktu standarts"],
    "3": ["Būtisku, sabiedrību skarošu lēmumu un norišu efektīva skaidrošana",
          "Uzlabot atbildes uz iedzīvotāju iesniegumiem un iedzīvotāju iespējas sniegt atgriezenisko saiti iestāžu tīmekļvietnēs",
          "Komunikācija ar sabiedrību par valsts aizsardzību un Latgales iesaisti",
          "Pašvaldību lēmumu izstrādes un sabiedrības līdzdalības portāls",
          "Atvērto datu un MI izmantošana valsts pārvaldes atklātības nodrošināšanā"],
    "4": ["Prasmes valsts un pašvaldību institūcijās sabiedrības jēgpilnai un savlaicīgai iesaistei",
          "Nozares politikas veidošanā lūdz viedokli un iesaista diskusijās skartās mērķgrupas, arī tos, kuri paši neiesaistās",
          "Inovatīvas līdzdalības pieejas plašākai un tiešākai līdzdalībai",
          "Līdzdalības jaunumi iedzīvotājiem e-pastā un e-adresē", "Līdzdalību veicinoši komunikācijas materiāli",
          "Konstruktīvas līdzdalības prasmes jauniešiem, pilsoniskās izglītības aktivitātes skolēniem un pedagogiem",
          "NVO kapacitāte ES fondu jomā un informācija par NVO atbalsta iespējām"],
}

SCHEDULE_MARCH = [
    ("Uzraudzības padomes sēde", "2025-03-27", "2025-03-27",
     "Pārrunāt 5. plāna izpildi, vienoties par 6. plāna izstrādes grafiku un izstrādes principiem, pārrunāt 6. plāna prioritātes"),
    ("Aptauja (sabiedrībā aktuālo jautājumu noskaidrošana)", "2025-04-07", "2025-05-05",
     "Apkopot idejas no mērķauditorijām – NVO, aktīvie iedzīvotāji pilsētās, reģionos/kopienās, uzņēmēju un profesionālās biedrības, diaspora"),
    ("Atvērtās pārvaldības veicināšana Latvijā: apaļā galda diskusija", "2025-06-01", "2025-06-30",
     "Prezentēt apkopotās idejas, tostarp Dialoga apļu par Latviju 2050 secinājumus; pārrunāt plāna mērķus un risināmās problēmas"),
    ("Plāna projekta izstrāde un ievietošana TAP portālā", "2025-06-01", "2025-08-31",
     "Definēt mērķus un pasākumu kopumu un iesaistīto pušu atbildības sadalījumu"),
    ("Publiskā apspriešana TAP portālā", "2025-09-01", "2025-09-30", "30 dienu publiskā apspriešana TAP portālā"),
    ("Saskaņošana un iesniegšana MK", "2025-10-01", "2025-11-30", "Saskaņošana TAP portālā; iesniegšana MK"),
]
SCHEDULE_SEPT = SCHEDULE_MARCH[:4] + [
    ("Publiskā apspriešana TAP portālā", "2025-10-01", "2025-10-31", "Publiskā apspriešana TAP portālā"),
    ("Saskaņošana", "2025-11-01", "2025-11-30", "Saskaņošana TAP portālā"),
    ("Iesniegšana apstiprināšanai MK", "2025-12-05", "2025-12-05", "Plāna iesniegšana apstiprināšanai Ministru kabinetā"),
]

ABOUT = [
    ("Par šo paraugu / About this sample", ""),
    ("Avots", "Atvērtās pārvaldības rīcības plāna uzraudzības padomes sēžu slaidi (27.03.2025., 29.09.2025.) un "
              "publicētie OECD/Eurobarometer uzticēšanās rādītāji (lapa „Rādītāji”, avots katrā rindā)."),
    ("Reāli dati", "Pasākumu nosaukumi un piezīmes; slaidos nosauktās iestādes; statusu kopskaits 27.03.2025. "
                   "(3 nav uzsākti, 11 pabeigti vai būtisks progress, 12 procesā); 6. plāna rīcības virzieni un "
                   "pasākumi; izstrādes grafiks; uzticēšanās rādītāju vērtības."),
    ("Ilustratīvi", "Kurš pasākums kurā statusā (slaidos ir tikai kopskaits); sākuma datumi un termiņi; "
                    "atbildīgās iestādes, kas slaidos nav nosauktas (atzīmētas ar [ilustratīvi]); 6. plāna "
                    "pasākumu numerācija, statuss un termiņi; 1. rīcības virziena nosaukums daļēji rekonstruēts "
                    "no slaida; visas 29.09.2025. statusa izmaiņas (3.5, 5.1, 4.3)."),
    ("Illustrative (EN)", "Which measure had which status, dates, lead institutions not named in the slides, "
                          "the 6th plan's numbering/status/dates and all 29.09.2025 status changes are "
                          "assumptions for demonstration, not official data."),
]


def _trust_rows() -> list[list]:
    with TRUST_CSV.open(encoding="utf-8") as fh:
        return [[r["indicator_lv"], r["indicator_en"], r["area"], int(r["year"]), float(r["value_pct"]), "%",
                 r["source"]] for r in csv.DictReader(fh)]


def _measure_rows(september: bool) -> list[list]:
    rows = []
    for no, title, lead, named, partners, status, deadline, note in MEASURES5:
        if september and no in CHANGES_SEPT:
            status, extra = CHANGES_SEPT[no]
            note = f"{extra}{ILL}" + (f"; {note}" if note else "")
        commitment = no.split(".")[0]
        number: object = float(no) if no in ("1.1", "2.1", "3.1") else no  # as Excel often stores them
        deadline_cell: object = dt.date.fromisoformat(deadline)
        if no == "6.3":
            deadline_cell = "2025. gada 31. decembris"
        elif no in ("2.2", "3.3"):
            deadline_cell = dt.date.fromisoformat(deadline).strftime("%d.%m.%Y")
        if not named:
            note = (note + " " if note else "") + "[atbildīgā iestāde — ilustratīvi]"
        rows.append([PLAN5, commitment, COMMITMENTS5[commitment], number, title, lead, partners, status, dt.date(2022, 1, 1), deadline_cell,
                     note, None])
    if september:
        for direction, titles in MEASURES6.items():
            for i, title in enumerate(titles, start=1):
                rows.append([PLAN6, direction, DIRECTIONS6[direction], f"{direction}.{i}", title, VK, "",
                             NS, dt.date(2026, 1, 1), dt.date(2027, 12, 31),
                             "Plāna projekts; pasākumu numerācija, termiņi un atbildīgā iestāde ilustratīvi",
                             None])
    return rows


def build(report_date: dt.date, september: bool, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Pasākumi"
    ws["A1"] = "Atvērtās pārvaldības rīcības plānu izpildes uzraudzība"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Stāvoklis uz {report_date:%d.%m.%Y}." + (" Statusu izmaiņas ir ilustratīvas." if september else
                                                         " Statusu sadalījums pa pasākumiem ir ilustratīvs.")
    headers = ["Plāns", "Apņemšanās nr.", "Apņemšanās", "Pasākuma nr.", "Pasākums", "Atbildīgā iestāde",
               "Līdzatbildīgās iestādes", "Statuss", "Sākuma datums", "Izpildes termiņš", "Progresa apraksts",
               "Izpilde, %", "Ziņojuma datums"]
    ws.append([])
    ws.append(headers)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    first = 5
    rows = _measure_rows(september)
    for row in rows:
        ws.append(row + [report_date])
    # Commitment number and title merged down over their measures, as in the council's tables.
    start = first
    for i in range(1, len(rows) + 1):
        end_of_group = i == len(rows) or rows[i][:2] != rows[start - first][:2]
        if end_of_group:
            stop = first + i - 1
            if stop > start:
                for col in ("A", "B", "C"):
                    ws.merge_cells(f"{col}{start}:{col}{stop}")
            start = stop + 1
    for col, width in zip("ABCDEFGHIJKLM", (18, 8, 40, 8, 60, 24, 24, 28, 12, 14, 60, 9, 12)):
        ws.column_dimensions[col].width = width

    ind = wb.create_sheet("Rādītāji")
    ind.append(["Rādītājs", "Rādītājs (angliski)", "Teritorija", "Gads", "Vērtība", "Mērvienība", "Avots"])
    for row in _trust_rows():
        ind.append(row)

    sched = wb.create_sheet("Grafiks")
    sched.append(["6. plāna izstrādes grafiks"])
    sched.append(["Plāns", "Aktivitāte", "Sākums", "Beigas", "Mērķis"])
    for activity, start_d, end_d, goal in (SCHEDULE_SEPT if september else SCHEDULE_MARCH):
        sched.append([PLAN6, activity, dt.date.fromisoformat(start_d), dt.date.fromisoformat(end_d), goal])

    about = wb.create_sheet("Par datiem")
    for row in ABOUT:
        about.append(row)
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 120
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


SAMPLES = (
    (dt.date(2025, 3, 27), False, OUT / "ogp_2025-03-27.xlsx"),
    (dt.date(2025, 9, 29), True, OUT / "ogp_2025-09-29_ilustrativs.xlsx"),
)
TOUR = OUT / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"

# The README's tour uploads a December report of the 5th plan alone (not seeded): every change in it
# is illustrative. (status, note) per measure; a deadline moved later where the note says so.
CHANGES_DEC = {
    "1.1": (IP, "Ietvara dokumenta projekts nodots saskaņošanai"),
    "4.3": (AD, "Notikuši trīs nozaru dialogi (septembris–decembris)"),
    "6.1": (IP, "Standarti izsūtīti; termiņš pagarināts līdz 2026. gada 30. jūnijam, lai apkopotu pašvaldību pieredzi"),
}
DEADLINES_DEC = {"6.1": dt.date(2026, 6, 30), "2.5": dt.date(2025, 12, 31)}


def build_tour(report_date: dt.date, path: Path) -> None:
    """One plan, measures only, laid out the way the State Chancellery's own tables are: the plan
    and the date only in the title rows, commitments as section rows, the usual Latvian headings
    (``Izpildes informācija``) and statuses as typed. What an analyst uploads in December."""
    months = ("janvāri", "februāri", "martu", "aprīli", "maiju", "jūniju", "jūliju", "augustu", "septembri",
              "oktobri", "novembri", "decembri")
    wb = Workbook()
    ws = wb.active
    ws.title = "Pasākumi"
    ws.append(["Piektā nacionālā atvērtās pārvaldības rīcības plāna 2022.–2025. gadam izpilde"])
    ws.append([f"Stāvoklis uz {report_date.year}. gada {report_date.day}. {months[report_date.month - 1]}"])
    ws.append(["Ilustratīvs ziņojums: statusu izmaiņas un termiņi ir pieņēmumi, ne oficiāli dati."])
    ws["A1"].font = Font(bold=True, size=14)
    headers = ["Nr.", "Pasākums", "Atbildīgā institūcija", "Līdzatbildīgās institūcijas", "Izpildes termiņš",
               "Statuss", "Izpildes informācija"]
    ws.append(headers)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    current = None
    for row in _measure_rows(september=True):
        if row[0] != PLAN5:
            continue
        no = str(row[3]) if not isinstance(row[3], float) else f"{row[3]:g}"
        status, note, deadline = row[7], row[10], row[9]
        if no in CHANGES_DEC:
            status, extra = CHANGES_DEC[no]
            note = f"{extra}{ILL}"
        if no in DEADLINES_DEC:
            deadline = DEADLINES_DEC[no]
        if status == AD and no in ("1.2", "3.6"):
            status = "PABEIGTS"  # typed as the institution wrote it; shown as "Pabeigts"
        if row[1] != current:  # a section row opens each commitment, merged across the table
            current = row[1]
            ws.append([f"{current}. apņemšanās: {COMMITMENTS5[current]}"])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(headers))
            ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append([no, row[4], row[5], row[6], deadline, status, note])
    for col, width in zip("ABCDEFG", (6, 60, 24, 24, 14, 28, 70)):
        ws.column_dimensions[col].width = width
    about = wb.create_sheet("Par datiem")
    about.append(["Ilustratīvi / Illustrative", "Šis ziņojums ir izdomāts README apskatam: statusu izmaiņas "
                  "(1.1, 4.3, 6.1) un termiņi (2.5, 6.1) ir pieņēmumi, ne oficiāli dati. / Made up for the README's "
                  "tour: the status changes and deadlines are assumptions, not official data."])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def main() -> None:
    for report_date, september, path in SAMPLES:
        build(report_date, september, path)
        print(f"wrote {path.relative_to(ROOT)}")
    build_tour(dt.date(2025, 12, 15), TOUR)
    print(f"wrote {TOUR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
