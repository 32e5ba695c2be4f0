"""Compiled regular expressions kept from one run to the next, as Python keeps compiled modules.

A render compiles about 200 regular expressions, the same ones every run: the precision
check's cues and names, and the libraries' own (markdown-it, jinja2, click, ruamel). Compiling
them cost ~25 ms of a ~180 ms process. Python keeps a compiled pattern only for the life of
the process, so the `drafter` program (and nothing that merely imports drafter) keeps them
here: the program (`drafter.__main__`) calls `install()` before anything compiles a pattern,
and `save()` as it ends.

What is kept is the regular-expression engine's own program for each pattern: what
`re._compiler` makes from the pattern's text, and what `_sre.compile` turns into the Pattern.
A kept program is served only to the interpreter that made it (same version, same engine
`MAGIC` and code size), and `_sre.compile` validates it as it builds the Pattern. A program
is kept only after it was checked to build a Pattern equal to the one `re` compiles (equal
Patterns have the same text, flags and code). The store lives in drafter's private cache folder
(`drafter.cache.cache_root`) and is read only when nobody else could have written it, like every
other cache there. Anything unexpected (another Python, a damaged store, a private module
missing) means patterns are compiled as usual: the store can only cost speed, never change a
match. DRAFTER_NO_CACHE=1 turns it off with the other caches.
"""

from __future__ import annotations

import contextlib
import marshal
import re
import sys
from collections.abc import Callable
from pathlib import Path

FORMAT = 1
# a store holding more than this many patterns keeps only those used in the run that saves it
MAX_PATTERNS = 2000
# a run saves its new patterns only if compiling them took this long: some libraries build a
# pattern from a set, whose order (so the pattern's text) differs each run, and rewriting the
# store for such a pattern (compiled in microseconds) would cost more than it saves
WORTH_SAVING = 0.001  # seconds

Program = tuple  # (flags, code, groups, groupindex): _sre.compile's arguments but the text


def _engine() -> tuple | None:
    """(the private modules a kept program needs, what must match to use one), or None
    where this interpreter has not got them (another implementation, an older Python)."""
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        return None
    needed = (getattr(_sre, "compile", None), getattr(_compiler, "_code", None))
    if not all(callable(f) for f in needed):
        return None
    return (_sre, _compiler, _parser), (FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE)


class RegexStore:
    """The programs of the patterns compiled in earlier runs, and those this run added."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self.programs: dict[tuple[str, int], Program] = {}
        self.new: dict[tuple[str, int], re.Pattern] = {}  # compiled by re in this run
        self.used: set[tuple[str, int]] = set()
        self.new_cost = 0.0  # seconds spent compiling the new patterns

    def load(self, stamp: tuple) -> None:
        """The kept programs, if the store was made by this interpreter and is ours alone."""
        from drafter.fsutil import owned_privately

        if not owned_privately(self.path, self.root):
            return
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if isinstance(data, tuple) and len(data) == 2 and data[0] == stamp:
            programs = data[1]
            if isinstance(programs, dict):
                self.programs = programs

    def install(self, engine: tuple) -> None:
        """Serve `re`'s compile step from the kept programs for the rest of the process."""
        from time import perf_counter

        (sre, compiler, _parser) = engine
        original = compiler.compile
        programs, used, new = self.programs, self.used, self.new

        def compile_served(p, flags=0):
            if type(p) is not str or type(flags) is not int:
                return original(p, flags)  # a parsed pattern (re.Scanner), or bytes
            key = (p, flags)
            program = programs.get(key)
            if program is not None:
                try:
                    pattern = _build(sre, p, program)
                except Exception:  # a damaged entry: compile as usual, and keep it no more
                    del programs[key]
                else:
                    used.add(key)
                    return pattern
            if flags & re.DEBUG:
                return original(p, flags)
            began = perf_counter()
            pattern = original(p, flags)
            self.new_cost += perf_counter() - began
            new[key] = pattern
            return pattern

        compiler.compile = compile_served

    def save(self, engine: tuple, stamp: tuple) -> None:
        """Best effort: add this run's new patterns to the store (written atomically)."""
        if self.new_cost < WORTH_SAVING:
            return
        (sre, compiler, parser) = engine
        programs = dict(self.programs)
        if len(programs) + len(self.new) > MAX_PATTERNS:
            programs = {k: v for k, v in programs.items() if k in self.used}
        for (text, flags), compiled in self.new.items():
            try:
                parsed = parser.parse(text, flags)
                program = (
                    int(flags | parsed.state.flags),
                    # plain ints: the opcodes are an int subclass, which marshal refuses
                    [int(op) for op in compiler._code(parsed, flags)],
                    int(parsed.state.groups - 1),
                    {str(name): int(index) for name, index in parsed.state.groupdict.items()},
                )
                if _build(sre, text, program) != compiled:
                    continue
            except Exception:  # whatever `re` itself would say of it, it is not kept
                continue
            programs[(text, flags)] = program
        try:
            data = marshal.dumps((stamp, programs))
        except ValueError:  # something in a loaded store marshal cannot write: start afresh
            return
        _write(self.path, self.root, data)


def _build(sre, text: str, program: Program) -> re.Pattern:
    flags, code, groups, groupindex = program
    indexgroup = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    return sre.compile(text, flags, code, groups, groupindex, tuple(indexgroup))


def _write(path: Path, root: Path, data: bytes) -> None:
    """Only where a later run may read it back: a store in a folder others could write is
    never read, so writing one there would only cost each run a save."""
    from drafter.errors import DrafterError
    from drafter.fsutil import atomic_write_bytes, owned_privately

    with contextlib.suppress(OSError, DrafterError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if owned_privately(path.parent, root):
            atomic_write_bytes(path, data, force=True, may_replace_input=True, private=True)


def start() -> Callable[[], None]:
    """Serve compiled patterns from the store for the rest of this process; returns what the
    program calls as it ends to keep the run's new ones (a no-op where the store is off).
    Never raises: without the store, patterns are only compiled as usual."""
    try:
        from drafter.cache import cache_root, enabled

        found = _engine()
        if found is None or not enabled():
            return _nothing
        engine, stamp = found
        root = cache_root()
        tag = getattr(sys.implementation, "cache_tag", None) or "python"
        store = RegexStore(root / "regex" / f"{tag}.marshal", root)
        store.load(stamp)
        store.install(engine)
    except Exception:
        return _nothing

    def keep() -> None:
        # after the output: a Ctrl-C here only leaves the store as it was (atomic writes)
        with contextlib.suppress(Exception, KeyboardInterrupt):
            store.save(engine, stamp)

    return keep


def _nothing() -> None:
    return None
