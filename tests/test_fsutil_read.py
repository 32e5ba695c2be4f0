"""Reading a user's file: one helper, one-line errors, the same wording from every command."""

from __future__ import annotations

import os

import pytest

from drafter.errors import InputError
from drafter.fsutil import decode_utf8, read_user_bytes
from tests.conftest import run_drafter


def test_reads_the_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xc3\xa9")
    assert read_user_bytes(path) == b"caf\xc3\xa9"


def test_missing_file_and_folder_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="file not found") as missing:
        read_user_bytes(tmp_path / "nope.txt")
    assert missing.value.format() == f"{tmp_path / 'nope.txt'}: file not found"
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_user_bytes(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_names_the_reason(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match=r"cannot read \(Permission denied\)"):
        read_user_bytes(path)


def test_decode_names_the_byte_and_line(tmp_path):
    with pytest.raises(InputError) as bad:
        decode_utf8(b"one\ntwo\ncaf\xe9", tmp_path / "x.csv", kind="CSV")
    assert bad.value.line == 3
    assert "byte 11" in bad.value.message and "CSV" in bad.value.message
    assert decode_utf8(b"\xef\xbb\xbfhello", tmp_path / "x.txt") == "hello"


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "{missing}"],
        ["consultations", "import", "{missing}", "--check"],
        ["snippets", "import", "{missing}", "--format", "csv", "--into", "{tmp}"],
        ["snippets", "import", "{missing}", "--format", "tbx", "--into", "{tmp}"],
    ],
)
def test_every_command_says_file_not_found_the_same_way(tmp_path, args):
    missing = tmp_path / "missing.file"
    argv = [a.format(missing=missing, tmp=tmp_path / "lib") for a in args]
    result = run_drafter(*argv)
    assert result.returncode == 2
    assert f"drafter: error: {missing}: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_tbx_is_read_as_a_file_never_as_a_url(tmp_path):
    from drafter.library.tbx import import_tbx

    with pytest.raises(InputError, match="file not found"):
        import_tbx(tmp_path / "http:" / "example.org" / "x.tbx")
