"""The questions on screen: one function per prompt, questionary underneath.

This is the only module in drafter that imports questionary. Each function asks one thing and
returns a plain value; deciding what to ask and saving belong to session.py and flow.py.
Every prompt raises KeyboardInterrupt on Ctrl-C (the flow saves, then exits 130); the response
text prompts raise TypingInterrupted instead, carrying what had been typed so it is not lost.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings
from questionary import Choice, Separator, Style

from drafter.interview.wordwrap import WordWrap

STYLE = Style(
    [
        ("qmark", "fg:#5f87af bold"),
        ("question", "bold"),
        ("answer", "fg:#5f87af"),
        ("instruction", "fg:#808080"),
        ("pointer", "fg:#5f87af bold"),
        ("highlighted", "fg:#5f87af bold"),
        ("selected", "fg:#5f87af"),
        ("separator", "fg:#808080"),
        ("heading", "bold"),
        ("muted", "fg:#808080"),
        ("warning", "fg:#af5f00 bold"),
        ("good", "fg:#5f8700"),
    ]
)

# values the stance and follow-up prompts return besides a stance label
NO_RESPONSE = "\x00no-response"
LATER = "\x00later"
WRITE = "\x00write"
LOOK_UP = "\x00look-up"
RENDER = "\x00render"
QUIT = "\x00quit"
CONFIRMED = "\x00confirmed"

FINISH_HINT = (
    "Esc then Enter to finish · a blank line starts a new paragraph · lines starting "
    '"- " or "1." make a list · Ctrl-E opens '
)


class TypingInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) while a response was being typed; `text` is what was on screen."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text


# -- printing ---------------------------------------------------------------------------------


def width() -> int:
    """Usable text width: the terminal's, kept between 38 and 98 columns."""
    try:
        columns = get_app_session().output.get_size().columns
    except Exception:  # some outputs cannot tell
        columns = shutil.get_terminal_size().columns
    return max(40, min(columns, 100)) - 2


def say(text: str = "", style: str = "") -> None:
    """Print a line (wrapped to the terminal) where the prompts print."""
    lines = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width()) or [""])
    print_formatted_text(
        FormattedText([(f"class:{style}" if style else "", "\n".join(lines))]), style=STYLE
    )


def rule() -> None:
    """A dim horizontal line between questions."""
    say("─" * width(), "muted")


def show_question(
    number: str, position: int, total: int, section: str | None, text: str, guidance: str | None
) -> None:
    say()
    rule()
    where = f"Question {number}  ({position} of {total})"
    if section:
        where += f"  ·  {section}"
    say(where, "heading")
    say(text)
    if guidance:
        say(f"Guidance: {guidance}", "muted")
    say()


# -- prompts ----------------------------------------------------------------------------------


def _ask(question: questionary.Question):
    return question.unsafe_ask()


def choose(
    message: str,
    choices: Sequence,
    default=None,
    instruction: str | None = None,
    *,
    search: bool = False,
):
    """A pick list of labels, (label, value) pairs or Choices; returns the chosen value.

    A None in `choices` draws a separator line.
    """
    choices = [
        Separator() if c is None else Choice(c[0], value=c[1]) if isinstance(c, tuple) else c
        for c in choices
    ]
    if default is not None and not any(
        (c.value if isinstance(c, Choice) else c) == default
        for c in choices
        if not isinstance(c, Separator)
    ):
        default = None
    return _ask(
        questionary.select(
            message,
            choices=list(choices),
            default=default,
            style=STYLE,
            instruction=instruction or "(arrow keys, then Enter)",
            use_search_filter=search,
            use_jk_keys=not search,
        )
    )


def line(message: str, default: str = "", *, required: bool = False, instruction: str = "") -> str:
    """One line of text. `required` refuses an empty answer with a plain explanation; Ctrl-C
    raises TypingInterrupted with what was typed."""

    def validate(value: str):
        if required and not value.strip():
            return "Please type something here (it cannot be left empty)."
        return True

    question = questionary.text(
        message,
        default=default or "",
        style=STYLE,
        validate=validate,
        instruction=instruction or None,
        input_processors=[WordWrap()],
    )
    try:
        return _ask(question).strip()
    except KeyboardInterrupt:
        raise TypingInterrupted(question.application.current_buffer.text) from None


def confirm(message: str, default: bool = True) -> bool:
    """A yes/no question; Ctrl-C stops the interview as everywhere else."""
    return bool(_ask(questionary.confirm(message, default=default, style=STYLE)))


def response_text(default: str = "") -> str:
    """The multi-line response, finished with Esc then Enter; Ctrl-E opens the editor the
    hint names ($VISUAL, $EDITOR, nano, else vi)."""
    from drafter.interview.editor import choose_editor, editor_hint

    editor = choose_editor()
    bindings = KeyBindings()

    @bindings.add("c-e")
    def _editor(event) -> None:
        _edit_in(editor.argv, event.current_buffer)

    say(FINISH_HINT + editor_hint(editor), "muted")
    question = questionary.text(
        "Your response",
        default=default,
        multiline=True,
        instruction="",
        style=STYLE,
        key_bindings=bindings,
        input_processors=[WordWrap()],
    )
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt:
        raise TypingInterrupted(question.application.current_buffer.text) from None


def _edit_in(argv: list[str], buffer) -> None:
    """Open the buffer's text in the editor (the terminal handed over), then take it back."""
    import subprocess
    import tempfile
    from pathlib import Path

    from prompt_toolkit.application import run_in_terminal

    def edit() -> None:
        with tempfile.TemporaryDirectory(prefix="drafter-") as folder:
            path = Path(folder) / "response.txt"
            path.write_text(buffer.text, encoding="utf-8")
            try:
                subprocess.call([*argv, str(path)])
            except OSError as problem:
                say(f"Could not open {argv[0]}: {problem.strerror}", "warning")
                return
            text = path.read_text(encoding="utf-8").rstrip("\n")
        buffer.text = text
        buffer.cursor_position = len(text)

    run_in_terminal(edit, in_executor=False)


def stance(labels: Sequence[str], default: str | None, *, takes_text: bool) -> str:
    """The stance that fits the question's kind, or NO_RESPONSE / LATER."""
    choices: list = [Choice(label, value=label) for label in labels]
    choices += [
        Separator(),
        Choice("No response to this question", value=NO_RESPONSE),
        Choice("Leave it for later", value=LATER),
    ]
    return choose("Your answer", choices, default=default)


def empty_response() -> str:
    """Asked when a free-text response is left empty: say what that means."""
    return choose(
        "You left the response empty. What would you like to do?",
        [
            Choice("Write a response after all", value=WRITE),
            Choice("Give no response to this question", value=NO_RESPONSE),
            Choice("Leave it for later", value=LATER),
        ],
    )


@dataclass(frozen=True)
class FindingView:
    """What the respondent needs to decide about one precision finding."""

    where: str  # "line 2, column 14"
    text: str
    message: str
    replacement: str | None  # text that can be put in place of the finding
    advice: str | None  # a suggestion to act on by editing
    severity: str


def finding(view: FindingView, index: int, total: int, *, kept_before: bool) -> str:
    """Accept the suggestion, edit the response, or keep as written: 'accept'/'edit'/'keep'."""
    say()
    say(
        f"Precision check {index} of {total} ({view.severity}): “{view.text}” at {view.where}",
        "warning",
    )
    say(view.message)
    if view.advice:
        say(f"Suggestion: {view.advice}", "muted")
    choices = []
    if view.replacement:
        choices.append(Choice(f"Use the suggestion: “{view.replacement}”", value="accept"))
    choices += [
        Choice("Edit the response", value="edit"),
        Choice("Keep it as written (recorded with the answer)", value="keep"),
    ]
    default = "keep" if kept_before else ("accept" if view.replacement else "edit")
    return choose("What would you like to do?", choices, default=default)


def key_point(default: str = "") -> str:
    """The optional one-line key point that goes into the summary."""
    return line("Key point for the summary (optional, one line)", default)


@dataclass(frozen=True)
class TermView:
    id: str
    term: str
    short: str


def glossary_terms(mentioned: Sequence[TermView], chosen: set[str]) -> tuple[list[str], bool]:
    """Which terms to define in the glossary; returns (ids, wants to look up another)."""
    room = width() - 6
    choices = [
        Choice(_clip(f"{t.term} — {t.short}", room), value=t.id, checked=t.id in chosen)
        for t in mentioned
    ]
    choices.append(Choice("Look up another term in the library…", value=LOOK_UP))
    control: list = []  # the list on screen, once the question exists

    def untick_look_up(_picked) -> bool:
        """On Enter (questionary also validates on each tick): the look-up row is an action,
        not a term, so it leaves the ticks before questionary writes "done (N selections)"
        (the value returned still has it)."""
        ticks = control[0] if control else None
        if ticks is not None and ticks.submission_attempted and LOOK_UP in ticks.selected_options:
            ticks.selected_options.remove(LOOK_UP)
        return True

    question = questionary.checkbox(
        "Terms to define in the “Terms used” glossary",
        choices=choices,
        style=STYLE,
        instruction="(Space to tick or untick, Enter to go on)",
        validate=untick_look_up,
    )
    control += _choice_lists(question)
    picked = _ask(question)
    return [p for p in picked if p != LOOK_UP], LOOK_UP in picked


def _choice_lists(question: questionary.Question) -> list:
    """The pick-list controls (questionary's InquirerControl) in a question's layout."""
    from questionary.prompts.common import InquirerControl

    return [
        c for c in question.application.layout.find_all_controls() if isinstance(c, InquirerControl)
    ]


def look_up_term(terms: Sequence[TermView]) -> str | None:
    """A searchable list of library terms with their short definitions; None when left empty."""
    return _pick_by_typing(
        "Term to add (type to search, Enter on an empty line to stop)",
        {t.term: t.id for t in terms},
        {t.term: t.short for t in terms},
        "Pick a term from the list (type part of it to search)",
    )


def _pick_by_typing(
    message: str, by_label: dict[str, str], meta: dict[str, str], refusal: str
) -> str | None:
    """A searchable list: the value of the label typed, or of the only label that contains
    what was typed; None when left empty."""

    def resolve(typed: str) -> str | None:
        wanted = typed.strip().lower()
        exact = [label for label in by_label if label.lower() == wanted]
        partial = [label for label in by_label if wanted in label.lower()]
        found = exact or (partial if len(partial) == 1 else [])
        return by_label[found[0]] if found else None

    def validate(typed: str):
        return True if not typed.strip() or resolve(typed) else refusal

    answer = _ask(
        questionary.autocomplete(
            message,
            choices=list(by_label),
            meta_information=meta,
            match_middle=True,
            ignore_case=True,
            style=STYLE,
            validate=validate,
        )
    )
    return resolve(answer) if answer and answer.strip() else None


def review(rows, total_answered: int) -> str:
    """The review screen: a table of every question; returns a number, RENDER or QUIT."""
    say()
    rule()
    say(f"Review · {total_answered} of {len(rows)} questions answered", "heading")
    say("Choose a question to answer it again, or make the Word response.", "muted")
    stance_width = max([len(r.stance) for r in rows] + [6])
    stance_width = min(stance_width, 26)
    words_width = max(20, width() - stance_width - 34)
    header = f"{'No.':<5} {'Stance':<{stance_width}}  {'Response':<{words_width}}  Status"
    choices: list = [Separator(header)]
    for r in rows:
        status = r.status + (f", {r.findings_kept} kept" if r.findings_kept else "")
        stance_text = _clip(r.stance or "–", stance_width)
        words = _clip(r.first_words or "–", words_width)
        label = f"{r.number:<5} {stance_text:<{stance_width}}  {words:<{words_width}}  {status}"
        choices.append(Choice(label, value=r.number))
    choices += [
        Separator(),
        Choice("Make the Word response (.docx)", value=RENDER),
        Choice("Save and stop for now", value=QUIT),
    ]
    return choose(
        "Review",
        choices,
        default=RENDER,
        instruction="(arrow keys, or type a question number or words to find it; then Enter)",
        search=True,
    )


def interrupt_current_prompt() -> bool:
    """Make the prompt on screen stop as if Ctrl-C was pressed (used for SIGTERM and SIGHUP).

    Returns False when no prompt is running, so the caller interrupts the program instead.
    """
    from prompt_toolkit.application.current import get_app_or_none

    app = get_app_or_none()
    loop = getattr(app, "loop", None)
    if app is None or not app.is_running or loop is None:
        return False

    def stop() -> None:
        if app.is_running and not app.future.done():
            app.exit(exception=KeyboardInterrupt())

    loop.call_soon_threadsafe(stop)
    return True


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# -- vetted library texts offered for a question ------------------------------------------------

SEARCH = "\x00search"
OWN_WORDS = "\x00own-words"
REMOVE = "\x00remove:"


@dataclass(frozen=True)
class OfferView:
    """A passage or position offered for the question, and why it was."""

    id: str
    kind: str  # "position" or "passage"
    title: str
    version: int
    why: str
    text: str


def library_offers(offers: Sequence[OfferView], quoted: Sequence[OfferView]) -> str:
    """The texts offered for this question; returns an offer's id, SEARCH, OWN_WORDS, or
    REMOVE + id for a text already quoted in the answer."""
    room = width() - 6
    say()
    say("From the library: texts that may fit this question", "heading")
    choices: list = [Choice("Go on to the response (your own words)", value=OWN_WORDS)]
    for view in quoted:
        label = f"Remove the quoted {view.kind}: {view.title} (v{view.version})"
        choices.append(Choice(_clip(label, room), value=REMOVE + view.id))
    if offers:
        choices.append(Separator())
    for view in offers:
        choices.append(Choice(_offer_label(view, room), value=view.id))
    choices += [Separator(), Choice("Search the library…", value=SEARCH)]
    return choose("Quote or adapt a vetted text?", choices, default=OWN_WORDS)


def _offer_label(view: OfferView, room: int) -> str:
    """'Kind: title — why' in `room` columns: a long title is shortened first, so the reason
    it was offered stays on screen."""
    kind, why = f"{view.kind.title()}: ", f" — {view.why}"
    title_room = max(room - len(kind) - len(why), 24)
    return _clip(kind + _clip(view.title, title_room) + why, room)


def offer_action(view: OfferView) -> str:
    """What to do with one offered text: 'preview', 'insert', 'adapt' or 'back'."""
    say(_clip(f"{view.kind.title()} “{view.title}” (v{view.version})", width()), "heading")
    return choose(
        "Use this text?",
        [
            Choice("Preview it", value="preview"),
            Choice("Insert it as it is (vetted text, kept in step with the library)", "insert"),
            Choice("Insert it and adapt it (it becomes your own words)", value="adapt"),
            Choice("Back to the list", value="back"),
        ],
    )


def preview(view: OfferView) -> None:
    say()
    say(f"{view.kind.title()}: {view.title} (v{view.version}) — {view.why}", "heading")
    say(view.text)


def search_library(views: Sequence[OfferView]) -> str | None:
    """A searchable list of every vetted passage and position; returns an id, or None when
    left empty."""
    labels = {f"{v.title} ({v.kind} {v.id})": v for v in views}
    return _pick_by_typing(
        "Library text (type to search, Enter on an empty line to go back)",
        {label: v.id for label, v in labels.items()},
        {label: " ".join(v.text.split()[:10]) + "…" for label, v in labels.items()},
        "Pick a text from the list (type part of its title to search)",
    )
