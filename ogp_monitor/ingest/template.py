"""The blank export template: the three sheets with headers, drop-downs and instructions."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .spec import INDICATORS, MEASURES, SCHEDULE, STATUS_LABELS, SheetSpec

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TEMPLATE_ROWS = 500


def _sheet(wb: Workbook, spec: SheetSpec, first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = spec.label_lv
    ws.append([f.label_lv for f in spec.fields])
    for c, f in enumerate(spec.fields, start=1):
        cell = ws.cell(row=1, column=c)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = max(14, min(50, len(f.label_lv) + 6))
    ws.freeze_panes = "A2"
    return ws


def build_template(institutions: list[str] | None = None) -> bytes:
    """An .xlsx with the headers, a status drop-down (and institutions from current data)."""
    wb = Workbook()
    ws = _sheet(wb, MEASURES, first=True)
    keys = [f.key for f in MEASURES.fields]

    lists = wb.create_sheet("Saraksti")
    statuses = [labels[0] for labels in STATUS_LABELS.values()]
    lists.append(["Statuss", "Iestāde"])
    for i, status in enumerate(statuses, start=2):
        lists.cell(row=i, column=1, value=status)
    for i, name in enumerate(sorted(set(institutions or [])), start=2):
        lists.cell(row=i, column=2, value=name)
    lists.sheet_state = "hidden"

    status_col = get_column_letter(keys.index("status") + 1)
    dv = DataValidation(type="list", formula1=f"Saraksti!$A$2:$A${len(statuses) + 1}", allow_blank=True,
                        showErrorMessage=True, errorTitle="Statuss",
                        error="Izvēlieties statusu no saraksta / Choose a status from the list")
    ws.add_data_validation(dv)
    dv.add(f"{status_col}2:{status_col}{TEMPLATE_ROWS}")
    if institutions:
        lead_col = get_column_letter(keys.index("lead_institution") + 1)
        dv_inst = DataValidation(type="list", formula1=f"Saraksti!$B$2:$B${len(set(institutions)) + 1}",
                                 allow_blank=True, showErrorMessage=False)
        ws.add_data_validation(dv_inst)
        dv_inst.add(f"{lead_col}2:{lead_col}{TEMPLATE_ROWS}")
    for key in ("start_date", "deadline_date", "report_date"):
        col = get_column_letter(keys.index(key) + 1)
        for r in range(2, TEMPLATE_ROWS + 1):
            ws[f"{col}{r}"].number_format = "DD.MM.YYYY"
    num_col = get_column_letter(keys.index("measure_no") + 1)
    for r in range(2, TEMPLATE_ROWS + 1):
        ws[f"{num_col}{r}"].number_format = "@"  # text, so 1.10 stays 1.10

    _sheet(wb, INDICATORS)
    _sheet(wb, SCHEDULE)

    info = wb.create_sheet("Instrukcija", 0)
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 100
    info.append(["Atvērtās pārvaldības plāna uzraudzības eksporta veidne / Monitoring export template"])
    info["A1"].font = Font(bold=True, size=14)
    info.append([])
    info.append(["Lapa / Sheet", "Kas jāaizpilda / What to fill in"])
    for spec in (MEASURES, INDICATORS, SCHEDULE):
        need = "obligāta / required" if spec.required else "nav obligāta / optional"
        info.append([f"{spec.label_lv} / {spec.label_en}", need])
        for f in spec.fields:
            req = "obligāts" if f.required else "nav obligāts"
            req_en = "required" if f.required else "optional"
            extra = f" — {f.help_lv} / {f.help_en}" if f.help_lv else ""
            info.append([f"  {f.label_lv}", f"{f.label_en}; {req} / {req_en}{extra}"])
    info.append([])
    info.append(["Statusi / Statuses", "; ".join(f"{v[0]} ({v[1]})" for v in STATUS_LABELS.values())])
    info.append(["Datumi / Dates", "31.12.2025, 2025-12-31, Excel datums vai „2025. gada 31. decembris”"])
    info.append(["Skaitļi / Numbers", "29, 29,5 vai 29% / 29, 29.5 or 29%"])
    info.append(["Rādītāji platā formā / Wide indicators",
                 "Kolonnas ar gadiem (2021, 2023 …) vārdā var aizstāt kolonnas Gads un Vērtība."])
    for row in info.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
