"""The shared formats and plumbing every command builds on."""

from __future__ import annotations

import subprocess
import sys

import pytest

from drafter.answers import Answer, AnswersFile, load_answers, save_answers
from drafter.consultation import load_consultation
from drafter.errors import InputError, OutputExistsError
from drafter.fsutil import atomic_write_text
from drafter.textclean import clean_text
from tests.conftest import ROOT, SAMPLE_CONSULTATION, run_drafter


def test_sample_consultation_is_illustrative_and_covers_every_kind():
    consultation = load_consultation(SAMPLE_CONSULTATION)
    assert len(consultation.questions) >= 10
    assert consultation.source.illustrative
    assert "not the wording of any official consultation" in consultation.source.note
    kinds = {q.kind for q in consultation.questions}
    assert kinds == {"agree-scale", "yes-no", "choice", "free-text"}
    assert "3a" in [q.number for q in consultation.questions]


def test_malformed_yaml_names_file_and_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("schema: 1\nid: x\ntitle: [unclosed\nother: 2\n")
    with pytest.raises(InputError) as info:
        load_consultation(bad)
    assert str(bad) in str(info.value)
    assert info.value.line is not None and info.value.line >= 3


def test_unknown_field_is_named_with_its_line(tmp_path):
    text = SAMPLE_CONSULTATION.read_text().replace("    kind: free-text\n", "    knid: x\n", 1)
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_consultation(path)
    message = str(info.value)
    assert "knid" in message and "unknown field" in message
    assert info.value.line == text.splitlines().index("    knid: x") + 1


def test_answers_for_a_changed_consultation_say_which_questions(tmp_path):
    consultation = load_consultation(SAMPLE_CONSULTATION)
    answers = AnswersFile(consultation=consultation.id)
    answers.stamp(consultation)
    answers.question_fingerprints["4"] = "000000000000"
    answers.answers["1"] = Answer(stance="Agree", response="Yes.")
    path = tmp_path / "a.yaml"
    save_answers(answers, path)
    loaded = load_answers(path)
    with pytest.raises(InputError, match=r"changed wording or kind: 4\)"):
        loaded.check_against(consultation, path)


def test_answers_round_trip_keeps_multiline_text(tmp_path):
    consultation = load_consultation(SAMPLE_CONSULTATION)
    answers = AnswersFile(consultation=consultation.id)
    answers.stamp(consultation)
    answers.answers["2"] = Answer(response="First paragraph.\n\nSecond ŵ ŷ â 🙂.")
    path = tmp_path / "a.yaml"
    save_answers(answers, path)
    assert "|" in path.read_text()
    loaded = load_answers(path)
    loaded.check_against(consultation, path)
    assert loaded.answers["2"].response == "First paragraph.\n\nSecond ŵ ŷ â 🙂."


def test_unknown_stance_is_rejected(tmp_path):
    consultation = load_consultation(SAMPLE_CONSULTATION)
    answers = AnswersFile(consultation=consultation.id, answers={"1": Answer(stance="Maybe")})
    with pytest.raises(InputError, match="stance 'Maybe'"):
        answers.check_against(consultation, tmp_path / "a.yaml")


def test_atomic_write_never_overwrites_without_force(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first")
    with pytest.raises(OutputExistsError):
        atomic_write_text(target, "second")
    assert target.read_text() == "first"
    atomic_write_text(target, "second", force=True)
    assert target.read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_clean_text_removes_controls_and_lone_surrogates():
    cleaned, removed = clean_text("a\x00b\x0bc\x0cd\ud800e\r\nf\tg")
    assert cleaned == "abcde\nf\tg"
    assert removed == 4


def test_clean_text_removes_every_unsafe_character_in_non_ascii_text():
    # unsafe characters among non-Latin-1 text: Welsh letters, typographic quotes and dashes stay
    cases = {
        "Cymraeg ŵ\x85 café": ("Cymraeg ŵ café", 1),
        "ŵ\ufffe ŷ\uffff \x7f": ("ŵ ŷ ", 3),
        "é\udfff": ("é", 1),
        "“quoted” — fine": ("“quoted” — fine", 0),
    }
    for text, expected in cases.items():
        assert clean_text(text) == expected, text


def test_unknown_command_is_a_usage_error():
    result = run_drafter("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_duplicate_key_is_one_short_line_even_with_a_multi_line_value(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("schema: 1\nrespondent:\n  name: A\n  name: |\n    two\n    lines\n")
    with pytest.raises(InputError) as info:
        load_answers(path)
    assert str(info.value) == f'{path}:4: malformed YAML: the key "name" appears twice'


def test_the_program_ends_after_exit_handlers_and_output_without_python_shutdown(
    tmp_path,
):
    """`drafter` (drafter.__main__.run) skips Python's closing collections and teardown, a
    sixth of a render: the exit handlers still run, all output arrives and the exit code is
    main()'s."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
        "from drafter.__main__ import run\n"
        "run()\n"
    )
    for args, code in ((["--version"], 0), (["render", str(tmp_path / "none.yaml")], 2)):
        done = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT
        )
        assert done.returncode == code, done.stderr
        assert done.stderr.endswith("handler ran\n")
        assert ("drafter, version" in done.stdout) == (code == 0)
