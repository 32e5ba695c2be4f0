"""The render pipeline, end to end (issue 2): answers file -> composed Markdown -> output.

Interface used by `drafter render` and by the interview (`drafter draft`):

    render_answers(answers_path, out_path, fmt="docx", *, force=False, library_dirs=(),
                   reference_doc=None) -> RenderResult
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import DrafterError


def render_answers(answers_path: Path, out_path: Path, fmt: str = "docx", **options):
    raise DrafterError("rendering is not available yet (issue 2)")
