"""The deck as PDF, converted by LibreOffice (the office client the council's PCs share)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ...i18n import t


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_unavailable_reason(lang: str = "lv") -> str | None:
    """Why a PDF cannot be made here (None when it can)."""
    return None if soffice_path() else t("deck.ui_no_pdf", lang)


class PdfError(RuntimeError):
    """LibreOffice is missing or could not convert the deck."""


def to_pdf(pptx_bytes: bytes, timeout: float = 180) -> bytes:
    """The deck as PDF, converted by LibreOffice (``soffice --headless --convert-to pdf``).

    Each conversion uses its own temporary LibreOffice profile, so two conversions
    at once (or a desktop LibreOffice of the same user) do not block each other.
    """
    soffice = soffice_path()
    if soffice is None:
        raise PdfError("LibreOffice (soffice) is not installed: apt-get install libreoffice-impress-nogui")
    with tempfile.TemporaryDirectory(prefix="ogp-deck-") as tmp:
        src = Path(tmp) / "deck.pptx"
        src.write_bytes(pptx_bytes)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", tmp, str(src)]
        env = {**os.environ, "HOME": tmp}
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice did not finish within {timeout:.0f} s") from exc
        out = Path(tmp) / "deck.pdf"
        if done.returncode != 0 or not out.exists():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise PdfError("LibreOffice could not convert the deck" + (f": {detail[-1]}" if detail else ""))
        return out.read_bytes()

