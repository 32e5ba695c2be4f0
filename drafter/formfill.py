"""Fill a consultation's own response form (.docx) with the answers (issue 6).

Interface used by `drafter render --into FORM.docx`:

    fill_form(answers_path, form_path, out_path, *, force=False) -> FillReport
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import DrafterError


def fill_form(answers_path: Path, form_path: Path, out_path: Path, *, force: bool = False):
    raise DrafterError("filling a consultation's own form is not available yet (issue 6)")
