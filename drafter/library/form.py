"""The `snippets new` form: asks for the fields a new entry needs (questionary).

Only the answers are collected here; drafter.library.newentry turns them into an entry, the
same way it does for flags, so the form and scripts write identical files. Each answer is
checked at its prompt with the schema's own rules (newentry's `*_problem` functions), so a
mistake is explained where it is typed, not after the last question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from drafter.library.newentry import field_problem, source_problem, term_problem
from drafter.library.schema import KINDS, Concept, Organisation, Passage, Position, id_problem

# a check: the answer -> what is wrong with it in plain words, or None
Check = Callable[[str], "str | None"]


def _ask(question):
    answer = question.ask()
    if answer is None:  # Ctrl-C inside questionary
        raise KeyboardInterrupt
    return answer


def _validator(check: Check, *, blank_ok: bool = False) -> Callable[[str], bool | str]:
    """questionary's `validate=`: True, or the message shown under the prompt."""

    def validate(text: str) -> bool | str:
        if blank_ok and not text.strip():
            return True
        return check(text.strip()) or True

    return validate


def _filled(what: str) -> Check:
    """For free text the schema does not restrict (a subject, a name): not blank."""
    return lambda text: None if text else f"{what} cannot be left empty: please type it"


def _field(model: type, name: str, label: str) -> Check:
    return lambda text: field_problem(model, name, text, label)


def _text(questionary, message: str, check: Check, **kwargs) -> str:
    return _ask(questionary.text(message, validate=_validator(check), **kwargs)).strip()


def _list(questionary, message: str, check: Check | None = None) -> list[str]:
    """Ask for items one by one until an empty answer; each item is checked as it is typed."""
    items = []
    while True:
        validate = _validator(check, blank_ok=True) if check else None
        value = _ask(questionary.text(f"{message} (empty to finish):", validate=validate))
        if not value.strip():
            return items
        items.append(value.strip())


def _entry_id(out: dict, directory: Path | None, force: bool) -> Check:
    """The id rule, and no entry file of that id already in the folder (unless --force)."""
    from drafter.library.edit import FOLDERS

    def check(text: str) -> str | None:
        problem = id_problem(text)
        if problem or directory is None or force:
            return problem
        path = Path(directory) / FOLDERS[out["kind"]] / f"{text}.yaml"
        if path.exists():
            return f"{path} already exists: choose another id (or run with --force)"
        return None

    return check


def _response_definition(text: str) -> str | None:
    """The rules `snippets validate` applies to a response definition, at the prompt."""
    from drafter.library.publishable import check_response_definition

    return None if not text else check_response_definition(text)


def _known_concept(known: set[str] | None) -> Check:
    """An id of a concept in the library: a typo is caught here, not by `validate` later."""

    def check(text: str) -> str | None:
        problem = id_problem(text)
        if problem or known is None or text in known:
            return problem
        import difflib

        close = difflib.get_close_matches(text, sorted(known), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"unknown concept id {text!r} (not in the library){hint}"

    return check


def _flagged_by_check(out: dict, library) -> Check:
    """A must-flag sentence the precision check flags, with the new concept's terms added."""

    def check(text: str) -> str | None:
        if library is None:
            return None
        from drafter.entry_examples import example_findings

        try:
            found = example_findings(text, library, _draft_concept(out))
        except Exception:  # an engine that cannot run here is `validate`'s to report
            return None
        return (
            None if found else "the precision check finds nothing in it: type a sentence it flags"
        )

    return check


def _draft_concept(out: dict):
    from drafter.library.newentry import build_entry

    fields = dict(out, status="draft", sources=(), must_flag=(), must_pass=())
    try:
        return build_entry(fields)
    except Exception:
        return None


def ask_fields(
    fields: dict, directory: Path | None = None, force: bool = False, library=None
) -> dict:
    """Ask in the terminal for the fields of a new entry that the flags left empty. With the
    `library`, ids it refers to must exist and a must-flag sentence must be flagged."""
    import questionary

    out = dict(fields)
    kind = _ask(
        questionary.select(
            "Kind of entry:",
            choices=list(KINDS),
            default=out.get("kind") or "concept",
        )
    )
    out["kind"] = kind
    out["entry_id"] = _text(
        questionary,
        "Id (lower-case, hyphens):",
        _entry_id(out, directory, force),
        default=out.get("entry_id") or "",
    )
    known = set(library.concepts) if library is not None else None
    concept_id = _known_concept(known)  # the ids of the concepts it refers to
    if kind == "concept":
        out["subject"] = _text(questionary, "Subject (e.g. co-operatives):", _filled("The subject"))
        preferred = _text(
            questionary, "Preferred term:", lambda text: term_problem(text, first=True)
        )
        others = _list(
            questionary,
            "Other term as TEXT=STATUS (admitted/deprecated/superseded)",
            term_problem,
        )
        out["terms"] = [preferred, *others]
        out["short"] = _text(
            questionary, "One-line definition:", _field(Concept, "short", "The definition")
        )
        out["definition"] = _text(
            questionary,
            "Definition, in your own words:",
            _field(Concept, "definition", "The definition"),
            multiline=True,
        )
        out["response_definition"] = _text(
            questionary,
            "Definition a response prints (one or two timeless sentences):",
            _response_definition,
        )
        for relation in ("broader", "narrower", "related", "contrast"):
            out[relation] = _list(questionary, f"{relation.capitalize()} concept id", concept_id)
        out["must_flag"] = _list(
            questionary, "Sentence the check must flag", _flagged_by_check(out, library)
        )
        out["must_pass"] = _list(questionary, "Sentence the check must pass")
    elif kind == "organisation":
        out["name"] = _text(questionary, "Name:", _field(Organisation, "name", "The name"))
        out["aliases"] = _list(questionary, "Other name")
        out["description"] = _text(
            questionary,
            "What it is (facts from its sources):",
            _field(Organisation, "description", "The description"),
            multiline=True,
        )
        out["is_"] = _list(questionary, "Concept id it is", concept_id)
        out["is_not"] = _list(questionary, "Concept id it is not", concept_id)
        out["checked_on"] = dt.date.today().isoformat()
    elif kind == "position":
        out["title"] = _text(questionary, "Title:", _field(Position, "title", "The title"))
        out["topics"] = _list(questionary, "Topic keyword")
        out["text"] = _text(
            questionary,
            "The position, in Markdown:",
            _field(Position, "text", "The position"),
            multiline=True,
        )
        out["written_for"] = _list(questionary, "Question or consultation it was written for")
    else:
        out["title"] = _text(questionary, "Title:", _field(Passage, "title", "The title"))
        out["text"] = _text(
            questionary, "Paragraph:", _field(Passage, "text", "The paragraph"), multiline=True
        )
        out["uses"] = _list(questionary, "Concept id it uses", concept_id)
    out["sources"] = _list(
        questionary,
        "Source as title=...;kind=...;publisher=...;year=...;url=...",
        source_problem,
    )
    # a vetted entry needs a source (the rule `snippets validate` applies): say so up front;
    # a position is the organisation's view and needs an approver instead
    position = kind == "position"
    vetted = questionary.Choice(
        "vetted", disabled=None if out["sources"] or position else "needs at least one source"
    )
    status = _ask(questionary.select("Status:", choices=["draft", vetted], default="draft"))
    out["status"] = status
    if status == "vetted":
        signed = "approved" if position else "vetted"
        out[f"{signed}_by"] = _text(
            questionary,
            f"{signed.capitalize()} by:",
            _filled(f"The name of the person who {'approved' if position else 'checked'} it"),
        )
        out[f"{signed}_on"] = dt.date.today().isoformat()
        from drafter.library.edit import add_months

        out["review_by"] = add_months(dt.date.today(), 12).isoformat()
    return out
