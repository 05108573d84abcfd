"""read -> validate -> load: the one path from an Excel export to a snapshot.

The CLI and the upload page both call these functions. Parsing and
validation happen entirely before the database is touched, so a refused file
leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..ingest.problems import Problem, RefusedFile
from ..ingest.reader import MAX_FILE_BYTES, read_workbook
from ..ingest.validate import Clean, validate
from . import db


@dataclass
class Checked:
    """A file that has been read and validated but not stored."""

    file_name: str
    content: bytes
    clean: Clean | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.clean is not None and not self.errors

    @property
    def sha256(self) -> str:
        return db.sha256(self.content)


def check(content: bytes, file_name: str, report_date: dt.date | None = None,
          max_bytes: int = MAX_FILE_BYTES) -> Checked:
    """Read and validate; never raises for a bad file, returns its problems."""
    try:
        book = read_workbook(content, max_bytes=max_bytes)
    except RefusedFile as refused:
        return Checked(file_name, content, None, [refused.problem])
    clean, problems = validate(book, report_date=report_date)
    return Checked(file_name, content, clean, problems)


def store(con, checked: Checked, uploaded_by: str, publish: bool = True) -> db.LoadResult:
    """Store a checked file as a snapshot (atomic). Only call when ``checked.ok``."""
    if not checked.ok or checked.clean is None or checked.clean.report_date is None:
        raise ValueError("cannot store a file with errors")
    return db.load(con, checked.clean, content=checked.content, file_name=checked.file_name,
                   uploaded_by=uploaded_by, report_date=checked.clean.report_date, publish=publish)
