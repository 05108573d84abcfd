"""The format documentation is generated from spec.py and must match it."""

import importlib.util
from pathlib import Path

from ogp_monitor.ingest import spec

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("format_table", ROOT / "scripts" / "format_table.py")
format_table = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(format_table)


def test_format_doc_matches_spec():
    doc = format_table.DOC.read_text(encoding="utf-8")
    assert format_table.updated(doc) == doc, "run: .venv/bin/python scripts/format_table.py"


def test_every_header_spelling_and_status_label_is_documented():
    doc = format_table.DOC.read_text(encoding="utf-8")
    for sheet in spec.SHEETS:
        for name in sheet.names:
            assert f"`{name}`" in doc
        for field in sheet.fields:
            assert f"`{field.key}`" in doc and field.label_lv in doc and field.label_en in doc
    for labels in spec.STATUS_LABELS.values():
        for label in labels:
            assert f"`{label}`" in doc
