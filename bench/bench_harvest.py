#!/usr/bin/env python3
"""Benchmark: `drafter snippets harvest` of a 40-question response, whole process.

Generates the 40-question, ~6,800-word answers of bench_render.py, renders them to .docx,
then times whole processes (median of BENCH_RUNS, the order alternating):

- harvest of the answers file, and of the .docx, each into a new, empty library folder (so
  every answer is proposed and written: the most work a harvest does);
- a plain load of the same file in a fresh Python: `load_answers` for the answers file,
  python-docx opening the .docx and reading its paragraphs (drafter's block walker).

Reported as harvest time and harvest / plain load. Target: harvest <= 1 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_render import drafter_command, generate, timed  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGET = 1.0

PLAIN = {
    "answers": "from drafter.answers import load_answers; load_answers({path!r})",
    "docx": (
        "from drafter.ooxml.package import open_docx; from drafter.ooxml.blocks import "
        "read_blocks; read_blocks(open_docx({path!r}))"
    ),
}


def measure(name: str, source: Path, folder: Path) -> bool:
    runs: dict[str, list[float]] = {"harvest": [], "plain": []}
    plain = [sys.executable, "-c", PLAIN[name].format(path=str(source))]
    for i in range(RUNS + 1):
        target = folder / f"{name}-library-{i}"
        harvest = [*drafter_command(), "snippets", "harvest", str(source), "--library", str(target)]
        pair = [("harvest", harvest), ("plain", plain)]
        for who, cmd in pair if i % 2 else reversed(pair):
            elapsed = timed(cmd)[0]
            if i:  # the first pair warms the file cache, bytecode and the library cache
                runs[who].append(elapsed)
    proposed = len(list((folder / f"{name}-library-0" / "positions").glob("*.yaml")))
    ours, base = statistics.median(runs["harvest"]), statistics.median(runs["plain"])
    met = ours <= TARGET
    print(
        f"{name}: harvest {ours * 1000:.0f} ms ({proposed} drafts), plain load "
        f"{base * 1000:.0f} ms, ratio {ours / base:.2f}; <= {TARGET:.0f} s: "
        f"{'met' if met else 'NOT met'}"
    )
    return met


def distinct(answers: Path) -> None:
    """bench_render's answers repeat every eighth question; a harvest would propose each
    text once. A sentence of its own per answer makes all 40 distinct."""
    from drafter.answers import load_answers, save_answers

    data = load_answers(answers)
    for number, answer in data.answers.items():
        answer.response += f"\n\nThis is what we said in answer to question {number}."
    save_answers(data, answers)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers = generate(folder)
        distinct(answers)
        docx = folder / "response.docx"
        subprocess.run([*drafter_command(), "render", str(answers), "-o", str(docx)],
                       check=True, capture_output=True)  # fmt: skip
        results = [measure("answers", answers, folder), measure("docx", docx, folder)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
