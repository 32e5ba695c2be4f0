"""Speed of answering from the library (issue 11), as figures and ratios against a reference.

1. Ranking a question against a 2,000-entry library, after the library is loaded and indexed
   (target <= 30 ms per question). Reference: loading that library.
2. Enter to the next prompt when the answer quotes a vetted text: save the answer with its
   pinned copy, rank the next question, build its offers list (target <= 100 ms).
   Reference: writing the same answers file atomically, with nothing else.
3. `drafter check` over 100 answers files that quote library texts, whole process
   (target <= 2 s). Reference: a process that loads the same 100 files and the library.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_interview import best  # noqa: E402  (the median of repeated runs)

TOPIC_TEXT = (
    "social value procurement commissioning care support housing co-operative mutual worker "
    "ownership community benefit society asset lock members democratic governance tender lots "
    "payment terms small providers third sector volunteering prevention wellbeing duty local "
    "authority section reporting partnership co-production design delivery evaluation funding "
    "grants loans investment training skills employment fair work wages rural transport energy"
)
TOPICS = TOPIC_TEXT.split()


def position_yaml(i: int) -> str:
    words = [TOPICS[(i * 7 + k * 3) % len(TOPICS)] for k in range(90)]
    text = " ".join(words).capitalize() + "."
    topics = ", ".join(TOPICS[(i + k) % len(TOPICS)] for k in range(4))
    return (
        f"id: position-{i:04d}\nkind: position\nversion: 1\nstatus: vetted\n"
        "approved_by: Bench committee\napproved_on: 2026-11-20\nreview_by: 2027-11-20\n"
        f"title: Position {i} on {TOPICS[i % len(TOPICS)]}\ntopics: [{topics}]\n"
        f"text: {text}\n"
    )


def main() -> None:
    from drafter.answers import Answer, Part, Pin, load_answers, reference, save_answers
    from drafter.consultation import load_consultation
    from drafter.fsutil import atomic_write_text
    from drafter.interview.session import Session
    from drafter.library import load_library, resolve_library_dirs
    from drafter.reuse.rank import Ranking

    consultation = load_consultation(ROOT / "consultations" / "sample-social-care.yaml")
    questions = [" ".join(filter(None, (q.text, q.guidance))) for q in consultation.questions]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        for i in range(2000):
            (folder / f"position-{i:04d}.yaml").write_text(position_yaml(i))
        dirs = [*resolve_library_dirs(), folder]
        load_library(dirs)  # warm the parsed-entry cache, as a second run has it
        load_ms = best(lambda: load_library(dirs), 3) * 1000
        library = load_library(dirs)
        start = time.perf_counter()
        ranking = Ranking(library)
        index_ms = (time.perf_counter() - start) * 1000
        per_question = best(lambda: [ranking.offers(q) for q in questions]) / len(questions)
        print(
            f"ranking: {len(ranking)} entries; {per_question * 1000:.2f} ms per question "
            f"(target <= 30 ms); index built once in {index_ms:.0f} ms; "
            f"loading the library {load_ms:.0f} ms (ratio {per_question * 1000 / load_ms:.3f})"
        )

        # 2. Enter -> next prompt, with a quoted text in the answer
        import questionary

        from drafter.interview.prompts import Choice

        offer = ranking.offers(questions[0])[0]
        session = Session.open(consultation, Path(tmp) / "answers.yaml")
        for q in consultation.questions:
            session.answers.answers[q.number] = Answer(response="Typed text. " * 40)

        def step() -> None:
            answer = Answer(stance="Agree")
            pin = Pin(position=offer.id, version=offer.version)
            answer.set_parts([reference(pin, offer.text), Part(text="Our own words.")])
            session.record("1", answer)
            offers = ranking.offers(questions[1])
            questionary.select("Quote?", choices=[Choice(o.title, value=o.id) for o in offers])

        def plain_write() -> None:
            atomic_write_text(Path(tmp) / "plain.yaml", "x" * 8000, force=True)

        ms, ref = best(step) * 1000, best(plain_write) * 1000
        print(
            f"enter -> next prompt with a quoted text: {ms:.1f} ms (target <= 100 ms); "
            f"an atomic write alone {ref:.1f} ms (ratio {ms / ref:.1f})"
        )

        # 3. drafter check over 100 answers files
        answers_dir = Path(tmp) / "answers"
        answers_dir.mkdir()
        base = load_answers(ROOT / "examples" / "answers-example.yaml")
        for n in range(100):
            entry = library.positions[f"position-{n * 17:04d}"]
            answer = Answer(stance="Agree")
            pin = Pin(position=entry.id, version=1)
            answer.set_parts([reference(pin, entry.text), Part(text="Ours.")])
            base.answers["1"] = answer
            save_answers(base, answers_dir / f"a{n:03d}.yaml")
        files = sorted(str(p) for p in answers_dir.glob("*.yaml"))
        run = [sys.executable, "-m", "drafter", "check", *files, "--library", str(folder)]
        plain = [
            sys.executable, "-c",
            "import sys; from drafter.answers import load_answers; "
            "from drafter.library import load_library, resolve_library_dirs; "
            f"load_library([*resolve_library_dirs(), {str(folder)!r}]); "
            "[load_answers(p) for p in sys.argv[1:]]",
            *files,
        ]  # fmt: skip

        def check() -> None:
            result = subprocess.run(run, cwd=ROOT, capture_output=True)
            assert result.returncode == 0, result.stderr

        def load_only() -> None:
            subprocess.run(plain, cwd=ROOT, check=True)

        check_s, load_s = best(check, 3), best(load_only, 3)
        print(
            f"drafter check over 100 answers files: {check_s:.2f} s (target <= 2 s); "
            f"loading the same files and library {load_s:.2f} s (ratio {check_s / load_s:.2f})"
        )


if __name__ == "__main__":
    main()
