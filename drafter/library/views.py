"""What `drafter snippets list / show / search / due` print: plain data first, rich for people."""

from __future__ import annotations

import datetime as dt

from drafter.library.loader import Library
from drafter.library.printed import relation_rows
from drafter.library.schema import Concept, Entry, Organisation, Passage, Position
from drafter.model import to_data


def label(entry: Entry) -> str:
    """The name a reader knows the entry by."""
    if isinstance(entry, Concept):
        return entry.preferred
    if isinstance(entry, Organisation):
        return entry.name
    return entry.title


def summary(entry: Entry, width: int = 80) -> str:
    """One short line: the short definition, or the start of the description or text."""
    if isinstance(entry, Concept):
        text = entry.short
    elif isinstance(entry, Organisation):
        text = entry.description
    else:
        text = entry.text
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def subject_of(entry: Entry) -> str:
    """The subject to filter on: a concept's subject, else the entry kind."""
    return entry.subject if isinstance(entry, Concept) else entry.kind


def is_due(entry: Entry, today: dt.date) -> bool:
    """Whether a live entry's review date has passed."""
    return entry.status != "retired" and entry.review_by is not None and entry.review_by < today


def select(
    library: Library,
    *,
    status: str | None = None,
    subject: str | None = None,
    kind: str | None = None,
    due: bool = False,
    today: dt.date | None = None,
) -> list[Entry]:
    today = today or dt.date.today()
    out = []
    for entry in library.entries():
        if status and entry.status != status:
            continue
        if kind and entry.kind != kind:
            continue
        if subject and subject_of(entry).casefold() != subject.casefold():
            continue
        if due and not is_due(entry, today):
            continue
        out.append(entry)
    return out


def as_json(entry: Entry, library: Library) -> dict:
    """The whole entry as JSON-ready data, plus where it came from."""
    data = to_data(entry, omit_none=True)
    data["label"] = label(entry)
    data["path"] = str(library.paths.get(entry.id, ""))
    if entry.id in library.overridden:
        data["overrides"] = [str(p) for p in library.overridden[entry.id][:-1]]
    return data


class Words:
    """Text for a table cell that wraps between words, and after a hyphen only when a word is
    wider than the column, never inside a word: "registered-societies" may become
    "registered-" / "societies", never "registered-societ" / "ies" (rich wraps only at spaces
    and cuts the rest anywhere). It tells the table the narrowest it can go: its longest
    piece between spaces and hyphens."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style
        self.words = text.split()

    @classmethod
    def markup(cls, text: str) -> Words:
        """Words from rich markup ("[yellow]draft[/]"), the style kept."""
        from rich.text import Text

        parsed = Text.from_markup(text)
        style = parsed.spans[0].style if parsed.spans else ""
        return cls(parsed.plain, str(style))

    @property
    def narrowest(self) -> int:
        return max((len(p) for w in self.words for p in _hyphen_pieces(w)), default=0)

    @property
    def widest(self) -> int:
        return len(" ".join(self.words))

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(self.narrowest, self.widest)

    def __rich_console__(self, console, options):
        from rich.text import Text

        width = max(options.max_width, 1)
        lines: list[str] = []
        for word in self.words:
            if lines and len(lines[-1]) + 1 + len(word) <= width:
                lines[-1] += " " + word
                continue
            if len(word) <= width:
                lines.append(word)
                continue
            line = ""  # a word wider than the column: break it after its hyphens
            if lines and len(lines[-1]) + 1 + len(_hyphen_pieces(word)[0]) <= width:
                line = lines.pop() + " "
            for piece in _hyphen_pieces(word):
                if line.strip() and len(line) + len(piece) > width:
                    lines.append(line)
                    line = ""
                line += piece
            lines.append(line)
        text = Text("\n".join(lines), style=self.style)
        text.overflow = "fold"  # only a piece wider than the whole column is cut
        yield text


def _hyphen_pieces(word: str) -> list[str]:
    """ "co-operative-society" -> ["co-", "operative-", "society"]."""
    import re

    return re.findall(r"[^-]+-*|-+", word)


def list_table(entries: list[Entry], library: Library, today: dt.date, width: int = 80):
    """A rich table of entries for a terminal `width` columns wide, review dates that have
    passed marked. When the ids cannot have a line each (80 columns) the kind column goes:
    the subject column already says "organisation" or "passage" for entries that are not
    concepts."""
    rows = []
    for entry in entries:
        review = entry.review_by.isoformat() if entry.review_by else "-"
        if is_due(entry, today):
            review = f"[bold red]{review} (due)[/]"
        status = entry.status if entry.status != "draft" else "[yellow]draft[/]"
        rows.append(
            [Words(entry.id), entry.kind, Words(label(entry)), status, str(entry.version),
             Words(subject_of(entry)), review]
        )  # fmt: skip
    headers = ["id", "kind", "name / preferred term", "status", "v", "subject", "review by"]
    return word_table(f"{len(entries)} library entries", headers, rows, width)


def search_table(found: list[tuple[Entry, str]], width: int = 80):
    """The entries `search` found, with where each matched and a one-line summary."""
    rows = [[Words(e.id), e.kind, Words(label(e)), where, Words(summary(e))] for e, where in found]
    headers = ["id", "kind", "name / preferred term", "matched in", "summary"]
    return word_table(f"{len(found)} entries match", headers, rows, width)


def word_table(title: str, headers: list[str], rows: list[list], width: int):
    """A rich table `width` columns wide whose cells wrap between words (see Words), never
    inside one (rich would shrink the widest columns below their longest word and cut it, so
    the widths are set here, see _widths). When the ids cannot have a line each, a "kind"
    column is left out to make room."""
    from rich import box
    from rich.table import Table

    widths = _widths(headers, rows, width)
    if "kind" in headers and (widths is None or widths[0] < _widest(rows, 0)):
        index = headers.index("kind")
        headers = headers[:index] + headers[index + 1 :]
        rows = [r[:index] + r[index + 1 :] for r in rows]
        widths = _widths(headers, rows, width)
    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
        collapse_padding=True, pad_edge=False,
    )  # fmt: skip
    for number, header in enumerate(headers):
        table.add_column(
            header,
            width=widths[number] if widths else None,
            justify="right" if header == "v" else "left",
        )
    for row in rows:
        table.add_row(*(_words(cell) for cell in row))
    return table


def _words(cell) -> Words:
    return cell if isinstance(cell, Words) else Words.markup(cell)


def _widest(rows: list[list], index: int) -> int:
    return max((_words(r[index]).widest for r in rows), default=0)


def _widths(headers: list[str], rows: list[list], width: int) -> list[int] | None:
    """Column widths that fit `width` with no word cut, or None if there are none. The first
    column (an id, which a reader copies into `snippets show`) keeps its width when it can,
    up to a third of the table; then the widest column gives way first, down to its longest
    word; short values (a kind, a status, a date) are never wrapped."""
    cells = [[_words(h), *(_words(r[i]) for r in rows)] for i, h in enumerate(headers)]
    widths = [max(c.widest for c in column) for column in cells]
    least = [
        max(c.narrowest for c in column)
        if any(isinstance(r[i], Words) for r in rows)
        else widths[i]
        for i, column in enumerate(cells)
    ]
    room = width - 2 * (len(headers) - 1)  # two spaces between columns
    widths[0] = max(least[0], min(widths[0], room // 3))
    while sum(widths) > room:
        shrinkable = [i for i in range(1, len(widths)) if widths[i] > least[i]]
        if not shrinkable:
            shrinkable = [0] if widths[0] > least[0] else []
        if not shrinkable:
            return None
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    return widths


def _name(library: Library, cid: str) -> str:
    concept = library.concepts.get(cid)
    if concept is None:
        return f"{cid} (unknown)"
    return concept.preferred if concept.preferred == cid else f"{concept.preferred} ({cid})"


def _source_line(number: int, source) -> str:
    parts = [source.title]
    parts += [p for p in (source.publisher, source.year, source.section) if p]
    text = ", ".join(parts)
    if source.url:
        text += f". {source.url}"
    ref = f" [sheet {source.ref}]" if source.ref else ""
    return f"{number}. {text}{ref}"


def show_markdown(entry: Entry, library: Library) -> str:
    """The entry as a reader wants it, as Markdown (rich renders it in the terminal)."""
    lines = [f"# {label(entry)}", ""]
    meta = f"`{entry.id}` · {entry.kind} · **{entry.status}** · version {entry.version}"
    if entry.vetted_by:
        signed = "approved" if isinstance(entry, Position) else "vetted"
        meta += f" · {signed} by {entry.vetted_by}"
    if entry.vetted_on:
        meta += f" on {entry.vetted_on.isoformat()}"
    if entry.review_by:
        meta += f" · review by {entry.review_by.isoformat()}"
    lines += [meta, ""]
    if entry.successor:
        lines += [f"**Retired:** use `{entry.successor}` instead.", ""]
    if isinstance(entry, Concept):
        lines += _show_concept(entry, library)
    elif isinstance(entry, Organisation):
        lines += _show_organisation(entry, library)
    elif isinstance(entry, Position):
        lines += _show_position(entry)
    else:
        lines += _show_passage(entry, library)
    if entry.sources:
        lines += ["## Sources", ""]
        lines += [_source_line(n, s) for n, s in enumerate(entry.sources, start=1)]
        lines.append("")
    path = library.paths.get(entry.id)
    if path:
        lines += [f"*File: {path}*"]
    return "\n".join(lines)


def _show_concept(c: Concept, library: Library) -> list[str]:
    lines = [f"*{c.short}*", "", c.definition.strip(), ""]
    if c.quotation:
        src = c.quotation_source.title if c.quotation_source else "source missing"
        lines += [f"> “{c.quotation.strip()}” ({src})", ""]
    lines += ["## Terms", ""]
    for t in c.terms:
        extra = f" → write “{t.use_instead}”" if t.use_instead else ""
        note = f": {t.note.strip()}" if t.note else ""
        lines.append(f"- **{t.text}** ({t.status}, {t.kind}){extra}{note}")
    lines.append("")
    if c.needs_qualifier:
        lines += [f"**Name the model:** {c.needs_qualifier.strip()}", ""]
    rows = relation_rows(c)
    if rows:
        lines += ["## Relations", ""]
        for name, ids in rows:
            lines.append(f"- {name}: " + ", ".join(_name(library, i) for i in ids))
        lines.append("")
    if c.distinguish:
        lines += ["## Distinguish from", ""] + [f"- {d}" for d in c.distinguish] + [""]
    if c.misuses or c.misuse_contexts:
        lines += ["## Common misuses", ""] + [f"- {m}" for m in c.misuses]
        for m in c.misuse_contexts:
            lines.append(f"- near “{'”, “'.join(m.near)}”: {m.message.strip()}")
        lines.append("")
    for lang, items in c.translations.items():
        lines += [f"## Translations ({lang})", ""]
        for t in items:
            warn = " **(unverified: check before use)**" if t.status == "unverified" else ""
            note = f": {t.note.strip()}" if t.note else ""
            lines.append(f"- *{t.text}* [{t.status}]{warn}{note}")
        lines.append("")
    if c.examples.must_flag or c.examples.must_pass:
        lines += ["## Examples", ""]
        lines += [f"- flag: {s}" for s in c.examples.must_flag]
        lines += [f"- pass: {s}" for s in c.examples.must_pass]
        lines.append("")
    return lines


def _show_organisation(o: Organisation, library: Library) -> list[str]:
    lines = [o.description.strip(), ""]
    if o.aliases:
        lines += ["Also written: " + ", ".join(o.aliases), ""]
    for name, ids in (("Is", o.is_), ("Is not", o.is_not), ("Not verified", o.not_verified)):
        if ids:
            lines.append(f"- **{name}:** " + ", ".join(_name(library, i) for i in ids))
    if o.checked_on:
        lines.append(f"- Checked on {o.checked_on.isoformat()}")
    lines.append("")
    return lines


def _show_passage(p: Passage, library: Library) -> list[str]:
    lines = [p.text.strip(), ""]
    if p.uses:
        lines += ["Uses: " + ", ".join(_name(library, i) for i in p.uses), ""]
    return lines


def _show_position(p: Position) -> list[str]:
    lines = [p.text.strip(), ""]
    if p.topics:
        lines += ["Topics: " + ", ".join(p.topics), ""]
    if p.written_for:
        lines += ["Written for: " + "; ".join(p.written_for), ""]
    if p.origin:
        where = f"{p.origin.file}" + (
            f", question {p.origin.question}" if p.origin.question else ""
        )
        lines += [f"Harvested from {where}", ""]
    return lines


def search(library: Library, words: list[str]) -> list[tuple[Entry, str]]:
    """Entries containing every word; ranked: id, designation or topic first, then text."""
    wanted = [w.casefold() for w in words if w.strip()]
    ranked: list[tuple[int, str, Entry, str]] = []
    for entry in library.entries():
        names = [entry.id, label(entry)]
        if isinstance(entry, Concept):
            names += [t.text for t in entry.terms]
            names += [t.text for items in entry.translations.values() for t in items]
            body = " ".join([entry.short, entry.definition])
        elif isinstance(entry, Organisation):
            names += list(entry.aliases)
            body = entry.description
        elif isinstance(entry, Position):
            names += list(entry.topics)
            body = " ".join([entry.text, *entry.written_for])
        else:
            body = entry.text
        name_text = " ".join(names).casefold()
        all_text = f"{name_text} {body.casefold()}"
        if not all(w in all_text for w in wanted):
            continue
        where = "name" if all(w in name_text for w in wanted) else "text"
        ranked.append((0 if where == "name" else 1, entry.id, entry, where))
    ranked.sort(key=lambda row: (row[0], row[1]))
    return [(entry, where) for _, _, entry, where in ranked]


def explain_entry(query: str, library: Library) -> str | None:
    """What `drafter lint --explain` prints for a concept or organisation named by its id or
    any of its designations or names (as plain text); None if the library has none."""
    from drafter.precision.normalise import fold_term

    folded = fold_term(query.strip())
    for concept in library.concepts.values():
        if folded in {concept.id} | {fold_term(t.text) for t in concept.terms}:
            return _explain_concept(concept, library)
    for org in library.organisations.values():
        if folded in {org.id} | {fold_term(n) for n in (org.name, *org.aliases)}:
            return _explain_organisation(org, library)
    return None


def _explain_concept(concept: Concept, library: Library) -> str:
    lines = [f"{concept.preferred} ({concept.id}, {concept.status}, version {concept.version})"]
    lines += ["", concept.short.strip(), "", "Definition:", concept.definition.strip()]
    if concept.quotation:
        quote = f"\u201c{concept.quotation.strip()}\u201d"
        source = concept.quotation_source
        if source:
            quote += f" ({source.title}" + (f", {source.year}" if source.year else "") + ")"
        lines += ["", "Quoted definition:", quote]
    lines += ["", "Designations:"]
    for term in concept.terms:
        avoided = term.status in ("deprecated", "superseded")
        fix = f" -> use '{term.use_instead or concept.preferred}'" if avoided else ""
        lines.append(f"  {term.text} ({term.status}){fix}")
    for label, ids in relation_rows(concept, ("broader", "narrower", "contrast")):
        lines.append(f"{label}: " + ", ".join(_name(library, i) for i in ids))
    if concept.needs_qualifier:
        lines.append(f"Needs its model named: {concept.needs_qualifier.strip()}")
    for misuse in concept.misuse_contexts:
        lines.append(f"Misuse near {', '.join(misuse.near)}: {misuse.message.strip()}")
    if concept.sources:
        lines += ["", "Sources:"]
        lines += [
            f"  {s.title}"
            + (f", {s.publisher}" if s.publisher else "")
            + (f" ({s.year})" if s.year else "")
            + (f" {s.url}" if s.url else "")
            for s in concept.sources
        ]
    return "\n".join(lines)


def _explain_organisation(org: Organisation, library: Library) -> str:
    lines = [f"{org.name} ({org.id}, organisation)", "", org.description.strip()]
    if org.aliases:
        lines.append("Also written: " + ", ".join(org.aliases))
    for label, ids in (("Is", org.is_), ("Is not", org.is_not)):
        if ids:
            lines.append(f"{label}: " + ", ".join(_name(library, i) for i in ids))
    return "\n".join(lines)
