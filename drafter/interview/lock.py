"""One interview per answers file: an advisory lock, and a check that nobody else wrote it.

The lock is an `flock` on a small hidden file beside the answers file (`.answers.yaml.lock`), so
two sessions on one shared folder meet at it whichever user or machine they run as. The kernel
drops the lock when the process ends, however it ends, so a killed interview never leaves a
stale lock (the file itself stays: removing it would race a session opening it). The lock file
says who holds it, for the message a second session prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import socket
from pathlib import Path

from drafter.errors import InputError


def lock_path_for(answers_path: Path) -> Path:
    """The lock file of an answers file: hidden, beside it."""
    answers_path = Path(answers_path)
    return answers_path.with_name(f".{answers_path.name}.lock")


class AnswersLock:
    """Held for the whole interview; `release()` (or the process ending) lets it go."""

    def __init__(self, answers_path: Path, stream) -> None:
        self.answers_path = answers_path
        self._stream = stream

    @classmethod
    def acquire(cls, answers_path: Path) -> AnswersLock | None:
        """Take the lock for `answers_path`, or say who holds it (InputError, exit 2). None
        when no lock file can be made there (the first save then says why)."""
        try:
            fd = os.open(lock_path_for(answers_path), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError:
            return None
        stream = os.fdopen(fd, "r+", encoding="utf-8")
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = stream.read().strip() or "another drafter session"
            stream.close()
            raise InputError(
                f"is open in another interview ({holder}); finish or stop that one first",
                path=answers_path,
            ) from None
        since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        stream.seek(0)
        stream.truncate()
        stream.write(f"process {os.getpid()} on {socket.gethostname()}, since {since}")
        stream.flush()
        return cls(answers_path, stream)

    def release(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            fcntl.flock(self._stream, fcntl.LOCK_UN)
            self._stream.close()


def fingerprint(path: Path) -> tuple[int, int, int] | None:
    """What says a file is the one we last wrote: inode, size and modification time."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)
