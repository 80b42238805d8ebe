"""lexicon is a leaf: it knows words and the body, never a person's data."""

import ast
from pathlib import Path

import feelmap

PERSON_APPS = ("accounts", "checkins", "journal", "practices", "assessments", "safety",
               "insights", "care", "program", "core", "api", "cli")


def test_lexicon_imports_no_person_app():
    root = Path(feelmap.__file__).parent / "lexicon"
    found = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "feelmap" and len(parts) > 1 and parts[1] in PERSON_APPS:
                    found.append(f"{path.relative_to(root)}: {name}")
    assert found == []
