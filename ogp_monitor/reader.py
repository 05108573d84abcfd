"""Safe reading of an uploaded workbook: bytes in, raw sheets out.

Nothing here trusts the file. Before any XML is parsed the bytes are checked:
size, signature (xlsx zip, old .xls, encrypted OLE container, OpenDocument),
zip entry count, total uncompressed size and per-entry compression ratio (zip
bombs), and the declared size of every worksheet (a lone cell at XFD1048576
would otherwise make the reader allocate the whole grid). XML entity attacks
are refused by scanning for a DOCTYPE, which no Excel-written part contains.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import python_calamine
from defusedxml import ElementTree

from .problems import ERROR, Problem, RefusedFile
from .spec import sheet_kind

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 1_000 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries larger than RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
MAX_CELLS = 60_000_000  # rows x columns of one sheet's used range
MAX_COLUMNS = 208  # columns A..GZ; a cell further right is refused

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_WIDE_CELL = re.compile(rb'\sr="([A-Z]{3}|[H-Z][A-Z])\d')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]{1,3})(\d{1,7})"')
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


@dataclass
class RawSheet:
    name: str
    kind: str | None
    visible: bool
    rows: list[list] = field(default_factory=list)
    first_row: int = 0  # 0-based sheet row of rows[0]
    first_col: int = 0  # 0-based sheet column of rows[i][0]


@dataclass
class RawWorkbook:
    sheets: list[RawSheet]

    def by_kind(self, kind: str) -> RawSheet | None:
        visible = [s for s in self.sheets if s.kind == kind and s.visible]
        hidden = [s for s in self.sheets if s.kind == kind and not s.visible]
        return (visible or hidden or [None])[0]


def _refuse(code: str, lv: str, en: str, fix_lv: str = "", fix_en: str = "",
            place: str = "fails / file") -> RefusedFile:
    return RefusedFile(Problem(ERROR, code, place, lv, en, fix_lv, fix_en))


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """Excel letters -> 0-based column index."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def check_bytes(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> zipfile.ZipFile:
    """Refuse anything that is not a plausible, bounded xlsx zip."""
    if not data:
        raise _refuse("empty_file", "Fails ir tukšs (0 baitu).", "The file is empty (0 bytes).",
                      "Eksportējiet tabulu no Excel vēlreiz.", "Export the spreadsheet from Excel again.")
    if len(data) > max_bytes:
        mb = max_bytes / 1024 / 1024
        raise _refuse("too_large", f"Fails ir lielāks par atļautajiem {mb:.0f} MB.",
                      f"The file is larger than the allowed {mb:.0f} MB.",
                      "Izdzēsiet liekas lapas vai attēlus un saglabājiet vēlreiz.",
                      "Remove unneeded sheets or pictures and save again.")
    if data.startswith(_OLE_SIGNATURE):
        if _ENCRYPTED_MARK in data:
            raise _refuse("encrypted", "Darbgrāmata ir aizsargāta ar paroli, to nevar nolasīt.",
                          "The workbook is password-protected and cannot be read.",
                          "Noņemiet paroli (Fails → Informācija → Aizsargāt darbgrāmatu) un saglabājiet vēlreiz.",
                          "Remove the password (File → Info → Protect Workbook) and save again.")
        raise _refuse("xls", "Šis ir vecais Excel 97–2003 (.xls) formāts.",
                      "This is the old Excel 97–2003 (.xls) format.",
                      "Atveriet failu Excel un saglabājiet kā „Excel darbgrāmata (.xlsx)”.",
                      "Open it in Excel and save as 'Excel Workbook (.xlsx)'.")
    if not data.startswith(b"PK\x03\x04"):
        raise _refuse("not_xlsx", "Fails nav Excel darbgrāmata (.xlsx).",
                      "The file is not an Excel workbook (.xlsx).",
                      "Augšupielādējiet Excel eksportu ar paplašinājumu .xlsx.",
                      "Upload the Excel export with the .xlsx extension.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _refuse("corrupt", "Fails ir bojāts vai nepilnīgs (zip arhīvu nevar atvērt).",
                      "The file is damaged or incomplete (the zip archive cannot be opened).",
                      "Saglabājiet darbgrāmatu no Excel vēlreiz un augšupielādējiet to.",
                      "Save the workbook from Excel again and upload it.") from None
    names = {i.filename for i in infos}
    if "mimetype" in names and b"opendocument" in data[:200]:
        raise _refuse("ods", "Šis ir OpenDocument (.ods) fails, nevis Excel darbgrāmata.",
                      "This is an OpenDocument (.ods) file, not an Excel workbook.",
                      "Saglabājiet to kā .xlsx (Fails → Saglabāt kā → Excel 2007-365).",
                      "Save it as .xlsx (File → Save As → Excel 2007-365).")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse("not_xlsx", "Zip arhīvs nav Excel darbgrāmata.",
                      "The zip archive is not an Excel workbook.",
                      "Augšupielādējiet Excel eksportu (.xlsx).", "Upload the Excel export (.xlsx).")
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _refuse("zip_entries", f"Arhīvā ir {len(infos)} daļas — pārāk daudz darbgrāmatai.",
                      f"The archive has {len(infos)} parts — too many for a workbook.",
                      "Saglabājiet tabulu jaunā darbgrāmatā.", "Save the table in a new workbook.")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse("zip_bomb", "Atarhivēts fails būtu pārāk liels (iespējama „zip bumba”).",
                      "Unpacked, the file would be too large (a possible zip bomb).",
                      "Augšupielādējiet parastu Excel eksportu.", "Upload an ordinary Excel export.")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse("zip_bomb", f"Daļa „{info.filename}” izplešas neparasti daudz (iespējama „zip bumba”).",
                          f"Part '{info.filename}' expands abnormally (a possible zip bomb).",
                          "Augšupielādējiet parastu Excel eksportu.", "Upload an ordinary Excel export.")
    return archive


def _check_xml(archive: zipfile.ZipFile) -> None:
    """Refuse DOCTYPE/ENTITY declarations (entity expansion) in any XML part."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(info) as part:
            head = part.read(4096)
        if _DOCTYPE.search(head):
            raise _refuse("xml_entities", "Failā ir XML entītiju deklarācijas, ko Excel neraksta (iespējams uzbrukums).",
                          "The file contains XML entity declarations that Excel never writes (a possible attack).",
                          "Saglabājiet darbgrāmatu no Excel vēlreiz.", "Save the workbook from Excel again.")


def _sheet_paths(archive: zipfile.ZipFile) -> list[str]:
    return [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part path -> the sheet's name as Excel shows it (best effort)."""
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels if r.tag.endswith("Relationship")}
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        titles = {}
        for sheet in book.iter():
            if not sheet.tag.endswith("}sheet"):
                continue
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "")
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            titles[path] = sheet.get("name", path)
        return titles
    except (KeyError, ElementTree.ParseError, ValueError):
        return {}


def _check_sheet_extent(archive: zipfile.ZipFile) -> None:
    """Refuse a sheet whose used range is absurdly large before it is read.

    The reader allocates the full rectangle from the first to the last used
    cell; one stray cell at XFD1048576 would ask for 17 billion cells. One
    streamed pass over the sheet's XML (no parsing) finds any cell beyond the
    last allowed column, and its tail gives the last used row.
    """
    titles = _sheet_titles(archive)
    for path in _sheet_paths(archive):
        info = archive.getinfo(path)
        max_row, max_col, tail = 0, 0, b""
        with archive.open(info) as part:
            while chunk := part.read(1 << 20):
                window = tail[-32:] + chunk
                wide = _WIDE_CELL.search(window)
                if wide:
                    max_col = max(max_col, column_index(wide.group(1)))
                tail = (tail + chunk)[-(1 << 16):]
        for match in _CELL_REF.finditer(tail):
            max_col = max(max_col, column_index(match.group(1)))
            max_row = max(max_row, int(match.group(2)))
        if max_col + 1 > MAX_COLUMNS or (max_col + 1) * max_row > MAX_CELLS:
            ref = f"{column_letter(max_col)}{max_row or 1}"
            raise _refuse("sheet_extent",
                          f"Lapas izmantotais apgabals sniedzas līdz {ref} — tas ir pārāk liels.",
                          f"The sheet's used range reaches {ref} — far too large.",
                          f"Izdzēsiet tukšās rindas un kolonnas aiz datiem (līdz {ref}) un saglabājiet vēlreiz.",
                          f"Delete the empty rows and columns after the data (up to {ref}) and save again.",
                          place=f"{titles[path]}!{ref}" if path in titles else path.rsplit("/", 1)[-1])


def read_workbook(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> RawWorkbook:
    """Bytes of an .xlsx -> raw sheets. Raises RefusedFile with a clear problem."""
    archive = check_bytes(data, max_bytes)
    _check_xml(archive)
    _check_sheet_extent(archive)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
                continue
            kind = sheet_kind(meta.name)
            visible = str(meta.visible) == str(python_calamine.SheetVisibleEnum.Visible)
            raw = RawSheet(name=meta.name, kind=kind, visible=visible)
            if kind is not None:
                sheet = book.get_sheet_by_name(meta.name)
                raw.rows = sheet.to_python(skip_empty_area=True)
                if sheet.start is not None:
                    raw.first_row, raw.first_col = sheet.start
            sheets.append(raw)
    except python_calamine.PasswordError:
        raise _refuse("encrypted", "Darbgrāmata ir aizsargāta ar paroli.", "The workbook is password-protected.",
                      "Noņemiet paroli un saglabājiet vēlreiz.", "Remove the password and save again.") from None
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError,
            ValueError, TypeError, OverflowError) as exc:
        raise _refuse("unreadable", "Darbgrāmatu nevar nolasīt: tā ir bojāta vai nestandarta.",
                      f"The workbook cannot be read: it is damaged or non-standard ({type(exc).__name__}).",
                      "Atveriet to Excel un saglabājiet vēlreiz kā .xlsx.",
                      "Open it in Excel and save it again as .xlsx.") from None
    return RawWorkbook(sheets)
