"""The `snippets new` form: asks for the fields a new entry needs (questionary).

Only the answers are collected here; drafter.library.newentry turns them into an entry, the
same way it does for flags, so the form and scripts write identical files.
"""

from __future__ import annotations

import datetime as dt

from drafter.errors import InputError


def _ask(question):
    answer = question.ask()
    if answer is None:  # Ctrl-C inside questionary
        raise KeyboardInterrupt
    return answer


def _required(text: str) -> bool | str:
    return bool(text.strip()) or "required"


def _list(questionary, message: str) -> list[str]:
    """Ask for items one by one until an empty answer."""
    items = []
    while True:
        value = _ask(questionary.text(f"{message} (empty to finish):"))
        if not value.strip():
            return items
        items.append(value.strip())


def ask_fields(fields: dict) -> dict:
    """Ask in the terminal for the fields of a new entry that the flags left empty."""
    import questionary

    out = dict(fields)
    kind = _ask(
        questionary.select(
            "Kind of entry:",
            choices=["concept", "organisation", "passage"],
            default=out.get("kind") or "concept",
        )
    )
    out["kind"] = kind
    out["entry_id"] = _ask(
        questionary.text(
            "Id (lower-case, hyphens):", default=out.get("entry_id") or "", validate=_required
        )
    )
    if kind == "concept":
        out["subject"] = _ask(questionary.text("Subject (e.g. co-operatives):", validate=_required))
        preferred = _ask(questionary.text("Preferred term:", validate=_required))
        others = _list(questionary, "Other term as TEXT=STATUS (admitted/deprecated/superseded)")
        out["terms"] = [preferred, *others]
        out["short"] = _ask(questionary.text("One-line definition:", validate=_required))
        out["definition"] = _ask(
            questionary.text("Definition, in your own words:", multiline=True, validate=_required)
        )
        for relation in ("broader", "narrower", "related", "contrast"):
            out[relation] = _list(questionary, f"{relation.capitalize()} concept id")
        out["must_flag"] = _list(questionary, "Sentence the check must flag")
        out["must_pass"] = _list(questionary, "Sentence the check must pass")
    elif kind == "organisation":
        out["name"] = _ask(questionary.text("Name:", validate=_required))
        out["aliases"] = _list(questionary, "Other name")
        out["description"] = _ask(
            questionary.text(
                "What it is (facts from its sources):", multiline=True, validate=_required
            )
        )
        out["is_"] = _list(questionary, "Concept id it is")
        out["is_not"] = _list(questionary, "Concept id it is not")
        out["checked_on"] = dt.date.today().isoformat()
    else:
        out["title"] = _ask(questionary.text("Title:", validate=_required))
        out["text"] = _ask(questionary.text("Paragraph:", multiline=True, validate=_required))
        out["uses"] = _list(questionary, "Concept id it uses")
    out["sources"] = _list(questionary, "Source as title=...;publisher=...;year=...;url=...")
    status = _ask(questionary.select("Status:", choices=["draft", "vetted"], default="draft"))
    out["status"] = status
    if status == "vetted":
        if not out["sources"]:
            raise InputError("a vetted entry needs a source; save it as a draft instead")
        out["vetted_by"] = _ask(questionary.text("Vetted by:", validate=_required))
        out["vetted_on"] = dt.date.today().isoformat()
        from drafter.library.edit import add_months

        out["review_by"] = add_months(dt.date.today(), 12).isoformat()
    return out
