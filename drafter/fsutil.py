"""The one place for touching a user's files: reads that fail with a one-line error and stop
at a size cap, and atomic, never-clobbering writes (a crash leaves the old file or the new,
never half) that replace only regular files and never one of the command's own inputs."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from drafter.errors import InputError, OutputExistsError

MB = 1024 * 1024
# the largest file drafter reads: a long consultation response is well under 1 MB, so this
# is generous, yet stops `lint /dev/zero` or a runaway log before it exhausts memory
MAX_INPUT_BYTES = 64 * MB

# (device, inode) of every file read since the current command began; None outside a command
_inputs: set[tuple[int, int]] | None = None


@contextlib.contextmanager
def command_scope() -> Iterator[None]:
    """While a command runs, remember every file it reads so no write can replace one."""
    global _inputs
    _inputs = set()
    try:
        yield
    finally:
        _inputs = None


def too_large(size: int | None, limit: int, path: Path) -> InputError:
    """The one wording of "this input is over the cap", the sizes in MB."""
    shown = f"over {limit / MB:g}" if size is None else f"{size / MB:.1f}"
    return InputError(f"too large ({shown} MB; the limit is {limit / MB:g} MB)", path=path)


def read_user_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of a file the user named; InputError with a one-line reason if unreadable
    or larger than `limit` (MAX_INPUT_BYTES by default).

    Every reader of a user's file goes through here, so "missing", "a folder", "no
    permission" and "too large" read the same whichever command met them. Never reads more
    than the limit, so a device or pipe that never ends (`/dev/zero`) stops at the cap.
    """
    path = Path(path)
    cap = MAX_INPUT_BYTES if limit is None else limit
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if stat.S_ISREG(info.st_mode) and info.st_size > cap:
                raise too_large(info.st_size, cap, path)
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=path) from None
    if len(data) > cap:
        raise too_large(None if not stat.S_ISREG(info.st_mode) else len(data), cap, path)
    if _inputs is not None and stat.S_ISREG(info.st_mode):
        _inputs.add((info.st_dev, info.st_ino))
    return data


_warned: set[str] = set()


def config_file_present(path: Path) -> bool:
    """Whether a per-user config file is there to read. One that cannot be reached (a config
    folder without read permission) is a warning on stderr, once, and read as absent: a
    broken config must never stop a command."""
    path = Path(path)
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and not os.access(path, os.R_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        if str(path) not in _warned:
            _warned.add(str(path))
            import sys

            print(
                f"drafter: warning: {path}: cannot read ({exc.strerror or exc}); ignoring it",
                file=sys.stderr,
            )
        return False
    return stat.S_ISREG(info.st_mode)


def owned_privately(path: Path, root: Path) -> bool:
    """Whether `path` and every folder above it up to `root` (a cache's top folder) belong to
    the current user and cannot be written by anyone else: only then may a cache file be
    trusted, as anyone who can write one of them could have put it there."""
    path, root = Path(path), Path(root)
    if root != path and root not in path.parents:
        return False
    uid = os.getuid() if hasattr(os, "getuid") else None
    for place in [path, *path.parents]:
        try:
            info = os.lstat(place)
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode):
            return False
        if uid is not None and info.st_uid != uid:
            return False
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
        if place == root:
            return True
    return False


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


STDOUT = "-"  # `-o -`: the output goes to standard output as a stream


def write_output(path: Path | str, data: bytes, *, force: bool = False) -> Path:
    """A command's output: to standard output for `-`, else `atomic_write_bytes`."""
    if str(path) == STDOUT:
        import sys

        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path(STDOUT)
    return atomic_write_bytes(Path(path), data, force=force)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the user's terms."""
    if exc.errno == errno.ENOTDIR:
        return "part of the path is a file, not a folder"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long for this system"
    return exc.strerror or str(exc)


def check_target(path: Path, *, force: bool, may_replace_input: bool = False) -> None:
    """Refuse, before any work, to write where we must not: over anything but a regular file
    (a device, a pipe, a folder; a symlink is judged by what it points at), over a file this
    command read (with `--force` or not, unless the command edits that file in place), or
    over an existing file without `force`. A path the system cannot use is one line too."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"cannot write ({os_reason(exc)})", path=path) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise InputError(
            f"is {kind}; refusing to replace it (use -o - for standard output)", path=path
        )
    if not may_replace_input and _inputs and (info.st_dev, info.st_ino) in _inputs:
        raise InputError("is one of this command's inputs; refusing to write over it", path=path)
    if not force:
        raise already_exists(path)


def already_exists(path: Path) -> OutputExistsError:
    """The one wording of "refusing to overwrite"."""
    return OutputExistsError("already exists; use --force to replace it", path=path)


def _check_folder(directory: Path) -> None:
    try:
        info = os.stat(directory)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise InputError("folder does not exist", path=directory) from None
        raise InputError(f"cannot write ({os_reason(exc)})", path=directory) from None
    if not stat.S_ISDIR(info.st_mode):
        raise InputError("is a file, not a folder", path=directory)


def _place(tmp_name: str, path: Path, *, force: bool) -> None:
    """Give the finished temporary file its final name. Without `force` the name is created
    exclusively (a hard link fails if the name exists), so of several writers racing for one
    new name exactly one wins and the rest are told it already exists."""
    if force:
        os.replace(tmp_name, path)
        return
    try:
        os.link(tmp_name, path)
    except FileExistsError:
        raise already_exists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(path):  # no hard links here: the best check we have
            raise already_exists(path) from None
        os.replace(tmp_name, path)
    else:
        os.unlink(tmp_name)


def atomic_write_bytes(
    path: Path,
    data: bytes,
    *,
    force: bool = False,
    may_replace_input: bool = False,
    private: bool = False,
) -> Path:
    """Write `data` to `path` via a temp file in the same folder, fsync, then rename.

    Refuses to replace an existing file unless `force`, anything but a regular file, and a
    file the current command read unless `may_replace_input` (a command that edits in place).
    `private` makes the file readable by its owner only (0600) from its first byte.
    """
    path = Path(path)
    check_target(path, force=force, may_replace_input=may_replace_input)
    directory = path.parent if str(path.parent) else Path(".")
    _check_folder(directory)
    tmp_name = _write_temp(path, data, mode=0o600 if private else None)
    try:
        check_target(path, force=force, may_replace_input=may_replace_input)  # changed since?
        _place(tmp_name, path, force=force)
    except OSError as exc:
        raise InputError(f"cannot write ({os_reason(exc)})", path=path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    _fsync_directory(directory)
    return path


def _write_temp(path: Path, data: bytes, *, mode: int | None = None) -> str:
    """`data` in a new temporary file beside `path`, flushed to disk; returns its name."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror})", path=path) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a normal write would
        os.fchmod(fd, _mode_for(path) if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise InputError(f"cannot write ({exc.strerror})", path=path) from None
    return tmp_name


def atomic_write_many(
    files: dict[Path, bytes], *, force: bool = False, may_replace_input: bool = False
) -> list[Path]:
    """Write several files all or nothing, as far as the filesystem allows.

    Every file is first written to a temporary name in its own folder and flushed; only then
    are they renamed into place. A failure while writing removes the temporaries and changes
    nothing; a failure while renaming (rarer: the data is already on disk) puts back what
    was there (a file replaced with `force` is kept as a copy until the end).
    Refuses, before writing anything, to replace an existing file unless `force`.
    """
    paths = [Path(p) for p in files]
    for path in paths:
        check_target(path, force=force, may_replace_input=may_replace_input)
    for folder in {p.parent for p in paths}:
        _check_folder(folder)
    temps: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    done: list[Path] = []
    try:
        for path, data in files.items():
            temps[Path(path)] = _write_temp(Path(path), data)
        for path in paths:
            if path.exists():
                if not force:  # appeared while we were writing
                    raise already_exists(path)
                backups[path] = _write_temp(path, read_user_bytes(path))  # to put it back
        for path in paths:
            try:
                _place(temps[path], path, force=force)
            except OSError as exc:
                raise InputError(f"cannot write ({os_reason(exc)})", path=path) from None
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


def atomic_write_text(
    path: Path,
    text: str,
    *,
    force: bool = False,
    may_replace_input: bool = False,
    private: bool = False,
) -> Path:
    """`atomic_write_bytes` for UTF-8 text."""
    return atomic_write_bytes(
        path,
        text.encode("utf-8"),
        force=force,
        may_replace_input=may_replace_input,
        private=private,
    )


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


def display_path(path: Path) -> str:
    """A path relative to the current folder when it is inside it (shorter messages)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
