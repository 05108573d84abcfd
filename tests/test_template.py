"""The blank export template: headers, drop-downs, instructions, and it reads back in."""

import datetime as dt
import io

from openpyxl import load_workbook

from ogp_monitor.ingest import spec
from ogp_monitor.ingest.template import build_template
from ogp_monitor.store import pipeline


def template(institutions=None):
    return load_workbook(io.BytesIO(build_template(institutions)))


def test_sheets_and_headers_follow_the_format():
    wb = template()
    assert wb.sheetnames == ["Instrukcija", "Pasākumi", "Saraksti", "Rādītāji", "Grafiks"]
    assert wb["Saraksti"].sheet_state == "hidden"
    for sheet in spec.SHEETS:
        headers = [c.value for c in wb[sheet.label_lv][1]]
        assert headers == [f.label_lv for f in sheet.fields]


def test_status_column_has_a_drop_down_of_the_council_statuses():
    wb = template()
    ws = wb["Pasākumi"]
    status_col = [c.value for c in ws[1]].index("Statuss") + 1
    status_letter = ws.cell(row=1, column=status_col).column_letter
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    dv = lists[0]
    assert f"{status_letter}2:{status_letter}500" in str(dv.sqref)
    sheet, cells = dv.formula1.lstrip("=").split("!")
    first, last = cells.replace("$", "").split(":")
    offered = [c.value for (c,) in wb[sheet][f"{first}:{last}"]]
    assert offered == ["Nav uzsākts", "Uzsākts, izpilde procesā", "Pabeigts vai būtisks progress", "Atsaukts"]
    assert dv.showErrorMessage and "statusu" in dv.error


def test_institutions_drop_down_when_known():
    wb = template(["Valsts kanceleja", "Saeima", "Saeima"])
    lists = wb["Pasākumi"].data_validations.dataValidation
    assert len(lists) == 2
    offered = [c.value for c in wb["Saraksti"]["B"][1:] if c.value is not None]
    assert offered == ["Saeima", "Valsts kanceleja"]
    assert lists[1].formula1.endswith("$B$3")  # exactly those two, no blank entries


def test_measure_numbers_are_text_and_dates_are_dates():
    ws = template()["Pasākumi"]
    headers = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=headers.index("Pasākuma nr.") + 1).number_format == "@"
    assert ws.cell(row=2, column=headers.index("Izpildes termiņš") + 1).number_format == "DD.MM.YYYY"


def test_instructions_name_every_field_in_both_languages():
    info = template()["Instrukcija"]
    text = "\n".join(str(c.value) for row in info.iter_rows() for c in row if c.value)
    for sheet in spec.SHEETS:
        for f in sheet.fields:
            assert f.label_lv in text and f.label_en in text
    assert "2025. gada 31. decembris" in text


def test_blank_template_is_refused_politely():
    result = pipeline.check(build_template(), "veidne.xlsx")
    assert [p.code for p in result.errors] == ["no_rows"]


def test_filled_template_is_accepted():
    wb = template()
    ws = wb["Pasākumi"]
    keys = [f.key for f in spec.MEASURES.fields]
    values = {"plan_id": "6. plāns 2026–2027", "commitment_no": "1", "commitment_title": "Līdzdalība",
              "measure_no": "1.10", "measure_title": "Jauniešu līdzdalība", "lead_institution": "Saeima",
              "partner_institutions": "VK; LPS", "status": "Uzsākts, izpilde procesā",
              "start_date": dt.datetime(2026, 1, 1), "deadline_date": dt.datetime(2027, 12, 31),
              "progress_pct": 10, "report_date": dt.datetime(2026, 3, 31)}
    for key, value in values.items():
        ws.cell(row=2, column=keys.index(key) + 1, value=value)
    rad = wb["Rādītāji"]
    rad.append(["Uzticēšanās valdībai", "Trust in government", "Latvija", 2023, 29, "%", "ESAO"])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = pipeline.check(buffer.getvalue(), "aizpildita.xlsx")
    assert result.ok, [p.line("en") for p in result.errors]
    m = result.clean.measures
    assert m["measure_no"].tolist() == ["1.10"]
    assert list(m["partner_institutions"].iloc[0]) == ["VK", "LPS"]
    assert result.clean.report_date == dt.date(2026, 3, 31)
    assert result.clean.indicators["value"].tolist() == [29.0]
