"""The `drafter` program (`python -m drafter`, and the `drafter` command pip installs).

Start-up and exit belong to the program, not to `drafter.cli`, which tests and other callers
import and run in their own process: here compiled regular expressions are served from the
store of earlier runs (drafter.regex_store) before click or any library compiles one, and the
process ends without Python's shutdown.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import NoReturn


def run() -> NoReturn:
    """`drafter.cli.main()`, then the process ends without Python's shutdown.

    At exit Python collects garbage over every object the run created (the libraries' modules,
    compiled templates and patterns, the library) and tears its modules down, only to free
    memory the operating system takes back anyway: about 25 ms, a sixth of a render. So once
    `main()` is done the exit handlers run, the output is flushed, the run's new compiled
    patterns are kept, and the process ends there. Files are closed by the code that writes
    them, never by a finaliser; drafter starts no threads. `main()` itself exits normally, for
    callers that run it in their own process.
    """
    from drafter.regex_store import start

    keep_patterns = start()
    from drafter.cli import main

    try:
        main()
        code = 0
    except SystemExit as exc:  # main() ends with sys.exit(a number)
        code = exc.code if isinstance(exc.code, int) else 0
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    keep_patterns()
    os._exit(code)


if __name__ == "__main__":
    run()
