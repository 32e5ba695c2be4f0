"""The interview driven through its real questionary prompts, with keys sent down a pipe.

prompt_toolkit reads the keys from a pipe instead of a terminal (create_pipe_input) and draws
to nowhere (DummyOutput). If a test runs out of keys the interview sees the input close, saves
and stops with 130, so a wrong key sequence fails the test instead of hanging it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from drafter.answers import Answer, AnswersFile, load_answers, save_answers
from drafter.consultation import load_consultation
from drafter.errors import InputError
from drafter.interview.flow import Options, run_interview
from drafter.library import Library
from drafter.library.schema import Concept, Designation
from drafter.model import replace
from drafter.precision import Finding
from tests.conftest import SAMPLE_CONSULTATION

ENTER = "\r"
DOWN = "\x1b[B"
FINISH = "\x1b\r"  # Esc then Enter ends a multi-line response
CTRL_C = "\x03"
SPACE = " "
SAVE_AND_STOP = DOWN + ENTER  # on the review, the choice below "Make the Word response"

# a new user: for an organisation, name, organisation, no role, no email, an address,
# publish with name
NEW_RESPONDENT = (
    ENTER
    + "Ann Example\r"
    + "Example Care Co-operative\r"
    + ENTER
    + ENTER
    + "1 Example Street\r"
    + ENTER
)


@pytest.fixture(autouse=True)
def _saves_without_fsync(no_fsync):
    """Each prompt saves the answers file: hundreds of saves in this module."""


@pytest.fixture(autouse=True)
def _empty_library(monkeypatch):
    """These tests are about the interview: an empty library means no glossary step and no
    findings unless a test brings its own (the real library is used in the last tests here
    and in the pseudo-terminal tests)."""
    monkeypatch.setattr("drafter.library.load_library", lambda *a, **k: Library())


def drive(keys: str, options: Options) -> int:
    """Run the interview on these keys; return its exit code."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            try:
                return run_interview(options)
            except SystemExit as exc:
                return exc.code


def stance_keys(index: int) -> str:
    return DOWN * index + ENTER


def text_keys(text: str) -> str:
    return text.replace("\n", "\r") + FINISH


# what a respondent types for each sample question, and the keys that type it
RESPONSES = {
    "1": ("Agree", "Social value should count.\nIt keeps money local.", "Weigh social value"),
    "2": (None, "Contract size and payment terms shut out small providers.", ""),
    "3": ("Yes", "The duty is weak today.", ""),
    "3a": ("Guidance on asset locks and legal forms", "People ask us about legal forms.", ""),
    "4": (None, "By their governing documents and asset lock.", "Check governance"),
    "5": ("Strongly agree", "People know what works for them.", ""),
    "6": (None, "Third sector organisations should plan with commissioners.", ""),
    "7": ("Don't know", "It depends on the area.", ""),
    "8": ("Disagree", "An asset lock is not right for every provider.", ""),
    "9": (None, "A day service redesigned with the people who use it.", ""),
    "10": ("Designing the service", "", "Design together"),
    "11": (None, "Thank you.", ""),
}


def keys_for(number: str) -> str:
    consultation = load_consultation(SAMPLE_CONSULTATION)
    question = consultation.question(number)
    stance, text, key_point = RESPONSES[number]
    keys = ""
    if question.stances:
        keys += stance_keys(question.stances.index(stance))
    if question.takes_text:
        keys += text_keys(text)
    return keys + key_point + ENTER


def all_question_keys(numbers=None) -> str:
    return "".join(keys_for(n) for n in numbers or RESPONSES)


@pytest.fixture
def rendered(monkeypatch):
    """Stand in for drafter.render: record the call, write a small file, return a real result."""
    from drafter.render import RenderResult

    calls = []

    def fake_render(answers_path, out_path, fmt="docx", **options):
        calls.append((Path(answers_path), Path(out_path), fmt, options))
        Path(out_path).write_text("rendered")
        return RenderResult(Path(out_path), fmt, concepts=[], library_versions={})

    monkeypatch.setattr("drafter.render.render_answers", fake_render)
    return calls


def test_full_session_saves_exactly_what_was_typed_and_renders(tmp_path, rendered):
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + all_question_keys() + ENTER  # Enter on the review: make the response
    code = drive(keys, Options(consultation="sample-social-care", answers=path))
    assert code == 0
    answers = load_answers(path)
    answers.check_against(load_consultation(SAMPLE_CONSULTATION), path)
    assert answers.respondent.name == "Ann Example"
    assert answers.respondent.organisation == "Example Care Co-operative"
    assert answers.respondent.consent == "publish-with-name"
    assert answers.respondent.address == "1 Example Street"
    for number, (stance, text, key_point) in RESPONSES.items():
        got = answers.answers[number]
        assert (got.stance, got.response, got.key_point) == (stance, text, key_point), number
    assert rendered == [
        (path, tmp_path / "response.docx", "docx", {"force": True, "library_dirs": ()})
    ]
    # the details are offered next time (per-user config, nothing secret)
    from drafter.userconfig import config_path, load_user_defaults

    assert load_user_defaults()["organisation"] == "Example Care Co-operative"
    assert "confidentiality_reason" not in config_path().read_text()


def test_ctrl_c_while_typing_keeps_the_text_and_resume_starts_there(tmp_path, rendered):
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1") + "Contract size and" + CTRL_C
    assert drive(keys, Options(consultation="sample-social-care", answers=path)) == 130
    saved = load_answers(path)
    assert saved.answers["1"].response == RESPONSES["1"][1]
    assert saved.answers["2"].response == "Contract size and"  # what was on screen is kept

    # --resume starts at question 2 with the text so far as the default: type the rest
    rest = " payment terms shut out small providers." + FINISH + ENTER
    keys = rest + all_question_keys(list(RESPONSES)[2:]) + ENTER
    code = drive(keys, Options(answers=path, resume=True))
    assert code == 0
    answers = load_answers(path)
    assert answers.answers["2"].response == RESPONSES["2"][1]
    assert answers.answers["11"].response == "Thank you."
    assert len(rendered) == 1


def test_ctrl_c_while_typing_the_key_point_keeps_it(tmp_path, rendered):
    path = tmp_path / "answers.yaml"
    question_1 = stance_keys(1) + text_keys(RESPONSES["1"][1])
    keys = NEW_RESPONDENT + question_1 + "Weigh social" + CTRL_C
    assert drive(keys, Options(consultation="sample-social-care", answers=path)) == 130
    saved = load_answers(path).answers["1"]
    assert (saved.response, saved.key_point) == (RESPONSES["1"][1], "Weigh social")
    assert saved.draft  # not finished: --resume comes back to it


def test_ctrl_c_at_a_pick_list_saves_and_exits_130(tmp_path, capsys):
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1") + keys_for("2") + DOWN + CTRL_C
    assert drive(keys, Options(consultation="sample-social-care", answers=path)) == 130
    saved = load_answers(path)
    assert set(saved.answers) == {"1", "2"}
    err = capsys.readouterr().err
    assert f"saved to {path}" in err
    assert f"drafter draft --answers {path} --resume" in err


def test_second_run_offers_previous_answers_as_defaults(tmp_path, rendered):
    path = tmp_path / "answers.yaml"
    later = FINISH + DOWN * 2 + ENTER  # question 11 left empty, then "Leave it for later"
    first = NEW_RESPONDENT + all_question_keys(list(RESPONSES)[:-1]) + later + SAVE_AND_STOP
    assert drive(first, Options("sample-social-care", path)) == 0
    before = load_answers(path)
    assert "11" not in before.answers
    # Enter everywhere: keep each stance, finish each text as it is, keep each key point
    keep_all = "".join(
        (ENTER if q.stances else "") + (FINISH if q.takes_text else "") + ENTER
        for q in load_consultation(SAMPLE_CONSULTATION).questions[:-1]
    )
    respondent = ENTER * 7  # keep each of the seven details
    code = drive(respondent + keep_all + keys_for("11") + ENTER, Options(answers=path))
    assert code == 0
    after = load_answers(path)
    assert {n: a for n, a in after.answers.items() if n != "11"} == before.answers
    assert after.answers["11"].response == RESPONSES["11"][1]
    assert after.respondent == before.respondent
    assert len(rendered) == 1


def test_a_complete_answers_file_goes_straight_to_the_review(tmp_path, rendered):
    path = tmp_path / "answers.yaml"
    assert (
        drive(
            NEW_RESPONDENT + all_question_keys() + SAVE_AND_STOP,
            Options("sample-social-care", path),
        )
        == 0
    )
    before = load_answers(path)
    # no question and no detail is asked again: the first key is the review's Enter
    out = tmp_path / "out.docx"
    assert drive(ENTER, Options(answers=path, output=out)) == 0
    assert rendered[0][:2] == (path, out)
    assert load_answers(path).answers == before.answers


def test_ask_reasks_only_the_named_questions(tmp_path):
    path = tmp_path / "answers.yaml"
    first = NEW_RESPONDENT + all_question_keys() + SAVE_AND_STOP
    assert drive(first, Options("sample-social-care", path)) == 0
    # --ask 3: change the stance to No and the text, then "Save and stop" on the review
    keys = DOWN + ENTER + "\x15" * 3 + "We changed our mind." + FINISH + ENTER
    keys += SAVE_AND_STOP
    assert drive(keys, Options(answers=path, ask="Q3")) == 0
    answers = load_answers(path)
    assert answers.answers["3"].stance == "No"
    assert answers.answers["3"].response.endswith("We changed our mind.")
    assert answers.answers["4"].response == RESPONSES["4"][1]


def test_review_jumps_back_to_a_question(tmp_path, rendered):
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + all_question_keys()
    # the review lists 12 questions then "Make the response" (the default) and "Save and stop":
    # go up to question 11 (one above the default... past the separator), re-answer it
    keys += "\x1b[A" * 1 + ENTER  # Up from "Make the response" lands on question 11
    keys += "\x15" * 3 + "Thank you for asking." + FINISH + ENTER
    keys += ENTER  # back on the review: make the response
    assert drive(keys, Options("sample-social-care", path)) == 0
    assert load_answers(path).answers["11"].response.endswith("Thank you for asking.")
    assert len(rendered) == 1


def test_a_save_that_fails_mid_interview_asks_where_else_to_save(tmp_path, monkeypatch):
    from drafter.interview import session as session_module

    path = tmp_path / "answers.yaml"
    real_save = session_module.save_answers
    failures = []

    def failing_once(answers, target):
        if answers.answers and not failures:  # the first save of an answer: the disk is full
            failures.append(target)
            raise InputError("cannot write (No space left on device)", path=target)
        return real_save(answers, target)

    monkeypatch.setattr(session_module, "save_answers", failing_once)
    elsewhere = tmp_path / "rescued.yaml"
    question = load_consultation(SAMPLE_CONSULTATION).question("1")
    stance, text, key_point = RESPONSES["1"]
    # the first save of an answer is the draft right after the stance: asked where else then
    keys = NEW_RESPONDENT + stance_keys(question.stances.index(stance))
    keys += "\x15" + str(elsewhere) + ENTER  # the suggested place is replaced by another
    keys += text_keys(text) + key_point + ENTER + CTRL_C
    assert drive(keys, Options("sample-social-care", path)) == 130
    assert failures == [path]
    assert load_answers(elsewhere).answers["1"].response == RESPONSES["1"][1]


def test_consultation_picked_from_the_bundled_list(tmp_path):
    path = tmp_path / "answers.yaml"
    keys = ENTER + NEW_RESPONDENT + keys_for("1") + CTRL_C  # the first (only) bundled one
    assert drive(keys, Options(answers=path)) == 130
    answers = load_answers(path)
    assert answers.consultation == "sample-social-care"
    assert answers.consultation_file is None  # bundled: found again by its id
    assert answers.answers["1"].stance == "Agree"


def test_ctrl_c_before_any_answer_saves_nothing(tmp_path, capsys):
    assert drive(CTRL_C, Options(answers=tmp_path / "a.yaml")) == 130
    assert not (tmp_path / "a.yaml").exists()
    assert "nothing was saved" in capsys.readouterr().err


def test_review_finds_a_question_by_typing_its_number(tmp_path):
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + all_question_keys()
    keys += "3a" + ENTER  # typing filters the review list (long consultations)
    keys += ENTER + "\x15" + "Typed again." + FINISH + ENTER  # keep the stance, new text
    keys += SAVE_AND_STOP
    assert drive(keys, Options("sample-social-care", path)) == 0
    answers = load_answers(path).answers
    assert answers["3a"].response == "Typed again."
    assert answers["3"].response == RESPONSES["3"][1]


def test_skip_no_response_and_leave_for_later(tmp_path):
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT
    keys += DOWN * 5 + ENTER  # Q1: "No response to this question" (after the separator)
    keys += FINISH + ENTER  # Q2: empty response -> "Write a response after all"? no: choose below
    keys = keys[: -len(ENTER)]
    keys += DOWN + ENTER  # ... "Give no response to this question"
    keys += DOWN * 4 + ENTER  # Q3: "Leave it for later"
    keys += CTRL_C
    assert drive(keys, Options("sample-social-care", path)) == 130
    answers = load_answers(path).answers
    assert answers["1"] == Answer(no_response=True)
    assert answers["2"] == Answer(no_response=True)
    assert "3" not in answers
    session_rows = None  # noqa: F841 - the review status is covered in test_interview_session


def test_do_not_publish_asks_for_the_reason(tmp_path):
    path = tmp_path / "answers.yaml"
    keys = DOWN + ENTER + "Bryn Jones\r" + ENTER + ENTER + ENTER  # no role, email or address
    keys += DOWN * 2 + ENTER  # "No, please do not publish it"
    keys += ENTER  # an empty reason is refused ...
    keys += "Names a service user\r"
    keys += CTRL_C
    assert drive(keys, Options("sample-social-care", path)) == 130
    who = load_answers(path).respondent
    assert who.responding_as == "individual" and who.name == "Bryn Jones"
    assert who.consent == "do-not-publish"
    assert who.confidentiality_reason == "Names a service user"


def _finding_for(word: str, suggestion: str | None, rule: str = "vague-term"):
    def check(text, library):
        at = text.find(word)
        if at < 0:
            return []
        return [
            Finding(
                rule=rule,
                severity="warning",
                start=at,
                end=at + len(word),
                text=word,
                message=f"“{word}” alone does not say which model you mean.",
                suggestion=suggestion,
            )
        ]

    return check


def test_precision_finding_accept_suggestion(tmp_path, monkeypatch):
    monkeypatch.setattr("drafter.precision.check_text", _finding_for("mutual", "mutual insurer"))
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1") + text_keys("A mutual could bid.")
    keys += ENTER  # the default for a finding with a suggestion: use it
    keys += ENTER + CTRL_C  # key point, then stop
    assert drive(keys, Options("sample-social-care", path)) == 130
    answer = load_answers(path).answers["2"]
    assert answer.response == "A mutual insurer could bid."
    assert answer.kept_findings == []


def test_ctrl_c_between_findings_keeps_the_suggestion_already_accepted(tmp_path, monkeypatch):
    first, second = _finding_for("mutual", "mutual insurer"), _finding_for("bid", "tender")

    def two_findings(text, library):
        return first(text, library) + second(text, library)

    monkeypatch.setattr("drafter.precision.check_text", two_findings)
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1") + text_keys("A mutual could bid.")
    keys += ENTER  # use the first suggestion ...
    keys += CTRL_C  # ... then stop at the second finding
    assert drive(keys, Options("sample-social-care", path)) == 130
    assert load_answers(path).answers["2"].response == "A mutual insurer could bid."


def test_precision_finding_keep_as_written_is_recorded(tmp_path, monkeypatch):
    monkeypatch.setattr("drafter.precision.check_text", _finding_for("mutual", "mutual insurer"))
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1") + text_keys("A mutual could bid.")
    keys += DOWN * 2 + ENTER  # "Keep it as written"
    keys += ENTER + CTRL_C
    assert drive(keys, Options("sample-social-care", path)) == 130
    answer = load_answers(path).answers["2"]
    assert answer.response == "A mutual could bid."
    assert [(k.rule, k.text) for k in answer.kept_findings] == [("vague-term", "mutual")]
    assert "which model" in answer.kept_findings[0].note


def test_precision_finding_edit_goes_back_to_the_text_and_checks_again(tmp_path, monkeypatch):
    calls = []
    check = _finding_for("mutual", None)

    def counting(text, library):
        calls.append(text)
        return check(text, library)

    monkeypatch.setattr("drafter.precision.check_text", counting)
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1") + text_keys("A mutual could bid.")
    keys += ENTER  # no suggestion, so the default is "Edit the response"
    keys += "\x15" + "A mutual insurer could bid." + FINISH  # ^U clears the line, retype
    keys += DOWN + ENTER  # still flagged (the fake is simple): keep it this time
    keys += ENTER + CTRL_C
    assert drive(keys, Options("sample-social-care", path)) == 130
    checked = [text for i, text in enumerate(calls) if i == 0 or calls[i - 1] != text]
    assert checked[1:] == ["A mutual could bid.", "A mutual insurer could bid."]  # after Q1
    assert load_answers(path).answers["2"].response == "A mutual insurer could bid."


def _library() -> Library:
    def concept(cid, term, short):
        return Concept(
            id=cid,
            version=2,
            status="vetted",
            subject="test",
            short=short,
            definition=short,
            terms=(Designation(text=term),),
        )

    return Library(
        concepts={
            "worker-co-operative": concept(
                "worker-co-operative", "worker co-operative", "owned and run by its workers"
            ),
            "asset-lock": concept("asset-lock", "asset lock", "keeps assets for the community"),
        }
    )


def test_glossary_offers_mentioned_terms_and_a_searchable_list(tmp_path, monkeypatch):
    monkeypatch.setattr("drafter.library.load_library", lambda *a, **k: _library())
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1")  # Q1 mentions no library term: no glossary step
    keys += text_keys("A worker co-operative could bid.") + ENTER  # Q2 and its key point
    # the glossary list: "worker co-operative" (ticked, mentioned), then "Look up another term"
    keys += DOWN + SPACE + ENTER  # tick "Look up another term…"
    keys += "xyz" + ENTER  # not in the library: refused, the prompt stays
    keys += "\x15" + "LOCK" + ENTER  # part of one term (any case) is enough: "asset lock"
    keys += ENTER  # back on the list with both ticked: go on
    keys += CTRL_C
    assert drive(keys, Options("sample-social-care", path)) == 130
    answers = load_answers(path)
    assert answers.answers["1"].define == []
    assert answers.answers["2"].define == ["worker-co-operative", "asset-lock"]
    assert answers.library == {"asset-lock": 2, "worker-co-operative": 2}


def test_glossary_ticks_follow_the_text_as_it_now_reads(tmp_path, monkeypatch):
    """A term ticked because the text used it goes when the text no longer does; a term
    looked up in the library stays."""
    monkeypatch.setattr("drafter.library.load_library", lambda *a, **k: _library())
    path = tmp_path / "answers.yaml"
    keys = NEW_RESPONDENT + keys_for("1")
    keys += text_keys("A worker co-operative could bid.") + ENTER  # Q2 and its key point
    keys += DOWN + SPACE + ENTER + "LOCK" + ENTER + ENTER  # look up "asset lock", go on
    keys += CTRL_C
    assert drive(keys, Options("sample-social-care", path)) == 130
    assert load_answers(path).answers["2"].define == ["worker-co-operative", "asset-lock"]
    # --ask 2: the text no longer names a worker co-operative
    keys = "\x15" * 3 + "Small providers could bid." + FINISH + ENTER  # text, key point
    keys += ENTER  # the list now offers "asset lock" alone, ticked: go on
    keys += SAVE_AND_STOP
    assert drive(keys, Options(answers=path, ask="2")) == 0
    assert load_answers(path).answers["2"].define == ["asset-lock"]


def test_imported_form_is_confirmed_and_corrected_before_answering(tmp_path, monkeypatch):
    sample = load_consultation(SAMPLE_CONSULTATION)
    imported = replace(sample, id="imported-form", questions=sample.questions[:3])
    form = tmp_path / "form.docx"
    form.write_bytes(b"not read: the importer is replaced in this test")
    monkeypatch.setattr("drafter.importer.import_consultation", lambda path: imported)
    path = tmp_path / "answers.yaml"
    keys = DOWN * 5 + ENTER  # "Remove something that is not a question"
    keys += DOWN * 2 + ENTER  # ... question 3
    keys += DOWN * 4 + ENTER  # "Change how a question is answered"
    keys += DOWN + ENTER  # ... question 2
    keys += DOWN * 2 + ENTER  # ... yes / no / don't know
    keys += ENTER  # "Yes, start answering"
    keys += NEW_RESPONDENT + keys_for("1") + stance_keys(1) + "We think not." + FINISH + CTRL_C
    assert drive(keys, Options(consultation=str(form), answers=path)) == 130
    questions = tmp_path / "answers.questions.yaml"
    confirmed = load_consultation(questions)
    assert [q.number for q in confirmed.questions] == ["1", "2"]
    assert confirmed.question("2").kind == "yes-no"
    answers = load_answers(path)
    assert answers.consultation == "imported-form"
    assert answers.consultation_file == "answers.questions.yaml"
    assert answers.answers["1"].response == RESPONSES["1"][1]
    assert (answers.answers["2"].stance, answers.answers["2"].response) == ("No", "We think not.")
    # a later run finds the confirmed questions through the answers file alone
    assert drive(CTRL_C, Options(answers=path, resume=True)) == 130
    # and so does drafter render (the real one), with the corrected question list
    from drafter.render import render_answers

    out = tmp_path / "response.md"
    render_answers(path, out, fmt="md")
    text = out.read_text()
    assert "We think not." in text and "Answer: No" in text
    assert sample.question("3").text not in text  # the question removed while confirming


def test_real_library_and_precision_check_are_wired_in(tmp_path, monkeypatch):
    """With the bundled library and the real check: each finding is asked about, kept ones are
    recorded, and the terms the answer mentions are ticked for the glossary."""
    from drafter import library as library_module
    from drafter.interview.fitting import fitted_replacement
    from drafter.interview.session import findings_to_ask
    from drafter.library.loader import load_library as real_load_library
    from drafter.precision import check_text, concepts_used

    monkeypatch.setattr(library_module, "load_library", real_load_library)
    library = real_load_library()
    text = "A mutual could bid. Co-ops/social enterprises could too."
    expected = findings_to_ask(check_text(text, library))
    # Q1: Agree, past the library's offers (Enter: own words), then the text
    keys = NEW_RESPONDENT + DOWN + ENTER + ENTER + text_keys(text)
    for found in expected:  # keep each as written (the last choice)
        keys += DOWN * (2 if fitted_replacement(text, found) else 1) + ENTER
    keys += ENTER  # key point
    mentioned = concepts_used(text, library)
    keys += ENTER if mentioned else ""  # the glossary list: keep the ticks
    keys += CTRL_C
    path = tmp_path / "answers.yaml"
    assert drive(keys, Options("sample-social-care", path)) == 130
    answer = load_answers(path).answers["1"]
    assert answer.response == text
    assert [(k.rule, k.text) for k in answer.kept_findings] == [(f.rule, f.text) for f in expected]
    assert answer.define == mentioned


# -- bad input --------------------------------------------------------------------------------


def test_consultation_file_that_does_not_parse(tmp_path):
    bad = tmp_path / "consultation.yaml"
    bad.write_text("schema: 1\nid: x\ntitle: [unclosed\nother: 2\n")
    with pytest.raises(InputError) as info:
        drive("", Options(consultation=str(bad), answers=tmp_path / "a.yaml"))
    assert str(bad) in str(info.value) and "malformed YAML" in str(info.value)
    assert info.value.line is not None and info.value.line >= 3
    assert not (tmp_path / "a.yaml").exists()


def test_answers_for_another_consultation_are_refused_untouched(tmp_path):
    path = tmp_path / "a.yaml"
    save_answers(AnswersFile(consultation="another-consultation"), path)
    before = path.read_bytes()
    with pytest.raises(InputError, match="answers are for consultation 'another-consultation'"):
        drive("", Options(consultation="sample-social-care", answers=path))
    assert path.read_bytes() == before


def test_corrupt_answers_file_is_kept_and_answers_go_beside_it(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("consultation: sample-social-care\nanswers: {1: {stance: [\n")
    before = path.read_bytes()
    keys = NEW_RESPONDENT + keys_for("1") + CTRL_C
    assert drive(keys, Options(consultation="sample-social-care", answers=path)) == 130
    assert path.read_bytes() == before
    assert load_answers(tmp_path / "a-2.yaml").answers["1"].stance == "Agree"


def test_read_only_answers_file_stops_before_the_first_question(tmp_path):
    path = tmp_path / "a.yaml"
    save_answers(AnswersFile(consultation="sample-social-care"), path)
    path.chmod(0o444)
    try:
        with pytest.raises(InputError, match="read-only"):
            drive("", Options(consultation="sample-social-care", answers=path))
    finally:
        path.chmod(0o644)


def test_resume_without_an_answers_file_is_a_usage_error(tmp_path):
    with pytest.raises(InputError, match="no answers to resume"):
        drive("", Options("sample-social-care", tmp_path / "none.yaml", resume=True))


def test_unknown_question_in_ask(tmp_path):
    with pytest.raises(InputError, match="no question '99'"):
        drive("", Options("sample-social-care", tmp_path / "a.yaml", ask="3,99"))


def test_cli_exit_codes_for_bad_input(tmp_path, monkeypatch, capsys):
    """Through drafter.cli.main, with stdin looking like a terminal: one line, exit 2."""
    from drafter.cli import main

    monkeypatch.setattr(sys, "stdin", SimpleNamespace(isatty=lambda: True))
    bad = tmp_path / "c.yaml"
    bad.write_text("not: [a consultation\n")
    with (
        pytest.raises(SystemExit) as info,
        create_pipe_input() as pipe,
        create_app_session(input=pipe, output=DummyOutput()),
    ):
        main(["draft", "--consultation", str(bad), "--answers", str(tmp_path / "a.yaml")])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"drafter: error: {bad}:") and "Traceback" not in err


def test_an_edited_question_list_is_not_replaced_without_asking(tmp_path, monkeypatch):
    """Running `drafter draft --consultation form.docx` again must not silently overwrite the
    question list the user edited by hand (its header invites them to)."""
    sample = load_consultation(SAMPLE_CONSULTATION)
    imported = replace(sample, id="imported-form", questions=sample.questions[:3])
    form = tmp_path / "form.docx"
    form.write_bytes(b"not read: the importer is replaced in this test")
    monkeypatch.setattr("drafter.importer.import_consultation", lambda path: imported)
    questions = tmp_path / "answers.questions.yaml"
    edited = replace(sample, id="imported-form", questions=sample.questions[:2])
    from drafter.interview.questionlist import save_consultation

    save_consultation(edited, questions)
    before = questions.read_bytes()
    path = tmp_path / "answers.yaml"
    keys = ENTER  # "Yes, start answering" the imported questions
    keys += "n"  # ... but keep the edited list already saved
    keys += NEW_RESPONDENT + keys_for("1") + stance_keys(1) + CTRL_C
    assert drive(keys, Options(consultation=str(form), answers=path)) == 130
    assert questions.read_bytes() == before
    answers = load_answers(path)
    assert answers.consultation_file == "answers.questions.yaml"
    assert answers.answers["1"].response == RESPONSES["1"][1]


def test_library_option_layers_the_folder_and_is_kept_in_the_resume_hint(
    tmp_path, monkeypatch, capsys
):
    seen = []

    def load(dirs=None, **_):
        seen.append(list(dirs))
        return Library()

    monkeypatch.setattr("drafter.library.load_library", load)
    ours = tmp_path / "our library"
    ours.mkdir()
    keys = NEW_RESPONDENT + DOWN + ENTER + text_keys("We agree.") + CTRL_C
    path = tmp_path / "answers.yaml"
    options = Options("sample-social-care", path, library_dirs=(ours,))
    assert drive(keys, options) == 130
    assert seen and seen[0][-1] == ours  # after the bundled and configured layers
    out = capsys.readouterr()
    assert "--resume" in (out.out + out.err)
    assert f"--library '{ours}'" in (out.out + out.err)


def test_a_library_the_check_cannot_use_stops_before_the_first_answer(tmp_path, monkeypatch):
    """Two concepts claiming one term: said before anything is typed, not at the final render;
    the respondent's details are already saved."""
    from drafter.library.loader import load_library as real_load_library
    from tests.library_helpers import concept, layer

    monkeypatch.setattr("drafter.library.load_library", real_load_library)
    ours = layer(tmp_path, "ours", {"terms/ours.yaml": concept("ours", "worker co-operative")})
    path = tmp_path / "answers.yaml"
    options = Options("sample-social-care", path, library_dirs=(ours,))
    with pytest.raises(InputError, match="worker co-operative"):
        drive(NEW_RESPONDENT, options)
    assert load_answers(path).respondent.name == "Ann Example"
    assert load_answers(path).answers == {}


def test_the_resume_hint_names_the_venvs_own_drafter_when_it_is_not_on_path(tmp_path, monkeypatch):
    from drafter.interview import flow

    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text("")
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr("sys.executable", str(bin_dir / "python"))
    assert flow._program() == f"{bin_dir / 'python'} -m drafter"
    (bin_dir / "drafter").write_text("")
    assert flow._program() == str(bin_dir / "drafter")


def test_a_kept_finding_is_recorded_as_it_reads_after_a_suggestion_accepted_inside_it(
    tmp_path, monkeypatch
):
    """Accept "Co-ops" -> "Co-operatives", keep the run-together finding around it: the kept
    text is the one the final response contains, so render and lint see it as kept."""
    from drafter import library as library_module
    from drafter.library.loader import load_library as real_load_library

    monkeypatch.setattr(library_module, "load_library", real_load_library)
    text = "Co-ops/social enterprises could bid."
    # Q1: Agree, past the library's offers (Enter: own words), then the text
    keys = NEW_RESPONDENT + DOWN + ENTER + ENTER + text_keys(text)
    keys += ENTER  # "Co-ops": use the suggestion
    keys += DOWN + ENTER  # the conflation, now "Co-operatives/social enterprises": keep it
    keys += ENTER + ENTER + CTRL_C  # key point, the glossary ticks, stop
    path = tmp_path / "answers.yaml"
    assert drive(keys, Options("sample-social-care", path)) == 130
    answer = load_answers(path).answers["1"]
    assert answer.response == "Co-operatives/social enterprises could bid."
    assert [(k.rule, k.text) for k in answer.kept_findings] == [
        ("conflation", "Co-operatives/social enterprises")
    ]
