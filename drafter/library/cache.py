"""Parsed-library cache (see bench/bench_library.py): placeholder that always loads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path


def cached_load(dirs: Sequence[Path], load: Callable):
    return load(dirs)
