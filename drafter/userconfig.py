"""Per-user defaults, so the interview can offer last time's respondent details.

Kept in the user's config folder (platformdirs), as a small YAML file the user can read and
edit. Nothing secret is stored: only what the respondent typed about themselves for the cover
block (name, organisation, role, contact email, address, how they respond and their usual
publication consent). A confidentiality reason is specific to one response and is never kept.
A missing or unreadable file is simply "no defaults": it must never stop an interview.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_FIELDS = ("name", "organisation", "role", "email", "address", "responding_as", "consent")


def config_path() -> Path:
    """Where the defaults live (DRAFTER_CONFIG overrides, e.g. for tests and shared machines)."""
    override = os.environ.get("DRAFTER_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("drafter", appauthor=False)) / "defaults.yaml"


def load_user_defaults() -> dict[str, str]:
    """Last time's respondent details, or {} when there are none or the file is unreadable."""
    data = _read_quietly(config_path())
    respondent = data.get("respondent") if isinstance(data, dict) else None
    if not isinstance(respondent, dict):
        return {}
    return {k: str(v) for k, v in respondent.items() if k in DEFAULT_FIELDS and v is not None}


def save_user_defaults(respondent: dict[str, str]) -> Path | None:
    """Remember these details for next time; returns None if the folder cannot be written."""
    kept = {k: str(respondent.get(k, "")) for k in DEFAULT_FIELDS}
    header = (
        "# drafter: your details, offered as defaults next time you run `drafter draft`.\n"
        "# Nothing secret is kept here; edit or delete this file freely.\n"
    )
    return _write_quietly(config_path(), {"respondent": kept}, header)


def _read_quietly(path: Path) -> object:
    """The YAML in `path`, or None if it is missing or unreadable (a default, never an error)."""
    from drafter.errors import DrafterError
    from drafter.fsutil import config_file_present
    from drafter.yamlio import load_yaml

    if not config_file_present(path):
        return None
    try:
        return load_yaml(path)
    except (DrafterError, OSError):
        return None


def _write_quietly(
    path: Path, data: dict, header: str = "", *, private: bool = False
) -> Path | None:
    """Replace `path` atomically with `data` as YAML; None if the folder cannot be written.
    `private`: the file 0600 in a folder 0700 (it names the user's files)."""
    from drafter.errors import DrafterError
    from drafter.fsutil import atomic_write_text
    from drafter.yamlio import dump_yaml

    text = dump_yaml(data, header)
    try:
        path.parent.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
        if private and path.parent.stat().st_mode & 0o077:
            path.parent.chmod(0o700)
        return atomic_write_text(path, text, force=True, may_replace_input=True, private=private)
    except (DrafterError, OSError):
        return None


# -- where an interrupted interview stopped ---------------------------------------------------
# A cache, not a record: if it is lost, `--resume` starts at the first unanswered question.


def _resume_file() -> Path:
    """Where interrupted interviews are noted (the user cache folder: losing it costs little)."""
    from drafter.cache import cache_root

    return cache_root() / "resume-points.yaml"


def _read_resume_points() -> dict[str, str]:
    data = _read_quietly(_resume_file())
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def resume_point(answers_path: Path) -> str | None:
    """The question that was being answered when the interview on this file was interrupted."""
    return _read_resume_points().get(str(Path(answers_path).resolve()))


def remember_resume_point(answers_path: Path, number: str | None) -> None:
    """Note (or, with None, forget) where the interview on this answers file stopped."""
    points = _read_resume_points()
    key = str(Path(answers_path).resolve())
    if number is None:
        if key not in points:
            return
        points.pop(key)
    else:
        points[key] = number
    _write_quietly(_resume_file(), points, private=True)
