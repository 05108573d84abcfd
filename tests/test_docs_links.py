"""Every relative link in the README and docs/ resolves: the file exists, and a #fragment names a heading."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = "".join(ch for ch in unicodedata.normalize("NFC", text) if ch.isalnum() or ch in " -")
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings (outside code blocks), numbered when repeated."""
    found, seen = set(), {}
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    for line in text.splitlines():
        if line.startswith("#"):
            base = slug(line.lstrip("#"))
            n = seen.get(base, 0)
            found.add(base if n == 0 else f"{base}-{n}")
            seen[base] = n + 1
    return found


def links(path: Path) -> list[str]:
    return _LINK.findall(_CODE.sub("", path.read_text(encoding="utf-8")))


def broken(path: Path, root: Path = ROOT) -> list[str]:
    out = []
    for target in links(path):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        file_part, _, fragment = target.partition("#")
        dest = (path.parent / file_part).resolve() if file_part else path
        if not dest.exists():
            out.append(f"{path.relative_to(root)}: {target} (no such file)")
        elif fragment and dest.suffix == ".md" and fragment not in anchors(dest):
            out.append(f"{path.relative_to(root)}: {target} (no heading #{fragment})")
    return out


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    assert broken(path) == []


def test_the_checker_finds_a_missing_file_and_a_missing_heading(tmp_path):
    doc = tmp_path / "a.md"
    (tmp_path / "b.md").write_text("# Real heading: with `code`\n", encoding="utf-8")
    doc.write_text("[ok](b.md#real-heading-with-code) [gone](missing.md) [bad](b.md#nope) `[code](x.md)`\n",
                   encoding="utf-8")
    assert broken(doc, tmp_path) == ["a.md: missing.md (no such file)", "a.md: b.md#nope (no heading #nope)"]


def test_the_readme_is_a_front_door():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200
    text = "\n".join(lines)
    assert "make run" in text and "make test" in text
    for folder in ("ogp_monitor/ingest/", "ogp_monitor/store/", "ogp_monitor/reports/", "ogp_monitor/web/"):
        assert f"`{folder}`" in text, f"the layout table names {folder}"
