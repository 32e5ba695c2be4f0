"""Tell a file's real format from its bytes, and convert an old binary .doc with LibreOffice."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from drafter.errors import InputError
from drafter.fsutil import read_user_bytes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def sniff(path: Path) -> str:
    """'docx', 'doc', 'pdf', 'md' or 'txt'; raises InputError for what cannot be read."""
    raw = read_user_bytes(path)
    head = raw[:8]
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        if _ENCRYPTED in raw:
            raise InputError(
                "is password-protected (encrypted); open it in Word, save a copy without "
                "a password, and import that",
                path=path,
            )
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # whether it is a usable Word package is drafter.ooxml.package's check
    if head.startswith(b"%PDF"):
        return "pdf"
    if suffix in {".docx", ".docm", ".dotx"}:
        from drafter.ooxml.package import NOT_A_ZIP

        raise InputError(NOT_A_ZIP, path=path)
    if suffix == ".doc":
        raise InputError("is damaged or not really a Word document", path=path)
    if suffix == ".pdf":
        raise InputError("is damaged or not really a PDF", path=path)
    if suffix in {".md", ".markdown"}:
        return "md"
    if suffix in {".txt", ".text", ""}:
        return "txt"
    if suffix in {".yaml", ".yml"}:
        raise InputError(
            "is already a question set; see it with `drafter consultations show FILE`", path=path
        )
    raise InputError(
        f"cannot import {suffix or 'this'} files; use .docx, .doc, .md, .txt or .pdf", path=path
    )


SOFFICE_TIMEOUT = 180  # seconds; a first start of LibreOffice builds its profile


def run_tool(args: list[str], *, timeout: float) -> subprocess.CompletedProcess:
    """Run an external tool (an argument list, never a shell) with a time limit.

    The tool runs in its own process group, and on timeout the whole group is killed:
    soffice is a launcher that starts soffice.bin, which would otherwise outlive us.
    """
    with subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except BaseException:  # the timeout, or Ctrl-C: leave nothing running
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


@contextlib.contextmanager
def converted_doc(path: Path) -> Iterator[Path]:
    """A .docx copy of a binary .doc, made by LibreOffice in a temporary folder."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(
            "is an old binary Word (.doc) file; install LibreOffice (soffice) so drafter can "
            "convert it, or save it as .docx from Word",
            path=path,
        )
    with tempfile.TemporaryDirectory(prefix="drafter-doc-") as tmp:
        tmpdir = Path(tmp)
        profile = (tmpdir / "profile").as_uri()
        source = tmpdir / "in.doc"
        shutil.copyfile(path, source)
        args = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(tmpdir),
            str(source),
        ]
        try:
            result = run_tool(args, timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise InputError("LibreOffice took too long to convert this .doc", path=path) from None
        out = tmpdir / "in.docx"
        if result.returncode != 0 or not out.is_file():
            raise InputError(
                "LibreOffice could not convert this .doc (is it damaged or password-protected?)",
                path=path,
            )
        yield out
