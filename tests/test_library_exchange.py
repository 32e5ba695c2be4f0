"""Export and import: TBX-Basic and CSV round trips, glossaries, and files that are not TBX."""

from __future__ import annotations

import csv
import errno
import io
import os

import docx
import pytest
from lxml import etree

from drafter.library import load_library
from drafter.library.tbx import TBX_NS
from drafter.resources import bundled
from tests.library_helpers import concept, layer, run, snapshot, write

NS = {"t": TBX_NS}


@pytest.fixture(scope="module")
def base():
    return load_library([bundled("snippets")], use_cache=False)


def test_tbx_is_tbx_basic_with_one_concept_entry_per_concept(tmp_path, capsys, base):
    out = tmp_path / "terms.tbx"
    code, _, err = run(capsys, "snippets", "export", "--format", "tbx", "-o", str(out))
    assert code == 0, err
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{TBX_NS}}}tbx" and root.get("type") == "TBX-Basic"
    entries = root.findall(".//t:conceptEntry", NS)
    assert sorted(e.get("id") for e in entries) == sorted(base.concepts)
    worker = root.find(".//t:conceptEntry[@id='worker-co-operative']", NS)
    english = worker.find("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='en']", NS)
    assert english.find("t:descripGrp/t:descrip[@type='definition']", NS).text.startswith(
        "A worker co-operative"
    )
    assert english.findall("t:descripGrp/t:admin[@type='source']", NS)
    statuses = {
        sec.findtext("t:term", namespaces=NS): sec.findtext(
            "t:termNote[@type='administrativeStatus']", namespaces=NS
        )
        for sec in root.findall(".//t:conceptEntry[@id='co-operative']/t:langSec/t:termSec", NS)
    }
    assert statuses["co-operative"] == "preferredTerm-admn-sts"
    assert statuses["cooperative"] == "deprecatedTerm-admn-sts"
    registered = root.find(".//t:conceptEntry[@id='registered-society']", NS)
    assert "supersededTerm-admn-sts" in etree.tostring(registered, encoding="unicode")


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_export_then_import_gives_back_the_same_library(tmp_path, capsys, base, fmt):
    exported = tmp_path / f"terms.{fmt}"
    code, _, err = run(capsys, "snippets", "export", "--format", fmt, "-o", str(exported))
    assert code == 0, err
    target = tmp_path / "imported"
    code, out, err = run(capsys, "snippets", "import", str(exported), "--into", str(target))
    assert code == 0, err
    assert f"imported {len(base.concepts)} entries" in out
    assert "warning" not in err  # everything drafter exports, it imports
    again = load_library([target], use_cache=False)
    assert again.concepts == base.concepts


def test_tbx_from_another_tool_imports_as_drafts(tmp_path, capsys):
    tbx = write(
        tmp_path,
        "other.tbx",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
<conceptEntry id="housing-co-operative">
  <descrip type="subjectField">housing</descrip>
  <langSec xml:lang="en">
    <descrip type="definition">A co-operative providing homes to its tenant-members.</descrip>
    <termSec><term>housing co-operative</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
  </langSec>
  <langSec xml:lang="cy"><termSec><term>cwmni tai cydweithredol</term></termSec></langSec>
</conceptEntry></body></text></tbx>""",
    )
    code, _, err = run(capsys, "snippets", "import", str(tbx), "--into", str(tmp_path / "lib"))
    assert code == 0, err
    entry = load_library([tmp_path / "lib"], use_cache=False).concepts["housing-co-operative"]
    assert entry.status == "draft" and entry.subject == "housing"
    assert entry.translations["cy"][0].status == "unverified"  # never presented as verified


@pytest.mark.parametrize(
    "content, message",
    [
        ("<html><body>not a termbase</body></html>", "is not TBX: the root element is <html>"),
        ("this is not XML at all", "is not TBX: not well-formed XML"),
        ("<tbx><text/></tbx>", "is not TBX v3: namespace '(none)'"),
        (f'<tbx xmlns="{TBX_NS}"><text><body/></text></tbx>', "holds no conceptEntry"),
    ],
)
def test_a_file_that_is_not_tbx_is_one_clear_line(tmp_path, capsys, content, message):
    bad = write(tmp_path, "bad.tbx", content)
    target = tmp_path / "lib"
    code, _, err = run(capsys, "snippets", "import", str(bad), "--into", str(target))
    assert code == 2
    assert message in err and "bad.tbx" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not target.exists()


def test_bad_entries_in_a_tbx_are_all_reported_and_nothing_is_written(tmp_path, capsys):
    entry = """<conceptEntry id="{id}"><langSec xml:lang="en">
      <descrip type="definition">{definition}</descrip>
      <termSec><term>{term}</term></termSec></langSec></conceptEntry>"""
    body = entry.format(id="good-one", definition="Fine.", term="good term")
    body += entry.format(id="Bad Id", definition="Fine.", term="bad id term")
    body += entry.format(id="no-def", definition="", term="x term")
    tbx = write(
        tmp_path, "mixed.tbx", f'<tbx xmlns="{TBX_NS}"><text><body>{body}</body></text></tbx>'
    )
    target = tmp_path / "lib"
    target.mkdir()
    code, _, err = run(capsys, "snippets", "import", str(tbx), "--into", str(target))
    assert code == 2
    assert "conceptEntry 'Bad Id'" in err and "conceptEntry 'no-def'" in err
    assert snapshot(target) == {}


FOREIGN = f"""<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
<conceptEntry id="housing-co-operative">
  <descrip type="subjectField">housing</descrip>
  <transacGrp><transac type="transactionType">origination</transac>
    <date>2026-11-26</date></transacGrp>
  <langSec xml:lang="en">
    <descrip type="definition">A co-operative providing homes to its tenant-members.</descrip>
    <termSec><term>housing co-operative</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <termNote type="partOfSpeech">noun</termNote></termSec>
  </langSec>
</conceptEntry></body></text></tbx>"""


@pytest.mark.parametrize(
    "old, new, line, message",
    [
        (
            "subjectField",
            "colourField",
            4,
            "<descrip type='colourField'> is not a TBX-Basic data category "
            "(known: subjectField, definition, context)",
        ),
        (
            "preferredTerm-admn-sts",
            "favouriteTerm-admn-sts",
            10,
            "unknown administrativeStatus 'favouriteTerm-admn-sts' (known: "
            "preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, "
            "supersededTerm-admn-sts)",
        ),
        ("2026-11-26", "soon", 6, "<date> 'soon' is not a date (use YYYY-MM-DD)"),
        ("2026-11-26", "2026-13-01", 6, "<date> '2026-13-01' is not a date"),
        ("origination", "deletion", 5, "unknown transactionType 'deletion'"),
    ],
)
def test_tbx_data_drafter_cannot_read_is_an_error_at_its_line(
    tmp_path, capsys, old, new, line, message
):
    bad = write(tmp_path, "bad.tbx", FOREIGN.replace(old, new))
    target = tmp_path / "lib"
    code, _, err = run(capsys, "snippets", "import", str(bad), "--into", str(target))
    assert code == 2
    assert err.startswith(f"drafter: error: {bad}:{line}: conceptEntry 'housing-co-operative': ")
    assert message in err and len(err.splitlines()) == 1
    assert not target.exists()


def test_every_bad_value_in_a_tbx_is_reported_in_one_run(tmp_path, capsys):
    text = FOREIGN.replace("subjectField", "colourField").replace("2026-11-26", "soon")
    bad = write(tmp_path, "bad.tbx", text.replace("preferredTerm", "favouriteTerm"))
    code, _, err = run(capsys, "snippets", "import", str(bad), "--into", str(tmp_path / "lib"))
    assert code == 2
    lines = err.splitlines()
    assert [x.split(": conceptEntry")[0].rsplit(":", 1)[1] for x in lines] == ["4", "6", "10"]


def test_what_drafter_does_not_carry_is_a_warning_and_the_rest_imports(tmp_path, capsys):
    text = FOREIGN.replace("<langSec", "<colour>blue</colour>\n  <langSec", 1)
    tbx = write(tmp_path, "other.tbx", text)
    code, out, err = run(capsys, "snippets", "import", str(tbx), "--into", str(tmp_path / "lib"))
    assert code == 0, err
    assert err.splitlines() == [
        f"warning: {tbx}:12: <termNote type='partOfSpeech'> is not imported",
        f"warning: {tbx}:7: unknown element <colour> is not imported",
    ]
    entry = load_library([tmp_path / "lib"], use_cache=False).concepts["housing-co-operative"]
    assert entry.subject == "housing" and entry.terms[0].status == "preferred"


def test_import_refuses_to_replace_existing_entries(tmp_path, capsys):
    exported = tmp_path / "t.csv"
    run(capsys, "snippets", "export", "--format", "csv", "-o", str(exported))
    target = tmp_path / "lib"
    run(capsys, "snippets", "import", str(exported), "--into", str(target))
    before = snapshot(target)
    code, _, err = run(capsys, "snippets", "import", str(exported), "--into", str(target))
    assert code == 2 and "already exist" in err and "--force" in err
    assert snapshot(target) == before


class FailOn:
    """Replaces an os function: the Nth call fails as a full disk would."""

    def __init__(self, real, n: int):
        self.real, self.n, self.calls = real, n, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == self.n:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real(*args, **kwargs)


@pytest.fixture
def exported(tmp_path, capsys):
    path = tmp_path / "terms.csv"
    code, _, err = run(capsys, "snippets", "export", "--format", "csv", "-o", str(path))
    assert code == 0, err
    return path


@pytest.mark.parametrize("n", [1, 5, 21])
def test_a_disk_failing_on_the_nth_write_leaves_nothing_behind(
    tmp_path, capsys, monkeypatch, exported, n
):
    target = tmp_path / "lib"
    fail = FailOn(os.fsync, n)  # each file is flushed once, as it is written
    monkeypatch.setattr(os, "fsync", fail)
    code, out, err = run(capsys, "snippets", "import", str(exported), "--into", str(target))
    assert fail.calls >= n
    assert code == 2 and out == ""
    assert err.startswith(f"drafter: error: {target / 'terms'}/")
    assert err.endswith(": cannot write (No space left on device)\n")
    assert not target.exists()  # no entry, no temporary file, not even the folder


def test_a_failure_renaming_with_force_puts_every_old_file_back(
    tmp_path, capsys, monkeypatch, exported
):
    target = tmp_path / "lib"
    code, _, err = run(capsys, "snippets", "import", str(exported), "--into", str(target))
    assert code == 0, err
    for path in (target / "terms").iterdir():  # local edits the import would replace
        path.write_text(path.read_text() + "# edited here\n")
    before = snapshot(target)
    fail = FailOn(os.replace, 7)
    monkeypatch.setattr(os, "replace", fail)
    code, _, err = run(
        capsys, "snippets", "import", str(exported), "--into", str(target), "--force"
    )
    assert fail.calls >= 7
    assert code == 2 and "cannot write (No space left on device)" in err
    assert snapshot(target) == before  # six renamed files put back, no temporary left


def test_an_id_twice_in_the_input_is_refused_before_writing(tmp_path, capsys, exported):
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([*rows, rows[1]])  # the first concept again
    twice = write(tmp_path, "twice.csv", out.getvalue())
    target = tmp_path / "lib"
    code, _, err = run(capsys, "snippets", "import", str(twice), "--into", str(target))
    assert code == 2 and "comes twice" in err
    assert not target.exists()


def test_csv_with_unknown_column_names_allowed_columns(tmp_path, capsys):
    bad = write(tmp_path, "bad.csv", "id,colour\nx,blue\n")
    code, _, err = run(capsys, "snippets", "import", str(bad), "--into", str(tmp_path / "lib"))
    assert code == 2
    assert "bad.csv:1: is not a drafter CSV: missing column(s)" in err


def test_markdown_glossary_marks_unverified_welsh(capsys):
    code, out, _ = run(capsys, "snippets", "export", "--format", "md")
    assert code == 0
    assert out.startswith("# Glossary of terms")
    assert "## worker co-operative" in out
    assert (
        "Welsh: *cwmni cydweithredol gweithwyr* (unverified: check with a Welsh-language "
        "editor before use)" in out
    )
    assert "Welsh: *undeb credyd* (legislation)" in out
    assert "## Sources" in out


def test_glossary_gives_each_welsh_term_its_note_and_a_kind_of_is_not_a_contrast(capsys):
    code, out, _ = run(capsys, "snippets", "export", "--format", "md")
    assert code == 0
    entry = out.split("## co-operative\n", 1)[1].split("\n## ", 1)[0]
    # the plural from the s.16 heading says what it is
    assert "Welsh: *mentrau cydweithredol* (legislation): plural noun" in entry
    assert "Welsh: *cwmni cydweithredol* (sector usage, not confirmed as standard)" in entry
    # a co-operative is a kind of mutual (broader and contrast): never "not the same as" it
    assert "A kind of: mutual" in entry
    not_same = next(line for line in entry.splitlines() if line.startswith("Not the same as:"))
    items = not_same.removeprefix("Not the same as: ").split(", ")
    assert "mutual" not in items and "social enterprise" in items


def test_docx_glossary_reads_back(tmp_path, capsys):
    out = tmp_path / "glossary.docx"
    code, _, err = run(capsys, "snippets", "export", "--format", "docx", "-o", str(out))
    assert code == 0, err
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "worker co-operative" in headings and "Sources" in headings
    assert document.core_properties.title == "Glossary of terms"
    code, _, err = run(capsys, "snippets", "export", "--format", "docx", "-o", str(out))
    assert code == 2 and "already exists" in err


def test_the_glossary_export_numbers_sources_as_a_response_does(tmp_path):
    """One number an Act, whichever sections the concepts cite (library/printed.SourceList)."""
    from drafter.library import load_library
    from drafter.library_documents import glossary_markdown

    def citing(cid: str, section: int) -> str:
        act = (
            "  - {title: Example Act 2020, kind: legislation, year: 2020, "
            f"section: s.{section}, url: 'https://www.legislation.gov.uk/ukpga/2020/1/section/"
            f"{section}'}}\n"
        )
        return concept(cid, f"{cid} term").replace("sources:\n", "sources:\n" + act)

    lib = layer(
        tmp_path, "lib", {"terms/a.yaml": citing("aaa", 1), "terms/b.yaml": citing("bbb", 2)}
    )
    out = glossary_markdown(load_library([lib]))
    listed = out.split("## Sources\n", 1)[1].strip().splitlines()
    assert [line for line in listed if "Example Act" in line] == [
        "1. Example Act 2020, 2020, s.1; s.2. <https://www.legislation.gov.uk/ukpga/2020/1/section/1>"
    ]
    assert out.count("Sources: \\[1\\] \\[2\\]") == 2  # both cite the Act and the test source


def test_every_view_of_a_concept_words_its_relations_alike():
    """snippets show, lint --explain and the glossary export: one label a kind of relation."""
    from drafter.library import load_library
    from drafter.library.printed import RELATION_LABELS
    from drafter.library.views import explain_entry, show_markdown
    from drafter.library_documents import glossary_markdown

    library = load_library()
    mutual = library.concepts["mutual"]
    shown = show_markdown(mutual, library)
    explained = explain_entry("mutual", library)
    exported = glossary_markdown(library).split("## mutual\n", 1)[1].split("\n## ", 1)[0]
    for label in (RELATION_LABELS["narrower"], RELATION_LABELS["contrast"]):
        assert f"- {label}: " in shown and f"\n{label}: " in explained
        assert f"\n{label}: " in exported


def test_one_act_cited_for_a_section_and_its_subsection_prints_the_section_once():
    from drafter.library.printed import merged
    from drafter.library.schema import Source

    act = "Social Services and Well-being (Wales) Act 2014"
    whole = Source(title=act, kind="legislation", section="s.16")
    part = Source(title=act, kind="legislation", section="s.16(2)")
    other = Source(title=act, kind="legislation", section="s.162")
    assert merged(part, whole).section == "s.16"
    assert merged(whole, part).section == "s.16"
    assert merged(whole, other).section == "s.16; s.162"  # s.162 is not part of s.16
    assert merged(whole, whole).section == "s.16"
