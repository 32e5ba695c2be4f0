"""Read a consultation's questions from its own document (issue 6).

Interface used by `drafter consultations import` and by `drafter draft --consultation FORM.docx`:

    import_consultation(path: Path) -> Consultation   # .docx, .md, .txt, .pdf
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import DrafterError


def import_consultation(path: Path):
    raise DrafterError("importing a consultation document is not available yet (issue 6)")
