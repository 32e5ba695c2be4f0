"""The vetted library: entries loaded from one or more folders, later layers winning."""

from drafter.library.loader import Library, load_library, resolve_library_dirs
from drafter.library.schema import Concept, Organisation, Passage

__all__ = ["Concept", "Library", "Organisation", "Passage", "load_library", "resolve_library_dirs"]
