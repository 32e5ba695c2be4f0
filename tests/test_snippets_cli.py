"""`drafter snippets` commands as a maintainer uses them."""

from __future__ import annotations

import json
import subprocess

import pytest

from drafter.library import load_library
from drafter.resources import bundled
from tests.conftest import ROOT, run_drafter
from tests.library_helpers import concept, layer, run, snapshot, write

COMMANDS = (
    "init",
    "list",
    "show",
    "search",
    "new",
    "validate",
    "review",
    "due",
    "harvest",
    "export",
    "import",
)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    code, out, _ = run(capsys, "snippets", command, "--help")
    assert code == 0
    assert "Usage: drafter snippets " + command in out
    assert len(out.splitlines()) > 4


def test_group_help_lists_commands_and_layers():
    result = run_drafter("snippets", "--help")
    assert result.returncode == 0
    for text in (*COMMANDS, "DRAFTER_LIBRARY", "--library DIR", "Examples:"):
        assert text in result.stdout, text


def test_list_json_has_every_concept_vetted_with_sources_and_dates(capsys):
    code, out, _ = run(capsys, "snippets", "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    concepts = {r["id"]: r for r in rows if r["kind"] == "concept"}
    assert {"co-operative", "worker-co-operative", "co-production", "mutual"} <= set(concepts)
    for row in concepts.values():
        assert row["status"] == "vetted"
        assert row["definition"] and row["sources"]
        assert row["vetted_on"] and row["review_by"]
    orgs = {r["id"] for r in rows if r["kind"] == "organisation"}
    assert {"john-lewis-partnership", "cwmpas", "nationwide-building-society"} <= orgs


def test_list_filters(capsys):
    _, out, _ = run(capsys, "snippets", "list", "--format", "json", "--status", "draft")
    assert [r["id"] for r in json.loads(out)] == ["nationwide-building-society"]
    _, out, _ = run(capsys, "snippets", "list", "--format", "json", "--subject", "mutuals")
    assert {r["id"] for r in json.loads(out)} == {"mutual", "building-society"}
    _, out, _ = run(
        capsys, "snippets", "list", "--format", "json", "--due", "--today", "2027-12-01"
    )
    assert len(json.loads(out)) == 30  # every dated entry; the undated draft is never due
    _, out, _ = run(
        capsys, "snippets", "list", "--format", "json", "--due", "--today", "2026-12-01"
    )
    assert json.loads(out) == []


def test_list_table_for_people(capsys):
    code, out, _ = run(capsys, "snippets", "list", "--kind", "organisation")
    assert code == 0
    assert "john-lewis-partnership" in out and "8 library entries" in out
    assert "co-operation" not in out  # a concept


def test_show_gives_definition_relations_sources_and_welsh_status(capsys):
    code, out, _ = run(capsys, "snippets", "show", "worker-co-operative", "--format", "markdown")
    assert code == 0
    assert "# worker co-operative" in out
    assert "World Declaration on Worker Cooperatives" in out  # a source
    assert "Not the same as: " in out and "employee-owned business" in out  # a contrast, named
    assert "*cwmni cydweithredol gweithwyr* [unverified] **(unverified: check before use)**" in out


def test_show_unknown_id_suggests(capsys):
    code, _, err = run(capsys, "snippets", "show", "worker-cooperative")
    assert code == 2
    assert "no library entry with id 'worker-cooperative'" in err
    assert "worker-co-operative" in err


def test_show_organisation_and_terminal_rendering(capsys):
    code, out, _ = run(capsys, "snippets", "show", "cwmpas")
    assert code == 0
    assert "Wales Co-operative Centre" in out
    assert "Not verified" in out and "community benefit society" in out


def test_search_ranks_designations_first(capsys):
    code, out, _ = run(capsys, "snippets", "search", "industrial", "provident", "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert found[0] == {
        "id": "registered-society",
        "kind": "concept",
        "label": "registered society",
        "matched": "name",
    }
    code, out, _ = run(capsys, "snippets", "search", "Hirwaun")
    assert "tower-colliery" in out
    code, out, _ = run(capsys, "snippets", "search", "no-such-word-anywhere")
    assert "no entry mentions" in out


def test_new_with_flags_writes_a_valid_file_and_refuses_to_overwrite(tmp_path, capsys):
    args = [
        "snippets", "new", "--dir", str(tmp_path), "--id", "housing-co-operative",
        "--subject", "co-operatives", "--term", "housing co-operative",
        "--term", "housing coop=deprecated=variant=housing co-operative",
        "--short", "A co-operative that provides housing to its tenant-members.",
        "--definition", "A housing co-operative is owned and run by its tenant-members.",
        "--broader", "co-operative", "--contrast", "mutual",
        "--source", "title=Example source;publisher=Example;year=2026;ref=1",
        "--translation", "cy=cwmni tai cydweithredol=unverified",
        "--must-flag", "A housing coop.", "--must-pass", "A housing co-operative.",
        "--no-interactive",
    ]  # fmt: skip
    code, out, err = run(capsys, *args)
    assert code == 0, err
    path = tmp_path / "terms" / "housing-co-operative.yaml"
    assert f"wrote {path}" in out
    entry = load_library([tmp_path], use_cache=False).concepts["housing-co-operative"]
    assert entry.status == "draft" and entry.preferred == "housing co-operative"
    assert entry.terms[1].status == "deprecated" and entry.terms[1].use_instead
    assert entry.translations["cy"][0].status == "unverified"
    assert entry.sources[0].ref == 1
    before = path.read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2 and "already exists; use --force" in err
    assert path.read_bytes() == before


def test_new_reports_every_missing_field_and_writes_nothing(tmp_path, capsys):
    code, _, err = run(
        capsys, "snippets", "new", "--dir", str(tmp_path), "--id", "x-y", "--no-interactive"
    )
    assert code == 2
    for flag in ("--subject", "--short", "--definition", "--term"):
        assert flag in err, flag
    assert not list(tmp_path.rglob("*.yaml"))


def test_new_form_uses_questionary_answers(tmp_path, monkeypatch):
    """The form module, fed canned answers, produces the same entry as the flags would."""
    import questionary

    from drafter.library import form
    from drafter.library.edit import write_new_entry
    from drafter.library.newentry import build_entry

    answers = iter(
        ["organisation", "example-org", "Example Org", "", "It is an example.", "co-operative", "",
         "", "title=Example;year=2026", "", "draft"]
    )  # fmt: skip

    class Canned:
        def __init__(self, *args, **kwargs):
            pass

        def ask(self):
            return next(answers)

    for name in ("text", "select"):
        monkeypatch.setattr(questionary, name, Canned)
    fields = form.ask_fields({"kind": None, "entry_id": None})
    path = write_new_entry(build_entry(fields), tmp_path)
    org = load_library([tmp_path], use_cache=False).organisations["example-org"]
    assert org.name == "Example Org" and org.is_ == ("co-operative",)
    assert path.name == "example-org.yaml" and path.parent.name == "organisations"


def test_init_scaffolds_a_library_that_validates(tmp_path, capsys):
    target = tmp_path / "our-library"
    code, out, _ = run(capsys, "snippets", "init", str(target))
    assert code == 0
    assert (target / "README.md").read_text().startswith("# Our drafter library")
    config = (target / ".pre-commit-config.yaml").read_text()
    assert "drafter snippets validate --library ." in config
    code, out, err = run(
        capsys, "snippets", "validate", "--library", str(target), "--today", "2026-11-26"
    )
    assert code == 0, err
    assert "22 concepts" in out  # the bundled 21 plus the example
    code, _, err = run(capsys, "snippets", "init", str(target))
    assert code == 2 and "not empty" in err


def test_due_lists_entries_past_review_and_exits_1(capsys):
    code, out, _ = run(capsys, "snippets", "due", "--today", "2026-12-01")
    assert code == 0 and "no entry is due" in out
    code, out, err = run(capsys, "snippets", "due", "--today", "2027-12-01", "--format", "json")
    assert code == 1
    assert len(json.loads(out)) == 30
    assert "30 entries are due for review" in err


def test_review_marks_vetted_and_keeps_the_file_otherwise_intact(tmp_path, capsys):
    text = concept("aaa", "alpha term", vetted=False).replace(
        "subject: testing\n", "subject: testing  # a hand-written comment\n"
    )
    path = write(tmp_path / "lib", "terms/aaa.yaml", "# Notes for maintainers: keep me.\n" + text)
    repo = tmp_path / "lib"
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    code, out, err = run(
        capsys, "snippets", "review", "aaa", "--by", "A. Editor", "--on", "2026-11-26",
        "--library", str(repo),
    )  # fmt: skip
    assert code == 0, err
    assert "version 1 -> 2" in out
    diff = subprocess.run([*git, "diff", "-U0"], check=True, capture_output=True, text=True).stdout
    changed = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert sorted(changed) == sorted(
        ["-version: 1", "-status: draft", "+version: 2", "+status: vetted",
         "+vetted_by: A. Editor", "+vetted_on: 2026-11-26", "+review_by: 2027-11-26"]
    )  # fmt: skip
    after = path.read_text()
    assert "# Notes for maintainers: keep me." in after
    assert "subject: testing  # a hand-written comment" in after
    entry = load_library([repo], use_cache=False).concepts["aaa"]
    assert (entry.status, entry.version, entry.vetted_by) == ("vetted", 2, "A. Editor")


def test_review_unknown_id_and_bad_dates_change_nothing(tmp_path, capsys):
    repo = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term")})
    before = snapshot(repo)
    code, _, err = run(capsys, "snippets", "review", "nope", "--by", "X", "--library", str(repo))
    assert code == 2 and "no library entry with id 'nope'" in err
    code, _, err = run(
        capsys, "snippets", "review", "aaa", "--by", "X", "--on", "2026-11-26",
        "--review-by", "2026-01-01", "--library", str(repo),
    )  # fmt: skip
    assert code == 2 and "--review-by must be after" in err
    assert snapshot(repo) == before


def test_layers_env_config_and_cli_in_order(tmp_path, capsys, monkeypatch):
    """DRAFTER_LIBRARY, then the user config file, then --library: the later layer wins."""
    env_layer = layer(tmp_path, "env", {"terms/x.yaml": concept("shared-id", "env term")})
    config_layer = layer(tmp_path, "cfg", {"terms/x.yaml": concept("shared-id", "config term")})
    cli_layer = layer(tmp_path, "cli", {"terms/x.yaml": concept("shared-id", "cli term")})
    monkeypatch.setenv("DRAFTER_LIBRARY", str(env_layer))
    from drafter.library.loader import user_config_path

    config = user_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"library:\n  - {config_layer}\n")

    def preferred(*args):
        _, out, _ = run(capsys, "snippets", "show", "shared-id", "--format", "json", *args)
        return json.loads(out)["terms"][0]["text"]

    assert preferred("--library", str(cli_layer)) == "cli term"
    assert preferred() == "config term"
    config.unlink()
    assert preferred() == "env term"


def test_an_organisation_layer_overrides_a_bundled_entry(tmp_path, capsys):
    text = (bundled("snippets") / "terms" / "mutual.yaml").read_text(encoding="utf-8")
    lib = layer(
        tmp_path, "org", {"terms/our-mutual.yaml": text.replace("version: 1", "version: 9")}
    )
    _, out, _ = run(capsys, "snippets", "show", "mutual", "--format", "json", "--library", str(lib))
    data = json.loads(out)
    assert data["version"] == 9
    assert data["path"].endswith("our-mutual.yaml")
    assert data["overrides"][0].endswith("mutual.yaml")


def test_missing_library_folder_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "snippets", "list", "--library", str(tmp_path / "nope"))
    assert code == 2
    assert "library folder not found" in err and len(err.strip().splitlines()) == 1


def test_pre_commit_hook_definition_runs_validate(tmp_path):
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "drafter-snippets-validate" and hook["pass_filenames"] is False
    assert hook["entry"].startswith("drafter snippets validate")
    target = tmp_path / "lib"
    assert run_drafter("snippets", "init", str(target)).returncode == 0
    args = hook["entry"].split()[1:]
    result = run_drafter(*args, cwd=target)
    assert result.returncode == 0, result.stderr
    (target / "terms" / "broken.yaml").write_text("id: [\n")
    result = run_drafter(*args, cwd=target)
    assert result.returncode == 2 and "broken.yaml" in result.stderr


def test_new_vetted_entry_needs_a_vetter_and_a_source(tmp_path, capsys):
    base = ["snippets", "new", "--dir", str(tmp_path), "--kind", "passage", "--id", "p-one",
            "--title", "A passage", "--text", "Some vetted text.", "--status", "vetted",
            "--no-interactive"]  # fmt: skip
    code, _, err = run(capsys, *base)
    assert code == 2 and "a vetted entry needs --vetted-by and --source" in err
    code, _, err = run(capsys, *base, "--vetted-by", "A. Editor", "--source", "A source",
                       "--vetted-on", "2026-11-26")  # fmt: skip
    assert code == 0, err
    passage = load_library([tmp_path], use_cache=False).passages["p-one"]
    assert passage.review_by.isoformat() == "2027-11-26"


def test_csv_export_is_vetted_only_unless_asked_and_has_no_wrapped_lines(tmp_path, capsys):
    import csv
    import io

    target = tmp_path / "our-library"
    run(capsys, "snippets", "init", str(target))
    assert "example.invalid" not in (target / "README.md").read_text()
    code, out, err = run(capsys, "snippets", "export", "--format", "csv", "--library", str(target))
    assert code == 0 and "vetted concepts only" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 21 and {r["status"] for r in rows} == {"vetted"}
    for row in rows:
        for key in ("definition", "response_definition"):
            assert "\n" not in row[key].replace("\n\n", ""), (row["id"], key)
    code, out, _ = run(
        capsys, "snippets", "export", "--format", "csv", "--status", "all", "--library", str(target)
    )
    assert "example-housing-co-operative" in out
