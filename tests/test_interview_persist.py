"""The interview never loses what was given: each prompt's answer is on disk before the next
prompt; one interview per answers file; a file changed by someone else is never written over."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from drafter.answers import Answer, Respondent, load_answers
from drafter.consultation import load_consultation
from drafter.errors import InputError
from drafter.interview.lock import AnswersLock
from drafter.interview.session import AnswersChanged, Session
from tests.conftest import SAMPLE_CONSULTATION, spawn_drafter

pexpect = pytest.importorskip("pexpect")

ENTER = "\r"
FINISH = "\x1b\r"


def _spawn(tmp_path: Path):
    return spawn_drafter(
        "draft", "--consultation", "sample-social-care", "--answers", "a.yaml", cwd=tmp_path
    )


# the prompts of the respondent block and of question 1, in order: (text on screen, keys typed,
# what the answers file must hold once the prompt is answered)
STEPS = [
    (
        "responding for an organisation",
        ENTER,
        lambda a: a.respondent.responding_as == "organisation",
    ),
    ("Your name", "Ann Example" + ENTER, lambda a: a.respondent.name == "Ann Example"),
    ("Organisation", "Cwm Care" + ENTER, lambda a: a.respondent.organisation == "Cwm Care"),
    ("Your role", "Director" + ENTER, lambda a: a.respondent.role == "Director"),
    ("Email", "ann@example.org" + ENTER, lambda a: a.respondent.email == "ann@example.org"),
    ("Postal address", "1 Stryd Fawr" + ENTER, lambda a: a.respondent.address == "1 Stryd Fawr"),
    ("publish your response", ENTER, lambda a: not a.respondent.draft),
    ("Your answer", ENTER, lambda a: a.answers["1"].stance == "Strongly agree"),
    ("Quote or adapt a vetted text?", ENTER, lambda a: a.answers["1"].stance == "Strongly agree"),
    (
        "Your response",
        "Weigh social value." + FINISH,
        lambda a: a.answers["1"].response == "Weigh social value." and a.answers["1"].draft,
    ),
    ("Key point", "Value" + ENTER, lambda a: a.answers["1"].key_point == "Value"),
]


def test_kill_9_at_any_prompt_keeps_every_answer_given_before_it(tmp_path):
    """At each prompt the process is frozen (SIGSTOP) and the answers file read: what a kill
    there would leave, since a stopped process writes nothing more; then it is killed for real
    at the last prompt. One interview instead of one per prompt."""
    child = _spawn(tmp_path)
    child.expect_exact(STEPS[0][0])
    for stop_at in range(1, len(STEPS)):
        child.send(STEPS[stop_at - 1][1])
        child.expect_exact(STEPS[stop_at][0])  # the next prompt is showing: stop it there
        last = stop_at == len(STEPS) - 1
        child.kill(signal.SIGKILL if last else signal.SIGSTOP)
        if last:
            child.expect(pexpect.EOF)
        saved = load_answers(tmp_path / "a.yaml")
        for given, _, holds in STEPS[:stop_at]:
            assert holds(saved), f"lost the answer to {given!r} when stopped at the next prompt"
        if not last:
            child.kill(signal.SIGCONT)


def test_a_second_interview_on_the_same_file_is_refused_and_names_the_first(tmp_path):
    first = AnswersLock.acquire(tmp_path / "a.yaml")
    try:
        with pytest.raises(InputError) as info:
            AnswersLock.acquire(tmp_path / "a.yaml")
        message = str(info.value)
        assert "is open in another interview" in message
        assert f"process {os.getpid()} on " in message
        AnswersLock.acquire(tmp_path / "b.yaml").release()  # another file is free
    finally:
        first.release()
    AnswersLock.acquire(tmp_path / "a.yaml").release()  # free again once released


def test_the_second_interview_process_exits_2_with_one_line(tmp_path):
    child = _spawn(tmp_path)
    child.expect_exact("responding for an organisation")
    second = _spawn(tmp_path)
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 2
    assert "is open in another interview (process" in second.before
    child.kill(signal.SIGKILL)


def test_a_file_changed_by_someone_else_is_kept_and_ours_saved_beside_it(tmp_path):
    consultation = load_consultation(SAMPLE_CONSULTATION)
    path = tmp_path / "a.yaml"
    session = Session.open(consultation, path)
    session.record("1", Answer(stance="Agree", response="Ours."))
    theirs = path.read_text(encoding="utf-8").replace("Ours.", "Theirs.")
    path.write_text(theirs, encoding="utf-8")  # another program, or another editor
    with pytest.raises(AnswersChanged) as info:
        session.record("2", Answer(response="More of ours."))
    assert path.read_text(encoding="utf-8") == theirs
    aside = tmp_path / "a-2.yaml"
    assert f"saved to {aside}" in str(info.value)
    assert load_answers(aside).answers["2"].response == "More of ours."


def test_a_draft_question_is_asked_again_on_resume_with_what_was_given(tmp_path):
    consultation = load_consultation(SAMPLE_CONSULTATION)
    path = tmp_path / "a.yaml"
    Session.open(consultation, path).record(
        "1", Answer(stance="Agree", response="Half", draft=True)
    )
    session = Session.open(consultation, path)
    assert not session.is_answered("1")
    assert session.queue(resume=True)[0] == "1"
    assert session.default_answer("1").response == "Half"
    assert [r.status for r in session.rows()][0] == "not finished"


def test_render_refuses_a_respondent_block_that_was_not_finished(tmp_path):
    from drafter.render import load_inputs

    consultation = load_consultation(SAMPLE_CONSULTATION)
    path = tmp_path / "a.yaml"
    session = Session.open(consultation, path)
    session.answers.respondent = Respondent(name="Ann", draft=True)
    session.save()
    with pytest.raises(InputError) as info:
        load_inputs(path)
    assert "respondent's details were not finished" in str(info.value)
    assert "--resume" in str(info.value)
