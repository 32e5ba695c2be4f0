"""Compose: sandboxed templates, user text as data, the glossary of exactly the terms used."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.answers import Answer
from drafter.compose import escape_markdown, user_blocks
from drafter.compose.markdown import parse, plain_text
from drafter.consultation import Consultation
from drafter.errors import TemplateError
from drafter.model import replace
from tests.render_helpers import (
    compose_answers,
    compose_example,
    make_answers,
    sample_consultation,
    templates_with,
)


def visible(markdown: str) -> str:
    return plain_text(parse(markdown))


@pytest.mark.parametrize(
    "typed",
    [
        "{{ 7*7 }}",
        "# Heading",
        "[link](http://x)",
        "<b>bold</b>",
        "| a | b |\n| --- | --- |\n| c | d |",
        "**not bold** and _not italic_",
        "`code` and ![img](x.png)",
        "&amp; &#169;",
        "2014. A year to remember",
        "Title\n=====",
        "---",
        "> not a quote",
        "    not code",
        "```\nnot a fence\n```",
        "<http://autolink.example>",
    ],
)
def test_user_text_appears_literally_and_makes_no_structure(typed):
    markdown = user_blocks(typed)
    tokens = parse(markdown)
    structural = {t.type for t in tokens} - {"paragraph_open", "paragraph_close", "inline"}
    assert structural == set(), (typed, markdown)
    inline = {c.type for t in tokens if t.type == "inline" for c in t.children}
    assert inline <= {"text", "softbreak"}, (typed, markdown)
    expected = " ".join(line.strip() for line in typed.split("\n"))
    assert " ".join(visible(markdown).split()) == " ".join(expected.split())


def test_escape_markdown_is_the_identity_on_plain_prose():
    prose = "A worker co-operative is owned by its workers (see s.16)."
    assert escape_markdown(prose) == prose


def test_paragraphs_and_deliberate_lists_are_kept():
    markdown = user_blocks("First para.\n\n- one\n- two\n\n1. a\n2. b\n\nLast para.")
    types = [t.type for t in parse(markdown)]
    assert types.count("paragraph_open") == 6  # 2 paragraphs + 4 list items
    assert "bullet_list_open" in types and "ordered_list_open" in types
    # a single numbered line is not a list, nor are numbers that do not count from 1
    for accidental in ("1. alone", "3. three\n4. four"):
        assert "ordered_list_open" not in [t.type for t in parse(user_blocks(accidental))]


def test_example_document_has_every_question_with_number_and_wording():
    composed = compose_example()
    consultation: Consultation = sample_consultation()
    for question in consultation.questions:
        assert f"### Question {question.number}\n" in composed.markdown
        assert " ".join(question.text.split()) in composed.text
    assert "No response." in composed.markdown  # question 11
    assert "Answer: Strongly agree" in composed.text
    assert "## Key points" in composed.markdown


def test_glossary_is_exactly_the_terms_used_plus_those_asked_for():
    answers = make_answers(
        {
            "1": Answer(stance="Agree", response="We are a worker co-operative."),
            "9": Answer(response="It worked.", define=["co-production"]),
        }
    )
    composed = compose_answers(answers)
    glossary = composed.markdown.split("## Terms used in this response", 1)[1]
    # used in the text (question wording or answers), asked for, or used by a definition
    for concept in ("worker-co-operative", "co-operative", "social-enterprise", "co-production"):
        assert concept in composed.concepts
    # a vetted term nobody used is absent, and so is a draft entry
    assert "credit-union" not in composed.concepts
    assert "credit union" not in glossary
    assert "community-benefit-society" not in composed.concepts
    assert composed.library_versions["worker-co-operative"] == 3
    assert set(composed.library_versions) == set(composed.concepts)


def test_a_draft_entry_used_in_the_text_is_warned_about_not_defined():
    answers = make_answers({"4": Answer(response="A community benefit society may help.")})
    composed = compose_answers(answers)
    assert "community-benefit-society" not in composed.concepts
    assert any("community benefit society" in w and "draft" in w for w in composed.warnings)


def test_only_verified_welsh_terms_are_printed():
    composed = compose_example()
    assert "(Welsh: *menter gymdeithasol*)" in composed.markdown  # legislation
    assert "(Welsh: *cydgynhyrchu*)" in composed.markdown  # official usage
    assert "cwmni cydweithredol" not in composed.markdown  # sector usage / unverified


def test_a_welsh_consultation_warns_about_terms_without_verified_welsh():
    consultation = sample_consultation()
    welsh = replace(consultation, language="cy-GB")
    composed = compose_answers(make_answers(), consultation=welsh)
    assert composed.language == "cy-GB"
    assert any("no verified Welsh term for 'co-operative'" in w for w in composed.warnings)


def test_control_characters_are_removed_with_one_warning_per_question():
    answers = make_answers(
        {"2": Answer(response="bad\x00 \x0bchars\x0c here \ud800", key_point="ok\x07")}
    )
    composed = compose_answers(answers)
    assert "bad chars here" in composed.text
    assert [w for w in composed.warnings if w.startswith("question 2:")] == [
        "question 2: removed 5 control or invalid character(s) from the answer"
    ]


def test_unknown_define_id_is_a_warning_naming_the_question():
    composed = compose_answers(make_answers({"6": Answer(response="x", define=["nope"])}))
    assert any(w.startswith("question 6: define lists 'nope'") for w in composed.warnings)


@pytest.mark.parametrize(
    ("name", "source", "line", "message"),
    [
        (
            "response.md.j2",
            "# Title\n\nLine two\n{{ term('no-such') }}\n",
            4,
            "unknown concept id 'no-such'",
        ),
        ("question.md.j2", "ok\n{% if %}\n", 2, "syntax error"),
        ("respondent.md.j2", "one\ntwo\n{{ nobody.name }}\n", 3, "nobody"),
    ],
    ids=["unknown-snippet-id", "syntax-error", "undefined-variable-in-an-include"],
)
def test_a_template_error_names_the_template_file_and_line(tmp_path, name, source, line, message):
    folder = templates_with(tmp_path, name, source)
    with pytest.raises(TemplateError) as info:
        compose_answers(make_answers(), templates_dir=folder)
    assert (info.value.path.name, info.value.line) == (name, line)
    assert message in str(info.value)


def test_the_sandbox_blocks_python_internals(tmp_path):
    folder = templates_with(
        tmp_path, "response.md.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n"
    )
    with pytest.raises(TemplateError) as info:
        compose_answers(make_answers(), templates_dir=folder)
    assert info.value.line == 1


def test_the_sandbox_is_immutable(tmp_path):
    folder = templates_with(tmp_path, "response.md.j2", "{% set x = [1] %}{{ x.append(2) }}\n")
    with pytest.raises(TemplateError, match="SecurityError"):
        compose_answers(make_answers(), templates_dir=folder)


def test_welsh_letters_and_emoji_survive():
    composed = compose_answers(make_answers({"2": Answer(response="Gŵyl ŷd â 🙂 — iawn")}))
    assert "Gŵyl ŷd â 🙂 — iawn" in composed.text


def test_empty_list_items_are_dropped_and_numbers_stay_consecutive():
    markdown = user_blocks("- \n- real\n\n1. \n2. first\n3. second")
    assert markdown == "- real\n\n1. first\n2. second"


def test_questions_without_sections_sit_under_one_heading():
    consultation = sample_consultation()
    plain = replace(
        consultation, questions=tuple(replace(q, section=None) for q in consultation.questions)
    )
    composed = compose_answers(make_answers(), consultation=plain)
    assert composed.markdown.count("## Responses to the questions\n") == 1
    # respondent, key points, responses, glossary, sources
    assert composed.markdown.count("\n## ") == 5


def test_a_quoted_definition_cites_its_own_source():
    composed = compose_example()
    quote = next(
        line for line in composed.markdown.splitlines() if line.startswith("> “a business")
    )
    number = quote.rsplit("\\[", 1)[1].rstrip("\\]")
    sources = composed.markdown.split("## Sources", 1)[1]
    assert f"\n{number}. “Social Enterprise: a strategy for success”" in sources


def test_compiled_templates_unused_for_a_month_are_pruned_when_one_is_compiled(tmp_path):
    import os

    folder = Path(os.environ["XDG_CACHE_HOME"]) / "drafter" / "templates"
    compose_answers(make_answers())  # compiles (or reuses) the bundled templates
    old = folder / "__jinja2_old.cache"
    old.write_bytes(b"")
    stamp = old.stat().st_mtime - 31 * 86400
    os.utime(old, (stamp, stamp))
    compose_answers(make_answers())  # all cached: nothing compiled, nothing pruned
    assert old.exists()
    changed = templates_with(tmp_path, "response.md.j2", "{{ organisation }}\n")
    compose_answers(make_answers(), templates_dir=changed)  # a new template is compiled
    assert not old.exists()
    assert any(folder.glob("__jinja2_*.cache"))


@pytest.mark.parametrize(
    ("typed", "kind", "items"),
    [
        ("We ask commissioners to:\n- pay on time\n- split large lots", "bullet_list_open", 2),
        ("Our asks:\n* pay on time\n* split large lots\n* publish scores", "bullet_list_open", 3),
        ("In order:\n1. consult\n2. decide", "ordered_list_open", 2),
        ("Two asks:\n(a) pay on time\n(b) split large lots", "bullet_list_open", 2),
    ],
)
def test_a_list_typed_under_a_line_of_text_is_a_paragraph_then_a_list(typed, kind, items):
    tokens = parse(user_blocks(typed))
    types = [t.type for t in tokens]
    assert kind in types
    assert types.count("list_item_open") == items
    lead = typed.split("\n")[0]
    assert tokens[1].type == "inline" and tokens[1].content == lead  # the lead-in, on its own
    if typed.startswith("Two asks"):
        assert "(a) pay on time" in visible(user_blocks(typed))  # the letters are kept


@pytest.mark.parametrize("typed", ["x\n- y\nz", "Text\n1. only one", "Text\n(b) not from a\n(c) c"])
def test_lines_that_do_not_end_a_block_as_a_list_stay_text(typed):
    types = {t.type for t in parse(user_blocks(typed))}
    assert not types & {"bullet_list_open", "ordered_list_open"}


def test_the_txt_output_keeps_a_list_under_its_lead_in_line_by_line():
    from drafter.writer.text import portal_text

    typed = "We ask commissioners to:\n- pay on time\n- split lots"
    assert portal_text(typed) == typed
    assert portal_text("One line\nwrapped.\n\n- a\n- b") == "One line wrapped.\n\n- a\n- b"
