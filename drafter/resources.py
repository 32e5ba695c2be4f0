"""Where the bundled data lives: inside the wheel (drafter/_data) or at the checkout's top."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """Folder of bundled data: 'templates', 'snippets', 'consultations' or 'examples'."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
