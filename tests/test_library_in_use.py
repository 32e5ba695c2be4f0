"""`drafter render` and `drafter lint` with a layered library that `snippets validate` rejects
for problems between entries (docs/library-format.md, "Using a library with problems")."""

from __future__ import annotations

from tests.conftest import run_drafter
from tests.library_helpers import concept, layer
from tests.render_helpers import EXAMPLE_ANSWERS

HINT = "(run `drafter snippets validate`)"


def _draft(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("A worker co-operative is owned by its workers.\n", encoding="utf-8")
    return path


def test_a_relation_to_an_unknown_id_is_one_warning_line_and_the_command_goes_on(tmp_path):
    extra = "relations:\n  related: [no-such-concept]\n"
    lib = layer(tmp_path, "lib", {"terms/ours.yaml": concept("ours", "our term", extra=extra)})
    expected = (
        f"warning: library: {lib / 'terms' / 'ours.yaml'}:17: relations.related: "
        f"unknown concept id 'no-such-concept' {HINT}"
    )
    out = tmp_path / "response.md"
    result = run_drafter("render", str(EXAMPLE_ANSWERS), "-o", str(out), "--library", str(lib))
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert [x for x in result.stderr.splitlines() if "library:" in x] == [expected]
    result = run_drafter("lint", str(_draft(tmp_path)), "--library", str(lib))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [expected]


def test_a_designation_claimed_by_two_concepts_stops_render_and_lint(tmp_path):
    ours = concept("coop-workers", "worker co-operative")
    lib = layer(tmp_path, "lib", {"terms/ours.yaml": ours})
    out = tmp_path / "response.md"
    result = run_drafter("render", str(EXAMPLE_ANSWERS), "-o", str(out), "--library", str(lib))
    assert result.returncode == 2
    assert not out.exists()
    [line] = result.stderr.splitlines()
    assert line.startswith(f"drafter: error: {lib / 'terms' / 'ours.yaml'}:15: terms.0: ")
    assert "'worker co-operative' is also claimed by concept 'worker-co-operative'" in line
    assert line.endswith(f"the precision check cannot tell which is meant {HINT}")
    result = run_drafter("lint", str(_draft(tmp_path)), "--library", str(lib))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""


def test_a_clean_layer_gives_no_library_warning(tmp_path):
    lib = layer(tmp_path, "lib", {"terms/ours.yaml": concept("ours", "our term")})
    result = run_drafter("lint", str(_draft(tmp_path)), "--library", str(lib))
    assert result.returncode == 0
    assert result.stderr == ""
