#!/usr/bin/env python3
"""Benchmark: importing a consultation form and filling it in, against python-docx alone.

Builds a 200-question response form (half the questions as paragraphs with tick-box lines,
half in two-column answer tables) and an answers file in a temporary folder. Then, in this one
process and alternating which goes first:

- import: `drafter.importer.scan` against the floor any .docx reader pays, python-docx opening
  the file and reading every paragraph's and every table cell's text;
- fill: `drafter.formfill.fill_form` against the floor any filler pays: loading the answers
  file (drafter.answers.load_answers), python-docx opening the form and reading every
  paragraph's and cell's text, and saving a copy.

Prints both medians and their ratio. Target ratio <= 3 for import, <= 2 for fill.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
QUESTIONS = 200


def build(folder: Path) -> tuple[Path, Path]:
    import docx

    d = docx.Document()
    d.add_paragraph("Benchmark response form (generated)", style="Title")
    d.add_paragraph("Reference: BENCH-2")
    table = None
    answers = ["schema: 1", "consultation: bench", "respondent: {name: Bench Person}", "answers:"]
    for i in range(1, QUESTIONS + 1):
        text = f"Question {i}: Do you agree that proposal {i} would help small providers?"
        if i % 2:
            d.add_paragraph(text)
            d.add_paragraph("☐ Strongly agree ☐ Agree ☐ Neither agree nor disagree ☐ Disagree")
            d.add_paragraph("Please explain your answer.").runs[0].italic = True
            table = None
            answers.append(f'  "{i}": {{stance: "Agree", response: "Answer {i}."}}')
        else:
            if table is None:
                table = d.add_table(rows=0, cols=2)
            row = table.add_row().cells
            row[0].text = text
            answers.append(f'  "{i}": {{response: "Answer {i}."}}')
    form = folder / "form.docx"
    d.save(form)
    answers_path = folder / "answers.yaml"
    answers_path.write_text("\n".join(answers) + "\n")
    return form, answers_path


def naive_read(form: Path) -> int:
    import docx

    d = docx.Document(str(form))
    words = sum(len(p.text.split()) for p in d.paragraphs)
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                words += len(cell.text.split())
    return words


def naive_copy(answers: Path, form: Path, out: Path) -> None:
    import docx

    from drafter.answers import load_answers

    load_answers(answers)
    document = docx.Document(str(form))
    sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            sum(len(cell.text) for cell in row.cells)
    document.save(str(out))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(name: str, ours, reference, target: float) -> None:
    mine, theirs = [], []
    for round_ in range(ROUNDS):
        if round_ % 2:
            theirs.append(timed(reference))
            mine.append(timed(ours))
        else:
            mine.append(timed(ours))
            theirs.append(timed(reference))
    a, b = statistics.median(mine), statistics.median(theirs)
    print(
        f"{name}: drafter {a * 1000:.0f} ms, reference {b * 1000:.0f} ms, "
        f"ratio {a / b:.2f} (target <= {target})"
    )


def main() -> int:
    from drafter.formfill import fill_form
    from drafter.importer import scan

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        form, answers = build(folder)
        found = scan(form)
        assert len(found.questions) == QUESTIONS, len(found.questions)
        print(f"form: {QUESTIONS} questions, {form.stat().st_size // 1024} KiB")
        compare("import", lambda: scan(form), lambda: naive_read(form), 3)
        out = folder / "filled.docx"
        copy = folder / "copy.docx"
        compare(
            "fill",
            lambda: fill_form(answers, form, out, force=True),
            lambda: naive_copy(answers, form, copy),
            2,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
