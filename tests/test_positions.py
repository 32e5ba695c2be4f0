"""Positions: the organisation's own approved stance, an entry kind beside concepts and
passages. Loaded, cached and validated like the others; an approver instead of sources."""

from __future__ import annotations

import pytest

from drafter.library import load_library
from drafter.library.schema import Position
from drafter.library.validate import validate
from tests.conftest import ROOT
from tests.library_helpers import layer, run

EXAMPLES = ROOT / "examples" / "library-positions"

APPROVED = """\
id: social-value
kind: position
version: 3
status: vetted
approved_by: Policy committee
approved_on: 2026-11-20
review_by: 2027-11-20
title: Social value in procurement
topics: [social value, procurement]
written_for: ["sample-social-care, question 1"]
text: |
  Social value should carry real weight
  when care is commissioned.
"""


def position_layer(tmp_path, text: str = APPROVED, name: str = "social-value"):
    return layer(tmp_path, "ours", {f"positions/{name}.yaml": text})


def test_a_position_loads_with_its_approver_and_keywords(tmp_path):
    library = load_library([position_layer(tmp_path)], use_cache=False)
    position = library.positions["social-value"]
    assert isinstance(position, Position)
    assert library.get("social-value") is position
    assert position.approved_by == "Policy committee"
    assert position.approved_on.isoformat() == "2026-11-20"
    assert position.topics == ("social value", "procurement")
    # YAML's wrapped line is not a line break (as in a concept's definition)
    assert position.text == "Social value should carry real weight when care is commissioned."
    assert position.version == 3
    assert [e.id for e in library.entries()] == ["social-value"]


def test_a_cached_position_is_the_same_as_a_fresh_one(tmp_path):
    folder = position_layer(tmp_path)
    fresh = load_library([folder], use_cache=False).positions["social-value"]
    load_library([folder])  # writes the cache
    assert load_library([folder]).positions["social-value"] == fresh


def test_a_position_says_approved_by_not_vetted_by(tmp_path):
    text = APPROVED.replace("approved_by:", "vetted_by:")
    report = validate([position_layer(tmp_path, text)])
    assert [p.message for p in report.errors][0].startswith("vetted_by: unknown field (allowed:")
    assert "approved_by" in report.errors[0].message


def test_a_vetted_position_needs_no_source():
    report = validate([EXAMPLES])
    assert not report.errors
    assert set(report.library.positions) == {
        "section-16-reporting",
        "co-production-not-consultation",
    }


def test_a_vetted_position_without_an_approver_is_refused_with_its_line(tmp_path, capsys):
    folder = position_layer(tmp_path, APPROVED.replace("approved_by: Policy committee\n", ""))
    code, out, err = run(capsys, "snippets", "validate", "--library", str(folder), "-q")
    assert code == 2
    lines = err.splitlines()
    assert lines[0].endswith(
        "positions/social-value.yaml:4: error: a vetted position needs approved_by (who "
        "approved it for the organisation, when, and when it must be reviewed)"
    )
    assert "Traceback" not in err


def test_a_draft_position_needs_no_approver_yet(tmp_path):
    text = APPROVED.replace("status: vetted", "status: draft")
    for key in ("approved_by: Policy committee\n", "approved_on: 2026-11-20\n"):
        text = text.replace(key, "")
    assert not validate([position_layer(tmp_path, text)]).errors


@pytest.mark.parametrize(
    ("successor", "message"),
    [
        ("nowhere", "successor: unknown position id 'nowhere'"),
        ("co-operative", "successor: 'co-operative' is a concept, not a position"),
    ],
)
def test_a_successor_must_be_an_entry_of_the_same_kind(tmp_path, successor, message):
    text = APPROVED.replace("status: vetted", f"status: retired\nsuccessor: {successor}")
    from drafter.resources import bundled

    report = validate([bundled("snippets"), position_layer(tmp_path, text)])
    assert [p.message for p in report.errors] == [message]
    assert report.errors[0].line == 5


def test_only_a_retired_entry_has_a_successor(tmp_path):
    text = APPROVED.replace("status: vetted", "status: vetted\nsuccessor: other")
    report = validate([position_layer(tmp_path, text)])
    assert [p.message for p in report.errors] == ["successor: only a retired entry has a successor"]


def test_a_retired_position_names_its_successor(tmp_path):
    newer = APPROVED.replace("id: social-value", "id: social-value-2026")
    retired = APPROVED.replace("status: vetted", "status: retired\nsuccessor: social-value-2026")
    folder = layer(
        tmp_path,
        "ours",
        {"positions/old.yaml": retired, "positions/new.yaml": newer},
    )
    report = validate([folder])
    assert not report.errors
    assert report.library.positions["social-value"].successor == "social-value-2026"


# --- list, show, search, due, new ----------------------------------------------------------


def test_list_show_and_search_find_positions_by_kind_title_and_topic(tmp_path):
    import json

    from tests.conftest import run_drafter

    folder = str(position_layer(tmp_path))
    listed = run_drafter(
        "snippets", "list", "--kind", "position", "--library", folder, "--format", "json"
    )
    assert [(r["id"], r["label"], r["approved_by"]) for r in json.loads(listed.stdout)] == [
        ("social-value", "Social value in procurement", "Policy committee")
    ]
    shown = run_drafter(
        "snippets", "show", "social-value", "--library", folder, "--format", "markdown"
    )
    assert "# Social value in procurement" in shown.stdout
    assert "position · **vetted** · version 3 · approved by Policy committee" in shown.stdout
    assert "Topics: social value, procurement" in shown.stdout
    assert "Written for: sample-social-care, question 1" in shown.stdout
    found = run_drafter(
        "snippets", "search", "procurement", "--library", folder, "--format", "json"
    )
    assert json.loads(found.stdout) == [
        {
            "id": "social-value",
            "kind": "position",
            "label": "Social value in procurement",
            "matched": "name",
        }
    ]
    by_text = run_drafter(
        "snippets", "search", "commissioned", "--library", folder, "--format", "json"
    )
    assert [r["matched"] for r in json.loads(by_text.stdout)] == ["text"]


def test_a_position_past_its_review_date_is_due(tmp_path):
    from tests.conftest import run_drafter

    folder = str(position_layer(tmp_path))
    due = run_drafter(
        "snippets", "due", "--library", folder, "--today", "2027-12-01", "--format", "json"
    )
    assert due.returncode == 1
    assert "social-value" in [r["id"] for r in __import__("json").loads(due.stdout)]


def test_new_writes_a_position_from_flags_that_loads_back(tmp_path):
    from tests.conftest import run_drafter

    result = run_drafter(
        "snippets", "new", "--dir", str(tmp_path), "--kind", "position", "--id", "social-value",
        "--title", "Social value in procurement", "--text", "Social value should count.",
        "--topic", "social value", "--topic", "procurement", "--written-for", "question 1",
        "--status", "vetted", "--approved-by", "Policy committee", "--approved-on", "2026-11-20",
        "--no-interactive",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "positions" / "social-value.yaml").read_text(encoding="utf-8")
    assert "approved_by: Policy committee\napproved_on: 2026-11-20\nreview_by: 2027-11-20\n" in text
    position = load_library([tmp_path], use_cache=False).positions["social-value"]
    assert position.topics == ("social value", "procurement")
    assert position.written_for == ("question 1",)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--status", "vetted"), "a vetted entry needs --approved-by"),
        (("--vetted-by", "Someone"), "a position is approved, not vetted: use --approved-by"),
    ],
)
def test_new_refuses_a_position_without_its_approver(tmp_path, flags, message):
    from tests.conftest import run_drafter

    result = run_drafter(
        "snippets", "new", "--dir", str(tmp_path), "--kind", "position", "--id", "x",
        "--title", "T", "--text", "Some text.", "--no-interactive", *flags,
    )  # fmt: skip
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "positions").exists()


def test_the_new_form_asks_for_a_position_and_its_approver():
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from drafter.library.form import ask_fields
    from drafter.library.newentry import build_entry

    enter, down, finish = "\r", "\x1b[B", "\x1b\r"
    keys = (
        down * 3 + enter  # kind: position
        + "social-value" + enter + "Social value in procurement" + enter
        + "social value" + enter + enter  # one topic
        + "Social value should count." + finish
        + "sample-social-care, question 1" + enter + enter
        + enter  # no source: vetted is still open to a position
        + down + enter  # vetted
        + enter + "Policy committee" + enter  # a blank approver is refused first
    )  # fmt: skip
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            fields = ask_fields({"kind": None, "entry_id": None})
    entry = build_entry(fields)
    assert (entry.kind, entry.status, entry.approved_by) == (
        "position",
        "vetted",
        "Policy committee",
    )
    assert entry.topics == ("social value",) and entry.text == "Social value should count."


# --- exchange ------------------------------------------------------------------------------


def test_positions_export_to_csv_and_import_back_the_same(tmp_path):
    from tests.conftest import run_drafter

    folder = str(position_layer(tmp_path))
    sheet = tmp_path / "positions.csv"
    exported = run_drafter(
        "snippets", "export", "--kind", "position", "--format", "csv", "-o", str(sheet),
        "--library", folder,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert "exporting vetted positions only" in exported.stderr
    header = sheet.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,status,version,title,text,approved_by,approved_on")
    into = tmp_path / "again"
    imported = run_drafter("snippets", "import", str(sheet), "--into", str(into))
    assert imported.returncode == 0, imported.stderr
    assert (
        load_library([into], use_cache=False).positions
        == load_library([folder], use_cache=False).positions
    )


def test_positions_export_as_markdown_and_word_but_not_tbx(tmp_path):
    import docx

    from tests.conftest import run_drafter

    folder = str(position_layer(tmp_path))
    md = run_drafter(
        "snippets", "export", "--kind", "position", "--format", "md", "--library", folder
    )
    assert "## Social value in procurement\n\nSocial value should carry real weight" in md.stdout
    assert "*vetted, version 3; approved by Policy committee on 2026-11-20" in md.stdout
    out = tmp_path / "positions.docx"
    word = run_drafter(
        "snippets", "export", "--kind", "position", "--format", "docx", "-o", str(out),
        "--library", folder,
    )  # fmt: skip
    assert word.returncode == 0, word.stderr
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Social value in procurement" in paragraphs
    tbx = run_drafter("snippets", "export", "--kind", "position", "--format", "tbx")
    assert tbx.returncode == 2
    assert "TBX holds terminology: export positions as csv, md or docx" in tbx.stderr


def test_a_positions_wrapped_lines_are_not_line_breaks_in_its_csv_row(tmp_path):
    import csv

    from tests.conftest import run_drafter

    ours = tmp_path / "ours"
    example = ROOT / "examples" / "answers-example.yaml"
    harvested = run_drafter("snippets", "harvest", str(example), "--library", str(ours))
    assert harvested.returncode == 0, harvested.stderr
    sheet = tmp_path / "positions.csv"
    exported = run_drafter(
        "snippets", "export", "--kind", "position", "--format", "csv", "--status", "all",
        "-o", str(sheet), "--library", str(ours),
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    rows = {r["id"]: r for r in csv.DictReader(sheet.open(encoding="utf-8"))}
    text = rows["local-authorities-weight-social-value"]["text"]
    assert "hard for a worker co-operative" in text  # the file's wrapped line, joined
    assert "what it adds.\n\nCommissioners" in text  # paragraphs kept
    barriers = rows["barriers-prevent-smaller-providers"]["text"]
    assert "often are:\n\n- contracts" in barriers and "provider;\n- tender" in barriers
