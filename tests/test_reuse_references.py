"""Answers that quote vetted library text: the format, the render, `drafter check` and
`drafter snippets impact`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

from drafter.answers import Answer, Part, Pin, dump_answers, load_answers, reference
from drafter.library import load_library, resolve_library_dirs
from tests.conftest import run_drafter
from tests.library_helpers import layer, snapshot
from tests.render_helpers import EXAMPLE_ANSWERS, write_answers

S16 = "section-16-duty"
MUTUALS = "co-operatives-and-mutuals"


def bundled_text(entry_id: str) -> str:
    return load_library(resolve_library_dirs()).passages[entry_id].text


def changed_layer(tmp_path: Path, *, version: int = 2, status: str = "vetted") -> Path:
    """An organisation layer whose co-operatives-and-mutuals passage has a new version."""
    new_text = bundled_text(MUTUALS).replace("one kind of mutual", "one distinct kind of mutual")
    indented = "\n".join("  " + line for line in new_text.splitlines())
    return layer(tmp_path, "ours", {
        "passages/mutuals.yaml": (
            f"id: {MUTUALS}\nkind: passage\nversion: {version}\nstatus: {status}\n"
            "vetted_by: Test Editor\nvetted_on: 2026-11-30\nreview_by: 2027-11-30\n"
            "title: Co-operatives and other mutuals\n"
            f"text: |\n{indented}\n"
            "uses: [co-operative, mutual, building-society]\n"
        ),
    })  # fmt: skip


def quoting(path: Path, *parts: Part | str, define=()) -> Path:
    answer = Answer(stance="Agree", define=list(define))
    answer.set_parts([Part(text=p) if isinstance(p, str) else p for p in parts])
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_answers(path, {"1": answer})


def pinned(kind_id: str, version: int = 1) -> Part:
    return reference(Pin(passage=kind_id, version=version), bundled_text(kind_id))


def docx_paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def library_stamp(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("docProps/custom.xml").decode()


# -- the format -------------------------------------------------------------------------------


def test_an_answers_file_without_references_loads_and_saves_as_before(tmp_path):
    answers = load_answers(EXAMPLE_ANSWERS)
    assert all(isinstance(a.response, str) for a in answers.answers.values())
    text = dump_answers(answers)
    assert "definitions:" not in text and "passage:" not in text
    copy = tmp_path / "copy.yaml"
    copy.write_text(text)
    assert load_answers(copy) == answers


def test_a_response_mixes_typed_text_references_and_adapted_text(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        EXAMPLE_ANSWERS.read_text().split("answers:")[0]
        + "answers:\n  '1':\n    stance: Agree\n    response:\n"
        "      - We agree.\n"
        f"      - {{passage: {S16}}}\n"
        "      - text: Our own words now.\n"
        f"        adapted_from: {{passage: {MUTUALS}, version: 1}}\n"
    )
    answer = load_answers(path).answers["1"]
    kinds = [(p.is_reference, p.adapted_from) for p in answer.parts()]
    assert kinds == [(False, None), (True, None), (False, Pin(passage=MUTUALS, version=1))]
    assert answer.references()[0].pin == Pin(passage=S16)
    assert answer.typed == "We agree.\n\nOur own words now."
    assert answer.parts()[2].adapted_from.label == f"passage {MUTUALS} v1"
    saved = dump_answers(load_answers(path))
    assert "adapted_from:" in saved and "position:" not in saved  # a part says what it is


def test_a_part_naming_two_texts_is_refused_with_its_line(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        EXAMPLE_ANSWERS.read_text().split("answers:")[0]
        + f"answers:\n  '1':\n    response:\n      - {{passage: {S16}, position: x}}\n"
    )
    result = run_drafter("check", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and f"{path}:" in result.stderr


# -- render -----------------------------------------------------------------------------------


def test_a_quoted_passage_renders_once_as_vetted_text_with_its_terms_and_version(tmp_path):
    answers = quoting(tmp_path / "a.yaml", "We agree.", pinned(MUTUALS), define=["co-operative"])
    out = tmp_path / "r.docx"
    result = run_drafter("render", str(answers), "-o", str(out))
    assert result.returncode == 0, result.stderr
    paragraphs = docx_paragraphs(out)
    first = " ".join(bundled_text(MUTUALS).split()[:8])
    assert sum(first in p for p in paragraphs) == 1  # exactly once, and whole
    assert "We agree." in paragraphs
    glossary = paragraphs[paragraphs.index("Terms used in this response") :]
    for term in ("mutual", "building society"):
        assert any(p.lower().startswith(term) for p in glossary), term
    assert f"{MUTUALS}=1" in library_stamp(out)
    assert "warning" not in result.stderr


def test_vetted_markdown_is_not_escaped_as_user_text(tmp_path):
    answers = quoting(tmp_path / "a.yaml", pinned(S16), "*typed stars*")
    out = tmp_path / "r.md"
    assert run_drafter("render", str(answers), "-o", str(out)).returncode == 0
    markdown = out.read_text()
    assert "*This is a paraphrase" in markdown  # the library's emphasis, as written
    assert "\\*typed stars\\*" in markdown  # the respondent's, escaped as ever


def test_a_newer_library_version_renders_the_pinned_copy_and_warns(tmp_path):
    ours = changed_layer(tmp_path)
    answers = quoting(tmp_path / "a.yaml", pinned(MUTUALS))
    out = tmp_path / "r.docx"
    result = run_drafter("render", str(answers), "-o", str(out), "--library", str(ours))
    assert result.returncode == 0, result.stderr
    text = "\n".join(docx_paragraphs(out))
    assert "one kind of mutual" in text and "one distinct kind" not in text
    assert f"the library has passage '{MUTUALS}' v2" in result.stderr
    assert f"{MUTUALS}=1" in library_stamp(out)


def test_a_retired_passage_still_renders_with_a_warning(tmp_path):
    ours = changed_layer(tmp_path, status="retired")
    answers = quoting(tmp_path / "a.yaml", pinned(MUTUALS))
    result = run_drafter(
        "render", str(answers), "-o", str(tmp_path / "r.md"), "--library", str(ours)
    )
    assert result.returncode == 0, result.stderr
    assert f"passage '{MUTUALS}' is retired" in result.stderr


def test_an_unknown_or_wrong_kind_reference_is_one_line_exit_2_nothing_written(tmp_path):
    for wrong, says in [
        (
            Pin(passage="no-such-text"),
            "unknown passage 'no-such-text' (not in the library; "
            "was it quoted from a --library DIR?)",
        ),
        (Pin(passage="co-operative"), "'co-operative' is a concept in the library, not a passage"),
    ]:
        answers = quoting(tmp_path / "a.yaml", "We agree.", reference(wrong, "text"))
        out = tmp_path / "r.docx"
        result = run_drafter("render", str(answers), "-o", str(out))
        assert result.returncode == 2
        line = next(n for n, t in enumerate(answers.read_text().splitlines(), 1) if "passage:" in t)
        assert result.stderr == f"drafter: error: {answers}:{line}: question 1: {says}\n"
        assert not out.exists()


# -- check and impact ---------------------------------------------------------------------------


def test_check_reports_exactly_the_changed_answers_and_update_moves_their_pins(tmp_path):
    ours = changed_layer(tmp_path)
    folder = tmp_path / "answers"
    affected = quoting(folder / "affected.yaml", "Intro.", pinned(MUTUALS))
    other = quoting(folder / "other.yaml", pinned(S16))
    plain = write_answers(folder / "plain.yaml", {"1": Answer(response="Nothing quoted.")})
    files = [str(affected), str(other), str(plain)]

    result = run_drafter("check", *files, "--library", str(ours))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (f"{affected}: question 1: passage {MUTUALS} v1 -> v2")
    assert "one {+distinct+} kind" in result.stdout
    assert str(other) not in result.stdout and str(plain) not in result.stdout
    unchanged = snapshot(folder)

    assert run_drafter("check", *files, "--library", str(ours)).returncode == 1
    assert snapshot(folder) == unchanged  # without --update nothing is written

    updated = run_drafter("check", *files, "--library", str(ours), "--update")
    assert updated.returncode == 0, updated.stderr
    part = load_answers(affected).answers["1"].references()[0]
    assert part.version == 2 and "one distinct kind" in part.text
    assert load_answers(affected).answers["1"].typed == "Intro."
    clean = run_drafter("check", *files, "--library", str(ours))
    assert clean.returncode == 0
    assert clean.stdout == (
        "No vetted text has changed since it was answered (3 answers files checked).\n"
    )


def test_check_update_does_not_say_nothing_changed_after_showing_a_change(tmp_path):
    ours = changed_layer(tmp_path)
    affected = quoting(tmp_path / "affected.yaml", pinned(MUTUALS))

    updated = run_drafter("check", str(affected), "--library", str(ours), "--update")
    assert updated.returncode == 0, updated.stderr
    assert "No vetted text has changed" not in updated.stdout
    assert updated.stdout.splitlines()[-1] == (
        "Every pin now matches the library's current version (1 answers file checked)."
    )


def test_check_shows_a_changed_glossary_definition(tmp_path):
    from tests.library_helpers import concept

    answers = write_answers(tmp_path / "a.yaml", {"1": Answer(response="Hi.", define=["mutual"])})
    data = load_answers(answers)
    assert run_drafter("check", str(answers), "--update").returncode == 0  # pins the definition
    data = load_answers(answers)
    assert data.definitions["mutual"].version == load_library().concepts["mutual"].version
    ours = layer(tmp_path, "ours", {"mutual.yaml": concept("mutual", "mutual").replace(
        "version: 1", "version: 9")})  # fmt: skip
    result = run_drafter("check", str(answers), "--library", str(ours))
    assert result.returncode == 1
    assert "glossary definition of mutual" in result.stdout and "-> v9" in result.stdout
    assert "{+Definition+} of mutual [-but not every mutual is a co-operative-]." in result.stdout


def test_check_bad_input_is_one_line_exit_2(tmp_path):
    not_answers = tmp_path / "x.yaml"
    not_answers.write_text("- a list\n")
    unknown = quoting(tmp_path / "u.yaml", reference(Pin(passage="gone"), "t"))
    for path in (not_answers, unknown, tmp_path / "missing.yaml"):
        result = run_drafter("check", str(path))
        assert result.returncode == 2, path
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr


def test_impact_lists_the_files_and_questions_that_use_an_entry(tmp_path):
    folder = tmp_path / "answers"
    quoting(folder / "a.yaml", pinned(MUTUALS))
    adapted = Part(text="Ours.", adapted_from=Pin(passage=MUTUALS, version=1))
    quoting(folder / "sub" / "b.yaml", adapted, define=["mutual"])
    quoting(folder / "c.yaml", pinned(S16))
    (folder / "notes.yaml").write_text("just: notes\n")

    result = run_drafter("snippets", "impact", MUTUALS, "--answers", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{folder / 'a.yaml'}: question 1: quotes passage v1",
        f"{folder / 'sub' / 'b.yaml'}: question 1: adapted from passage {MUTUALS} v1",
    ]
    mutual = run_drafter("snippets", "impact", "mutual", "--answers", str(folder))
    assert "asks for its glossary definition" in mutual.stdout
    unknown = run_drafter("snippets", "impact", "nothing-here", "--answers", str(folder))
    assert unknown.returncode == 2 and "unknown library entry 'nothing-here'" in unknown.stderr


def test_check_and_impact_help():
    check = run_drafter("check", "--help")
    assert check.returncode == 0
    for text in ("ANSWERS.yaml...", "--update", "--library", "Exit status", "Examples:"):
        assert text in check.stdout, text
    impact = run_drafter("snippets", "impact", "--help")
    assert impact.returncode == 0 and "--answers DIR" in impact.stdout


# -- positions (the organisation's own approved stances) ------------------------------------

POSITIONS = Path(__file__).resolve().parents[1] / "examples" / "library-positions"
REPORTING = "section-16-reporting"


def position_layer(tmp_path: Path, **fields: str) -> Path:
    """A layer over the example positions changing section-16-reporting's fields."""
    text = (POSITIONS / "positions" / f"{REPORTING}.yaml").read_text()
    for name, value in fields.items():
        text = "\n".join(
            f"{name}: {value}" if line.startswith(f"{name}:") else line
            for line in text.splitlines()
        )
        if f"\n{name}:" not in text:
            text += f"\n{name}: {value}\n"
    return layer(tmp_path, "newer", {f"{REPORTING}.yaml": text})


def position_text() -> str:
    return load_library([*resolve_library_dirs(), POSITIONS]).positions[REPORTING].text


def quoting_position(path: Path, version: int = 1) -> Path:
    return quoting(path, reference(Pin(position=REPORTING, version=version), position_text()))


def test_a_changed_position_in_a_layered_library_is_reported_then_updated(tmp_path):
    affected = quoting_position(tmp_path / "affected.yaml")
    other = quoting(tmp_path / "other.yaml", pinned(S16))
    newer = position_layer(tmp_path, version="2")
    (newer / f"{REPORTING}.yaml").write_text(
        (newer / f"{REPORTING}.yaml").read_text().replace("reported on", "reported on each year")
    )
    layers = ["--library", str(POSITIONS), "--library", str(newer)]
    result = run_drafter("check", str(affected), str(other), *layers)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{affected}: question 1: position {REPORTING} v1 -> v2"
    )
    assert "{+each year+}" in result.stdout and str(other) not in result.stdout
    assert run_drafter("check", str(affected), str(other), *layers, "--update").returncode == 0
    assert load_answers(affected).answers["1"].references()[0].version == 2
    assert run_drafter("check", str(affected), str(other), *layers).returncode == 0


def test_a_retired_position_warns_naming_its_successor(tmp_path):
    answers = quoting_position(tmp_path / "a.yaml")
    retired = position_layer(tmp_path, status="retired", successor="co-production-not-consultation")
    out = tmp_path / "r.md"
    layers = ["--library", str(POSITIONS), "--library", str(retired)]
    result = run_drafter("render", str(answers), "-o", str(out), *layers)
    assert result.returncode == 0, result.stderr
    assert (
        f"position '{REPORTING}' is retired; its successor is 'co-production-not-consultation'"
        in result.stderr
    )
    assert "We would like to see that duty reported on" in out.read_text()
    check = run_drafter("check", str(answers), *layers)
    assert check.returncode == 1 and "use 'co-production-not-consultation' instead" in check.stdout


def test_a_position_named_as_a_passage_is_the_wrong_kind(tmp_path):
    answers = quoting(tmp_path / "a.yaml", reference(Pin(passage=REPORTING, version=1), "t"))
    result = run_drafter("render", str(answers), "-o", str(tmp_path / "r.md"),
                         "--library", str(POSITIONS))  # fmt: skip
    assert result.returncode == 2
    assert f"'{REPORTING}' is a position in the library, not a passage" in result.stderr
    assert not (tmp_path / "r.md").exists()


def test_harvest_proposes_only_the_respondents_own_words(tmp_path):
    own = "Our own view: commissioners should weigh social value in every care tender they let."
    answers = quoting(tmp_path / "a.yaml", own, pinned(MUTUALS))
    ours = layer(tmp_path, "ours", {})
    result = run_drafter("snippets", "harvest", str(answers), "--library", str(ours))
    assert result.returncode == 0, result.stderr
    [proposed] = list(ours.rglob("*.yaml"))
    text = proposed.read_text()
    assert "Our own view" in text and "one kind of mutual" not in text


def test_a_pinned_copy_may_not_link_where_the_library_may_not(tmp_path):
    ours = changed_layer(tmp_path)  # the library has moved on: the copy is what prints
    hostile = reference(Pin(passage=MUTUALS, version=1), "Vetted? [click](javascript:alert(1))")
    answers = quoting(tmp_path / "a.yaml", hostile)
    out = tmp_path / "r.docx"
    result = run_drafter("render", str(answers), "-o", str(out), "--library", str(ours))
    assert result.returncode == 2
    assert f"the copy of passage {MUTUALS} v1 links only to http" in result.stderr
    assert result.stderr.count("\n") == 1 and not out.exists()


def test_the_portal_text_shows_vetted_text_without_its_markup(tmp_path):
    answers = quoting(tmp_path / "a.yaml", pinned(S16), "*typed*")
    out = tmp_path / "r.txt"
    assert run_drafter("render", str(answers), "-o", str(out)).returncode == 0
    text = out.read_text()
    assert "This is a paraphrase" in text and "*This is a paraphrase" not in text
    assert "*typed*" in text  # the respondent's characters, exactly as typed
