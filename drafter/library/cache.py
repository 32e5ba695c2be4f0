"""Parsed-YAML cache for library layers: YAML parsing is ~90% of loading a large library.

One JSON file per layer in the user cache folder (platformdirs) maps each entry file to its
parsed data, keyed by the file's size, modification time, change time and inode. A file whose
key differs is parsed again, so the cache can never serve stale entries; files that fail to
parse are never cached (their errors are reported every time). Pydantic validation still runs
on every load. DRAFTER_NO_CACHE=1 turns the cache off. JSON, not pickle: reading the cache
can never run code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from drafter.errors import DrafterError
from drafter.yamlio import load_yaml

CACHE_FORMAT = 1


def enabled() -> bool:
    """Whether the parsed-library cache is used (DRAFTER_NO_CACHE=1 turns it off)."""
    return not os.environ.get("DRAFTER_NO_CACHE")


def cache_file(directory: Path) -> Path:
    """The cache file for one library folder, keyed by its resolved path."""
    from platformdirs import user_cache_dir

    key = hashlib.sha256(str(Path(directory).resolve()).encode()).hexdigest()[:20]
    return Path(user_cache_dir("drafter", appauthor=False)) / "library" / f"{key}.json"


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _encode(value):
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _decode(obj: dict):
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return dt.datetime.fromisoformat(obj["$datetime"])
    return obj


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def parse_files(directory: Path, files: list[Path]) -> list[tuple[Path, object]]:
    """(path, parsed data or the DrafterError it raised) for each file, using the cache."""
    if not enabled():
        return [(p, _parse(p)) for p in files]
    store = cache_file(directory)
    old = _read(store)
    new: dict[str, list] = {}
    out: list[tuple[Path, object]] = []
    changed = False
    for path in files:
        key = str(path.resolve())
        try:
            stamp = _stamp(path)
        except OSError:
            out.append((path, _parse(path)))
            continue
        hit = old.get(key)
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == stamp:
            data = hit[1]
        else:
            data = _parse(path)
            changed = True
        if not isinstance(data, DrafterError):
            new[key] = [stamp, data]
        out.append((path, data))
    if changed or set(new) != set(old):
        _write(store, new)
    return out


def _parse(path: Path):
    try:
        return load_yaml(path)
    except DrafterError as exc:
        return exc


def _write(store: Path, files: dict) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    from drafter.fsutil import atomic_write_text

    try:
        text = json.dumps({"format": CACHE_FORMAT, "files": files}, default=_encode)
    except (TypeError, ValueError):
        return
    with contextlib.suppress(OSError, DrafterError):
        store.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(store, text, force=True)
