"""Which editor Ctrl-E opens, chosen the way terminal programs do, and named on screen.

$VISUAL, then $EDITOR, then nano where it is installed (friendlier to a first-time user than
vi), else vi; the hint says which, so nobody lands in an editor they do not know how to leave.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Editor:
    argv: list[str]  # the command to run, the file to edit appended
    name: str  # what the hint calls it
    fallback: bool  # chosen because neither $VISUAL nor $EDITOR is set


def choose_editor(env: Mapping[str, str] | None = None, which=shutil.which) -> Editor:
    """The editor Ctrl-E opens: $VISUAL, $EDITOR, nano if installed, else vi."""
    env = os.environ if env is None else env
    for variable in ("VISUAL", "EDITOR"):
        argv = shlex.split(env.get(variable, ""))
        if argv:
            return Editor(argv, os.path.basename(argv[0]), fallback=False)
    if which("nano"):
        return Editor(["nano"], "nano", fallback=True)
    return Editor(["vi"], "vi", fallback=True)


def editor_hint(editor: Editor) -> str:
    """The words after "Ctrl-E opens" in the response prompt's hint."""
    if not editor.fallback:
        return editor.name
    if editor.name == "vi":
        return "vi (no $VISUAL or $EDITOR set; in vi type :wq then Enter to save and come back)"
    return f"{editor.name} (set $VISUAL or $EDITOR to choose another)"
