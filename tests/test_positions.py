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
    assert position.text == "Social value should carry real weight\nwhen care is commissioned."
    assert position.version == 3
    assert [e.id for e in library.entries()] == ["social-value"]


def test_a_cached_position_is_the_same_as_a_fresh_one(tmp_path):
    folder = position_layer(tmp_path)
    fresh = load_library([folder], use_cache=False).positions["social-value"]
    load_library([folder])  # writes the cache
    assert load_library([folder]).positions["social-value"] == fresh


def test_a_position_says_approved_by_not_vetted_by(tmp_path):
    text = APPROVED.replace("approved_by:", "vetted_by:")
    report = validate([position_layer(tmp_path, text)], examples=False)
    assert [p.message for p in report.errors][0].startswith("vetted_by: unknown field (allowed:")
    assert "approved_by" in report.errors[0].message


def test_a_vetted_position_needs_no_source():
    report = validate([EXAMPLES], examples=False)
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
    assert not validate([position_layer(tmp_path, text)], examples=False).errors


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

    report = validate([bundled("snippets"), position_layer(tmp_path, text)], examples=False)
    assert [p.message for p in report.errors] == [message]
    assert report.errors[0].line == 5


def test_only_a_retired_entry_has_a_successor(tmp_path):
    text = APPROVED.replace("status: vetted", "status: vetted\nsuccessor: other")
    report = validate([position_layer(tmp_path, text)], examples=False)
    assert [p.message for p in report.errors] == ["successor: only a retired entry has a successor"]


def test_a_retired_position_names_its_successor(tmp_path):
    newer = APPROVED.replace("id: social-value", "id: social-value-2026")
    retired = APPROVED.replace("status: vetted", "status: retired\nsuccessor: social-value-2026")
    folder = layer(
        tmp_path,
        "ours",
        {"positions/old.yaml": retired, "positions/new.yaml": newer},
    )
    report = validate([folder], examples=False)
    assert not report.errors
    assert report.library.positions["social-value"].successor == "social-value-2026"
