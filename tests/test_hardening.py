"""Hostile input and hostile file systems: one line and exit 2, never a crash, never a file
written where it must not be."""

from __future__ import annotations

import csv
import io
import os
import threading
from pathlib import Path

import pytest

from drafter import fsutil
from drafter.errors import InputError, OutputExistsError
from tests.library_helpers import concept, layer, run
from tests.render_helpers import write_answers

ROOT = Path(__file__).resolve().parents[1]
CONSULTATION = ROOT / "consultations" / "sample-social-care.yaml"


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- writes: special files, inputs, exclusive create -------------------------------------


def test_a_fifo_named_as_output_is_refused_not_replaced(tmp_path, capsys):
    answers = write_answers(tmp_path / "a.yaml")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "render", str(answers), "-o", str(fifo), "--force")
    assert code == 2
    assert "not a regular file" in one_line(err)
    assert fifo.is_fifo()


def test_dash_streams_the_output_to_stdout(tmp_path, capsys):
    answers = write_answers(tmp_path / "a.yaml")
    code, out, err = run(capsys, "render", str(answers), "--format", "md", "-o", "-")
    assert code == 0, err
    assert out.startswith("#") or "Response" in out
    assert not (tmp_path / "-").exists()


def test_a_symlink_onto_an_input_is_refused_even_with_force(tmp_path, capsys):
    consultation = tmp_path / "cons.yaml"
    consultation.write_bytes(CONSULTATION.read_bytes())
    answers = write_answers(tmp_path / "a.yaml", consultation_file="cons.yaml")
    link = tmp_path / "out.md"
    link.symlink_to(consultation)
    before = consultation.read_bytes()
    code, _, err = run(capsys, "render", str(answers), "-o", str(link), "--force")
    assert code == 2
    assert "inputs" in one_line(err)
    assert consultation.read_bytes() == before


def test_writing_over_a_file_the_command_read_is_refused(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("x")
    with fsutil.command_scope():
        fsutil.read_user_bytes(source)
        with pytest.raises(InputError, match="inputs"):
            fsutil.atomic_write_text(source, "y", force=True)
    assert source.read_text() == "x"


def test_of_parallel_writers_to_one_new_name_exactly_one_wins(tmp_path):
    target = tmp_path / "race.txt"
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        barrier.wait()
        try:
            fsutil.atomic_write_text(target, f"writer {n}")
            outcomes.append("wrote")
        except OutputExistsError:
            outcomes.append("exists")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("wrote") == 1
    assert outcomes.count("exists") == 7
    assert [p.name for p in tmp_path.iterdir()] == ["race.txt"]


def test_a_new_file_gets_the_mode_a_plain_write_would_give_it(tmp_path):
    umask = os.umask(0o022)
    try:
        fsutil.atomic_write_text(tmp_path / "plain.txt", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "plain.txt").stat().st_mode & 0o777 == 0o644


def test_a_name_too_long_and_a_file_used_as_folder_are_one_line(tmp_path, capsys):
    answers = write_answers(tmp_path / "a.yaml")
    code, _, err = run(capsys, "render", str(answers), "-o", str(tmp_path / ("n" * 300 + ".md")))
    assert code == 2
    assert "too long" in one_line(err)
    code, _, err = run(capsys, "render", str(answers), "-o", str(answers / "out.md"))
    assert code == 2
    assert "is a file, not a folder" in one_line(err)


# -- reads: size caps, YAML depth ---------------------------------------------------------


def test_an_endless_device_stops_at_the_cap(capsys, monkeypatch):
    monkeypatch.setattr(fsutil, "MAX_INPUT_BYTES", 1024 * 1024)
    code, _, err = run(capsys, "lint", "/dev/zero")
    assert code == 2
    assert "too large (over 1 MB; the limit is 1 MB)" in one_line(err)


def test_a_text_file_over_the_cap_is_refused_with_its_size(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(fsutil, "MAX_INPUT_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_text("co-operative " * 200_000)
    code, _, err = run(capsys, "lint", str(big))
    assert code == 2
    assert "too large (2.5 MB; the limit is 1 MB)" in one_line(err)


@pytest.mark.parametrize(
    "body", ["a: " + "[" * 20_000, "x:\n" + "".join("  " * i + "- \n" for i in range(300))]
)
def test_deep_nesting_in_a_library_entry_is_refused_before_parsing(tmp_path, capsys, body):
    library = layer(tmp_path, "lib", {"terms/deep.yaml": body})
    code, _, err = run(capsys, "snippets", "validate", "--library", str(library))
    assert code == 2
    assert "Traceback" not in err
    assert "deep.yaml:" in err.splitlines()[0] and "nested too deeply" in err.splitlines()[0]


# -- control characters and one-line fields ------------------------------------------------


def test_an_escape_sequence_in_a_library_definition_is_refused_with_its_line(tmp_path, capsys):
    text = concept("evil", "evil term").replace(
        "definition: Definition of evil term.", 'definition: "Clear \\e]0;pwned\\a screen"'
    )
    library = layer(tmp_path, "lib", {"terms/evil.yaml": text})
    code, _, err = run(capsys, "snippets", "validate", "--library", str(library))
    assert code == 2
    line = err.splitlines()[0]
    assert "evil.yaml:" in line and "control character U+001B" in line
    assert "\x1b" not in err


def test_a_line_break_in_a_consultation_title_is_refused_with_its_line(tmp_path, capsys):
    text = CONSULTATION.read_text(encoding="utf-8")
    broken = tmp_path / "cons.yaml"
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[index] = 'title: "Two\\nlines"'
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers = write_answers(tmp_path / "a.yaml", consultation_file="cons.yaml")
    code, _, err = run(capsys, "render", str(answers), "-o", str(tmp_path / "r.md"))
    assert code == 2
    assert f"cons.yaml:{index + 1}: title: must be one line" in one_line(err)
    assert not (tmp_path / "r.md").exists()


# -- CSV import and export ------------------------------------------------------------------


def _csv(tmp_path: Path, **cells: str) -> Path:
    from drafter.library.csvio import COLUMNS

    row = {
        "id": "x-term",
        "subject": "s",
        "short": "Short.",
        "definition": "Def.",
        "terms": '[{"text": "x term"}]',
        "status": "draft",
        "version": "1",
    }
    row.update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    path = tmp_path / "in.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "cells, says",
    [
        ({"version": "³"}, "version"),
        ({"version": "9" * 5000}, "version"),
        ({"definition": "d" * 200_000}, "over 131,072 characters"),
        ({"examples": "[" + "9" * 5000 + "]"}, "examples: not valid JSON"),
        ({"examples": "[" * 5000 + "]" * 5000}, "nested too deeply"),
    ],
)
def test_hostile_csv_cells_are_one_line_with_file_and_line(tmp_path, capsys, cells, says):
    path = _csv(tmp_path, **cells)
    code, _, err = run(capsys, "snippets", "import", str(path), "--into", str(tmp_path / "lib"))
    assert code == 2, err
    line = one_line(err)
    assert "in.csv:" in line and says in line
    assert not (tmp_path / "lib").exists() or not any((tmp_path / "lib").rglob("*.yaml"))


def test_formulas_are_neutralised_on_export_and_restored_on_import():
    from drafter.library.csvio import neutralise, restore

    for cell in ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=already", "plain"]:
        shown = neutralise(cell)
        assert shown[:1] not in {"=", "+", "-", "@", "\t", "\r"}
        assert restore(shown) == cell


# -- caches ------------------------------------------------------------------------------------


def test_a_store_in_a_folder_others_can_write_is_not_trusted(tmp_path, monkeypatch):
    from drafter import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    store = cache.cache_file(tmp_path / "lib")
    store.parent.mkdir(parents=True)
    store.write_text(f'{{"format": {cache.CACHE_FORMAT}, "code": ["data"], "files": {{"k": 1}}}}')
    store.parent.chmod(0o700)
    assert cache._read(store, ["data"]) == {"k": 1}
    store.parent.chmod(0o777)
    assert cache._read(store, ["data"]) == {}
    store.parent.chmod(0o700)
    store.chmod(0o666)
    assert cache._read(store, ["data"]) == {}


def test_a_cached_record_is_tied_to_the_file_content(tmp_path):
    from drafter import cache

    source = tmp_path / "e.yaml"
    source.write_text("a: 1")
    first = cache._stamp(source)
    stat = source.stat()
    source.write_text("a: 2")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache._stamp(source)[-1] != first[-1]


# -- messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["render", "--no-such"], ["nope"], ["lint"]])
def test_click_usage_errors_are_one_line(capsys, args):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert one_line(err).startswith("drafter: error: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_library_subfolder_is_an_error_naming_it(tmp_path, capsys):
    library = layer(tmp_path, "lib", {"terms/a.yaml": concept("a-term", "a term")})
    (library / "terms").chmod(0)
    try:
        code, _, err = run(capsys, "snippets", "validate", "--library", str(library))
    finally:
        (library / "terms").chmod(0o755)
    assert code == 2
    assert "terms" in one_line(err)


def test_an_unreadable_library_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    from drafter.library import loader

    library = layer(tmp_path, "lib", {"terms/a.yaml": concept("a-term", "a term")})
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(library / "terms")))
        yield from real_walk(top, followlinks=followlinks)

    monkeypatch.setattr(loader.os, "walk", walk)
    with pytest.raises(InputError, match=r"terms: cannot read this library folder"):
        loader.entry_files(library)


def test_an_unreadable_user_config_is_a_warning(tmp_path, capsys, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("library: []\n")
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    assert fsutil.config_file_present(config) is False
    assert "warning" in capsys.readouterr().err


# -- links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link", ["[open](ms-word:ofe|u|https://x/a.dotm)", "<file:///etc/passwd>", "[doc](../a.docx)"]
)
def test_a_definition_linking_outside_the_web_is_refused_at_load(tmp_path, capsys, link):
    text = concept("linky", "linky term").replace(
        "definition: Definition of linky term.", f"definition: 'See {link} now.'"
    )
    library = layer(tmp_path, "lib", {"terms/linky.yaml": text})
    code, _, err = run(capsys, "snippets", "validate", "--library", str(library))
    assert code == 2
    assert "linky.yaml:" in err.splitlines()[0]
    assert "only to http, https or mailto" in err.splitlines()[0]


def test_the_renderer_makes_only_web_and_mail_links():
    from drafter.compose.markdown import parse

    tokens = parse("[a](https://x.org) [b](mailto:a@b.org) [c](ms-word:x) [d](a.docx) <file:///x>")
    hrefs = [c.attrGet("href") for c in tokens[1].children if c.type == "link_open"]
    assert hrefs == ["https://x.org", "mailto:a@b.org"]


# -- TBX import, huge numbers, terminal text ------------------------------------------------

TBX_HEAD = (
    '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" '
    'style="dca" xml:lang="en"><text><body>'
)
TBX_ENTRY = (
    '<conceptEntry id="a-term"><note>NOTE</note><langSec xml:lang="en"><descrip '
    'type="definition">Def.</descrip><termSec><term>a term</term></termSec></langSec>'
    "</conceptEntry>"
)


@pytest.mark.parametrize(
    "body, says",
    [
        (TBX_ENTRY.replace("NOTE", 'drafter:{"version": ' + "7" * 4500 + "}"), "not valid JSON"),
        (TBX_ENTRY.replace("NOTE", 'drafter:{"x": ' + "{" * 500 + "}" * 500 + "}"), "too deeply"),
        (TBX_ENTRY.replace("NOTE", "") * 2, "comes twice (first on line 1)"),
        ("<conceptEntry>" * 400 + "</conceptEntry>" * 400, "not well-formed"),
    ],
)
def test_hostile_tbx_is_one_line_naming_the_file(tmp_path, capsys, body, says):
    path = tmp_path / "in.tbx"
    path.write_text(TBX_HEAD + body + "</body></text></tbx>", encoding="utf-8")
    code, _, err = run(capsys, "snippets", "import", str(path), "--into", str(tmp_path / "lib"))
    assert code == 2
    line = one_line(err)
    assert "in.tbx:" in line and says in line
    assert not (tmp_path / "lib").exists()


def test_a_huge_integer_in_yaml_is_one_line_with_its_line(tmp_path, capsys):
    answers = tmp_path / "a.yaml"
    answers.write_text("schema: 1\nconsultation: x\nanswers: {}\ncount: " + "8" * 4400 + "\n")
    code, _, err = run(capsys, "render", str(answers), "-o", str(tmp_path / "r.md"))
    assert code == 2
    assert one_line(err).endswith("a.yaml:4: a number is too long to read")


def test_error_messages_never_carry_terminal_escapes(tmp_path, capsys):
    name = tmp_path / "evil\x1b]0;owned\x07\x9b2J.txt"
    code, _, err = run(capsys, "lint", str(name))
    assert code == 2
    line = one_line(err)
    assert "\x1b" not in line and "\x9b" not in line and "\x07" not in line
    assert "\\u001b]0;owned\\u0007\\u009b2J" in line


def test_importing_a_form_onto_itself_is_refused_even_with_force(tmp_path, capsys):
    form = tmp_path / "form.docx"
    form.write_bytes((ROOT / "examples" / "sample-response-form.docx").read_bytes())
    before = form.read_bytes()
    code, _, err = run(capsys, "consultations", "import", str(form), "-o", str(form), "--force")
    assert code == 2
    assert "inputs" in one_line(err)
    assert form.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "{long}.md"],
        ["consultations", "show", "{long}.yaml"],
        ["snippets", "validate", "--library", "{long}"],
        ["consultations", "import", "{form}", "-o", "{long}.yaml"],
    ],
)
def test_a_path_the_system_refuses_is_one_line_not_an_internal_error(tmp_path, capsys, args):
    form = tmp_path / "form.docx"
    form.write_bytes((ROOT / "examples" / "sample-response-form.docx").read_bytes())
    long = str(tmp_path / ("n" * 300))
    code, _, err = run(capsys, *(a.format(long=long, form=form) for a in args))
    assert code == 2
    assert "too long" in one_line(err)


def test_a_compiled_template_others_could_write_is_not_loaded(tmp_path, monkeypatch):
    from drafter.compose.env import _bytecode_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DRAFTER_NO_TEMPLATE_CACHE", raising=False)
    cache = _bytecode_cache()
    loaded: list[bool] = []

    class Bucket:
        key = "k"

        def load_bytecode(self, handle) -> None:
            loaded.append(True)

    name = Path(cache._get_cache_filename(Bucket()))
    name.write_bytes(b"compiled")
    name.chmod(0o600)
    cache.load_bytecode(Bucket())
    name.chmod(0o666)
    cache.load_bytecode(Bucket())
    assert loaded == [True]


def test_a_character_device_is_never_replaced(tmp_path, capsys):
    answers = write_answers(tmp_path / "a.yaml")
    code, _, err = run(capsys, "render", str(answers), "-o", "/dev/null", "--force")
    assert code == 2
    assert "not a regular file" in one_line(err)
    assert Path("/dev/null").is_char_device()
