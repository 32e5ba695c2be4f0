"""Security review: a shared template cannot reach the file system or Python internals, and
text from answers or a consultation file cannot become structure in the response."""

from __future__ import annotations

import shutil

import pytest

from drafter.answers import Answer
from drafter.compose import user_blocks
from drafter.compose.escape import escape_line
from drafter.compose.markdown import parse, plain_text
from drafter.errors import TemplateError
from drafter.model import replace
from tests.render_helpers import compose_answers, make_answers, templates_with


@pytest.mark.parametrize(
    "source",
    [
        "{% include '../../../../../../etc/passwd' %}",
        "{% include '/etc/passwd' %}",
        "{% import '../secret.j2' as s %}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ '{0.__class__.__mro__}'.format('') }}",
        "{{ '%s' % term.__globals__ }}",
        "{{ term.__self__.library }}",
        "{{ cited_sources.__self__ }}",
        "{{ term.__func__.__code__ }}",
        "{{ lipsum.__globals__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ range.__self__ }}",
    ],
)
def test_a_template_cannot_escape_the_sandbox(tmp_path, source):
    secret = tmp_path / "secret.j2"
    secret.write_text("SECRET", encoding="utf-8")
    folder = templates_with(tmp_path, "response.md.j2", source + "\n")
    try:
        composed = compose_answers(make_answers(), templates_dir=folder)
    except TemplateError:
        return  # refused, with a located one-line error
    # allowed to render only if nothing from outside the sandbox leaked into the text
    for leak in ("root:", "SECRET", "<class", "__builtins__", "Library", "code object"):
        assert leak not in composed.markdown, (source, composed.markdown[:200])


NASTY = [
    "[ref]\n\n[ref]: http://evil.example",
    "text[^1]\n\n[^1]: a footnote",
    "Title\n---",
    "Title\n===",
    "\u200b# zero-width space then a hash",
    "\ufeff# a byte-order mark then a hash",
    "<!-- comment --> <script>alert(1)</script>",
    "http://bare.example and www.example.com",
    "a\\\nb",
    "two trailing spaces  \nnext line",
    "- item\n- # heading in a list\n- [x](javascript:alert(1))",
    "+ plus\n\n+++\n\n***\n\n_ _ _",
    "a | b\n--|--\nc | d",
    "&nbsp; &copy &#x41;",
    "~~~\nfence\n~~~",
    "x\n\t# tab then heading",
    "9999999999. a big number",
    "\\# already escaped",
]


@pytest.mark.parametrize("typed", NASTY)
def test_nasty_user_text_makes_no_structure(typed):
    allowed = {"paragraph_open", "paragraph_close", "inline"}
    lists = {"bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}
    for markdown, extra in ((user_blocks(typed), lists), (escape_line(typed), set())):
        tokens = parse(markdown)
        assert {t.type for t in tokens} <= allowed | extra, (typed, markdown)
        inline = {c.type for t in tokens if t.type == "inline" for c in t.children}
        assert inline <= {"text", "softbreak"}, (typed, markdown)
    visible = " ".join(plain_text(parse(escape_line(typed))).split())
    assert visible == " ".join(typed.split())


@pytest.mark.parametrize("typed", ["a\rb\r# Heading", "a\r\n# Heading", "a\n# Heading"])
def test_a_carriage_return_in_an_answer_cannot_start_a_heading(typed):
    composed = compose_answers(make_answers({"6": Answer(response=typed)}))
    headings = [
        tokens[i + 1].content
        for tokens in [parse(composed.markdown)]
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert not any("Heading" in h for h in headings)


def test_a_carriage_return_in_a_consultation_title_cannot_start_a_heading():
    from tests.render_helpers import sample_consultation

    consultation = sample_consultation()
    consultation = replace(consultation, title="Title\r# INJECTED")
    composed = compose_answers(make_answers(), consultation=consultation)
    tokens = parse(composed.markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("INJECTED" in h for h in headings)


def _alive(pid: int) -> bool:
    """Whether `pid` is still running (a zombie waiting to be reaped counts as gone)."""
    from pathlib import Path

    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not shutil.which("sh") or not shutil.which("sleep"), reason="needs sh")
def test_a_converter_that_hangs_is_killed_with_everything_it_started(tmp_path, monkeypatch):
    """soffice is a launcher; on timeout its children must not be left running."""
    import tempfile

    import drafter.importer.legacy as legacy
    from drafter.errors import InputError

    pidfile = tmp_path / "child.pid"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pidfile}\nsleep 300\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    monkeypatch.setattr(legacy, "SOFFICE_TIMEOUT", 3)  # ample for sh to start, even loaded
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # to see the work folder go
    doc = tmp_path / "old.doc"
    doc.write_bytes(legacy.OLE_MAGIC + b"\0" * 512)
    with pytest.raises(InputError, match="took too long"), legacy.converted_doc(doc):
        pass
    child = int(pidfile.read_text())
    assert not _alive(child)
    assert not any(tmp_path.glob("drafter-doc-*"))


def test_compiled_templates_are_not_loaded_from_a_folder_others_can_write(tmp_path, monkeypatch):
    from drafter.compose.env import _bytecode_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DRAFTER_NO_TEMPLATE_CACHE", raising=False)
    assert _bytecode_cache() is not None  # our own private folder: used
    folder = tmp_path / "drafter" / "templates"
    folder.chmod(0o777)
    assert _bytecode_cache() is None  # anyone could plant code there: not used
