"""The package's shape, checked from the source: imports run web → reports → store → ingest, only
store/ and ingest/ import duckdb, only web/, views/, app.py and serve.py import streamlit, nothing imports cli.

Each rule is also run against a small synthetic tree that breaks it, so a checker that stopped
seeing violations would fail here too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ogp_monitor"
LAYERS = ("ingest", "store", "reports", "web")  # each may import the ones before it, never after
SHARED = ("i18n",)  # importable from every folder
ENTRY_POINTS = ("app.py", "serve.py")  # the Streamlit script and the server that serves it (st.App)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in a file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base)
                module = f"{prefix}.{node.module}" if node.module else prefix
            else:
                module = node.module or ""
            # "from . import db" imports the module ogp_monitor.store.db, not only the package
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            found.append((node.lineno, module))
    return found


def _folder(module: str) -> str | None:
    """The package folder a module lives in (ingest, store, ...), 'cli', or None outside the package."""
    parts = module.split(".")
    if parts[0] != PACKAGE or len(parts) < 2:
        return None
    return parts[1]


def violations(root: Path) -> list[str]:
    """Every broken rule in the tree under ``root`` (which holds ogp_monitor/, views/, app.py)."""
    problems = []
    files = sorted((root / PACKAGE).rglob("*.py")) + sorted((root / "views").glob("*.py"))
    files += [root / name for name in ENTRY_POINTS if (root / name).exists()]
    for path in files:
        rel = path.relative_to(root).as_posix()
        here = _folder(_module_name(path, root)) if rel.startswith(PACKAGE + "/") else None
        for line, module in _imports(path, root):
            where = f"{rel}:{line}"
            top = module.split(".")[0]
            target = _folder(module)
            if top == "duckdb" and here not in ("store", "ingest"):
                problems.append(f"{where} imports duckdb (only store/ and ingest/ may)")
            if top == "streamlit" and not (here == "web" or rel.startswith("views/") or rel in ENTRY_POINTS):
                problems.append(f"{where} imports streamlit (only web/, views/, app.py and serve.py may)")
            if target == "cli" and not rel.endswith("__main__.py"):
                problems.append(f"{where} imports {module} (nothing imports cli.py)")
            if here in LAYERS and target in LAYERS and LAYERS.index(target) > LAYERS.index(here):
                problems.append(f"{where}: {here}/ imports {module} (imports run web → reports → store → ingest)")
            if here in SHARED and target in LAYERS:
                problems.append(f"{where}: {here}/ imports {module} (i18n imports nothing of the app)")
        if here == "ingest":
            problems += _ingest_duckdb_on_files(path, rel)
    return problems


def _ingest_duckdb_on_files(path: Path, rel: str) -> list[str]:
    """ingest/ may use duckdb in memory only: duckdb.connect() with no file argument."""
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "duckdb"):
            args = node.args[:1] + [k.value for k in node.keywords if k.arg == "database"]
            if args and not (isinstance(args[0], ast.Constant) and args[0].value == ":memory:"):
                problems.append(f"{rel}:{node.lineno}: ingest/ opens a DuckDB file (in-memory only)")
    return problems


def test_the_package_keeps_its_shape():
    assert violations(ROOT) == []


def test_every_module_lives_in_a_flow_folder():
    top = sorted(p.name for p in (ROOT / PACKAGE).glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py"], "modules belong in ingest/, store/, reports/ or web/"
    assert {p.name for p in (ROOT / PACKAGE).iterdir() if p.is_dir() and not p.name.startswith("__")} == {
        *LAYERS, *SHARED}


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in {"ogp_monitor/__init__.py": "", **{f"ogp_monitor/{layer}/__init__.py": "" for layer in
                                                          (*LAYERS, *SHARED)}, **files}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("files, expected", [
    ({"ogp_monitor/ingest/reader.py": "from ..store import db\n"}, "ingest/ imports ogp_monitor.store"),
    ({"ogp_monitor/store/db.py": "from ogp_monitor.reports import charts\n"}, "store/ imports ogp_monitor.reports"),
    ({"ogp_monitor/reports/charts.py": "from ..web.cache import query\n"}, "reports/ imports ogp_monitor.web"),
    ({"ogp_monitor/reports/summary.py": "import duckdb\n"}, "imports duckdb"),
    ({"ogp_monitor/web/cache.py": "from duckdb import connect\n"}, "imports duckdb"),
    ({"ogp_monitor/reports/exports.py": "import streamlit as st\n"}, "imports streamlit"),
    ({"ogp_monitor/store/db.py": "from streamlit import cache_data\n"}, "imports streamlit"),
    ({"ogp_monitor/web/tables.py": "from .. import cli\n"}, "nothing imports cli.py"),
    ({"serve.py": "import duckdb\n"}, "imports duckdb"),
    ({"views/page.py": "from ogp_monitor.cli import main\n"}, "nothing imports cli.py"),
    ({"ogp_monitor/i18n/strings.py": "from ..reports import charts\n"}, "i18n imports nothing of the app"),
    ({"ogp_monitor/ingest/sheets.py": "import duckdb\ncon = duckdb.connect('data/ogp.duckdb')\n"},
     "ingest/ opens a DuckDB file"),
])
def test_the_checker_sees_each_broken_rule(tmp_path, files, expected):
    found = violations(_tree(tmp_path, files))
    assert any(expected in problem for problem in found), found


def test_the_checker_accepts_what_the_rules_allow(tmp_path):
    files = {
        "ogp_monitor/web/cache.py": "import streamlit as st\nfrom ..store import db\nfrom ..reports import charts\n",
        "ogp_monitor/reports/charts.py": "from ..i18n import t\nfrom ..store import db\nfrom ..ingest import spec\n",
        "ogp_monitor/store/db.py": "import duckdb\nfrom ..ingest.validate import Clean\n",
        "ogp_monitor/ingest/validate.py": "import duckdb\ncon = duckdb.connect(':memory:')\nother = duckdb.connect()\n",
        "ogp_monitor/__main__.py": "from .cli import main\n",
        "views/page.py": "import streamlit as st\nfrom ogp_monitor.web import cache\n",
        "app.py": "import streamlit as st\n",
        "serve.py": "import streamlit as st\nfrom ogp_monitor.web import session_routes\n",
    }
    assert violations(_tree(tmp_path, files)) == []
