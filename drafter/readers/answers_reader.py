"""Answers files: each answer's response text, located by question and offset.

The line and column in the YAML file are given where the response is a block or a plain
scalar (best effort); `question` and `offset` are always given. Findings the respondent
chose to keep (`kept_findings`) are reported as suppressed.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from drafter.errors import InputError
from drafter.readers.document import Chunk, Document, Location
from drafter.readers.sniff import read_text_file, safe_text


def read_answers(path: Path) -> Document:
    """An answers file as the text a respondent typed, locations as question and offset."""
    from drafter.answers import load_answers
    from drafter.yamlio import parse_yaml

    raw = read_text_file(path, "YAML")
    data = parse_yaml(raw, Path(path))
    if not isinstance(data, dict) or "answers" not in data or "consultation" not in data:
        raise InputError(
            "is YAML but not an answers file (no 'consultation' and 'answers' fields)", path=path
        )
    answers = load_answers(Path(path))
    lines = _response_lines(raw)
    chunks = []
    for question, answer in answers.answers.items():
        text = safe_text(answer.typed)  # vetted text is the library's to answer for
        if not text.strip():
            continue
        locate = _locator(question, text, lines.get(question))
        chunks.append(Chunk(text, locate, kept=list(answer.kept_findings)))
    return Document(Path(path), "answers", chunks)


def _response_lines(raw: str) -> dict[str, tuple[int, int, bool]]:
    """Question -> (first line of the response text, its column, whether it is a block)."""
    from ruamel.yaml import YAML

    try:
        root = YAML(typ="rt").load(raw)
        answers = root["answers"]
    except Exception:  # locations are a courtesy; the safe loader already accepted the file
        return {}
    raw_lines = raw.splitlines()
    out = {}
    for question in answers:
        try:
            line, col = answers[question].lc.value("response")
        except (AttributeError, KeyError, TypeError):
            continue
        text_line = raw_lines[line] if line < len(raw_lines) else ""
        if text_line[col:].lstrip()[:1] in ("|", ">"):
            following = raw_lines[line + 1] if line + 1 < len(raw_lines) else ""
            out[str(question)] = (line + 2, len(following) - len(following.lstrip()) + 1, True)
        else:
            quoted = text_line[col : col + 1] in ("'", '"')
            out[str(question)] = (line + 1, col + 1 + int(quoted), False)
    return out


def _locator(question: str, text: str, where: tuple[int, int, bool] | None):
    """Offsets in one response as locations in the file. The response's line starts are
    indexed once, so each finding costs a binary search, not a count from the start (which
    made a long answer's check quadratic in its length)."""
    starts: list[int] = []

    def locate(offset: int) -> Location:
        extra = {"question": question, "offset": offset}
        if where is None:
            return Location(None, None, extra)
        if not starts:
            starts.extend([0, *(m.end() for m in re.finditer("\n", text))])
        line, column, block = where
        newlines = bisect.bisect_right(starts, offset) - 1
        if block and newlines:
            return Location(line + newlines, column + offset - starts[newlines], extra)
        return Location(line + (newlines if block else 0), column + offset, extra)

    return locate
