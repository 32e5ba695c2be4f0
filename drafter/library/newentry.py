"""Turn the flat answers of `snippets new` (flags or the form) into a validated entry."""

from __future__ import annotations

import datetime as dt

from drafter.errors import InputError, MultipleErrors
from drafter.library.schema import (
    Concept,
    Designation,
    Entry,
    Organisation,
    Passage,
    Position,
    Source,
)
from drafter.model import dotted, field_problems

SOURCE_KEYS = ("title", "kind", "publisher", "year", "url", "section", "ref")
# entry field -> the `snippets new` flag that sets it, for messages
FLAGS = {
    "id": "--id",
    "terms": "--term",
    "sources": "--source",
    "aliases": "--alias",
    "is": "--is",
    "misuse_contexts": "--misuse",
    "misuses": "--misuse-note",
    "translations": "--translation",
    "examples": "--must-flag/--must-pass",
    "topics": "--topic",
}


def parse_source(text: str, flag: str = "--source") -> dict:
    """`title=...;publisher=...;year=...` -> a Source mapping. A bare text is the title."""
    try:
        return source_fields(text)
    except ValueError as exc:
        raise InputError(f"{flag}: {exc}") from None


def source_fields(text: str) -> dict:
    """The fields of a source written `title=...;year=...`; ValueError names a bad part."""
    if "=" not in text:
        return {"title": text.strip()}
    out: dict = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in SOURCE_KEYS:
            raise ValueError(
                f"{part.strip()!r} is not KEY=VALUE (KEY one of {', '.join(SOURCE_KEYS)})"
            )
        out[key] = int(value) if key == "ref" and value.strip().isdigit() else value.strip()
    return out


def parse_term(text: str, first: bool) -> dict:
    """TEXT[=STATUS[=KIND[=USE_INSTEAD]]]"""
    parts = [p.strip() for p in text.split("=")]
    term: dict = {"text": parts[0], "status": "preferred" if first else "admitted"}
    for key, value in zip(("status", "kind", "use_instead"), parts[1:], strict=False):
        if value:
            term[key] = value
    return term


# --- one answer at a time (the form checks each at its prompt) ---------------------------
# The rules are the schema's: each answer is validated as the part of an entry it becomes.


def term_problem(text: str, first: bool = False) -> str | None:
    """What is wrong with a designation typed as TEXT[=STATUS[=KIND[=USE_INSTEAD]]], in plain
    words, or None."""
    data = parse_term(text, first)
    found = field_problems(data, Designation)
    if not isinstance(found, list):
        return None
    return "; ".join(_plain(loc, message, data, TERM_PARTS) for loc, message in found)


TERM_PARTS = {"text": "the term", "status": "the status", "kind": "the kind"}


def source_problem(text: str) -> str | None:
    """What is wrong with a source typed as `title=...;publisher=...;year=...`, or None."""
    try:
        data = source_fields(text)
    except ValueError as exc:
        return str(exc)
    found = field_problems(data, Source)
    if not isinstance(found, list):
        return None
    return "; ".join(_plain(loc, message, data) for loc, message in found)


def field_problem(model: type, name: str, value: object, label: str) -> str | None:
    """What is wrong with `value` as the field `name` of a `model` entry, e.g. "The definition
    must not be empty", or None. Only that field is judged (the others are not asked yet)."""
    found = field_problems({name: value}, model)
    if not isinstance(found, list):
        return None
    mine = [message for loc, message in found if loc and loc[0] == name]
    return f"{label} {'; '.join(mine)}" if mine else None


def _plain(loc: tuple, message: str, data: dict, names: dict | None = None) -> str:
    """One problem with a typed answer: "the status 'favourite' is not allowed: must be ..."."""
    where = (names or {}).get(dotted(loc), dotted(loc).replace("_", " "))
    value = data.get(loc[0]) if len(loc) == 1 else None
    if isinstance(value, str) and value.strip():
        return f"{where} {value!r} is not allowed: {message}"
    return f"{where}: {message}"


def parse_translation(text: str) -> tuple[str, dict]:
    """`--translation LANG=TEXT=STATUS` as (language, designation fields)."""
    parts = [p.strip() for p in text.split("=")]
    if len(parts) != 3 or not all(parts):
        raise InputError(f"--translation: {text!r} is not LANG=TEXT=STATUS")
    return parts[0], {"text": parts[1], "status": parts[2]}


def parse_misuse(text: str) -> dict:
    """`--misuse NEAR1|NEAR2=MESSAGE` as a misuse-context mapping."""
    near, sep, message = text.partition("=")
    if not sep:
        raise InputError(f"--misuse: {text!r} is not NEAR1|NEAR2=MESSAGE")
    return {"near": [n.strip() for n in near.split("|") if n.strip()], "message": message.strip()}


def _date(value, name: str):
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"--{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def build_entry(fields: dict) -> Entry:
    """Validate the answers as an entry of their kind; every problem is reported at once."""
    kind = fields.get("kind") or "concept"
    if not fields.get("entry_id"):
        raise InputError("--id is required (or run in a terminal for the form)")
    data: dict = {
        "id": fields["entry_id"],
        "kind": kind,
        "version": 1 if fields.get("version") is None else fields["version"],
        "status": fields.get("status") or "draft",
        "vetted_by": fields.get("vetted_by") or None,
        "vetted_on": _date(fields.get("vetted_on"), "vetted-on"),
        "review_by": _date(fields.get("review_by"), "review-by"),
        "sources": [parse_source(s) for s in fields.get("sources") or ()],
        "successor": fields.get("successor") or None,
    }
    examples = {
        "must_flag": list(fields.get("must_flag") or ()),
        "must_pass": list(fields.get("must_pass") or ()),
    }
    if kind == "concept":
        translations: dict[str, list] = {}
        for item in fields.get("translations") or ():
            lang, value = parse_translation(item)
            translations.setdefault(lang, []).append(value)
        data.update(
            subject=fields.get("subject"),
            short=fields.get("short"),
            definition=fields.get("definition"),
            response_definition=fields.get("response_definition") or None,
            quotation=fields.get("quotation") or None,
            quotation_source=parse_source(fields["quotation_source"], "--quotation-source")
            if fields.get("quotation_source")
            else None,
            terms=[parse_term(t, i == 0) for i, t in enumerate(fields.get("terms") or ())],
            relations={
                k: list(fields.get(k) or ()) for k in ("broader", "narrower", "related", "contrast")
            },
            needs_qualifier=fields.get("needs_qualifier") or None,
            misuse_contexts=[parse_misuse(m) for m in fields.get("misuse_contexts") or ()],
            distinguish=list(fields.get("distinguish") or ()),
            misuses=list(fields.get("misuses") or ()),
            translations=translations,
            examples=examples,
        )
        model = Concept
    elif kind == "organisation":
        data.update(
            name=fields.get("name"),
            aliases=list(fields.get("aliases") or ()),
            description=fields.get("description"),
            **{"is": list(fields.get("is_") or ())},  # the field's name in entry files
            is_not=list(fields.get("is_not") or ()),
            not_verified=list(fields.get("not_verified") or ()),
            checked_on=_date(fields.get("checked_on"), "checked-on"),
            examples=examples,
        )
        model = Organisation
    elif kind == "position":
        if data["vetted_by"] or data["vetted_on"]:
            raise InputError("a position is approved, not vetted: use --approved-by/--approved-on")
        data.update(
            title=fields.get("title"),
            text=fields.get("text"),
            topics=list(fields.get("topics") or ()),
            written_for=list(fields.get("written_for") or ()),
            vetted_by=fields.get("approved_by") or None,
            vetted_on=_date(fields.get("approved_on"), "approved-on"),
        )
        model = Position
    else:
        data.update(
            title=fields.get("title"), text=fields.get("text"), uses=list(fields.get("uses") or ())
        )
        model = Passage
    if data["status"] == "vetted":  # the same rules `snippets validate` applies
        needed = (("--approved-by", "vetted_by"),) if model is Position else (
            ("--vetted-by", "vetted_by"), ("--source", "sources"))  # fmt: skip
        missing = [flag for flag, key in needed if not data.get(key)]
        if missing:
            raise InputError(f"a vetted entry needs {' and '.join(missing)}")
        from drafter.library.edit import add_months

        data["vetted_on"] = data["vetted_on"] or dt.date.today()
        data["review_by"] = data["review_by"] or add_months(data["vetted_on"], 12)
    if model is Position:  # the names a position file uses
        data["approved_by"], data["approved_on"] = data.pop("vetted_by"), data.pop("vetted_on")
    data = {k: v for k, v in data.items() if v is not None}
    found = field_problems(data, model)
    if not isinstance(found, list):
        return found
    problems = []
    for loc, message in found:
        field = str(loc[0]) if loc else ""
        flag = FLAGS.get(field, "--" + field.replace("_", "-"))
        where = f" ({dotted(loc)})" if len(loc) > 1 or flag != f"--{field}" else ""
        problems.append(InputError(f"{flag}{where}: {message}"))
    raise problems[0] if len(problems) == 1 else MultipleErrors(problems)
