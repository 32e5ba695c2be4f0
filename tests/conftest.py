"""Shared fixtures. Tests never touch the network, never sleep, and never depend on order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CONSULTATION = ROOT / "consultations" / "sample-social-care.yaml"


@pytest.fixture(scope="session")
def _warm_cache(tmp_path_factory):
    """A user cache folder as a render of the demo leaves it: the bundled library, sample
    consultation and precision cues validated, the bundled templates compiled, and (by a run
    of the program itself) the compiled regular expressions kept. Made once."""
    from drafter.render import render_answers

    folder = tmp_path_factory.mktemp("warm") / "cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        patch.delenv("DRAFTER_LIBRARY", raising=False)
        patch.delenv("DRAFTER_NO_CACHE", raising=False)
        patch.delenv("DRAFTER_NO_TEMPLATE_CACHE", raising=False)
        out = folder.parent / "demo.md"
        render_answers(ROOT / "examples" / "answers-example.yaml", out, fmt="md")
        env = {k: v for k, v in os.environ.items() if k != "DRAFTER_NO_CACHE"}
        subprocess.run(
            [sys.executable, "-m", "drafter", "render", "examples/answers-example.yaml",
             "-o", str(out), "--force"],
            cwd=ROOT, env={**env, "XDG_CACHE_HOME": str(folder)}, check=True,
            capture_output=True,
        )  # fmt: skip
    return folder


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch, _warm_cache):
    """Keep per-user config and caches out of the real home directory. Each test has a cache
    folder of its own, started as a copy of the warm one (as a user's is after a first run):
    parsing and validating the bundled library afresh in every test cost ~15 s of the suite."""
    home = tmp_path_factory.mktemp("home")
    shutil.copytree(_warm_cache, home / "cache")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _prompts_built_cheaply():
    """prompt_toolkit builds its ~500 default key bindings (and their lookup cache) afresh for
    every prompt, and parses the same style strings again for each: half of an in-process
    interview test's time. The bindings are never changed after loading (each reads the running
    application when a key comes) and parsing a style string is a pure function, so one set of
    bindings and one parse of each string serve the whole test session."""
    from functools import lru_cache

    from prompt_toolkit.application import application
    from prompt_toolkit.styles import style

    built_once = [
        (application, "load_key_bindings"),
        (application, "load_page_navigation_bindings"),
        (style, "_parse_style_str"),
    ]
    with pytest.MonkeyPatch.context() as patch:
        for module, name in built_once:
            patch.setattr(module, name, lru_cache(maxsize=None)(getattr(module, name)))
        yield


@pytest.fixture
def no_fsync(monkeypatch):
    """Skip fsync, for tests that save hundreds of times: it guards against a power cut, which
    no test can observe, and on a busy disk it is most of their time. The temp-file-and-rename
    write is still exercised in full."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@dataclass(frozen=True)
class CliRun:
    """What a drafter run left behind: exit code and the two streams, kept apart."""

    returncode: int
    stdout: str
    stderr: str


def run_drafter(
    *args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None
) -> CliRun:
    """Run drafter in this process through its real entry point (`drafter.cli.main`).

    Same contract as a subprocess (exit code, stdout, stderr, cwd, env, stdin) at a fraction of
    the cost; cwd and env are restored afterwards so runs do not leak into each other.
    """
    from drafter.cli import main

    runner = CliRunner()
    previous = Path.cwd()
    os.chdir(cwd or ROOT)
    try:
        with runner.isolation(input=input, env=env) as (out, err, _):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = _exit_code(exc.code)
            stdout, stderr = out.getvalue(), err.getvalue()
    finally:
        os.chdir(previous)
    return CliRun(code, stdout.decode(), stderr.decode())


def _exit_code(code: object) -> int:
    """The process exit status `sys.exit(code)` would give."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def run_drafter_process(
    *args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m drafter` as a separate process, as a user would (end-to-end tests only)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd or ROOT,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=300,
    )


def spawn_drafter(*args: str, cwd: Path, env: dict | None = None):
    """`python -m drafter ARGS` in a pseudo-terminal of 40 x 110 (pexpect), as a person runs it;
    a variable set to None in `env` is removed.

    Keys are sent as soon as the test sends them: pexpect's default 50 ms pause before each
    send is for programs that drop early input, and these tests always wait for the prompt.
    """
    import pexpect

    full_env = {
        **os.environ,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm-256color",
        "PYTHONPATH": str(ROOT),  # this checkout, whichever one the environment installed
        **(env or {}),
    }
    full_env = {name: value for name, value in full_env.items() if value is not None}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "drafter", *args],
        cwd=str(cwd),
        env=full_env,
        dimensions=(40, 110),
        encoding="utf-8",
        timeout=60,
    )
    child.delaybeforesend = None
    return child
