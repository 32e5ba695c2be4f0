"""Lint results for people (text, grouped by file) and for programs (versioned JSON).

The JSON layout is documented in docs/precision.md and described by
docs/lint-output.schema.json; SCHEMA names its version and changes only with a new number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drafter.precision.finding import Finding
from drafter.severities import count_by_severity

if TYPE_CHECKING:
    from drafter.readers import Document

SCHEMA = "drafter-lint/1"
# how each severity is shown on a terminal (every one of drafter.severities, tested)
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


@dataclass
class Record:
    """One finding placed in its file."""

    finding: Finding
    file: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    sentence: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        f = self.finding
        out = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end": {"line": self.end_line, "column": self.end_column},
            "rule": f.rule,
            "severity": f.severity,
            "concept": f.concept,
            "text": f.text,
            "message": f.message,
            "suggestion": f.suggestion,
            "suppressed": f.suppressed,
            "sentence": self.sentence,
        }
        out.update(self.extra)
        return out


@dataclass
class FileResult:
    file: str
    format: str | None
    records: list[Record] = field(default_factory=list)
    error: str | None = None


def place(document: Document, findings: list[Finding]) -> FileResult:
    """Turn offsets into locations in the file, with the sentence each finding is in."""
    result = FileResult(str(document.path), document.format)
    text = document.text
    for f in findings:
        start = document.location(f.start)
        end = document.location(max(f.start, f.end))
        result.records.append(
            Record(
                f,
                str(document.path),
                start.line,
                start.column,
                end.line,
                end.column,
                sentence_of(text, f.start, f.end),
                start.extra,
            )
        )
    return result


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end), on one line, at most about 300 characters."""
    from drafter.precision.cues import ABBREVIATIONS
    from drafter.precision.segment import sentence_around

    window = 150
    s, e = sentence_around(text, start, end, ABBREVIATIONS, window)
    e = max(e, end)
    # a sentence longer than the window is cut between words, and says it is cut
    head = tail = ""
    if s > 0 and s == start - window:
        cut = text.find(" ", s, start)
        s, head = (cut + 1, "… ") if cut != -1 else (s, "…")
    if e < len(text) and e == end + window:
        cut = text.rfind(" ", end, e)
        e, tail = (cut, " …") if cut != -1 else (e, "…")
    return head + " ".join(text[s:e].split()) + tail


def to_json(results: list[FileResult]) -> str:
    """The findings of every file as JSON for programs (format in docs/precision.md)."""
    summary = {"files": len(results), "unreadable": sum(1 for r in results if r.error)}
    summary |= count_by_severity(rec.finding for r in results for rec in r.records)
    summary["suppressed"] = sum(1 for r in results for rec in r.records if rec.finding.suppressed)
    data = {
        "schema": SCHEMA,
        "files": [
            {
                "file": r.file,
                "format": r.format,
                "error": r.error,
                "findings": [rec.as_json() for rec in r.records],
            }
            for r in results
        ],
        "summary": summary,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def where(rec: Record) -> str:
    """A position a person can find: 'line 3, column 5' or 'paragraph 4, char 12 (body)'."""
    extra = rec.extra
    if "paragraph" in extra:
        return f"paragraph {rec.line}, char {rec.column} ({extra['part']})"
    if "question" in extra:
        at = f"question {extra['question']}, offset {extra['offset']}"
        return at + (f" (line {rec.line}, column {rec.column})" if rec.line else "")
    return f"line {rec.line}, column {rec.column}"


def to_text(results: list[FileResult], styled: bool) -> str:
    """Findings grouped by file, each with position, sentence, reason and suggestion."""
    lines: list[str] = []
    for result in results:
        head = result.file
        if result.error:
            continue  # the command reports it on stderr, once
        live = [r for r in result.records if not r.finding.suppressed]
        count = f"{len(live)} finding(s)" + (
            f", {len(result.records) - len(live)} suppressed"
            if len(live) != len(result.records)
            else ""
        )
        lines.append(_style(f"{head}: {count}", "bold", styled))
        for rec in result.records:
            f = rec.finding
            level = "suppressed" if f.suppressed else f.severity
            tag = _style(level, "dim" if f.suppressed else SEVERITY_STYLES[f.severity], styled)
            e = _escaper(styled)
            lines.append(f"  {e(where(rec))}: {tag} {e(f'[{f.rule}]')} \u201c{e(f.text)}\u201d")
            lines.append(f"    in:   {e(rec.sentence)}")
            lines.append(f"    why:  {e(f.message)}")
            if f.suggestion:
                lines.append(f"    fix:  {e(f.suggestion)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _style(text: str, style: str, styled: bool) -> str:
    if not styled:
        return text
    from rich.markup import escape

    return f"[{style}]{escape(text)}[/]"


def _escaper(styled: bool):
    if not styled:
        return lambda text: text
    from rich.markup import escape

    return escape
