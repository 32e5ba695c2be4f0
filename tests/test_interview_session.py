"""The interview's pure logic: what to ask next, what to save, and where (no terminal)."""

from __future__ import annotations

import os

import pytest

from drafter.answers import Answer, AnswersFile, KeptFinding, load_answers, save_answers
from drafter.consultation import load_consultation
from drafter.errors import InputError
from drafter.interview import questionlist as ql
from drafter.interview.session import (
    Session,
    beside,
    default_output_path,
    ensure_writable,
    first_words,
    line_and_column,
    previously_kept,
)
from drafter.precision import Finding
from tests.conftest import SAMPLE_CONSULTATION


@pytest.fixture
def consultation():
    return load_consultation(SAMPLE_CONSULTATION)


def finding(text: str, start: int, suggestion: str | None = None, rule: str = "r1") -> Finding:
    return Finding(
        rule=rule,
        severity="warning",
        start=start,
        end=start + len(text),
        text=text,
        message=f"{text} is vague",
        suggestion=suggestion,
    )


def test_new_session_saves_a_stamped_file_after_one_answer(consultation, tmp_path):
    path = tmp_path / "deep" / "folder" / "answers.yaml"
    session = Session.open(consultation, path)
    assert not session.existed and not path.exists()  # nothing written until there is an answer
    session.record("2", Answer(response="Contracts are too large."))
    loaded = load_answers(path)
    loaded.check_against(consultation, path)
    assert loaded.answers["2"].response == "Contracts are too large."
    assert loaded.questions_hash == consultation.questions_hash()


def test_queue_resume_and_ask(consultation, tmp_path):
    path = tmp_path / "a.yaml"
    session = Session.open(consultation, path)
    for number in ("1", "2", "3"):
        session.record(number, Answer(stance="Yes" if number == "3" else None, response="x"))
    session.record("4", Answer(no_response=True))
    reopened = Session.open(consultation, path)
    assert reopened.existed
    everything = [q.number for q in consultation.questions]
    assert reopened.queue() == everything
    assert reopened.queue(resume=True) == ["3a", "5", "6", "7", "8", "9", "10", "11"]
    # the question that was interrupted comes first, then the unanswered ones
    assert reopened.queue(resume=True, resume_at="2")[:2] == ["2", "3a"]
    # questions left for later before the interrupted one come after the rest
    assert reopened.queue(resume=True, resume_at="8") == ["8", "9", "10", "11", "3a", "5", "6", "7"]
    assert reopened.queue(resume=True, resume_at="no-such") == reopened.queue(resume=True)
    assert reopened.queue(ask=["7", "3"]) == ["7", "3"]


def test_resolve_numbers_accepts_q_prefixes_and_rejects_unknown(consultation, tmp_path):
    session = Session.open(consultation, tmp_path / "a.yaml")
    assert session.resolve_numbers("Q3, 7,3a q3") == ["3", "7", "3a"]
    with pytest.raises(InputError, match=r"no question '12'.*1, 2, 3, 3a"):
        session.resolve_numbers("3,12")
    with pytest.raises(InputError, match="needs question numbers"):
        session.resolve_numbers(" , ")


def test_previous_answers_are_defaults(consultation, tmp_path):
    path = tmp_path / "a.yaml"
    Session.open(consultation, path).record("5", Answer(stance="Agree", response="Yes, always."))
    session = Session.open(consultation, path)
    assert session.default_answer("5").response == "Yes, always."
    assert session.default_answer("6") == Answer()
    # a default is a copy: changing it does not change the file's answer
    session.default_answer("5").kept_findings.append(KeptFinding(rule="x", text="y"))
    assert session.answers.answers["5"].kept_findings == []


def test_corrupt_answers_file_is_kept_and_a_new_one_started_beside_it(consultation, tmp_path):
    path = tmp_path / "answers.yaml"
    corrupt = b"schema: 1\nconsultation: [unclosed\n\x00"
    path.write_bytes(corrupt)
    session = Session.open(consultation, path)
    assert session.path == tmp_path / "answers-2.yaml"
    notice = session.notices[0]
    assert "could not be read" in notice and "kept exactly as it is" in notice
    session.record("1", Answer(stance="Agree"))
    assert path.read_bytes() == corrupt
    assert load_answers(tmp_path / "answers-2.yaml").answers["1"].stance == "Agree"
    # the next corrupt run never reuses a name that exists
    assert beside(path) == tmp_path / "answers-3.yaml"


def test_answers_for_another_consultation_are_refused(consultation, tmp_path):
    path = tmp_path / "a.yaml"
    save_answers(AnswersFile(consultation="some-other-consultation"), path)
    before = path.read_bytes()
    with pytest.raises(InputError, match="answers are for consultation 'some-other-consultation'"):
        Session.open(consultation, path)
    assert path.read_bytes() == before


def test_read_only_answers_file_is_refused_before_any_question(consultation, tmp_path):
    path = tmp_path / "a.yaml"
    Session.open(consultation, path).record("1", Answer(stance="Agree"))
    path.chmod(0o444)
    try:
        with pytest.raises(InputError, match="is read-only"):
            Session.open(consultation, path)
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError, match="cannot save answers in this folder"):
            ensure_writable(folder / "a.yaml")
    finally:
        folder.chmod(0o755)


def test_a_folder_that_cannot_be_written_even_by_root_is_refused():
    # /proc accepts no new files, whoever asks
    with pytest.raises(InputError, match="cannot save answers in this folder"):
        ensure_writable(__import__("pathlib").Path("/proc/drafter-answers.yaml"))


def test_answers_path_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        ensure_writable(tmp_path)


def test_review_rows_show_stance_first_words_and_status(consultation, tmp_path):
    session = Session.open(consultation, tmp_path / "a.yaml")
    session.record(
        "1",
        Answer(
            stance="Agree",
            response="One two three four five six seven eight",
            kept_findings=[KeptFinding(rule="r", text="t")],
        ),
    )
    session.record("2", Answer(no_response=True))
    rows = {r.number: r for r in session.rows()}
    assert rows["1"].stance == "Agree"
    assert rows["1"].first_words == "One two three four five six…"
    assert (rows["1"].status, rows["1"].findings_kept) == ("answered", 1)
    assert rows["2"].status == "no response"
    assert rows["3"].status == "not answered"
    assert len(rows) == len(consultation.questions)
    summary = session.precision_summary()
    assert summary == ("Precision check: 1 response checked; 1 finding kept as written (Q1).")
    counts = {"error": 0, "warning": 2, "suggestion": 1}
    assert session.precision_summary(counts).endswith(
        "; the whole response: 2 warnings, 1 suggestion."
    )
    assert session.precision_summary({"error": 0}).endswith("the whole response: no findings.")


def test_a_finding_kept_before_is_recognised_by_rule_and_text():
    found = [finding("mutual", 2, "mutual insurer"), finding("co-op", 33, "co-operative")]
    kept = [KeptFinding(rule="r1", text="mutual")]
    assert previously_kept(Answer(kept_findings=kept), found[0])
    assert not previously_kept(Answer(kept_findings=kept), found[1])


def test_only_drop_in_suggestions_can_be_accepted_as_they_stand():
    from drafter.interview.session import findings_to_ask, replacement

    assert replacement(finding("co-ops", 0, "co-operatives")) == "co-operatives"
    advice = "List them as separate items ('social enterprises and co-operatives')."
    assert replacement(finding("x", 0, advice)) is None
    assert replacement(finding("x", 0, "Describe it as an employee-owned business.")) is None
    assert replacement(finding("x", 0, None)) is None
    text = "Some co-ops."
    found = [finding("co-ops", 5, advice), finding("co-ops", 5, "co-operatives", rule="r2")]
    from drafter.interview.fitting import fitted_replacement

    assert fitted_replacement(text, found[0]) is None  # advice never lands in the text
    undefined = finding("co-ops", 5, "Define it", rule="undefined-terms")
    suppressed = Finding("r", "error", 0, 4, "Some", "m", suppressed=True)
    assert findings_to_ask([undefined, suppressed, found[1]]) == [found[1]]


def test_small_helpers(tmp_path):
    assert default_output_path(tmp_path / "answers.yaml") == tmp_path / "response.docx"
    assert default_output_path(tmp_path / "x-answers.yaml") == tmp_path / "x-response.docx"
    assert default_output_path(tmp_path / "mine.yaml") == tmp_path / "mine-response.docx"
    assert line_and_column("ab\ncd", 4) == (2, 2)
    assert first_words("   ") == ""


def test_question_list_corrections(consultation):
    merged = ql.merge_with_previous(consultation, "3a")
    assert [q.number for q in merged.questions][:4] == ["1", "2", "3", "4"]
    assert merged.question("3").text.endswith("most difference?")
    with pytest.raises(InputError, match="is the first"):
        ql.merge_with_previous(consultation, "1")
    number = ql.free_number(consultation, "3")
    assert number == "3b"
    original = consultation.question("2").text
    first = "What barriers prevent smaller providers"
    second = ql.remainder(original, first)
    assert second.startswith(", such as co-operatives")
    split = ql.split(consultation, "2", first, "And what would help?", "2b")
    assert [q.number for q in split.questions][:3] == ["1", "2", "2b"]
    assert split.question("2b").kind == "free-text"
    with pytest.raises(InputError, match="already a question '3'"):
        ql.split(consultation, "2", first, "x", "3")
    dropped = ql.drop(consultation, "11")
    assert "11" not in [q.number for q in dropped.questions]
    agree = ql.change_kind(consultation, "4", "agree-scale")
    assert agree.question("4").stances[0] == "Strongly agree"
    choice = ql.change_kind(consultation, "3a", "choice", ["One ", "", "Two"])
    assert choice.question("3a").options == ("One", "Two")
    assert ql.change_kind(consultation, "3a", "free-text").question("3a").options == ()
    with pytest.raises(InputError, match="at least two options"):
        ql.change_kind(consultation, "4", "choice", ["Only one"])
    edited = ql.edit_wording(consultation, "4", "  New\nwording?  ")
    assert edited.question("4").text == "New wording?"


def test_confirmed_question_list_round_trips(consultation, tmp_path):
    path = ql.save_consultation(ql.drop(consultation, "11"), tmp_path / "q.yaml")
    again = load_consultation(path)
    assert again.questions == consultation.questions[:-1]
    assert again.title == consultation.title


def test_user_defaults_round_trip_and_never_break_the_interview(tmp_path, monkeypatch):
    from drafter.userconfig import (
        config_path,
        load_user_defaults,
        remember_resume_point,
        resume_point,
        save_user_defaults,
    )

    assert load_user_defaults() == {}
    saved = save_user_defaults(
        {
            "name": "Ann",
            "organisation": "Org",
            "consent": "do-not-publish",
            "confidentiality_reason": "private",
        }
    )
    assert saved == config_path()
    assert load_user_defaults()["organisation"] == "Org"
    assert "private" not in saved.read_text()  # a reason belongs to one response, not to you
    saved.write_text("respondent: [not: a mapping\n")
    assert load_user_defaults() == {}  # unreadable: no defaults, no error
    monkeypatch.setenv("DRAFTER_CONFIG", str(tmp_path / "elsewhere.yaml"))
    assert config_path() == tmp_path / "elsewhere.yaml"

    answers = tmp_path / "a.yaml"
    assert resume_point(answers) is None
    remember_resume_point(answers, "3a")
    assert resume_point(answers) == "3a"
    remember_resume_point(answers, None)
    assert resume_point(answers) is None


def test_a_kept_finding_covers_the_same_rule_on_the_same_words_only():
    """The one test lint and the interview share: not a part of the words, not another rule."""
    from drafter.answers import KeptFinding

    kept = KeptFinding(rule="misattribution", text="John Lewis is a co-operative")
    assert kept.covers("misattribution", "John Lewis is a co-operative")
    assert kept.covers("misattribution", "John Lewis is a\nco-operative")
    assert not kept.covers("conflation", "John Lewis is a co-operative")
    assert not kept.covers("misattribution", "John Lewis is a co-operative society")
    assert not KeptFinding(rule="misattribution", text="co-operative").covers(
        "misattribution", "John Lewis is a co-operative"
    )
