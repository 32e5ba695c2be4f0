"""Validated-data cache for YAML files: parsing YAML is most of loading a library.

One JSON file per cached folder (a library layer) or file (a consultation) in the user cache
folder (platformdirs) maps each YAML file to its validated data, keyed by the file's size,
modification time, change time and inode, and the whole store by the code that validated it
(drafter's and msgspec's versions and the model modules' own files). A file whose key
differs is parsed and validated again, so the cache can never serve stale data; files that
fail to parse or validate are never cached (their errors are reported every time). A hit is
validated again from the cached data (msgspec does that in microseconds), so what it returns
is exactly what a fresh load returns. DRAFTER_NO_CACHE=1 turns the cache off. JSON, not
pickle: reading the cache can never run code. `cache_root` is the one place that says where
drafter's cache folder is (the compiled templates and the resume points live there too).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from drafter.errors import DrafterError
from drafter.yamlio import load_yaml

CACHE_FORMAT = 4

# validate(parsed data, path) -> the model, or the problems (anything else) found in it
Validate = Callable[[object, Path], object]


def enabled() -> bool:
    """Whether the parsed-library cache is used (DRAFTER_NO_CACHE=1 turns it off)."""
    return not os.environ.get("DRAFTER_NO_CACHE")


def cache_root() -> Path:
    """drafter's top cache folder: every folder from a store up to here must be private."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("drafter", appauthor=False))


def cache_file(place: Path) -> Path:
    """The store for one folder (a library layer) or one file."""
    import hashlib

    key = hashlib.sha256(str(Path(place).resolve()).encode()).hexdigest()[:20]
    return cache_root() / "library" / f"{key}.json"


def _stamp(path: Path) -> list:
    """What a cached record is tied to: the file's metadata and a hash of its content, so a
    record can only ever stand for the very bytes it was made from."""
    import hashlib

    st = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest]


def _code_stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _code_key(models: Sequence[type]) -> list:
    """What the cached data depend on besides the files: the code that validated them."""
    from msgspec import __version__ as msgspec_version

    from drafter import __version__

    files = sorted({sys.modules[m.__module__].__file__ for m in models})
    return [__version__, msgspec_version, [[f, *_code_stamp(Path(f))] for f in files]]


def _read(path: Path, code: list) -> dict:
    """The records of a store, or none if it is unreadable, stale, or could have been written
    by someone else (a forged store would serve forged "vetted" definitions)."""
    import msgspec.json

    from drafter.fsutil import owned_privately

    if not owned_privately(path, cache_root()):
        return {}
    try:
        data = msgspec.json.decode(path.read_bytes())
    except (OSError, msgspec.DecodeError):
        return {}
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {}
    if data.get("code") != code:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def load_file(path: Path, validate: Validate, model: type, *, use: bool = True):
    """One file's validated model (served from the cache when `use`); raises what parsing or
    `validate` found wrong."""
    path = Path(path)
    [(_, result)] = load_files(path, [path], validate, (model,), use=use)
    if isinstance(result, DrafterError):
        raise result
    return result


def load_files(
    place: Path,
    files: Sequence[Path],
    validate: Validate,
    models: Sequence[type],
    *,
    use: bool = True,
) -> list[tuple[Path, object]]:
    """(path, its validated model, or what parsing or `validate` found wrong) for each file.

    `models` are the classes `validate` may return; a cached file is rebuilt as one of them.
    `use=False` (or DRAFTER_NO_CACHE) reads and validates every file, touching no cache.
    """
    try:
        code = _code_key(models) if use and enabled() else None
    except OSError:  # the model modules cannot be stat'ed (e.g. zip-imported): no cache
        code = None
    if code is None:
        return [(p, _load(p, validate)) for p in files]
    by_name = {m.__name__: m for m in models}
    store = cache_file(place)
    old = _read(store, code)
    new: dict[str, list] = {}
    out: list[tuple[Path, object]] = []
    changed = False
    real_folders: dict[Path, Path] = {}
    for path in files:
        key = str(_real_path(path, real_folders))
        try:
            stamp = _stamp(path)
        except OSError:
            out.append((path, _load(path, validate)))
            continue
        result = _hit(old.get(key), stamp, by_name)
        if result is not None:
            new[key] = old[key]
        else:
            result = _load(path, validate)
            changed = True
            if type(result) in by_name.values():
                from drafter.model import to_data

                new[key] = [stamp, type(result).__name__, to_data(result)]
        out.append((path, result))
    if changed or set(new) != set(old):
        _write(store, code, new)
    return out


def _real_path(path: Path, real_folders: dict[Path, Path]) -> Path:
    """`path.resolve()`, resolving each folder once: a layer's files share a few folders, and
    resolving walks every part of the path (a system call each)."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    folder = real_folders.get(path.parent)
    if folder is None:
        folder = real_folders[path.parent] = path.parent.resolve()
    return folder / path.name


def _load(path: Path, validate: Validate) -> object:
    try:
        data = load_yaml(path)
    except DrafterError as exc:
        return exc
    return validate(data, path)


def _hit(cached: object, stamp: list[int], by_name: dict[str, type]):
    """The model validated from a cache record for a file with this stamp, else None."""
    if not (isinstance(cached, list) and len(cached) == 3 and cached[0] == stamp):
        return None
    model = by_name.get(cached[1])
    if model is None or not isinstance(cached[2], dict):
        return None
    import msgspec

    try:
        return msgspec.convert(cached[2], model)
    except msgspec.ValidationError:  # a damaged store: read the file instead
        return None


def _write(store: Path, code: list, files: dict) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    import msgspec.json

    from drafter.fsutil import atomic_write_bytes

    try:
        data = msgspec.json.encode({"format": CACHE_FORMAT, "code": code, "files": files})
    except (TypeError, ValueError):
        return
    with contextlib.suppress(OSError, DrafterError):
        # private: the stores name the files the user works on and hold their entries
        store.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if store.parent.stat().st_mode & 0o077:
            store.parent.chmod(0o700)
        atomic_write_bytes(store, data, force=True, may_replace_input=True)
    prune(store.parent, "*.json")


# a store (or compiled template) not rewritten for this long is deleted when another is
# written: folders that are gone (a test's, last year's consultation) would otherwise pile up
PRUNE_AFTER_DAYS = 30


def prune(folder: Path, pattern: str, *, days: int = PRUNE_AFTER_DAYS) -> None:
    """Best effort: delete the files matching `pattern` in `folder` older than `days`. Runs
    only when a cache file is written (a miss), never on the fast path; a pruned store that
    was still in use is only rebuilt, at the cost of one slower run."""
    import time

    limit = time.time() - days * 86400
    with contextlib.suppress(OSError):
        for path in Path(folder).glob(pattern):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    path.unlink()
