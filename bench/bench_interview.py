"""Speed of `drafter draft` (issue 4), reported as ratios against a reference in this process.

1. Enter to the next prompt, including the precision check and the atomic save of a 300-word
   answer (target <= 100 ms). Measured two ways: the work between the prompts on its own, and
   a whole interview driven through the real prompts (pipe input), per prompt.
   Reference: writing the same answer to a file atomically, with nothing else.
2. `drafter draft` start to its first prompt, in a pseudo-terminal (target <= 0.5 s).
   Reference: the Python interpreter starting and printing one line in the same terminal.
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

SENTENCE = (
    "Commissioners should recognise worker co-operatives, social enterprises and mutual "
    "insurers as distinct models with an asset lock where the rules require one and members "
    "who own and control the business democratically "
)
WORDS = SENTENCE.split()


PLAIN_SENTENCE = "People who use care know what works for them and services should listen to them"
PLAIN = PLAIN_SENTENCE.split()


def answer_text(words: int = 300, vocabulary: list[str] = WORDS) -> str:
    """A 300-word answer in five paragraphs; by default full of library terms to check."""
    out = [vocabulary[i % len(vocabulary)] for i in range(words)]
    return "\n\n".join(" ".join(out[i : i + 60]) for i in range(0, words, 60))


def best(fn, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def between_prompts() -> None:
    import questionary

    from drafter.answers import Answer
    from drafter.consultation import load_consultation
    from drafter.fsutil import atomic_write_text
    from drafter.interview.session import Session
    from drafter.library import load_library
    from drafter.precision import check_text, concepts_used
    from drafter.textclean import clean_text

    consultation = load_consultation(ROOT / "consultations" / "sample-social-care.yaml")
    library = load_library()
    text = answer_text()
    with tempfile.TemporaryDirectory() as tmp:
        session = Session.open(consultation, Path(tmp) / "answers.yaml")
        for q in consultation.questions:  # a file with every question answered at length
            session.answers.answers[q.number] = Answer(response=text)

        def step() -> None:
            cleaned, _ = clean_text(text)
            check_text(cleaned, library)
            concepts_used(cleaned, library)
            session.record("2", Answer(response=cleaned, key_point="A key point"))
            questionary.select("Your answer", choices=["Agree", "Disagree"])  # the next prompt

        def reference() -> None:
            atomic_write_text(Path(tmp) / "plain.txt", text, force=True)

        ms, ref = best(step) * 1000, best(reference) * 1000
    print(
        f"between prompts, 300-word answer: {ms:.1f} ms  (target <= 100 ms; "
        f"{ms / 100:.2f} x target; {ms / ref:.1f} x a bare atomic write of {ref:.1f} ms)"
    )


def whole_interview() -> None:
    """A second run over a file of 300-word answers, pressing Enter at every prompt: each
    Enter runs the precision check and the save, then shows the next prompt. The answers use
    no library terms, so no findings or glossary prompts come between (the check still runs)."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from drafter.answers import Answer
    from drafter.consultation import load_consultation
    from drafter.interview.flow import Options, run_interview
    from drafter.interview.session import Session
    from drafter.model import replace

    consultation = load_consultation(ROOT / "consultations" / "sample-social-care.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_CACHE_HOME"] = tmp
        path = Path(tmp) / "a.yaml"
        session = Session.open(consultation, path)
        for q in consultation.questions:
            stance = q.stances[0] if q.stances else None
            response = answer_text(vocabulary=PLAIN) if q.takes_text else ""
            session.answers.answers[q.number] = Answer(stance=stance, response=response)
        session.save()
        keys, prompts = "\r" * 7, 7  # the respondent: Enter keeps each default
        for q in consultation.questions:
            if q.stances:
                keys, prompts = keys + "\r", prompts + 1
            if q.takes_text:  # past the library's offers, then the response as it stands
                keys, prompts = keys + "\r\x1b\r", prompts + 2
            keys, prompts = keys + "\r", prompts + 1
        keys, prompts = keys + "\x1b[B\r", prompts + 1  # review: save and stop
        who = {"name": "A", "organisation": "B"}
        session.answers.respondent = replace(session.answers.respondent, **who)
        session.save()
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            pipe.close()
            start = time.perf_counter()
            with create_app_session(input=pipe, output=DummyOutput()):
                code = run_interview(Options("sample-social-care", path))
            elapsed = time.perf_counter() - start
    assert code == 0, code
    per = elapsed / prompts * 1000
    print(
        f"whole interview, Enter at each of {prompts} prompts over 300-word answers: "
        f"{per:.1f} ms per Enter, start-up included (target <= 100 ms; {per / 100:.2f} x target)"
    )


def start_to_first_prompt() -> None:
    import pexpect

    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color"}

    def timed(args: list[str], text: str, cwd: str) -> float:
        start = time.perf_counter()
        child = pexpect.spawn(
            sys.executable,
            args,
            cwd=cwd,
            env=env,
            dimensions=(40, 110),
            encoding="utf-8",
            timeout=30,
        )
        child.expect_exact(text)
        elapsed = time.perf_counter() - start
        child.terminate(force=True)
        return elapsed

    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = env["XDG_CACHE_HOME"] = tmp
        draft = [
            "-m",
            "drafter",
            "draft",
            "--consultation",
            "sample-social-care",
            "--answers",
            str(Path(tmp) / "a.yaml"),
        ]
        first = statistics.median(
            timed(draft, "responding for an organisation", str(ROOT)) for _ in range(5)
        )
        ref = statistics.median(
            timed(["-c", "print('ready')"], "ready", str(ROOT)) for _ in range(5)
        )
    print(
        f"drafter draft start to first prompt: {first * 1000:.0f} ms  (target <= 500 ms; "
        f"{first / 0.5:.2f} x target; {first / ref:.1f} x a bare interpreter start of "
        f"{ref * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    between_prompts()
    whole_interview()
    start_to_first_prompt()
