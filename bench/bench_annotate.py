#!/usr/bin/env python3
"""Benchmark: `drafter lint --annotate` must grow linearly with the document.

Writes .docx drafts of N and 10 N paragraphs (each paragraph has two findings, one of them on
a bold run, so runs are split), then times, in this process, reading the draft, checking it
and writing the annotated copy with every comment anchored. Prints each time and the ratio
of the large to the small; the target is a ratio of at most about 12 for 10x the paragraphs
(linear, with room for noise), and the script fails above 15. `--quick` uses N = 250.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TARGET = 12.0
FAIL_ABOVE = 15.0


def make_draft(path: Path, paragraphs: int) -> None:
    import docx

    document = docx.Document()
    for i in range(paragraphs):
        p = document.add_paragraph(f"Paragraph {i}: we think ")
        p.add_run("John Lewis is a co-operative").bold = True
        p.add_run(" and that cooperatives should be heard in every county.")
    document.save(path)


def annotate_once(path: Path, out: Path) -> tuple[float, int]:
    from drafter.commands.lint import _check
    from drafter.library import load_library
    from drafter.readers.docx_annotate import annotate

    library = load_library()
    start = time.perf_counter()
    document, result = _check(path, library)
    count = annotate(document, [record.finding for record in result.records], out, force=True)
    return time.perf_counter() - start, count


def main(argv: list[str]) -> int:
    small = 250 if "--quick" in argv else 1000
    with tempfile.TemporaryDirectory(prefix="bench-annotate-") as tmp:
        folder = Path(tmp)
        times = {}
        for n in (small, small * 10):
            draft = folder / f"draft-{n}.docx"
            make_draft(draft, n)
            annotate_once(draft, folder / "warm.docx")  # imports and caches out of the timing
            seconds, count = annotate_once(draft, folder / f"annotated-{n}.docx")
            times[n] = seconds
            print(f"{n:>6} paragraphs: {seconds:6.2f} s, {count} comments")
    ratio = times[small * 10] / times[small]
    verdict = "ok" if ratio <= TARGET else ("slow" if ratio <= FAIL_ABOVE else "NOT LINEAR")
    print(f"10x the paragraphs costs {ratio:.1f}x the time (target <= {TARGET:.0f}): {verdict}")
    return 0 if ratio <= FAIL_ABOVE else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
