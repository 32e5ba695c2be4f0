"""Open a user's .docx with python-docx, or say in one line why it cannot be read.

The precision check, the importer and the form filler all read Word files through here, so
a damaged or fake .docx gets the same message whichever command met it. Imports python-docx
only when called.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from drafter.errors import InputError

# the same words whichever command meets a file that is not a Word package
NOT_A_ZIP = "is not a Word document (.docx is a zip package; this is not)"
NOT_WORD = "is a zip file but not a Word document (no word/ part)"


def check_word_zip(path: Path, shown: Path | None = None) -> None:
    """InputError naming `shown` (default `path`) unless `path` is a zip holding a Word
    package's parts; needs no python-docx (the .docx writer opens packages without it)."""
    path = Path(path)
    shown = shown or path
    if not zipfile.is_zipfile(path):
        if not path.is_file():
            raise InputError("file not found", path=shown)
        raise InputError(NOT_A_ZIP, path=shown)
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"is not a readable Word document ({exc})", path=shown) from None
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise InputError(NOT_WORD, path=shown)


def open_docx(path: Path, shown: Path | None = None) -> Any:
    """A python-docx Document for `path`; InputError naming `shown` (default `path`) if the
    file is not a zip, not a Word package, or damaged inside."""
    path = Path(path)
    shown = shown or path
    check_word_zip(path, shown)
    import docx

    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds on a damaged package
        raise damaged(exc, shown) from None


def damaged(exc: Exception, shown: Path) -> InputError:
    """The one-line error for a Word package that failed while being read."""
    if type(exc).__name__ in {"XMLSyntaxError", "BadZipFile"}:
        return InputError("is damaged (its XML cannot be read)", path=shown)
    if isinstance(exc, KeyError) and exc.args:  # a relationship names a part the zip lacks
        return InputError(f"is damaged: it has no {exc.args[0]} part, yet refers to one",
                          path=shown)  # fmt: skip
    return InputError(f"is damaged or not a Word document ({exc})", path=shown)
