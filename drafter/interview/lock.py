"""One interview per answers file: an advisory lock, and a check that nobody else wrote it.

The lock is an `flock` on a small file in the user's state folder named after the answers
file's path (not beside it: the respondent's folder stays as they left it). The kernel drops it
when the process ends, however it ends, so a killed interview never leaves a stale lock. The
lock file says who holds it, for the message a second session prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import socket
from pathlib import Path

from drafter.errors import InputError


def _lock_folder() -> Path:
    from platformdirs import user_state_dir

    folder = Path(user_state_dir("drafter", appauthor=False)) / "locks"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


class AnswersLock:
    """Held for the whole interview; `release()` (or the process ending) lets it go."""

    def __init__(self, answers_path: Path, stream) -> None:
        self.answers_path = answers_path
        self._stream = stream

    @classmethod
    def acquire(cls, answers_path: Path) -> AnswersLock:
        """Take the lock for `answers_path`, or say who holds it (InputError, exit 2)."""
        key = hashlib.sha256(str(Path(answers_path).resolve()).encode()).hexdigest()[:32]
        lock_path = _lock_folder() / f"{key}.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
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
