"""Which editor Ctrl-E opens, and what the hint calls it."""

from __future__ import annotations

from drafter.interview.editor import choose_editor, editor_hint


def test_visual_comes_before_editor():
    editor = choose_editor({"VISUAL": "code --wait", "EDITOR": "emacs"}, which=lambda _: None)
    assert editor.argv == ["code", "--wait"]
    assert editor_hint(editor) == "code"


def test_editor_when_visual_is_unset_or_blank():
    editor = choose_editor({"VISUAL": " ", "EDITOR": "/usr/bin/emacs -nw"}, which=lambda _: None)
    assert editor.argv == ["/usr/bin/emacs", "-nw"]
    assert editor_hint(editor) == "emacs"


def test_nano_where_present_and_the_hint_says_how_to_choose_another():
    editor = choose_editor({}, which=lambda name: f"/usr/bin/{name}" if name == "nano" else None)
    assert editor.argv == ["nano"]
    assert editor_hint(editor) == "nano (set $VISUAL or $EDITOR to choose another)"


def test_vi_as_the_last_resort_says_so_and_how_to_leave_it():
    editor = choose_editor({}, which=lambda _: None)
    assert editor.argv == ["vi"]
    hint = editor_hint(editor)
    assert hint.startswith("vi (no $VISUAL or $EDITOR set")
    assert ":wq" in hint
