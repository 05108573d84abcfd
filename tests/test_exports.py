"""Safe CSV and Excel exports, checked as bytes and as LibreOffice reads them."""

import csv
import datetime as dt
import io
import shutil
import subprocess

import pandas as pd
import pytest
from openpyxl import load_workbook

from ogp_monitor.reports import exports

HOSTILE = ["=1+1", "+371 2000", "-5 dienas", "@SUM(A1)", "\tcilne", "\rCR"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "measure_no": ["1.1", "2.10", *HOSTILE],
        "measure_title": ["Līdzdalība: ā č ē ģ ī ķ ļ ņ š ū ž", 'teksts "pēdiņās"; ar semikolu', "", None,
                          "ok", "ok", "ok", "ok"],
        "progress_pct": [29.5, -3.25, 0.0, 1234.5, -1.0, float("nan"), 100.0, 2.0],
        "n_measures": [1, -2, 3, 4, 5, 6, 7, 8],
        "deadline_date": pd.to_datetime(["2025-12-31", "2024-01-01", None, "2025-03-27", "2025-03-27",
                                         "2025-03-27", "2025-03-27", "2025-03-27"]),
        "partners": [["FM", "VARAM"], [], [], [], [], [], [], []],
    })


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_has_bom_semicolons_and_decimal_commas():
    data = exports.to_csv_bytes(frame())
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = csv_rows(data)
    assert rows[0] == ["measure_no", "measure_title", "progress_pct", "n_measures", "deadline_date", "partners"]
    assert rows[1] == ["1.1", "Līdzdalība: ā č ē ģ ī ķ ļ ņ š ū ž", "29,5", "1", "31.12.2025", "FM; VARAM"]
    assert rows[2][1:5] == ['teksts "pēdiņās"; ar semikolu', "-3,25", "-2", "01.01.2024"]
    assert b"\r\n" in data


def test_csv_neutralises_formula_text_but_not_negative_numbers():
    rows = csv_rows(exports.to_csv_bytes(frame()))
    assert [r[0] for r in rows[3:]] == ["'" + h for h in HOSTILE]
    # Numbers, including negative ones, stay numbers.
    assert [r[2] for r in rows[1:]] == ["29,5", "-3,25", "0,0", "1234,5", "-1,0", "", "100,0", "2,0"]
    assert rows[2][3] == "-2"


def test_neutralise_only_touches_dangerous_starts():
    assert exports.neutralise("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert exports.neutralise("Valsts kanceleja") == "Valsts kanceleja"
    assert exports.neutralise("a=b") == "a=b"


def test_xlsx_text_is_text_numbers_are_numbers_dates_are_dates():
    wb = load_workbook(io.BytesIO(exports.to_xlsx_bytes({"Pasākumi": frame()})))
    ws = wb["Pasākumi"]
    assert [c.value for c in ws[1]] == list(frame().columns)
    hostile = [ws.cell(row=r, column=1) for r in range(4, 10)]
    assert all(c.data_type == "s" for c in hostile)  # never a formula
    assert [c.value for c in hostile[:4]] == HOSTILE[:4]
    assert ws["A2"].value == "1.1" and ws["A3"].value == "2.10"  # numbering stays text
    assert ws["B2"].value == "Līdzdalība: ā č ē ģ ī ķ ļ ņ š ū ž"
    assert ws["C3"].value == -3.25 and ws["C3"].data_type == "n"
    assert ws["D3"].value == -2
    assert ws["C7"].value is None  # NaN is an empty cell, not the text "nan"
    assert ws["E2"].is_date and ws["E2"].value == dt.datetime(2025, 12, 31)
    assert ws["E2"].number_format == "DD.MM.YYYY"
    assert ws["F2"].value == "FM; VARAM"


def test_xlsx_drops_characters_xml_cannot_hold():
    data = exports.to_xlsx_bytes({"x": pd.DataFrame({"t": ["a\x00b\x07c"]})})
    assert load_workbook(io.BytesIO(data))["x"]["A2"].value == "abc"


def test_export_names_are_ascii():
    assert exports.export_name("pasakumi", "5. plāns 2022–2025", dt.date(2025, 3, 27), "csv") == \
        "pasakumi_5-plans-2022-2025_2025-03-27.csv"


def _soffice(tmp_path, *args):
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args,
                    "--outdir", str(tmp_path / "out")], check=True, capture_output=True, timeout=180)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_both_exports_as_intended(tmp_path):
    (tmp_path / "eksports.xlsx").write_bytes(exports.to_xlsx_bytes({"Pasākumi": frame()}))
    (tmp_path / "eksports.csv").write_bytes(exports.to_csv_bytes(frame()))
    # xlsx -> what LibreOffice shows, written out as ;-separated UTF-8 text.
    _soffice(tmp_path, "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", str(tmp_path / "eksports.xlsx"))
    shown = list(csv.reader(io.StringIO((tmp_path / "out" / "eksports.csv").read_text("utf-8")), delimiter=";"))
    assert shown[1][:5] == ["1.1", "Līdzdalība: ā č ē ģ ī ķ ļ ņ š ū ž", "29.5", "1", "31.12.2025"]
    assert [r[0] for r in shown[3:7]] == HOSTILE[:4]  # shown as typed, not calculated ("2")
    assert shown[2][2:4] == ["-3.25", "-2"]
    # CSV opened as a Latvian-locale user would (';', UTF-8, language lv-LV = 1062).
    _soffice(tmp_path, "--infilter=CSV:59,34,76,1,,1062", "--convert-to", "xlsx", str(tmp_path / "eksports.csv"))
    ws = load_workbook(tmp_path / "out" / "eksports.xlsx").active
    assert ws["B2"].value == "Līdzdalība: ā č ē ģ ī ķ ļ ņ š ū ž"
    assert ws["B3"].value == 'teksts "pēdiņās"; ar semikolu'
    assert (ws["C2"].value, ws["C3"].value, ws["D3"].value) == (29.5, -3.25, -2)  # numbers, with signs
    assert ws["E2"].is_date and ws["E2"].value.date() == dt.date(2025, 12, 31)
    formulas = [ws.cell(row=r, column=1) for r in range(4, 10)]
    assert all(c.data_type == "s" and c.value.startswith("'") for c in formulas)
