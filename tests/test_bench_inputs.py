"""The benchmarks' own inputs stay valid: a benchmark whose generated library no longer
validates, or that calls drafter the way it used to, fails here instead of in `make bench`
(both had happened: bench_library's entries lacked fields the schema came to require, and
bench_annotate passed lint records where annotate takes findings)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def test_the_generated_library_validates_without_a_problem(tmp_path):
    from bench_library import generate

    from drafter.library.validate import validate
    from drafter.resources import bundled

    # as the benchmark validates it: a layer over the bundled library, whose concepts it names
    report = validate([bundled("snippets"), generate(tmp_path / "lib", 4)])
    assert [p.format() for p in report.problems] == []


def test_the_annotate_benchmark_anchors_a_comment_on_each_finding(tmp_path):
    from bench_annotate import annotate_once, make_draft

    draft = tmp_path / "draft.docx"
    make_draft(draft, 3)
    _, comments = annotate_once(draft, tmp_path / "annotated.docx")
    # each paragraph: "John Lewis is a co-operative" and "cooperatives"; one note for the file
    assert comments == 2 * 3 + 1
    assert (tmp_path / "annotated.docx").is_file()


def test_the_render_benchmark_answers_render(tmp_path):
    from bench_render import QUESTIONS, generate

    from drafter.render import render_answers

    result = render_answers(generate(tmp_path), tmp_path / "r.md", fmt="md")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.count("### Question ") == QUESTIONS
    assert result.concepts
