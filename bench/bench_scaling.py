"""Scaling of the two paths that were quadratic: `drafter lint ANSWERS.yaml` on a long answer
(each finding's line found from an index, not by counting from the start) and suppression
markers (findings matched to markers by position). Each size is 4x the last; a linear path
shows a ratio near 4, a quadratic one near 16. Runs in process; figures go to stdout.
`--quick` uses smaller sizes.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from drafter.cli import main  # noqa: E402

SENTENCE = "Our co-operative works with a mutual and a social enterprise on co-production. "


def _lint_seconds(path: Path) -> float:
    start = time.perf_counter()
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
        contextlib.suppress(SystemExit),
    ):
        main(["lint", str(path)])
    return time.perf_counter() - start


def _answers(folder: Path, size: int) -> Path:
    paragraphs = (SENTENCE * 8 + "\n\n") * max(1, size // (len(SENTENCE) * 8 + 2))
    body = "".join("      " + line + "\n" for line in paragraphs.splitlines())
    path = folder / f"answers-{size}.yaml"
    head = "schema: 1\nconsultation: sample-social-care\nanswers:\n  '1':\n    response: |\n"
    path.write_text(head + body, encoding="utf-8")
    return path


def _markers(folder: Path, count: int) -> Path:
    paragraph = SENTENCE * 2 + "[drafter: ignore all]\n\n"
    path = folder / f"markers-{count}.txt"
    path.write_text(paragraph * count, encoding="utf-8")
    return path


def _report(name: str, sizes: list[int], make, folder: Path) -> None:
    times = [_lint_seconds(make(folder, n)) for n in sizes]
    for n, t in zip(sizes, times, strict=True):
        print(f"{name} {n:>9,}: {t:7.2f} s")
    ratio = times[-1] / times[-2] if times[-2] else float("inf")
    print(f"{name} ratio at 4x the size: {ratio:.1f} (linear ~4, quadratic ~16)")


def run(quick: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = [64_000, 256_000] if quick else [256_000, 1_000_000, 4_000_000]
        _report("lint answers bytes", big, _answers, folder)
        _report("suppression markers", [125, 500] if quick else [500, 2_000], _markers, folder)


if __name__ == "__main__":
    run("--quick" in sys.argv)
