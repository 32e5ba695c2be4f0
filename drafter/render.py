"""The render pipeline, end to end: answers file -> composed Markdown -> output.

Interface used by `drafter render` and by the interview (`drafter draft`):

    render_answers(answers_path, out_path, fmt="docx", *, force=False, library_dirs=(),
                   reference_doc=None) -> RenderResult
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct, field

from drafter.errors import InputError

# The output formats, the one list: name -> file suffix. `render --format`, the default output
# name, and the interview's -o all read it (docs/architecture.md: "Add an output format").
FORMATS: dict[str, str] = {"docx": ".docx", "md": ".md", "txt": ".txt"}


def format_of(path: Path) -> str | None:
    """The output format a file name asks for, by its suffix; None if it names none."""
    suffix = path.suffix.lower()
    return next((name for name, known in FORMATS.items() if known == suffix), None)


class RenderResult(Struct):
    """What a render wrote and found (a msgspec Struct: cheap to define at import)."""

    out_path: Path
    fmt: str
    concepts: list[str]  # the concepts the "Terms used" glossary defines, in order
    library_versions: dict[str, int]  # every library entry the document used, and its version
    warnings: list[str] = field(default_factory=list)
    findings: list = field(default_factory=list)  # drafter.precision.Finding, rendered text

    def counts(self) -> dict[str, int]:
        from drafter.severities import count_by_severity

        return count_by_severity(self.findings)


def load_inputs(answers_path: Path, library_dirs: Sequence[Path] = ()):
    """The answers, the consultation they answer (checked against it) and the library."""
    from drafter.answers import load_answers
    from drafter.consultation import find_consultation, load_consultation
    from drafter.library import load_library, resolve_library_dirs

    answers_path = Path(answers_path)
    answers = load_answers(answers_path)
    if answers.respondent.draft:  # consent not yet given: nothing may be published from it
        from drafter.yamlio import line_of

        raise InputError(
            "the respondent's details were not finished (the interview stopped at them); "
            f"carry on with: drafter draft --answers {answers_path} --resume",
            path=answers_path,
            line=line_of(answers_path, ("respondent",)),
        )
    if answers.consultation_file:
        consultation_path = answers_path.parent / answers.consultation_file
        if not consultation_path.is_file():
            from drafter.yamlio import line_of

            raise InputError(
                f"consultation_file {answers.consultation_file!r} not found "
                f"(looked in {answers_path.parent or '.'})",
                path=answers_path,
                line=line_of(answers_path, ("consultation_file",)),
            )
    else:
        try:
            consultation_path = find_consultation(answers.consultation, near=answers_path)
        except InputError as exc:
            raise InputError(exc.message, path=answers_path) from None
    consultation = load_consultation(consultation_path)
    answers.check_against(consultation, answers_path)
    library = load_library(resolve_library_dirs(library_dirs))
    return answers, consultation, library


def check_answers_text(answers_path: Path, library_dirs: Sequence[Path] = ()) -> dict[str, int]:
    """Precision findings by severity in the text a filled form carries: the response as
    `render` composes and checks it, glossary included, when the consultation is found (the
    form then gets that glossary as an appendix); else every response on its own (a form
    needs no consultation file)."""
    from drafter.answers import load_answers
    from drafter.compose import compose
    from drafter.library import load_library, resolve_library_dirs
    from drafter.library.validate import library_warnings
    from drafter.precision import check_text

    answers = load_answers(Path(answers_path))
    library = load_library(resolve_library_dirs(library_dirs))
    library_warnings(library)  # raises if the library is unsafe to check with
    result = RenderResult(out_path=Path(answers_path), fmt="", concepts=[], library_versions={})
    try:
        answers, consultation, library = load_inputs(answers_path, library_dirs)
    except InputError:  # no consultation: no glossary in the form either
        for answer in answers.answers.values():
            if answer.text.strip():
                result.findings += check_text(answer.text, library)
        return result.counts()
    composed = compose(answers, consultation, library, answers_path=Path(answers_path))
    result.findings = check_text(composed.text, library)
    return result.counts()


def render_answers(
    answers_path: Path,
    out_path: Path,
    fmt: str = "docx",
    *,
    force: bool = False,
    library_dirs: Sequence[Path] = (),
    reference_doc: Path | None = None,
) -> RenderResult:
    """Render an answers file to `out_path` (docx, md or txt), atomically, never clobbering."""
    from drafter.compose import compose
    from drafter.fsutil import STDOUT, check_target, write_output
    from drafter.library.validate import library_warnings
    from drafter.precision import check_text

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    out_path = Path(out_path)
    to_stdout = str(out_path) == STDOUT
    if not to_stdout:
        check_target(out_path, force=force)  # say so before doing any work

    answers, consultation, library = load_inputs(answers_path, library_dirs)
    warnings = library_warnings(library)  # raises if the library is unsafe to check with
    composed = compose(answers, consultation, library, answers_path=Path(answers_path))
    warnings += composed.warnings

    if fmt == "docx":
        from drafter.writer.docx import write_docx

        data, writer_warnings = write_docx(composed, reference_doc)
        warnings += writer_warnings
    else:
        from drafter.writer.text import markdown_output, text_output

        if reference_doc is not None:
            warnings.append("--reference-doc only applies to .docx output; ignored")
        text = markdown_output(composed) if fmt == "md" else text_output(composed)
        data = text.encode("utf-8")

    findings = check_text(composed.text, library)
    if not to_stdout:
        _make_parent(out_path)
    write_output(out_path, data, force=force)
    return RenderResult(
        out_path=out_path,
        fmt=fmt,
        concepts=list(composed.concepts),
        library_versions=dict(composed.library_versions),
        warnings=warnings,
        findings=list(findings),
    )


def _make_parent(out_path: Path) -> None:
    parent = out_path.parent
    if str(parent) and not parent.exists():
        try:
            parent.mkdir(parents=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder ({exc.strerror})", path=parent) from None
