"""Every command speaks the same way: same option names and metavars, an example in every
--help, the same error line and exit codes, and no heavy imports where none are needed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from drafter.cli import COMMANDS, cli
from tests.conftest import ROOT, run_drafter


def _all_commands() -> list[tuple[str, click.Command]]:
    """(full name, command) for every command and subcommand, imported as `drafter` would."""
    found = []
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        found.append((name, command))
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                found.append((f"{name} {sub}", command.get_command(ctx, sub)))
    return found


ALL = _all_commands()


@pytest.mark.parametrize(("name", "command"), ALL, ids=[n for n, _ in ALL])
def test_every_help_has_an_example_of_itself(name, command, capsys):
    from drafter.cli import main

    with pytest.raises(SystemExit) as done:
        main([*name.split(), "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert re.search(r"^  Examples?:$", out, re.M), name
    assert re.search(rf"^\s+drafter {re.escape(name)}\b", out, re.M), name


@pytest.mark.parametrize("group", [n for n, c in ALL if isinstance(c, click.Group)])
def test_command_lists_show_whole_summaries_not_cut_ones(group, capsys):
    from drafter.cli import main

    with pytest.raises(SystemExit):
        main([group, "--help"])
    listing = capsys.readouterr().out.split("Commands:")[1]
    assert listing.strip() and "..." not in listing


@pytest.mark.parametrize(("name", "command"), ALL, ids=[n for n, _ in ALL])
def test_shared_options_are_spelt_the_same_everywhere(name, command):
    from drafter.commands._common import LIBRARY_HELP

    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        if "--library" in param.opts:
            assert param.metavar == "DIR" and param.multiple and param.help == LIBRARY_HELP, name
            assert param.name == "library_dirs", name
        if "--output" in param.opts:
            assert param.opts == ["-o", "--output"], name
        if "--force" in param.opts:
            assert param.is_flag and param.help, name
        if param.name == "fmt":
            assert param.help, f"{name}: --format needs a help text"


def test_errors_share_one_line_format_and_exit_code(tmp_path):
    missing = tmp_path / "nope.yaml"
    for argv in (["render", str(missing)], ["lint", str(missing)]):
        result = run_drafter(*argv)
        assert result.returncode == 2, argv
        assert result.stderr.startswith(f"drafter: error: {missing}: file not found\n"), argv
        lines = result.stderr.strip().splitlines()
        assert all(line.startswith("drafter: error: ") for line in lines), result.stderr


def test_existing_output_is_refused_the_same_way_by_every_writer(tmp_path):
    existing = tmp_path / "taken.md"
    existing.write_text("keep me", encoding="utf-8")
    result = run_drafter("snippets", "export", "--format", "md", "-o", str(existing))
    assert result.returncode == 2
    assert f"drafter: error: {existing}: already exists; use --force" in result.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"


HEAVY = ("docx", "lxml", "questionary", "jinja2")


def _imported(*args: str, stdin: str | None = None) -> set[str]:
    """Top-level packages `drafter ARGS` imports, from `python -X importtime`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "drafter", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize(
    ("args", "also_not"),
    [
        (("--help",), ("msgspec", "ruamel")),
        (("draft", "--help"), ()),
        (("render", "--help"), ()),
        (("lint", "--help"), ()),
        (("snippets", "--help"), ()),
        (("consultations", "list"), ()),
        (("consultations", "--help"), ()),
        (("snippets", "list", "--format", "json"), ()),
        (("lint", "examples/draft-to-check.md"), ()),  # a Markdown draft needs no Word reader
    ],
)
def test_light_commands_do_not_import_heavy_packages(args, also_not):
    imported = _imported(*args)
    assert "drafter" in imported
    forbidden = {*HEAVY, *also_not}
    assert not imported & forbidden, (args, imported & forbidden)


def test_lint_of_a_text_file_does_not_import_docx_questionary_or_jinja(tmp_path):
    draft = tmp_path / "x.txt"
    draft.write_text("Our mutual is a co-operative.\n", encoding="utf-8")
    imported = _imported("lint", str(draft))
    assert "drafter" in imported
    assert not imported & set(HEAVY), imported & set(HEAVY)


def test_an_import_that_would_not_load_writes_nothing(tmp_path, monkeypatch, capsys):
    """The question set is checked before it is written: a bad one leaves no file behind."""
    import drafter.importer
    from drafter.cli import main

    monkeypatch.setattr(drafter.importer, "consultation_yaml", lambda result: "id: [unclosed\n")
    out = tmp_path / "c.yaml"
    form = ROOT / "tests" / "fixtures" / "forms" / "questions.md"
    with pytest.raises(SystemExit) as done:
        main(["consultations", "import", str(form), "-o", str(out)])
    assert done.value.code == 2
    assert capsys.readouterr().err.startswith(f"drafter: error: {out}:")
    assert not out.exists()


def test_a_damaged_docx_reads_the_same_to_lint_and_to_import(tmp_path):
    """One opener (drafter.ooxml.package) for every command that reads a user's .docx."""
    import zipfile

    broken = tmp_path / "broken.docx"
    source = ROOT / "tests" / "fixtures" / "forms" / "three-column.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:doc broken" if item.filename == "word/document.xml" else data)
    expected = f"drafter: error: {broken}: is damaged (its XML cannot be read)\n"
    imported = run_drafter("consultations", "import", str(broken), "--check")
    linted = run_drafter("lint", str(broken))
    assert (imported.returncode, linted.returncode) == (2, 2)
    assert imported.stderr == expected
    assert linted.stderr.startswith(expected)


def test_a_file_that_is_not_a_zip_reads_the_same_to_lint_import_and_render(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a Word document")
    expected = (
        f"drafter: error: {fake}: is not a Word document (.docx is a zip package; this is not)"
    )
    example = str(ROOT / "examples" / "answers-example.yaml")
    runs = [
        run_drafter("lint", str(fake)),
        run_drafter("consultations", "import", str(fake), "--check"),
        run_drafter(
            "render", example, "--reference-doc", str(fake), "-o", str(tmp_path / "o.docx")
        ),
    ]
    for run in runs:
        assert run.returncode == 2
        assert run.stderr.splitlines()[0] == expected


@pytest.mark.parametrize("which", ["answers", "form"])
def test_render_never_writes_over_its_own_input_even_with_force(tmp_path, which):
    import shutil

    answers = tmp_path / "answers.yaml"
    shutil.copy(ROOT / "examples" / "answers-example.yaml", answers)
    form = tmp_path / "form.docx"
    shutil.copy(ROOT / "tests" / "fixtures" / "forms" / "three-column.docx", form)
    before = {p: p.read_bytes() for p in (answers, form)}
    if which == "answers":
        argv = ["render", str(answers), "-o", str(answers), "--format", "md", "--force"]
    else:
        argv = ["render", str(answers), "--into", str(form), "-o", str(form), "--force"]
    result = run_drafter(*argv)
    assert result.returncode == 2, result.stderr
    target = answers if which == "answers" else form
    assert result.stderr == (
        f"drafter: error: {target}: -o must name a new file, not one of the inputs\n"
    )
    assert {p: p.read_bytes() for p in (answers, form)} == before


def test_output_formats_come_from_one_registry():
    from drafter.commands.render import render
    from drafter.render import FORMATS, format_of

    choice = next(p for p in render.params if p.name == "fmt")
    assert list(choice.type.choices) == list(FORMATS)
    for name, suffix in FORMATS.items():
        assert format_of(Path("out" + suffix.upper())) == name
    assert format_of(Path("out.pdf")) is None
