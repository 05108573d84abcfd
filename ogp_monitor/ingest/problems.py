"""Problems found in an uploaded workbook, said in Latvian and English."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

ERROR = "error"
NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR blocks the load; NOTICE does not
    code: str
    place: str  # "Pasākumi!H12", "Pasākumi!A3:K3" or a sheet/file name
    message_lv: str
    message_en: str
    fix_lv: str = ""
    fix_en: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def line(self, lang: str = "lv") -> str:
        """One line for a terminal: place, what is wrong, how to fix it."""
        msg, fix = (self.message_lv, self.fix_lv) if lang == "lv" else (self.message_en, self.fix_en)
        return f"{self.place}: {msg}" + (f" — {fix}" if fix else "")


class RefusedFile(Exception):
    """The file cannot be read at all (not a workbook, encrypted, too large...)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message_en)
        self.problem = problem


def problems_frame(problems: list[Problem], lang: str = "lv") -> pd.DataFrame:
    """Problems as a table for the upload page (columns in the UI language)."""
    import pandas as pd  # here, so the reader's child process starts parsing before pandas is loaded

    rows = [asdict(p) for p in problems]
    frame = pd.DataFrame(rows, columns=["severity", "code", "place", "message_lv", "message_en",
                                        "fix_lv", "fix_en"])
    if lang == "lv":
        return pd.DataFrame({
            "Veids": frame["severity"].map({ERROR: "Kļūda", NOTICE: "Piezīme"}),
            "Vieta": frame["place"], "Problēma": frame["message_lv"], "Kā labot": frame["fix_lv"],
        })
    return pd.DataFrame({
        "Kind": frame["severity"].map({ERROR: "Error", NOTICE: "Notice"}),
        "Place": frame["place"], "Problem": frame["message_en"], "How to fix": frame["fix_en"],
    })
