"""One family of errors, each with the exit code the CLI maps it to.

Every error a user can cause is a DrafterError: the CLI prints its one-line message and exits
with its code, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class DrafterError(Exception):
    """A problem the user can fix; `str()` is the one line the CLI prints."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(self.format())

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{self.message}"


class InputError(DrafterError):
    """A file or value the user gave cannot be used (malformed, missing, inconsistent)."""


class OutputExistsError(DrafterError):
    """Refusing to overwrite a file the user did not ask us to replace."""


class TemplateError(DrafterError):
    """A shared template failed to parse or render; names the template file and line."""


class FindingsError(DrafterError):
    """The precision check found problems at or above the level the user asked to fail on."""

    exit_code = EXIT_FINDINGS


class MultipleErrors(DrafterError):
    """Several problems found in one pass (e.g. validating a library); one line each."""

    def __init__(self, errors: list[DrafterError]):
        self.errors = errors
        super().__init__("\n".join(e.format() for e in errors))

    def format(self) -> str:
        return "\n".join(e.format() for e in self.errors)
