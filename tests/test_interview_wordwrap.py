"""Long text in the prompts wraps between words, on screen only; the glossary list's
"done (N selections)" counts terms, not the look-up row.

The prompts are the real questionary ones, drawn by prompt_toolkit into a screen buffer (or a
terminal stream) in this process, with keys sent down a pipe.
"""

from __future__ import annotations

import asyncio
import io
import re

import questionary
from prompt_toolkit.application import create_app_session
from prompt_toolkit.application.current import set_app
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.layout.mouse_handlers import MouseHandlers
from prompt_toolkit.layout.screen import Screen, WritePosition
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from drafter.interview import prompts
from drafter.interview.wordwrap import WordWrap, word_breaks

LONG = (
    "Commissioners should say in the tender how social value will be scored, and give it "
    "enough weight to change the outcome of the competition for everyone who bids."
)
FINISH = "\x1b\r"


def screen_rows(question: questionary.Question, width: int, rows: int = 8) -> list[str]:
    """The rows of the question's input window as drawn `width` columns wide."""
    app = question.application
    buffer = app.current_buffer
    window = next(
        w for w in app.layout.find_all_windows() if getattr(w.content, "buffer", None) is buffer
    )
    screen = Screen()

    async def draw() -> None:  # the buffer loads its history in the running loop
        with set_app(app):
            window.write_to_screen(
                screen, MouseHandlers(), WritePosition(0, 0, width, rows), "", False, None
            )

    asyncio.run(draw())
    return [
        "".join(screen.data_buffer[y][x].char for x in range(width)).rstrip() for y in range(rows)
    ]


def test_word_breaks_pad_before_a_word_that_would_be_cut():
    #      0123456789
    text = "aaa bbb cccc dd"
    assert word_breaks(text, 10) == {8: 2}  # "cccc" would start at column 8: pad it down
    assert word_breaks("aaa bbbbb cc", 9) == {9: -1}  # a space at the edge is not drawn
    assert word_breaks("a" * 25, 10) == {}  # a word wider than a row is cut as before
    assert word_breaks(text, 10, prefix=lambda row: 4) == {4: 2, 8: 2, 13: 1}  # 6 a row


def test_a_long_default_response_wraps_between_words():
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        question = questionary.text(
            "Your response",
            default=LONG,
            multiline=True,
            instruction="",
            input_processors=[WordWrap()],
        )
        rows = [r for r in screen_rows(question, 40) if r.strip()]
    words = LONG.split()
    assert rows[0].startswith("? Your response Commissioners")
    text_rows = [rows[0][len("? Your response ") :]] + [r[16:] for r in rows[1:]]
    assert all(not r.startswith(" ") and len(r) <= 24 for r in text_rows), rows
    assert " ".join(text_rows).split() == words  # every word whole, in order


def test_the_text_typed_into_a_wrapped_prompt_comes_back_exactly():
    with create_pipe_input() as pipe:
        pipe.send_text(" Thank you." + FINISH)
        with create_app_session(
            input=pipe, output=Vt100_Output(io.StringIO(), lambda: Size(rows=30, columns=40))
        ):
            assert prompts.response_text(LONG) == LONG + " Thank you."


def test_the_glossary_list_counts_the_terms_ticked_not_the_look_up_row():
    terms = [
        prompts.TermView("a", "asset lock", "keeps assets for the community"),
        prompts.TermView("w", "worker co-operative", "owned and run by its workers"),
    ]
    shown = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("\x1b[B\x1b[B \r")  # down to "Look up another term", tick it, Enter
        with create_app_session(
            input=pipe, output=Vt100_Output(shown, lambda: Size(rows=30, columns=100))
        ):
            picked, look_up = prompts.glossary_terms(terms, {"a", "w"})
    assert (picked, look_up) == (["a", "w"], True)
    assert "done (2 selections)" in shown.getvalue()
    assert "3 selections" not in shown.getvalue()


def test_a_long_offered_title_is_shortened_so_the_reason_and_the_prompt_fit():
    view = prompts.OfferView(
        "weight", "position", "Local authorities should give more weight to social value when "
        "they commission care and support services", 2,
        "shares: weight, value, local, authorities", "We agree.",
    )  # fmt: skip
    shown = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("\r\r")  # the default of each list
        with create_app_session(
            input=pipe, output=Vt100_Output(shown, lambda: Size(rows=30, columns=100))
        ):
            prompts.library_offers([view], [])
            prompts.offer_action(view)
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.getvalue())
    assert "— shares: weight, value, local, authorities" in screen  # the reason, whole
    assert "Use this text? Preview it" in screen  # a short question: nothing to wrap
    assert "Position “Local authorities should give more weight to social value" in screen
