"""Property: whatever bytes, YAML structures or Unicode (every C0 and C1 control character
included) reach a reader, drafter answers with exit 0, 1 or 2 and at most one line per
problem: never an internal error (70), never a traceback, no output file unless exit 0."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.library_helpers import run

CONTROLS = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]
text = st.text(alphabet=st.one_of(st.sampled_from(CONTROLS), st.characters()), max_size=60)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), text)
KEYS = [
    "id",
    "kind",
    "title",
    "reference",
    "text",
    "questions",
    "answers",
    "respondent",
    "definition",
    "terms",
    "name",
    "organisation",
    "response",
    "schema",
    "library",
    "1",
]
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)


def _yaml(value: object) -> bytes:
    import io

    from ruamel.yaml import YAML

    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(value, out)
    return out.getvalue().encode("utf-8", "surrogatepass")


payloads = st.one_of(
    st.binary(max_size=200),
    text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    structures.map(_yaml),
)

_counter = itertools.count()
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _commands(folder: Path, payload: bytes) -> list[tuple[list[str], Path | None]]:
    n = next(_counter)
    work = folder / f"case{n}"
    (work / "lib" / "terms").mkdir(parents=True)
    answers = work / "a.yaml"
    answers.write_bytes(payload)
    cons_answers = work / "b.yaml"
    cons_answers.write_text("schema: 1\nconsultation_file: c.yaml\nanswers: {}\n")
    (work / "c.yaml").write_bytes(payload)
    (work / "lib" / "terms" / "e.yaml").write_bytes(payload)
    for suffix in ("md", "txt", "csv", "tbx", "docx"):
        (work / f"in.{suffix}").write_bytes(payload)
    _word_package(work / "zipped.docx", payload)
    return [
        (["render", str(answers), "-o", str(work / "r1.md")], work / "r1.md"),
        (["render", str(cons_answers), "-o", str(work / "r2.md")], work / "r2.md"),
        (["snippets", "validate", "--library", str(work / "lib")], None),
        (["lint", str(work / "in.md")], None),
        (["lint", str(work / "in.txt")], None),
        (["snippets", "import", str(work / "in.csv"), "--into", str(work / "i1")], work / "i1"),
        (["snippets", "import", str(work / "in.tbx"), "--into", str(work / "i2")], work / "i2"),
        (["lint", str(work / "in.docx")], None),
        (["lint", str(work / "zipped.docx")], None),
        (
            ["consultations", "import", str(work / "zipped.docx"), "-o", str(work / "q.yaml")],
            work / "q.yaml",
        ),
    ]


def _word_package(path: Path, document: bytes) -> None:
    """A well-formed Word zip whose main document part is `document`: the XML reader's turn."""
    import zipfile

    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", document)


@SETTINGS
@given(payload=payloads)
def test_every_reader_answers_hostile_input_with_a_clean_exit(tmp_path, capsys, payload):
    for args, output in _commands(tmp_path, payload):
        code, _, err = run(capsys, *args)
        assert code in (0, 1, 2), (args, err)
        assert "Traceback" not in err and "internal error" not in err, (args, err)
        if code != 0 and output is not None:
            assert not output.exists() or (output.is_dir() and not any(output.rglob("*.yaml"))), (
                args
            )


@SETTINGS
@given(payload=payloads)
def test_a_hostile_user_config_never_stops_anything(tmp_path, monkeypatch, payload):
    from drafter import userconfig
    from drafter.errors import DrafterError
    from drafter.library.loader import config_library_dirs

    config = tmp_path / f"config{next(_counter)}.yaml"
    config.write_bytes(payload)
    monkeypatch.setenv("DRAFTER_CONFIG", str(config))
    assert isinstance(userconfig.load_user_defaults(), dict)
    try:
        config_library_dirs(config)
    except DrafterError as exc:  # a malformed config is a one-line error, not a crash
        assert "\n" not in str(exc)


def test_every_control_character_in_a_library_field_is_refused(tmp_path, capsys):
    from tests.library_helpers import concept, layer

    files = {}
    for control in CONTROLS:
        cid = f"c{ord(control):x}-term"
        quoted = json.dumps(f"bad {control} short")  # JSON strings are YAML double-quoted
        files[f"terms/{cid}.yaml"] = concept(cid, f"{cid} words").replace(
            f"short: Short definition of {cid} words.", f"short: {quoted}"
        )
    code, _, err = run(
        capsys, "snippets", "validate", "--library", str(layer(tmp_path, "lib", files))
    )
    assert code == 2
    refused = {
        line.split("/terms/")[1].split(".yaml")[0]
        for line in err.splitlines()
        if "control character" in line
    }
    allowed = {f"c{ord(c):x}-term" for c in "\t\n\r"}
    assert refused == {f"c{ord(c):x}-term" for c in CONTROLS} - allowed
