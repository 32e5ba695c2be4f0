"""docs/architecture.md stays a true map: every file or folder it names exists, and every
package of drafter appears in its layer table."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
# `drafter/x.py`, `tests/test_x.py`, `docs/x.md`, `eval/x.yaml`, `templates/`, ...
PATH = re.compile(r"`((?:drafter|tests|docs|eval|tools|templates|snippets|bench)/[^`\s]*)`")


def test_every_path_the_page_names_exists():
    named = set(PATH.findall(PAGE))
    assert len(named) > 40, "the page should name the files it maps"
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, f"docs/architecture.md names files that no longer exist: {missing}"


def test_every_package_and_top_level_module_has_a_layer():
    layers = PAGE.split("## Layers", 1)[1].split("## Where each", 1)[0]
    package = ROOT / "drafter"
    parts = [p for p in package.iterdir() if p.name not in {"__init__.py", "__main__.py"}]
    for part in parts:
        if part.name.startswith(("_", ".")) or (part.is_file() and part.suffix != ".py"):
            continue
        assert f"drafter/{part.name}" in layers, f"drafter/{part.name} is in no layer of the map"


def test_the_code_speaks_its_own_words():
    """The words of the page's glossary mean one thing each: "snippets" is only the command
    and the bundled library's folder (never a passage, the template functions or a stretch of
    text), and no docstring or comment points at an issue number instead of saying why."""
    for path in sorted((ROOT / "drafter").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT)
        others = {w for w in re.findall(r"snippet\w*", text, re.I) if w != "snippets"}
        assert not others, f"{name}: {sorted(others)}"
        assert not re.search(r"\bissues? #?\d", text, re.I), f"{name} cites an issue number"
