#!/usr/bin/env python3
"""Benchmark: `drafter render` to .docx against pandoc converting drafter's own .md to .docx.

Generates a 40-question consultation and answers of about 6,800 words in a temporary folder,
renders the Markdown once, then times whole processes in alternating pairs (drafter first on
even pairs, pandoc first on odd ones) and prints both medians, their ratio and each one's peak
memory (os.wait4 gives the rusage of exactly that child). Target ratio <= 1.5; goal <= 1.0.
A third series renders just after the answers file changed, so the answers miss drafter's
validated-data cache, as the first render after an edit does.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAIRS = int(os.environ.get("BENCH_PAIRS", "12"))
QUESTIONS = 40
WORDS_PER_ANSWER = 170  # 40 x 170 = 6,800 words

SENTENCES = [
    "A worker co-operative is owned and democratically controlled by the people who work in it.",
    "Commissioners should ask how a provider is owned and governed, not rely on a label.",
    "A social enterprise reinvests most of its profits in its social purpose.",
    "Co-production means people who use services design and deliver them as equal partners.",
    "The third sector is wider than charities and includes co-operatives and mutuals.",
    "Smaller providers struggle with contract size, tender costs and payment terms.",
    "An asset lock protects assets built up with public money for their purpose.",
    "People who use care and support know what works for them and their families.",
]
KINDS = ["agree-scale", "free-text", "yes-no", "free-text", "choice"]


def generate(folder: Path) -> Path:
    from drafter.answers import Answer, AnswersFile, Respondent, save_answers
    from drafter.consultation import load_consultation

    lines = [
        "schema: 1",
        "id: bench-consultation",
        'title: "Benchmark consultation on commissioning care"',
        'consulting_body: "Benchmark body (illustrative)"',
        'reference: "BENCH-1"',
        "source: {illustrative: true, note: Generated for the benchmark.}",
        "questions:",
    ]
    for i in range(1, QUESTIONS + 1):
        kind = KINDS[i % len(KINDS)]
        lines.append(f'  - number: "{i}"')
        lines.append(f"    section: Section {1 + (i - 1) // 8}")
        lines.append(f'    text: "Question {i}: how should co-operatives and social enterprises '
                     'be supported in commissioning care?"')  # fmt: skip
        lines.append(f"    kind: {kind}")
        if kind == "choice":
            lines.append("    options: [First option, Second option, Third option]")
    path = folder / "consultation.yaml"
    path.write_text("\n".join(lines) + "\n")
    consultation = load_consultation(path)
    answers = AnswersFile(
        consultation=consultation.id,
        consultation_file="consultation.yaml",
        respondent=Respondent(name="Bench Person", organisation="Bench Co-operative (fictional)"),
    )
    answers.stamp(consultation)
    for q in consultation.questions:
        words: list[str] = []
        paragraphs: list[str] = []
        k = int(q.number)
        while len(words) < WORDS_PER_ANSWER:
            sentence = SENTENCES[(k + len(words)) % len(SENTENCES)]
            words += sentence.split()
            paragraphs.append(sentence)
        text = " ".join(paragraphs[:3]) + "\n\n" + " ".join(paragraphs[3:])
        if k % 4 == 0:
            text += "\n\n- contract size\n- tender costs\n- payment terms"
        stance = q.stances[k % len(q.stances)] if q.stances else None
        answers.answers[q.number] = Answer(stance=stance, response=text, key_point=f"Point {k}.")
    out = folder / "answers.yaml"
    save_answers(answers, out)
    return out


# An installed drafter has compiled .pyc files (pip writes them); a checkout gets them on the
# warm-up run unless the environment forbids it, which would time Python's compiler instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def drafter_command() -> list[str]:
    """The `drafter` command as a user runs it: the installed script beside this Python
    (pip and pipx make one), else `python -m drafter`, which also pays for runpy."""
    script = Path(sys.executable).with_name("drafter")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "drafter"]


class Run(NamedTuple):
    """One child process: wall time, peak resident memory (KiB), and CPU time (user + system),
    which moves far less than wall time when other work shares the cores."""

    wall: float
    peak: int
    cpu: float


def timed(cmd: list[str]) -> Run:
    """Run one child process and measure it (os.wait4 gives the rusage of exactly that child)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}: {child.stderr.read().decode()}")
    child.stderr.close()
    return Run(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def main() -> int:
    if not shutil.which("pandoc"):
        print("pandoc not installed; skipping")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers = generate(folder)
        md = folder / "response.md"
        drafter = [*drafter_command(), "render", str(answers)]
        subprocess.run([*drafter, "--format", "md", "-o", str(md)], check=True,
                       capture_output=True)  # fmt: skip
        print(f"document: {QUESTIONS} questions, {len(md.read_text().split())} words of Markdown")
        ours_cmd = [*drafter, "-o", str(folder / "drafter.docx"), "--force"]
        pandoc_cmd = ["pandoc", str(md), "-o", str(folder / "pandoc.docx")]
        timed(ours_cmd), timed(pandoc_cmd)  # warm the file cache
        ours, theirs, edited = [], [], []
        peaks = {"ours": 0, "theirs": 0}
        for i in range(PAIRS):
            order = [(ours_cmd, ours, "ours"), (pandoc_cmd, theirs, "theirs")]
            for cmd, bucket, who in order if i % 2 == 0 else order[::-1]:
                seconds, peak, _ = timed(cmd)
                bucket.append(seconds)
                peaks[who] = max(peaks[who], peak)
            # as after editing the answers: a new mtime, so the answers are not served from
            # drafter's validated-data cache (the consultation and library still are)
            os.utime(answers)
            edited.append(timed(ours_cmd).wall)
        a, b, e = (statistics.median(x) for x in (ours, theirs, edited))
        mine, pandoc = (round(peaks[who] / 1024) for who in ("ours", "theirs"))
        print(f"pairs: {PAIRS} (alternating)")
        print(f"drafter render -> .docx: median {a * 1000:.0f} ms, peak {mine} MiB")
        print(f"pandoc .md -> .docx:     median {b * 1000:.0f} ms, peak {pandoc} MiB")
        print(f"ratio drafter/pandoc: {a / b:.2f} (target <= 1.5, goal <= 1.0)")
        print(f"just after editing the answers: median {e * 1000:.0f} ms, ratio {e / b:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
