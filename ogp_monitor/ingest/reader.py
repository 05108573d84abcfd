"""Safe reading of an uploaded workbook: bytes in, raw sheets out.

Nothing here trusts the file. Before any XML is parsed the bytes are checked:
size, signature (xlsx zip, old .xls, encrypted OLE container, OpenDocument),
zip entry count, names (no paths out of the archive, no duplicates), declared
total size and compression ratio (zip bombs). Then one streamed pass inflates
every part itself, never trusting the sizes the headers declare: it stops a
part that expands beyond its declared size, checks every CRC, refuses a
DOCTYPE or ENTITY declaration anywhere in a part (no Excel-written part has
one), and bounds the rectangle each sheet would occupy (a lone cell at
XFD1048576 would otherwise make the Rust reader allocate the whole grid and
abort the process). Only then does python-calamine read the file.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable
from xml.parsers import expat

import python_calamine
from defusedxml import ElementTree

from .problems import ERROR, Problem, RefusedFile
from .spec import sheet_kind

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 1_000 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries larger than RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
MAX_CELLS = 12_000_000  # rows x columns of one sheet's used range (1M rows x 12 columns);
# the reader allocates ~32 bytes per cell of that rectangle before any value is read
MAX_COLUMNS = 208  # columns A..GZ; a cell further right is refused

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


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
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd >= 0 and len(data) >= eocd + 12:
        declared_entries = struct.unpack("<H", data[eocd + 10:eocd + 12])[0]
        if MAX_ZIP_ENTRIES < declared_entries < 0xFFFF:
            raise _refuse("zip_entries", f"Arhīvā ir {declared_entries} daļas — pārāk daudz darbgrāmatai.",
                          f"The archive has {declared_entries} parts — too many for a workbook.",
                          "Saglabājiet tabulu jaunā darbgrāmatā.", "Save the table in a new workbook.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _refuse("corrupt", "Fails ir bojāts vai nepilnīgs (zip arhīvu nevar atvērt).",
                      "The file is damaged or incomplete (the zip archive cannot be opened).",
                      "Saglabājiet darbgrāmatu no Excel vēlreiz un augšupielādējiet to.",
                      "Save the workbook from Excel again and upload it.") from None
    _check_names(infos)
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


_UNSAFE_NAME = re.compile(r"(^[/\\])|(^|[/\\])\.\.([/\\]|$)|\\|\x00|^[A-Za-z]:")
_UNREFERENCED_TAG = re.compile(rb'<(?:c|row)(?=[\s/>])(?! r=")')  # a cell or row not starting with r="
_PREFIXED_TAG = re.compile(rb":(?:c|row)[\s/>]")  # a cell or row with a namespace prefix
_WIDE_REF = re.compile(rb'<c r="([A-Za-z]{2,})')  # cells beyond column Z
_WS_TO_SPACE = bytes.maketrans(b"\t\n\r", b"   ")
# After _WS_TO_SPACE: an r attribute that is not the leading r=" of a cell or row tag.
_OTHER_R = re.compile(rb' r=(?:(?<!<c r=)(?<!<row r=)|(?!"))')
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:c|row)(?=[\s/>])")  # a cell or row tag, prefixed or not
_UNIQUE_COUNT = re.compile(rb'uniqueCount\s*=\s*["\']\s*(\d+)')
_CELL_REF = re.compile(r"\$?([A-Za-z]+)\$?(\d+)$")
_XML_DECLS = (b"<!DOCTYPE", b"<!ENTITY")
_IN_CHUNK = 1 << 16
_OUT_CHUNK = 1 << 20
_MAX_CARRY = 1 << 16  # a cell or row tag longer than this is refused


def _unsafe(lv: str, en: str) -> RefusedFile:
    return _refuse("unsafe_zip", lv, en, "Saglabājiet darbgrāmatu no Excel vēlreiz un augšupielādējiet to.",
                   "Save the workbook from Excel again and upload it.")


def _corrupt(part: str) -> RefusedFile:
    return _refuse("corrupt", f"Fails ir bojāts: daļa „{part}” neatbilst savai kontrolsummai vai izmēram.",
                   f"The file is damaged: part '{part}' does not match its checksum or size.",
                   "Saglabājiet darbgrāmatu no Excel vēlreiz un augšupielādējiet to.",
                   "Save the workbook from Excel again and upload it.")


def _check_names(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse entry names no spreadsheet program writes: paths out of the archive, duplicates,
    encrypted entries and compression methods other than stored/deflate."""
    seen: set[str] = set()
    for info in infos:
        name = info.orig_filename if hasattr(info, "orig_filename") else info.filename
        if _UNSAFE_NAME.search(name):
            raise _unsafe(f"Arhīvā ir daļa ar nedrošu nosaukumu („{name[:80]}”) — Excel tādas neraksta.",
                          f"The archive holds a part with an unsafe name ('{name[:80]}') — Excel never writes one.")
        key = name.lower()
        if key in seen:
            raise _unsafe(f"Arhīvā divreiz ir daļa „{name[:80]}” — nav skaidrs, kura ir īstā.",
                          f"The archive holds part '{name[:80]}' twice — it is unclear which one is real.")
        seen.add(key)
        if info.flag_bits & 0x1:
            raise _refuse("encrypted", "Darbgrāmatas daļas ir šifrētas (aizsargātas ar paroli).",
                          "Parts of the workbook are encrypted (password-protected).",
                          "Noņemiet paroli un saglabājiet vēlreiz.", "Remove the password and save again.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unsafe(f"Daļa „{name[:80]}” ir saspiesta ar metodi, ko Excel neizmanto.",
                          f"Part '{name[:80]}' is compressed with a method Excel does not use.")


def _inflate(data: bytes, info: zipfile.ZipInfo):
    """Yield the part's bytes as the archive really holds them, trusting no header.

    The local header is read for the data offset; output is produced in
    bounded chunks and stops as soon as it exceeds the size the archive
    declares (a bomb that lies about its size), and the CRC is checked at the
    end. Nothing is ever held whole in memory.
    """
    off = info.header_offset
    if data[off:off + 4] != b"PK\x03\x04":
        raise _corrupt(info.filename)
    name_len, extra_len = struct.unpack("<HH", data[off + 26:off + 30])
    start = off + 30 + name_len + extra_len
    raw = memoryview(data)[start:start + info.compress_size]
    if len(raw) != info.compress_size:
        raise _corrupt(info.filename)
    crc, produced = 0, 0
    if info.compress_type == zipfile.ZIP_STORED:
        pieces = (raw[i:i + _OUT_CHUNK] for i in range(0, len(raw), _OUT_CHUNK))
    else:
        pieces = _deflate_pieces(raw, info)
    for piece in pieces:
        produced += len(piece)
        if produced > info.file_size:
            raise _refuse("zip_bomb", f"Daļa „{info.filename}” izplešas vairāk, nekā arhīvs apgalvo (iespējama „zip bumba”).",
                          f"Part '{info.filename}' expands to more than the archive declares (a possible zip bomb).",
                          "Augšupielādējiet parastu Excel eksportu.", "Upload an ordinary Excel export.")
        crc = zlib.crc32(piece, crc)
        yield bytes(piece)
    if produced != info.file_size or crc != info.CRC:
        raise _corrupt(info.filename)


def _deflate_pieces(raw: memoryview, info: zipfile.ZipInfo):
    inflater = zlib.decompressobj(-15)
    pos = 0
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                feed = inflater.unconsumed_tail
            elif pos < len(raw):
                feed, pos = raw[pos:pos + _IN_CHUNK], pos + _IN_CHUNK
            else:
                break
            out = inflater.decompress(feed, _OUT_CHUNK)
            if out:
                yield out
        rest = inflater.flush(_OUT_CHUNK) if not inflater.eof else b""
        if rest:
            yield rest
    except zlib.error:
        raise _corrupt(info.filename) from None


class _Extent:
    """The rectangle a reader would allocate for one part, bounded from above.

    Fast path (what Excel and openpyxl write): every row and cell tag starts
    with ``r="..."`` and no other r attribute exists. Then the widest column
    comes from the few cells beyond column Z, and the rows only matter above
    ``MAX_CELLS / columns``, so only references with that many digits are
    collected: a couple of byte counts and two regex scans that match almost
    nothing. Anything else (a missing, repeated or oddly quoted reference)
    makes ``feed`` return False and the part is measured exactly with a real
    XML parser instead (``_parsed_extent``).
    """

    def __init__(self) -> None:
        self.max_row = 0
        self.max_col = 25  # assume A..Z; wider columns are found exactly
        self.row_digits = 0  # references with at least this many digits were collected

    def _digits_needed(self) -> int:
        return len(str(MAX_CELLS // self.columns))

    def feed(self, piece: bytes) -> bool:
        if _UNREFERENCED_TAG.search(piece) or _PREFIXED_TAG.search(piece):
            return False
        # Every tag starts with r="; any other r attribute (repeated, spaced, single-quoted) goes
        # to the parser, since the reader honours the last one. (One search for such an
        # attribute replaces three counts, which compared the number of " r=" with that of
        # '<c r="' and '<row r="': the same test, since a tag with other white space before
        # its r was already sent to the parser above. ~0.2 s less at 200k rows.)
        spaced = piece.translate(_WS_TO_SPACE)
        if _OTHER_R.search(spaced) or b" r " in spaced:
            return False
        for letters in set(_WIDE_REF.findall(piece)):
            self.max_col = max(self.max_col, column_index(letters.upper()))
        digits = self._digits_needed()
        if self.row_digits and digits < self.row_digits:
            return False  # the columns grew: earlier pieces were checked at too high a bar
        self.row_digits = digits
        pattern = re.compile(rb'<c r="[A-Za-z]+0*([1-9]\d{%d,})"' % (digits - 1))
        rows = pattern.findall(piece)
        if rows:
            self.max_row = max(self.max_row, max(map(int, set(rows))))
        return True

    @property
    def rows(self) -> int:
        return self.max_row

    @property
    def columns(self) -> int:
        return self.max_col + 1

    def too_large(self) -> bool:
        return self.columns > MAX_COLUMNS or self.rows * self.columns > MAX_CELLS


def _parsed_extent(data: bytes, info: zipfile.ZipInfo) -> _Extent:
    """Exact extent with expat, following the reader's rules: a row without ``r``
    is the next row, a cell without ``r`` the next column. Slow, but only for
    files from writers that omit references."""
    extent = _Extent()
    extent.max_col = -1
    pos = {"row": 0, "col": -1}

    def start(name: str, attrs: dict) -> None:
        local = name.rsplit(":", 1)[-1]
        attrs = {k.rsplit(":", 1)[-1] if k.endswith(":r") else k: v for k, v in attrs.items()}
        if local == "row":
            ref = attrs.get("r", "").strip()
            pos["row"] = int(ref) if ref.isdigit() else pos["row"] + 1
            pos["col"] = -1
        elif local == "c":
            match = _CELL_REF.match(attrs.get("r", "").strip())
            if attrs.get("r") and not match:
                return  # a reference the reader cannot parse: it refuses the file itself
            if match:
                pos["col"], pos["row"] = column_index(match.group(1).upper()), int(match.group(2))
            else:
                pos["col"] += 1
        else:
            return
        extent.max_row = max(extent.max_row, pos["row"])
        extent.max_col = max(extent.max_col, pos["col"])

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        for chunk in _inflate(data, info):
            parser.Parse(chunk, False)
            if extent.too_large():
                break
        else:
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise _refuse("unreadable", f"Daļa „{info.filename}” nav derīgs XML.", f"Part '{info.filename}' is not valid XML.",
                      "Atveriet darbgrāmatu Excel un saglabājiet vēlreiz kā .xlsx.",
                      "Open the workbook in Excel and save it again as .xlsx.") from None
    return extent


def _scan_parts(data: bytes, archive: zipfile.ZipFile) -> None:
    """One streamed pass over every part: real sizes and CRCs, entity declarations
    anywhere in an XML part, and the extent of every sheet-like part."""
    total = 0
    for info in archive.infolist():
        extent, carry, exact = _Extent(), b"", True
        decl_tail = b""
        for chunk in _inflate(data, info):
            total += len(chunk)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise _refuse("zip_bomb", "Atarhivēts fails būtu pārāk liels (iespējama „zip bumba”).",
                              "Unpacked, the file would be too large (a possible zip bomb).",
                              "Augšupielādējiet parastu Excel eksportu.", "Upload an ordinary Excel export.")
            window = decl_tail + chunk
            if b"<!" in window and any(d in window for d in _XML_DECLS):
                raise _refuse("xml_entities",
                              "Failā ir XML entītiju deklarācijas, ko Excel neraksta (iespējams uzbrukums).",
                              "The file contains XML entity declarations that Excel never writes (a possible attack).",
                              "Saglabājiet darbgrāmatu no Excel vēlreiz.", "Save the workbook from Excel again.")
            decl_tail = chunk[-16:]
            for count in (_UNIQUE_COUNT.findall(window) if b"uniqueCount" in window else ()):
                if int(count) > MAX_CELLS:
                    raise _refuse("unsafe_zip", "Koplietoto tekstu tabula apgalvo, ka tajā ir neiespējami daudz tekstu.",
                                  "The shared-strings table claims an impossible number of strings.",
                                  "Saglabājiet darbgrāmatu no Excel vēlreiz.", "Save the workbook from Excel again.")
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if cut < 0:  # text without any tag: nothing to count
                carry = b""
                continue
            exact = extent.feed(buffer[:cut]) and exact
            carry = buffer[cut:]
            if len(carry) > _MAX_CARRY:
                if _TAG.match(carry):
                    raise _refuse("unsafe_zip", "Lapā ir neparasti gara šūnas vai rindas atzīme — Excel tādas neraksta.",
                                  "A sheet has an abnormally long cell or row tag — Excel never writes one.",
                                  "Saglabājiet darbgrāmatu no Excel vēlreiz.", "Save the workbook from Excel again.")
                carry = b""  # a long text: no reference inside
        if carry:
            exact = extent.feed(carry) and exact
        if not exact and not extent.too_large():
            extent = _parsed_extent(data, info)
        if extent.too_large():
            ref = f"{column_letter(max(extent.columns - 1, 0))}{extent.rows or 1}"
            titles = _sheet_titles(archive)
            place = f"{titles[info.filename]}!{ref}" if info.filename in titles else info.filename.rsplit("/", 1)[-1]
            raise _too_large(ref, place)


def _too_large(ref: str, place: str) -> RefusedFile:
    return _refuse("sheet_extent",
                   f"Lapas izmantotais apgabals sniedzas līdz {ref} — tas ir pārāk liels.",
                   f"The sheet's used range reaches {ref} — far too large.",
                   f"Izdzēsiet tukšās rindas un kolonnas aiz datiem (līdz {ref}) un saglabājiet vēlreiz.",
                   f"Delete the empty rows and columns after the data (up to {ref}) and save again.",
                   place=place)


def _check_parsed_extent(name: str, sheet) -> None:
    """The rectangle calamine has built for a sheet, bounded as the pre-scan bounds a part.

    After the pre-scan this never fires; in the child process of ``isolated`` (which parses
    before the pre-scan has finished) it refuses an oversized sheet before its cells become
    Python objects.
    """
    if sheet.end is None:
        return
    extent = _Extent()
    extent.max_row, extent.max_col = sheet.end[0] + 1, max(extent.max_col, sheet.end[1])
    if extent.too_large():
        ref = f"{column_letter(extent.columns - 1)}{extent.rows}"
        raise _too_large(ref, f"{name}!{ref}")


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


COVER_ROWS = 30  # rows read from a sheet the format does not know (a cover page may state the date or plan)


def _parse_sheets(book, names: list[str], covers: tuple[str, ...] = ()) -> dict[str, tuple[list[list], tuple[int, int] | None]]:
    """The named sheets of a calamine workbook: name -> (rows, start); only the top of a cover sheet."""
    parsed = {}
    for name in names:
        sheet = book.get_sheet_by_name(name)
        _check_parsed_extent(name, sheet)
        rows = sheet.to_python(skip_empty_area=True, nrows=COVER_ROWS) if name in covers else \
            sheet.to_python(skip_empty_area=True)
        parsed[name] = (rows, sheet.start)
    return parsed


def _open_and_parse(data: bytes, names: list[str],
                    covers: tuple[str, ...] = ()) -> dict[str, tuple[list[list], tuple[int, int] | None]]:
    """The named sheets, with a workbook of their own (one calamine workbook per thread)."""
    return _parse_sheets(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)), names, covers)


def _fill(sheets: list[RawSheet], parsed: dict[str, tuple[list[list], tuple[int, int] | None]]) -> None:
    for raw in sheets:
        if raw.name in parsed:
            raw.rows, start = parsed[raw.name]
            if start is not None:
                raw.first_row, raw.first_col = start


def read_workbook(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> RawWorkbook:
    """Bytes of an .xlsx -> raw sheets. Raises RefusedFile with a clear problem.

    Every part of the archive has passed the checks before calamine opens it.
    """
    archive = check_bytes(data, max_bytes)
    _scan_parts(data, archive)
    return parse_workbook(data)


def parse_workbook(data: bytes, early: Callable[[list[RawSheet]], None] | None = None) -> RawWorkbook:
    """The sheets of a workbook whose bytes have been checked (``read_workbook``) or are
    parsed where a hostile file can do no harm (``isolated``). Raises RefusedFile.

    The measures sheet (the largest) is parsed on this thread while the
    other sheets are parsed on a second one, each with a workbook of its own:
    calamine releases the GIL while it parses, so on two cores the smaller
    sheets cost no extra time (at 200k measures + 1M indicator values the
    indicator sheet's parse is ~0.9 s of calamine's ~3.5 s). ``early`` is called on that
    second thread with the other sheets (perhaps none) as soon as they are read, while the
    measures sheet may still be parsing.
    """

    def others_first(names: list[str]) -> dict[str, tuple[list[list], tuple[int, int] | None]]:
        parsed = _open_and_parse(data, names, covers) if names else {}
        if early is not None:
            done = [raw for raw in sheets if raw.name in parsed]
            _fill(done, parsed)
            early(done)
        return parsed

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
                continue
            kind = sheet_kind(meta.name)
            visible = str(meta.visible) == str(python_calamine.SheetVisibleEnum.Visible)
            sheets.append(RawSheet(name=meta.name, kind=kind, visible=visible))
        covers = tuple(s.name for s in sheets if s.kind is None)
        wanted = [s.name for s in sheets if s.kind is not None] + list(covers)
        first = [s.name for s in sheets if s.kind == "measures"][:1] or wanted[:1]
        others = [n for n in wanted if n not in first]
        with ThreadPoolExecutor(max_workers=1) as pool:
            later = pool.submit(others_first, others) if others or early is not None else None
            parsed = _parse_sheets(book, first, covers)
            if later is not None:
                parsed.update(later.result())
        _fill(sheets, parsed)
    except python_calamine.PasswordError:
        raise _refuse("encrypted", "Darbgrāmata ir aizsargāta ar paroli.", "The workbook is password-protected.",
                      "Noņemiet paroli un saglabājiet vēlreiz.", "Remove the password and save again.") from None
    except BaseException as exc:  # the Rust reader may also panic (pyo3's PanicException is a BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError, RefusedFile)):
            raise
        raise _refuse("unreadable", "Darbgrāmatu nevar nolasīt: tā ir bojāta vai nestandarta.",
                      f"The workbook cannot be read: it is damaged or non-standard ({type(exc).__name__}).",
                      "Atveriet to Excel un saglabājiet vēlreiz kā .xlsx.",
                      "Open it in Excel and save it again as .xlsx.") from None
    return RawWorkbook(sheets)
