"""A catalogue of bad and hostile workbooks, written at test time.

Nothing large is committed: every file is generated into a folder given on
the command line (or a pytest tmp dir). Each case says what the right outcome
is: ``refused`` with one of the expected problem codes, or ``accepted`` (the
file is odd but its data is fine, so refusing it would be wrong).

    .venv/bin/python -m tests.hostile.make_catalogue /tmp/hostile   # writes the files
"""

from __future__ import annotations

import io
import os
import struct
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from tests.helpers import MEASURE_HEADERS, measure_row, measures_workbook, workbook

REFUSED = "refused"
ACCEPTED = "accepted"


@dataclass(frozen=True)
class Case:
    name: str
    expect: str  # REFUSED or ACCEPTED
    codes: frozenset[str]  # for REFUSED: at least one error has one of these codes
    build: Callable[[Path], None]
    file_name: str = ""
    stress: bool = False  # slow to generate or read: only in `make test-stress`

    @property
    def target(self) -> str:
        return self.file_name or f"{self.name}.xlsx"


# ---- raw xlsx parts (for what openpyxl would refuse to write) -----------------

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _content_types(n_sheets: int, shared_strings: bool) -> bytes:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n_sheets + 1))
    sst = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
           'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>') if shared_strings else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'{sheets}{sst}</Types>').encode()


_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>').encode()


def _workbook_xml(names: list[str], hidden: set[str]) -> bytes:
    sheets = "".join(
        f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"'
        + (' state="hidden"' if n in hidden else "") + "/>"
        for i, n in enumerate(names, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_NS}" '
            f'xmlns:r="{_REL}"><sheets>{sheets}</sheets></workbook>').encode()


def _workbook_rels(n_sheets: int, shared_strings: bool) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n_sheets + 1))
    if shared_strings:
        rels += f'<Relationship Id="rId{n_sheets + 1}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{rels}</Relationships>').encode()


def cell_xml(col: int, row: int, value: object) -> str:
    """One cell with an explicit reference; text as an inline string."""
    from ogp_monitor.ingest.reader import column_letter
    ref = f"{column_letter(col)}{row}"
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def rows_xml(rows: Iterable[list], first_row: int = 1) -> str:
    out = []
    for r, row in enumerate(rows, start=first_row):
        out.append(f'<row r="{r}">' + "".join(cell_xml(c, r, v) for c, v in enumerate(row)) + "</row>")
    return "".join(out)


def sheet_xml(body: str, head: str = "", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet xmlns="{_NS}" '
            f'xmlns:r="{_REL}">{head}<sheetData>{body}</sheetData></worksheet>').encode()


def valid_rows() -> list[list]:
    return [MEASURE_HEADERS, measure_row("1.1"), measure_row("1.2", "Pabeigts"),
            measure_row("2.1", "Uzsākts", commitment="2")]


def raw_xlsx(path: Path, sheets: list[tuple[str, bytes | Callable[[io.RawIOBase], None]]],
             hidden: Iterable[str] = (), shared_strings: bytes | Callable[[io.RawIOBase], None] | None = None,
             extra: Iterable[tuple[str, bytes]] = (), compresslevel: int = 6) -> None:
    """Write an xlsx by hand. A sheet is XML bytes or a function that streams it into a writer."""
    names = [n for n, _ in sheets]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        zf.writestr("[Content_Types].xml", _content_types(len(sheets), shared_strings is not None))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _workbook_xml(names, set(hidden)))
        zf.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets), shared_strings is not None))
        if callable(shared_strings):
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
                shared_strings(out)
        elif shared_strings is not None:
            zf.writestr("xl/sharedStrings.xml", shared_strings)
        for i, (_, content) in enumerate(sheets, start=1):
            part = f"xl/worksheets/sheet{i}.xml"
            if callable(content):
                with zf.open(part, "w", force_zip64=True) as out:
                    content(out)
            else:
                zf.writestr(part, content)
        for name, content in extra:
            zf.writestr(name, content)


# ---- a minimal Compound File Binary (OLE) writer: .xls and encrypted xlsx -------

_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _dir_entry(name: str, kind: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF,
               start: int = _END, size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 16 + struct.pack("<I", 0)
            + b"\0" * 16 + struct.pack("<IQ", start, size))


def cfb(streams: list[tuple[str, bytes]]) -> bytes:
    """A version-3 compound file holding the given streams (each padded to >= 4096 bytes so
    no mini stream is needed). Streams are listed in the directory's sort order
    (shorter names first), chained as right siblings under the root."""
    streams = sorted(((n, d.ljust(4096, b"\0")) for n, d in streams), key=lambda s: (len(s[0]), s[0].upper()))
    data_sectors: list[bytes] = []
    starts = []
    for _, data in streams:
        starts.append(1 + 1 + len(data_sectors))  # sector 0: FAT, sector 1: directory
        padded = data + b"\0" * (-len(data) % 512)
        data_sectors += [padded[i:i + 512] for i in range(0, len(padded), 512)]
    entries = [_dir_entry("Root Entry", 5, child=1)]
    for i, ((name, data), start) in enumerate(zip(streams, starts), start=1):
        right = i + 1 if i < len(streams) else 0xFFFFFFFF
        entries.append(_dir_entry(name, 2, right=right, start=start, size=len(data)))
    directory = b"".join(entries).ljust(512, b"\0")
    assert len(directory) == 512, "at most 3 streams"
    fat = [_FATSECT, _END]
    for (_, data), start in zip(streams, starts):
        n = -(-len(data) // 512)
        fat += [start + k + 1 for k in range(n - 1)] + [_END]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + b"\xff" * 432)
    assert len(header) == 512
    return header + fat_sector + directory + b"".join(data_sectors)


# ---- builders -------------------------------------------------------------------

def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _valid() -> bytes:
    return measures_workbook(valid_rows()[1:])


def truncated(path: Path) -> None:
    data = _valid()
    path.write_bytes(data[: len(data) // 2])


def truncated_tail(path: Path) -> None:
    """Only the central directory's last bytes are missing."""
    data = _valid()
    path.write_bytes(data[:-10])


def not_a_zip(path: Path) -> None:
    path.write_bytes(b"Pas\xc4\x81kumi\n" + os.urandom(2048))


def xls_renamed(path: Path) -> None:
    biff = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0)  # BOF record
    path.write_bytes(cfb([("Workbook", biff)]))


def encrypted(path: Path) -> None:
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'  # agile header
    package = struct.pack("<Q", 4096) + os.urandom(4096)
    path.write_bytes(cfb([("EncryptionInfo", info), ("EncryptedPackage", package)]))


def ods_renamed(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest/>')
        zf.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')


def csv_renamed(path: Path) -> None:
    text = ";".join(MEASURE_HEADERS) + "\r\n" + ";".join(measure_row("1.1")) + "\r\n"
    path.write_bytes(text.encode("utf-8-sig"))


def docx_renamed(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")


def no_measures_sheet(path: Path) -> None:
    path.write_bytes(workbook({"Lapa1": [["Kaut kas", "cits"], [1, 2]], "Piezīmes": [["Nekā"]]}))


def missing_columns(path: Path) -> None:
    headers = [h for h in MEASURE_HEADERS if h not in ("Statuss", "Atbildīgā iestāde")]
    rows = [[v for h, v in zip(MEASURE_HEADERS, measure_row("1.1")) if h in headers]]
    path.write_bytes(measures_workbook(rows, headers=headers))


def duplicate_measures(path: Path) -> None:
    path.write_bytes(measures_workbook([measure_row("1.1"), measure_row("1.1", "Pabeigts"), measure_row(1.1)]))


def unknown_status(path: Path) -> None:
    path.write_bytes(measures_workbook([measure_row("1.1", "Gandrīz gatavs"), measure_row("1.2", "???")]))


def impossible_dates(path: Path) -> None:
    path.write_bytes(measures_workbook([measure_row("1.1", deadline="31.02.2025"),
                                        measure_row("1.2", start="2025. gada 30. februāris")]))


def text_in_numbers(path: Path) -> None:
    headers = MEASURE_HEADERS + ["Progress %"]
    rows = [measure_row("1.1") + ["daudz"], measure_row("1.2") + ["50%"]]
    indicators = [["Rādītājs", "Grupa", "Gads", "Vērtība"], ["Uzticēšanās", "Latvija", "divi tūkstoši", "n/a"]]
    path.write_bytes(workbook({"Pasākumi": [headers, *rows], "Rādītāji": indicators}))


def empty_required_cells(path: Path) -> None:
    path.write_bytes(measures_workbook([measure_row("1.1", status=""), measure_row("", lead="")]))


def header_only(path: Path) -> None:
    path.write_bytes(measures_workbook([]))


def zip_bomb_1gb(path: Path) -> None:
    """A sheet that inflates to 1 GiB (declared honestly), written in 1 MiB chunks."""
    def stream(out) -> None:
        out.write(sheet_xml(rows_xml(valid_rows()))[:-len(b"</sheetData></worksheet>")])
        pad = b"<!---->" * (1 << 17)
        for _ in range(1024):
            out.write(pad[: 1 << 20])
        out.write(b"</sheetData></worksheet>")
    raw_xlsx(path, [("Pasākumi", stream)], compresslevel=9)


def zip_bomb_lying(path: Path) -> None:
    """Like the 1 GiB bomb but the zip headers claim the sheet is tiny.

    Readers that trust the declared size check the wrong number; the bytes
    still inflate to 256 MiB.
    """
    body = sheet_xml(rows_xml(valid_rows()))
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunks = [comp.compress(body[:-len(b"</sheetData></worksheet>")])]
    pad = b" " * (1 << 20)
    for _ in range(256):
        chunks.append(comp.compress(pad))
    chunks.append(comp.compress(b"</sheetData></worksheet>"))
    chunks.append(comp.flush())
    deflated = b"".join(chunks)
    raw_xlsx(path, [("Pasākumi", body)])
    # Swap the honest sheet for the bomb, keeping the small declared size and CRC.
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename == info.filename:
                continue
            dst.writestr(item, src.read(item.filename), compress_type=zipfile.ZIP_DEFLATED)
    # Append the bomb entry by hand: local header + data, then rebuild the central directory.
    raw = out.getvalue()
    eocd = raw.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack("<I", raw[eocd + 16:eocd + 20])[0]
    cd_size = struct.unpack("<I", raw[eocd + 12:eocd + 16])[0]
    n_entries = struct.unpack("<H", raw[eocd + 10:eocd + 12])[0]
    name = info.filename.encode()
    crc, declared = zlib.crc32(body), len(body)
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(deflated), declared,
                        len(name), 0) + name
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(deflated),
                          declared, len(name), 0, 0, 0, 0, 0, cd_offset) + name
    new_cd = raw[cd_offset:cd_offset + cd_size] + central
    new_cd_offset = cd_offset + len(local) + len(deflated)
    eocd_rec = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, n_entries + 1, n_entries + 1, len(new_cd),
                           new_cd_offset, 0)
    path.write_bytes(raw[:cd_offset] + local + deflated + new_cd + eocd_rec)


def entity_bomb(path: Path) -> None:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    prolog = f"<!DOCTYPE worksheet [{ents}]>"
    rows = valid_rows()
    rows[1][4] = "&lol9;"
    body = rows_xml(rows).replace("&amp;lol9;", "&lol9;")
    raw_xlsx(path, [("Pasākumi", sheet_xml(body, prolog=prolog))])


def entity_bomb_late(path: Path) -> None:
    """The DOCTYPE hidden after 8 KiB of leading whitespace and comments."""
    prolog = "<!--" + "x" * 9000 + "-->" + '<!DOCTYPE worksheet [<!ENTITY a "' + "A" * 1000 + '">]>'
    rows = valid_rows()
    body = rows_xml(rows).replace("Valsts kanceleja", "&a;", 1)
    xml = sheet_xml(body, prolog=prolog)
    raw_xlsx(path, [("Pasākumi", xml)])


def external_entity(path: Path) -> None:
    """XXE in the shared strings: would read /etc/passwd into a cell."""
    sst = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           f'<sst xmlns="{_NS}" count="1" uniqueCount="1"><si><t>&x;</t></si></sst>').encode()
    rows = valid_rows()
    body = rows_xml(rows).replace('<c r="E2" t="inlineStr"><is><t xml:space="preserve">Pasākums</t></is></c>',
                                  '<c r="E2" t="s"><v>0</v></c>')
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))], shared_strings=sst)


def styled_empty_rows(path: Path) -> None:
    """100,000 rows that carry a fill but no value (a user formatted whole columns)."""
    def stream(out) -> None:
        out.write(sheet_xml(rows_xml(valid_rows()))[:-len(b"</sheetData></worksheet>")])
        for start in range(5, 100_005, 1000):
            out.write("".join(
                f'<row r="{r}">' + "".join(f'<c r="{col}{r}" s="1"/>' for col in "ABCDEFGHIJKL") + "</row>"
                for r in range(start, start + 1000)).encode())
        out.write(b"</sheetData></worksheet>")
    raw_xlsx(path, [("Pasākumi", stream)])


def styled_empty_rows_openpyxl(path: Path) -> None:
    """The same through openpyxl: a real styles part and 100k formatted empty rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Pasākumi"
    for row in valid_rows():
        ws.append(row)
    fill = PatternFill("solid", fgColor="FFFF00")
    for r in range(5, 100_005):
        ws.cell(row=r, column=1).fill = fill
        ws.cell(row=r, column=8).font = Font(bold=True)
    wb.save(path)


def far_cell(path: Path) -> None:
    rows = rows_xml(valid_rows())
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))])


def far_cell_first(path: Path) -> None:
    """A far cell (GZ1048576, inside the allowed columns) placed BEFORE the data: rows out of order."""
    body = '<row r="1048576"><c r="GZ1048576"><v>1</v></c></row>' + rows_xml(valid_rows())
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))])


def far_cell_single_quotes(path: Path) -> None:
    """XML allows r='...' with single quotes; a scanner looking only for r=\"...\" misses it."""
    body = rows_xml(valid_rows()) + "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))])


def dimension_lie(path: Path) -> None:
    """The sheet declares its used range as the whole grid."""
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(valid_rows()), head='<dimension ref="A1:XFD1048576"/>'))])


def only_hidden(path: Path) -> None:
    """Every sheet hidden (openpyxl refuses to write this; Excel's VBA can)."""
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(valid_rows()))), ("Lapa2", sheet_xml(rows_xml([["x"]])))],
             hidden={"Pasākumi", "Lapa2"})


def five_thousand_columns(path: Path) -> None:
    rows = valid_rows()
    wide = [row + [f"k{c}" for c in range(len(row), 5000)] for row in rows]
    path.write_bytes(workbook({"Pasākumi": wide}))


def five_thousand_columns_no_refs(path: Path) -> None:
    """5,000 cells in one row without r= attributes (allowed by the format)."""
    cells = "".join(f'<c t="inlineStr"><is><t>x{c}</t></is></c>' for c in range(5000))
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(valid_rows()) + f'<row r="5">{cells}</row>'))])


def formulas_without_values(path: Path) -> None:
    """Status cells that are formulas with no cached value (written by a tool that never calculates)."""
    rows = valid_rows()
    for row in rows[1:]:
        row[7] = None
    body = rows_xml(rows)
    for r in (2, 3, 4):
        body = body.replace(f'<row r="{r}">', f'<row r="{r}"><c r="H{r}" t="str"><f>IF(1,"Pabeigts")</f></c>', 1)
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))])


def emoji_sheet_name(path: Path) -> None:
    name = "😀" * 31
    path.write_bytes(workbook({name: [["🙂", "x"]], "Pasākumi": valid_rows()}))


def emoji_sheet_name_only(path: Path) -> None:
    path.write_bytes(workbook({"😀" * 31: valid_rows()}))


def path_traversal(path: Path) -> None:
    data = _valid()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("../../../../tmp/ogp_evil.txt", "pwned")
        dst.writestr("/etc/ogp_evil.xml", "<x/>")
    path.write_bytes(out.getvalue())


def duplicate_entries(path: Path) -> None:
    """Two entries with the same sheet name: readers disagree which one counts."""
    data = _valid()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dst.writestr("xl/worksheets/sheet1.xml", sheet_xml(rows_xml([["x"]])))
    path.write_bytes(out.getvalue())


def huge_shared_strings(path: Path) -> None:
    """A 150 MB shared-strings table (300,000 distinct 500-character strings) under a valid sheet:
    odd but harmless (bounded memory), so it is accepted."""
    def sst_stream(out) -> None:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_NS}" count="300000" '
                  'uniqueCount="300000">'.encode())
        for start in range(0, 300_000, 10_000):
            out.write("".join(f"<si><t>{i:08d}{'ā' * 246}</t></si>" for i in range(start, start + 10_000)).encode())
        out.write(b"</sst>")
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(valid_rows())))], shared_strings=sst_stream,
             compresslevel=9)


def long_cell(path: Path) -> None:
    """A 5-million-character note in one cell (Excel allows 32,767)."""
    rows = valid_rows()
    rows[1][10] = "ā" * 5_000_000
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(rows)))], compresslevel=9)


def over_size_limit(path: Path) -> None:
    """26 MB: a valid workbook padded with an incompressible picture."""
    data = _valid()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr(zipfile.ZipInfo("xl/media/image1.png"), os.urandom(26 * 1024 * 1024))
    path.write_bytes(out.getvalue())


def many_entries(path: Path) -> None:
    data = _valid()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        for i in range(5000):
            dst.writestr(f"xl/media/i{i}.bin", b"")
    path.write_bytes(out.getvalue())


def dense_cells(path: Path) -> None:
    """4.2 million numeric cells (200 columns x 21,000 rows): valid XML, big range."""
    def stream(out) -> None:
        out.write(sheet_xml(rows_xml(valid_rows()))[:-len(b"</sheetData></worksheet>")])
        from ogp_monitor.ingest.reader import column_letter
        letters = [column_letter(c) for c in range(200)]
        for start in range(5, 21_005, 500):
            out.write("".join(f'<row r="{r}">' + "".join(f'<c r="{L}{r}"><v>7</v></c>' for L in letters)
                              + "</row>" for r in range(start, start + 500)).encode())
        out.write(b"</sheetData></worksheet>")
    raw_xlsx(path, [("Pasākumi", stream)], compresslevel=9)


def unknown_compression(path: Path) -> None:
    """A part compressed with a method Excel never uses (bzip2)."""
    data = _valid()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            method = zipfile.ZIP_BZIP2 if item.filename.startswith("xl/worksheets/") else zipfile.ZIP_DEFLATED
            dst.writestr(item.filename, src.read(item.filename), compress_type=method)
    path.write_bytes(out.getvalue())


def bad_crc(path: Path) -> None:
    """One flipped byte inside the compressed sheet: the checksum no longer matches."""
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(valid_rows())))], compresslevel=0)
    data = bytearray(path.read_bytes())
    at = data.find(b"Valsts kanceleja")
    data[at] = ord("W")
    path.write_bytes(bytes(data))


def malformed_xml(path: Path) -> None:
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(valid_rows()))[:-40] + b"<c r='A9'><v>")])


def null_bytes_text(path: Path) -> None:
    """Control characters in text cells (as some exports from other systems do): the data is fine."""
    rows = valid_rows()
    rows[1][4] = "Pasākums\tar\ttabulāciju un\u00a0cietu atstarpi"
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(rows)))])


def far_cell_lowercase_spaced(path: Path) -> None:
    """Lower-case letters and spaces around '=' in the reference."""
    body = rows_xml(valid_rows()) + '<row r = "1048576"><c r = "xfd1048576"><v>1</v></c></row>'
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))])


def sparse_rectangle(path: Path) -> None:
    """Two cells, A1 ... GZ60000: a legal sheet whose rectangle is 12.5 million cells."""
    body = rows_xml(valid_rows()) + '<row r="60000"><c r="GZ60000"><v>1</v></c></row>'
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))])


def refless_rows(path: Path) -> None:
    """690,000 rows without an r= reference, then a row of cells without references."""
    def stream(out) -> None:
        out.write(sheet_xml(rows_xml(valid_rows()))[:-len(b"</sheetData></worksheet>")])
        for _ in range(69):
            out.write(b"<row/>" * 10_000)
        out.write(b"<row>" + b"<c><v>1</v></c>" * 24 + b"</row></sheetData></worksheet>")
    raw_xlsx(path, [("Pasākumi", stream)])


def sst_count_lie(path: Path) -> None:
    """The shared-strings table claims two billion strings and holds one."""
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_NS}" count="2147483647" '
           'uniqueCount="2147483647"><si><t>Pasākums</t></si></sst>').encode()
    body = rows_xml(valid_rows()).replace(
        '<c r="E2" t="inlineStr"><is><t xml:space="preserve">Pasākums</t></is></c>', '<c r="E2" t="s"><v>0</v></c>')
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))], shared_strings=sst)


def sheet_part_elsewhere(path: Path) -> None:
    """The workbook's relationship points the sheet at xl/data/cells.bin (with a cell at XFD1048576)."""
    raw_xlsx(path, [("Pasākumi", sheet_xml(rows_xml(valid_rows())))],
             extra=[("xl/data/cells.bin", sheet_xml(rows_xml(valid_rows())
                                                    + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))])
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(b"worksheets/sheet1.xml", b"data/cells.bin")
            if item.filename == "xl/worksheets/sheet1.xml":
                continue
            dst.writestr(item.filename, content)
    path.write_bytes(out.getvalue())


def long_tag(path: Path) -> None:
    """A cell whose reference hides behind 5,000 characters of junk attributes."""
    body = rows_xml(valid_rows()) + f'<row r="9"><c x="{"y" * 5000}" r="XFD1048576"><v>1</v></c></row>'
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))])


def empty_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w"):
        pass


CASES: list[Case] = [
    Case("empty", REFUSED, frozenset({"empty_file"}), _write(b"")),
    Case("truncated_half", REFUSED, frozenset({"corrupt"}), truncated),
    Case("truncated_tail", REFUSED, frozenset({"corrupt"}), truncated_tail),
    Case("not_a_zip", REFUSED, frozenset({"not_xlsx"}), not_a_zip),
    Case("xls_renamed", REFUSED, frozenset({"xls"}), xls_renamed),
    Case("ods_renamed", REFUSED, frozenset({"ods"}), ods_renamed),
    Case("encrypted", REFUSED, frozenset({"encrypted"}), encrypted),
    Case("csv_renamed", REFUSED, frozenset({"not_xlsx"}), csv_renamed),
    Case("docx_renamed", REFUSED, frozenset({"not_xlsx"}), docx_renamed),
    Case("empty_zip", REFUSED, frozenset({"not_xlsx"}), empty_zip),
    Case("no_measures_sheet", REFUSED, frozenset({"no_measures_sheet"}), no_measures_sheet),
    Case("missing_columns", REFUSED, frozenset({"missing_column"}), missing_columns),
    Case("duplicate_measures", REFUSED, frozenset({"duplicate_measure"}), duplicate_measures),
    Case("unknown_status", REFUSED, frozenset({"unknown_status"}), unknown_status),
    Case("impossible_dates", REFUSED, frozenset({"bad_date_deadline_date", "bad_date_start_date"}),
         impossible_dates),
    Case("text_in_numbers", REFUSED, frozenset({"bad_progress", "bad_value", "bad_year"}), text_in_numbers),
    Case("empty_required_cells", REFUSED, frozenset({"empty_status", "empty_measure_no",
                                                     "empty_lead_institution"}), empty_required_cells),
    Case("header_only", REFUSED, frozenset({"no_rows"}), header_only),
    Case("zip_bomb_1gb", REFUSED, frozenset({"zip_bomb"}), zip_bomb_1gb),
    Case("zip_bomb_lying_sizes", REFUSED, frozenset({"zip_bomb", "corrupt"}), zip_bomb_lying),
    Case("entity_bomb", REFUSED, frozenset({"xml_entities"}), entity_bomb),
    Case("entity_bomb_late", REFUSED, frozenset({"xml_entities"}), entity_bomb_late),
    Case("external_entity", REFUSED, frozenset({"xml_entities"}), external_entity),
    Case("styled_empty_rows_100k", ACCEPTED, frozenset(), styled_empty_rows),
    Case("styled_empty_rows_openpyxl", ACCEPTED, frozenset(), styled_empty_rows_openpyxl, stress=True),
    Case("cell_at_XFD1048576", REFUSED, frozenset({"sheet_extent"}), far_cell),
    Case("far_cell_before_data", REFUSED, frozenset({"sheet_extent"}), far_cell_first),
    Case("far_cell_single_quotes", REFUSED, frozenset({"sheet_extent"}), far_cell_single_quotes),
    Case("far_cell_lowercase_spaced", REFUSED, frozenset({"sheet_extent"}), far_cell_lowercase_spaced),
    Case("sparse_rectangle_12m", REFUSED, frozenset({"sheet_extent"}), sparse_rectangle),
    Case("rows_without_refs_690k", REFUSED, frozenset({"sheet_extent", "zip_bomb"}), refless_rows),
    Case("shared_strings_count_lie", REFUSED, frozenset({"unsafe_zip"}), sst_count_lie),
    Case("sheet_part_elsewhere", REFUSED, frozenset({"sheet_extent"}), sheet_part_elsewhere),
    Case("tag_with_5000_char_attribute", REFUSED, frozenset({"sheet_extent", "unsafe_zip"}), long_tag),
    Case("dimension_claims_whole_grid", ACCEPTED, frozenset(), dimension_lie),
    Case("only_hidden_sheets", ACCEPTED, frozenset(), only_hidden),
    Case("columns_5000", REFUSED, frozenset({"sheet_extent"}), five_thousand_columns),
    Case("columns_5000_no_refs", REFUSED, frozenset({"sheet_extent"}), five_thousand_columns_no_refs),
    Case("formulas_without_values", REFUSED, frozenset({"empty_status"}), formulas_without_values),
    Case("emoji_sheet_name_extra", ACCEPTED, frozenset(), emoji_sheet_name),
    Case("emoji_sheet_name_only", REFUSED, frozenset({"no_measures_sheet"}), emoji_sheet_name_only),
    Case("zip_path_traversal", REFUSED, frozenset({"unsafe_zip"}), path_traversal),
    Case("zip_duplicate_entries", REFUSED, frozenset({"unsafe_zip"}), duplicate_entries),
    Case("huge_shared_strings", ACCEPTED, frozenset(), huge_shared_strings),
    Case("cell_5m_characters", REFUSED, frozenset({"zip_bomb"}), long_cell),
    Case("over_size_limit_26mb", REFUSED, frozenset({"too_large"}), over_size_limit),
    Case("zip_5000_entries", REFUSED, frozenset({"zip_entries"}), many_entries),
    Case("dense_4m_cells", REFUSED, frozenset({"unknown_status"}), dense_cells, stress=True),
    Case("bzip2_compressed_sheet", REFUSED, frozenset({"corrupt", "unsafe_zip"}), unknown_compression),
    Case("bad_crc", REFUSED, frozenset({"corrupt"}), bad_crc),
    Case("malformed_xml", REFUSED, frozenset({"unreadable"}), malformed_xml),
    Case("control_characters_in_text", ACCEPTED, frozenset(), null_bytes_text),
]


BUILD_SECONDS: dict[str, float] = {}


def build_all(folder: Path, cases: Iterable[Case] = CASES) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for case in cases:
        path = folder / case.target
        if not path.exists():
            t0 = time.perf_counter()
            case.build(path)
            BUILD_SECONDS[case.name] = time.perf_counter() - t0
        out[case.name] = path
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/hostile")
    for name, p in build_all(target).items():
        print(f"{p.stat().st_size:>12,}  {BUILD_SECONDS.get(name, 0):6.2f}s  {name}")
