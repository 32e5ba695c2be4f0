"""`drafter draft` as a person runs it: a real pseudo-terminal (pexpect), keys typed, screen read.

Each step waits for text on the screen before typing, never for a fixed time. Ctrl-C is sent
only once a prompt itself shows (a choice or its question), not a heading printed before it:
typed between two prompts it is a signal, not a key.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from drafter.answers import load_answers
from drafter.consultation import load_consultation
from tests.conftest import ROOT, SAMPLE_CONSULTATION, spawn_drafter

pexpect = pytest.importorskip("pexpect")

ENTER = "\r"
DOWN = "\x1b[B"
FINISH = "\x1b\r"
CTRL_C = "\x03"

# exactly what the respondent types (stance, response, key point) for each sample question
TYPED = {
    "1": ("Agree", "Social value should count for more.\n\nIt keeps money local.", "Social value"),
    "2": (None, "Contract size and payment terms shut out small providers.", ""),
    "3": ("Yes", "The duty is weak today.", ""),
    "3a": ("Guidance on asset locks and legal forms", "Members ask us about legal forms.", ""),
    "4": (None, "By their governing documents and any asset lock.", "Check governance"),
    "5": ("Strongly agree", "People know what works for them.", ""),
    "6": (None, "They should plan services with commissioners from the start.", ""),
    "7": ("Don't know", "It depends on the area.", ""),
    "8": ("Disagree", "An asset lock does not fit every provider.", ""),
    "9": (None, "A day service redesigned with the people who use it.", ""),
    "10": ("Designing the service", "", "Design services together"),
    "11": (None, "Thank you for asking.", ""),
}


class Terminal:
    """A `drafter draft` process in a pseudo-terminal of a fixed size."""

    def __init__(self, *args: str, cwd: Path, editor: str = "true"):
        env = {"COLUMNS": "110", "LINES": "40", "EDITOR": editor, "VISUAL": None}
        self.child = spawn_drafter("draft", *args, cwd=cwd, env=env)
        if os.environ.get("DRAFT_E2E_LOG"):
            self.child.logfile_read = open(os.environ["DRAFT_E2E_LOG"], "a")  # noqa: SIM115

    def wait(self, text: str) -> None:
        self.child.expect_exact(text)

    def wait_after_glossary(self, text: str) -> None:
        """Wait for `text`, ticking through any glossary list shown before it (the bundled
        library decides which answers mention library terms)."""
        while self.child.expect_exact(["Terms to define", text]) == 0:
            self.wait("Look up another term")
            self.send(ENTER)
            self.wait("done")  # the list, redrawn with its answer ("done" or "done (2 selections)")

    def keep_findings_until(self, text: str) -> None:
        """Keep each precision finding as written (the last choice: Up wraps round to it)."""
        while self.child.expect_exact(["Precision check", text]) == 0:
            self.wait("What would you like to do?")
            self.send("\x1b[A" + ENTER)

    def past_library_offers(self) -> None:
        """Go on to the response without quoting a library text (the list's first choice)."""
        self.wait("Quote or adapt a vetted text?")
        self.send(ENTER)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def exit_code(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus

    def respondent(self) -> None:
        self.wait("responding for an organisation")
        self.send(ENTER)
        self.wait("Your name")
        self.send("Ann Example" + ENTER)
        self.wait("Organisation")
        self.send("Example Care Co-operative" + ENTER)
        self.wait("Your role")
        self.send(ENTER)
        self.wait("Email")
        self.send(ENTER)
        self.wait("Postal address")
        self.send("1 Example Street" + ENTER)
        self.wait("publish your response")
        self.send(ENTER)

    def answer(self, number: str, *, typed_already: str = "") -> None:
        question = load_consultation(SAMPLE_CONSULTATION).question(number)
        stance, text, key_point = TYPED[number]
        self.wait_after_glossary(f"Question {number} ")
        if question.stances:
            self.wait("Your answer")
            self.send(DOWN * question.stances.index(stance) + ENTER)
        if question.takes_text:
            self.past_library_offers()
            self.wait("Your response")
            self.send(text[len(typed_already) :].replace("\n", ENTER) + FINISH)
            self.keep_findings_until("Key point")
        else:
            self.wait("Key point")
        self.send(key_point + ENTER)


def test_full_session_to_a_docx_containing_exactly_what_was_typed(tmp_path):
    import docx

    term = Terminal(
        "--consultation", "sample-social-care", "--answers", "answers.yaml", cwd=tmp_path
    )
    term.wait("saved to answers.yaml after every answer")
    term.respondent()
    for number in TYPED:
        term.answer(number)
    term.wait_after_glossary("Make the Word response")
    term.send(ENTER)
    term.wait("Wrote response.docx")
    term.wait("Precision check:")
    assert term.exit_code() == 0

    document = docx.Document(tmp_path / "response.docx")
    paragraphs = [p.text for p in document.paragraphs]
    body = "\n".join(paragraphs)
    for stance, text, key_point in TYPED.values():
        for paragraph in text.split("\n\n"):  # a blank line typed = a new paragraph
            if paragraph:
                assert paragraph in paragraphs, paragraph
        if stance:
            assert stance in body
        if key_point:
            assert key_point in body
    assert "Example Care Co-operative" in body


def test_ctrl_c_halfway_then_resume(tmp_path):
    term = Terminal(
        "--consultation", "sample-social-care", "--answers", "answers.yaml", cwd=tmp_path
    )
    term.respondent()
    for number in ("1", "2", "3", "3a", "4"):
        term.answer(number)
    term.wait_after_glossary("Question 5 ")
    term.send(DOWN * 0 + ENTER)  # Strongly agree
    term.past_library_offers()
    term.wait("Your response")
    term.send("People know what")
    term.wait("People know what")
    term.send(CTRL_C)
    term.wait("To carry on where you stopped: ")
    term.wait("drafter draft --answers answers.yaml --resume")
    assert term.exit_code() == 130

    saved = load_answers(tmp_path / "answers.yaml")
    for number in ("1", "2", "3", "3a", "4"):
        stance, text, key_point = TYPED[number]
        assert (saved.answers[number].stance, saved.answers[number].response) == (stance, text)
    assert saved.answers["5"].stance == "Strongly agree"
    assert saved.answers["5"].response == "People know what"
    assert "6" not in saved.answers

    again = Terminal("--answers", "answers.yaml", "--resume", cwd=tmp_path)
    again.wait("Question 5 ")
    again.send(ENTER)  # the stance chosen before is the default
    again.past_library_offers()
    again.wait("People know what")
    again.send(" works for them." + FINISH)
    again.keep_findings_until("Key point")
    again.send(ENTER)
    for number in ("6", "7", "8", "9", "10", "11"):
        again.answer(number)
    again.wait_after_glossary("12 of 12 questions answered")
    again.send(DOWN + ENTER)  # Save and stop for now
    again.wait("Saved to answers.yaml")
    assert again.exit_code() == 0

    final = load_answers(tmp_path / "answers.yaml")
    for number, (stance, text, key_point) in TYPED.items():
        got = final.answers[number]
        assert (got.stance, got.response, got.key_point) == (stance, text, key_point), number


def _typing_in_question_2(tmp_path, text: str) -> Terminal:
    """An interview with question 1 answered and `text` half typed into question 2."""
    term = Terminal(
        "--consultation", "sample-social-care", "--answers", "answers.yaml", cwd=tmp_path
    )
    term.respondent()
    term.answer("1")
    term.wait_after_glossary("Question 2 ")
    term.past_library_offers()
    term.wait("Your response")
    term.send(text)
    term.wait(text)
    return term


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_like_ctrl_c(tmp_path, stop):
    term = _typing_in_question_2(tmp_path, "Contract size")
    term.child.kill(stop)
    term.wait("Your answers are saved to answers.yaml")
    assert term.exit_code() == 130
    saved = load_answers(tmp_path / "answers.yaml")
    assert saved.answers["1"].response == TYPED["1"][1]
    assert saved.answers["2"].response == "Contract size"


def test_kill_9_loses_at_most_the_answer_being_typed(tmp_path):
    term = _typing_in_question_2(tmp_path, "Lost when killed")
    term.child.kill(signal.SIGKILL)
    term.child.expect(pexpect.EOF)
    saved = load_answers(tmp_path / "answers.yaml")  # still a whole, valid file
    assert saved.answers["1"].response == TYPED["1"][1]
    assert "2" not in saved.answers
    assert saved.respondent.organisation == "Example Care Co-operative"
    # no temp file left behind (the hidden lock file stays: the lock itself died with the process)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".answers.yaml.lock", "answers.yaml"]


def test_without_a_terminal_points_to_render():
    from tests.conftest import run_drafter

    result = run_drafter("draft", "--consultation", "sample-social-care", input="")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "drafter render" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_text():
    from tests.conftest import run_drafter

    result = run_drafter("draft", "--help", cwd=ROOT)
    assert result.returncode == 0
    for option in ("--consultation", "--answers", "--resume", "--ask", "--output"):
        assert option in result.stdout
    assert "Esc then Enter finishes" in result.stdout


def test_a_missing_library_folder_stops_before_the_first_question(tmp_path):
    terminal = Terminal(
        "--consultation", "sample-social-care", "--library", "no-such-folder", cwd=tmp_path
    )
    terminal.wait("library folder not found")
    output = terminal.child.before
    assert terminal.exit_code() == 2
    assert "no-such-folder" in output
    assert "responding for an organisation" not in output
    assert not list(tmp_path.iterdir())  # no answers file started


def test_ctrl_e_opens_the_named_editor_and_takes_its_text_back(tmp_path):
    script = tmp_path / "append-edited"
    script.write_text('#!/bin/sh\nprintf "%s" " was edited" >> "$1"\n')
    script.chmod(0o755)
    term = Terminal(
        "--consultation",
        "sample-social-care",
        "--answers",
        "answers.yaml",
        cwd=tmp_path,
        editor=str(script),
    )
    term.respondent()
    term.answer("1")
    term.wait_after_glossary("Question 2 ")
    term.past_library_offers()
    term.wait("Ctrl-E opens append-edited")
    term.wait("Your response")
    term.send("Contract size")
    term.wait("Contract size")
    term.send("\x05")  # Ctrl-E
    term.wait("Contract size was edited")
    term.send(CTRL_C)
    assert term.exit_code() == 130
    assert load_answers(tmp_path / "answers.yaml").answers["2"].response == (
        "Contract size was edited"
    )


ANSWERED = """\
schema: 1
consultation: sample-social-care
respondent:
  name: Ann Example
  organisation: Example Care Co-operative
  address: 1 Example Street
  consent: publish-with-name
answers: {}
"""


def _asking_again(tmp_path, number: str, stance: str, text: str) -> Terminal:
    """`drafter draft --ask NUMBER` with `text` typed as the response, at the first finding."""
    (tmp_path / "answers.yaml").write_text(ANSWERED)
    term = Terminal("--answers", "answers.yaml", "--ask", number, cwd=tmp_path)
    term.wait("Your answer")
    stances = load_consultation(SAMPLE_CONSULTATION).question(number).stances
    term.send(DOWN * stances.index(stance) + ENTER)
    term.past_library_offers()
    term.wait("Your response")
    term.send(text + FINISH)
    return term


def test_a_suggestion_with_alternatives_is_fitted_as_one_word_in_the_same_form(tmp_path):
    said = "Our own services were co-produced through a satisfaction survey each spring."
    term = _asking_again(tmp_path, "5", "Strongly agree", said)
    term.wait("Use the suggestion: “consulted”")  # one alternative, the past form
    term.send(ENTER)
    term.wait("Now reads: Our own services were ⟦consulted⟧ through a satisfaction survey")
    term.keep_findings_until("Key point")
    term.send(ENTER)
    term.wait_after_glossary("Review")
    term.wait("Save and stop for now")  # the list itself: Ctrl-C reaches the prompt
    term.send(CTRL_C)
    term.exit_code()
    answer = load_answers(tmp_path / "answers.yaml").answers["5"]
    assert answer.response == (
        "Our own services were consulted through a satisfaction survey each spring."
    )


def test_a_finding_not_fixed_is_recorded_as_kept_and_shown_in_the_review(tmp_path):
    said = "Commissioners should treat every cooperative as a not-for-profit body."
    term = _asking_again(tmp_path, "8", "Disagree", said)
    term.wait("Use the suggestion: “co-operative”")
    term.send(ENTER)
    term.wait("Now reads: Commissioners should treat every ⟦co-operative⟧ as a not-for-profit")
    # checked again where it now stands: "member-owned" does not fit a noun, so it is advice
    term.wait("Precision check 2 of 2")
    term.wait("Suggestion: member-owned")
    term.wait("What would you like to do?")
    term.send("\x1b[A" + ENTER)  # keep it as written
    term.wait("Key point")
    term.send(ENTER)
    term.wait("Terms to define")  # co-operative, ticked
    term.send(ENTER)
    term.wait("answered, 1 kept")  # the review row for question 8
    term.send(CTRL_C)
    term.exit_code()
    answer = load_answers(tmp_path / "answers.yaml").answers["8"]
    assert answer.response == (
        "Commissioners should treat every co-operative as a not-for-profit body."
    )
    kept = [(k.rule, k.text) for k in answer.kept_findings]
    assert kept == [("misuse-context", "co-operative as a not-for-profit")]


def _scripted_until(tmp_path, prompts: int) -> Terminal:
    """A new interview with the first `prompts` of SCRIPT answered and the next one showing."""
    term = Terminal(
        "--consultation", "sample-social-care", "--answers", "answers.yaml", cwd=tmp_path
    )
    for wait, keys in SCRIPT[:prompts]:
        term.wait(wait)
        term.send(keys)
    term.wait(SCRIPT[prompts][0])
    return term


def test_sighup_at_your_role_keeps_name_and_organisation(tmp_path):
    term = _scripted_until(tmp_path, 3)  # at "Your role"
    term.child.kill(signal.SIGHUP)
    term.wait("Your answers are saved to answers.yaml")
    assert term.exit_code() == 130
    who = load_answers(tmp_path / "answers.yaml").respondent
    assert (who.name, who.organisation, who.draft) == ("Ann Example", "Example Care", True)


# each prompt of a short interview: the text to wait for, the keys to answer it with
SCRIPT = [
    ("responding for an organisation", ENTER),
    ("Your name", "Ann Example" + ENTER),
    ("Organisation", "Example Care" + ENTER),
    ("Your role", "Chair" + ENTER),
    ("Email", ENTER),
    ("Postal address", "1 Example Street" + ENTER),
    ("publish your response", ENTER),
    ("Your answer", ENTER),  # question 1: Strongly agree
    ("Quote or adapt a vetted text?", ENTER),  # no library text: own words
    ("Your response", "Social value should count." + FINISH),
    ("Key point", "Value" + ENTER),
]


def test_resume_after_kill_9_offers_the_typed_response_then_its_decisions(tmp_path):
    term = _scripted_until(tmp_path, 10)  # at "Key point"
    term.child.kill(signal.SIGKILL)
    term.child.expect(pexpect.EOF)
    assert load_answers(tmp_path / "answers.yaml").answers["1"].draft

    again = Terminal("--answers", "answers.yaml", "--resume", cwd=tmp_path)
    again.wait("Question 1 ")
    again.wait("Your answer")
    again.send(ENTER)  # the stance chosen before is the default
    again.past_library_offers()
    again.wait("Social value should count.")  # the response typed before the kill
    again.send(FINISH)
    again.keep_findings_until("Key point")
    again.send("Value" + ENTER)
    again.wait_after_glossary("Question 2 ")
    # the first prompt of question 2 itself (passages offered, or the response): Ctrl-C reaches it
    again.child.expect_exact(["Search the library", "Your response"])
    again.send(CTRL_C)
    assert again.exit_code() == 130
    saved = load_answers(tmp_path / "answers.yaml").answers["1"]
    assert (saved.response, saved.key_point, saved.draft) == (
        "Social value should count.",
        "Value",
        False,
    )


def test_a_complete_answers_file_goes_straight_to_the_review(tmp_path):
    import shutil

    shutil.copy(ROOT / "examples" / "answers-example.yaml", tmp_path / "answers.yaml")
    term = Terminal("--answers", "answers.yaml", "-o", "out.docx", cwd=tmp_path)
    term.wait("Every question is answered: on to the review")
    term.wait("Review · 12 of 12 questions answered")
    term.wait("Make the Word response")
    term.send(ENTER)
    term.wait("Wrote out.docx")
    assert term.exit_code() == 0
    assert (tmp_path / "out.docx").is_file()
