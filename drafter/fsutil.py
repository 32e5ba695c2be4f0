"""The one place for touching a user's files: reads that fail with a one-line error, and
atomic, never-clobbering writes (a crash leaves the old file or the new, never half)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from drafter.errors import InputError, OutputExistsError


def read_user_bytes(path: Path) -> bytes:
    """The bytes of a file the user named; InputError with a one-line reason if unreadable.

    Every reader of a user's file goes through here, so "missing", "a folder" and "no
    permission" read the same whichever command met them.
    """
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=path) from None


def decode_utf8(raw: bytes, path: Path, *, kind: str = "text") -> str:
    """UTF-8 text (a BOM dropped) or InputError naming the byte and line that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not UTF-8 text (byte {exc.start}); is it really a {kind} file?",
            path=path,
            line=line,
        ) from None


def atomic_write_bytes(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` via a temp file in the same folder, fsync, then rename.

    Refuses to replace an existing file unless `force` is true.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError("already exists; use --force to replace it", path=path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("folder does not exist", path=directory)
    tmp_name = _write_temp(path, data)
    try:
        if path.exists() and not force:  # appeared while we were writing
            raise OutputExistsError("already exists; use --force to replace it", path=path)
        os.replace(tmp_name, path)
    except OSError as exc:
        raise InputError(f"cannot write ({exc.strerror})", path=path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    _fsync_directory(directory)
    return path


def _write_temp(path: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `path`, flushed to disk; returns its name."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror})", path=path) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a normal write would
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise InputError(f"cannot write ({exc.strerror})", path=path) from None
    return tmp_name


def atomic_write_many(files: dict[Path, bytes], *, force: bool = False) -> list[Path]:
    """Write several files all or nothing, as far as the filesystem allows.

    Every file is first written to a temporary name in its own folder and flushed; only then
    are they renamed into place. A failure while writing removes the temporaries and changes
    nothing; a failure while renaming (rarer: the data is already on disk) puts back what
    was there (a file replaced with `force` is kept as a copy until the end).
    Refuses, before writing anything, to replace an existing file unless `force`.
    """
    paths = [Path(p) for p in files]
    if not force:
        for path in paths:
            if path.exists():
                raise OutputExistsError("already exists; use --force to replace it", path=path)
    for folder in {p.parent for p in paths}:
        if not folder.is_dir():
            raise InputError("folder does not exist", path=folder)
    temps: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    done: list[Path] = []
    try:
        for path, data in files.items():
            temps[Path(path)] = _write_temp(Path(path), data)
        for path in paths:
            if path.exists():
                if not force:  # appeared while we were writing
                    raise OutputExistsError("already exists; use --force to replace it", path=path)
                backups[path] = _write_temp(path, read_user_bytes(path))  # to put it back
        for path in paths:
            try:
                os.replace(temps[path], path)
            except OSError as exc:
                raise InputError(f"cannot write ({exc.strerror})", path=path) from None
            done.append(path)
    except BaseException:
        for path in done:  # undo the renames: the old file back, or no file
            with contextlib.suppress(OSError):
                if path in backups:
                    os.replace(backups.pop(path), path)
                else:
                    os.unlink(path)
        raise
    finally:
        for name in [*temps.values(), *backups.values()]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
    for folder in {p.parent for p in paths}:
        _fsync_directory(folder)
    return paths


def atomic_write_text(path: Path, text: str, *, force: bool = False) -> Path:
    """`atomic_write_bytes` for UTF-8 text."""
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else the default for a new file under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
