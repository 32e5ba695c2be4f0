"""One registry per extension point, and everything that lists its members held to it: the
severities (drafter.severities), the output formats (drafter.render.FORMATS), the formats lint
reads (drafter.readers.FORMATS) and the rules (drafter.precision.rules.RULES). The question
kinds' registry is held to its users in tests/test_model.py."""

from __future__ import annotations

import json
import re
from typing import get_args

import click

from drafter.cli import COMMANDS, cli
from drafter.severities import MOST_SEVERE_FIRST, SEVERITIES, SEVERITY_RANK, Severity
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "lint-output.schema.json").read_text(encoding="utf-8"))


def _command(*names: str) -> click.Command:
    command: click.Command = cli
    for name in names:
        command = command.get_command(click.Context(command), name)
    return command


def _option(command: click.Command, flag: str) -> click.Option:
    return next(p for p in command.params if isinstance(p, click.Option) and flag in p.opts)


# --- severities -------------------------------------------------------------------------------


def test_the_severity_type_and_ranks_are_the_list():
    assert set(get_args(Severity)) == set(SEVERITIES)
    assert [SEVERITY_RANK[s] for s in SEVERITIES] == list(range(len(SEVERITIES)))
    assert tuple(reversed(SEVERITIES)) == MOST_SEVERE_FIRST


def test_the_precision_engine_and_its_rules_use_the_severities():
    import drafter.precision as precision

    assert precision.SEVERITIES is SEVERITIES
    assert {rule.severity for rule in precision.RULES.values()} <= set(SEVERITIES)


def test_lint_offers_exactly_the_severities():
    lint = _command("lint")
    assert list(_option(lint, "--min-severity").type.choices) == list(SEVERITIES)
    assert list(_option(lint, "--fail-on").type.choices) == [*SEVERITIES, "never"]


def test_lint_reports_and_render_counts_cover_every_severity():
    from drafter.commands.lint_report import SEVERITY_STYLES, FileResult, to_json
    from drafter.render import RenderResult

    assert set(SEVERITY_STYLES) == set(SEVERITIES)
    summary = json.loads(to_json([FileResult(file="a.md", format="md")]))["summary"]
    counted = [key for key in summary if key in SEVERITIES]
    assert counted == list(MOST_SEVERE_FIRST)
    result = RenderResult(out_path=ROOT / "x.docx", fmt="docx", concepts=[], library_versions={})
    assert list(result.counts()) == list(MOST_SEVERE_FIRST)


def test_the_lint_schema_lists_exactly_the_severities():
    summary = SCHEMA["properties"]["summary"]
    assert set(SEVERITIES) <= set(summary["required"])
    counts = set(summary["properties"]) - {"files", "unreadable", "suppressed"}
    assert counts == set(SEVERITIES)
    assert SCHEMA["$defs"]["finding"]["properties"]["severity"]["enum"] == list(MOST_SEVERE_FIRST)


# --- output formats and the formats lint reads -----------------------------------------------


def test_every_help_text_that_lists_the_output_formats_lists_them_all():
    import drafter.commands.render as render_command
    from drafter.render import FORMATS

    suffixes = list(FORMATS.values())
    listed = re.compile(r"\((\.[a-z]+(?:, \.[a-z]+)* or \.[a-z]+)\)")
    texts = {
        "the render summary": COMMANDS["render"][1],
        "draft -o": _option(_command("draft"), "-o").help,
        "render's module": render_command.__doc__,
    }
    for where, text in texts.items():
        [found] = listed.findall(text)
        assert re.findall(r"\.[a-z]+", found) == suffixes, where


def test_the_lint_schema_lists_exactly_the_formats_lint_reads():
    from drafter.readers import FORMATS

    enum = SCHEMA["properties"]["files"]["items"]["properties"]["format"]["enum"]
    assert set(enum) == {*FORMATS.values(), None}


# --- rules ------------------------------------------------------------------------------------


def test_explain_knows_every_rule():
    """docs/precision.md's table and the schema's enum: tests/test_precision.py and
    tests/test_lint_cli.py."""
    from drafter.precision import RULES
    from drafter.precision.explain import explain_rule

    for rule in RULES.values():
        assert explain_rule(rule.id).startswith(f"{rule.id} (default severity: {rule.severity})")


def test_every_summary_counts_unsuppressed_findings_the_same_way():
    from drafter.commands.lint_report import FileResult, Record, to_json
    from drafter.precision import Finding
    from drafter.render import RenderResult

    findings = [
        Finding("conflation", "error", 0, 4, "text", "why"),
        Finding("vague-term", "warning", 5, 9, "text", "why", suppressed=True),
        Finding("informal-term", "suggestion", 10, 14, "text", "why"),
    ]
    expected = {"error": 1, "warning": 0, "suggestion": 1}
    result = RenderResult(out_path=ROOT / "x.docx", fmt="docx", concepts=[], library_versions={})
    result.findings = findings
    assert result.counts() == expected
    records = [Record(f, "a.md", 1, 1, 1, 1, "", {}) for f in findings]
    summary = json.loads(to_json([FileResult("a.md", "md", records)]))["summary"]
    assert {k: summary[k] for k in expected} == expected and summary["suppressed"] == 1
