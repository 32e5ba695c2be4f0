"""Exact names: an organisation's or a statute's name written other than as its owner writes it.

"Wales Cooperative Centre" for the Wales Co-operative Centre, "Co-Operatives and Community
Benefit Societies Act (2014)" for the Co-operative and Community Benefit Societies Act 2014. The
names come from the library: organisations' names and aliases, and the titles of the Acts its
entries cite as sources. A name is looked for only around a capitalised hit, where a name can be.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.library import Library
    from drafter.precision.context import Context

# "Co-operative and Community Benefit Societies Act 2014 (c.14)" -> the Act's short title
_ACT = re.compile(r"([A-Z][\w'()\- ]*? Act \d{4})")
_SEPARATOR = r"[-‐‑ ]?"  # hyphen, Unicode hyphens or a space, or none at all
_REACH = 90  # characters either side of a hit in which a name containing it may stand


def exact_names(library: Library) -> dict[str, str]:
    """Each exact name the library knows, mapped to what it names (an organisation or an Act)."""
    names: dict[str, str] = {}
    for org in library.organisations.values():
        for name in (org.name, *org.aliases):
            names[_without_article(name)] = org.name
    for concept in library.concepts.values():
        for source in concept.sources:
            for act in _ACT.findall(source.title or ""):  # starts at the Act's first capital
                names.setdefault(act, act)
    return {name: owner for name, owner in names.items() if _has_joint(name)}


def _without_article(name: str) -> str:
    return name[4:] if name.startswith("The ") else name


def _has_joint(name: str) -> bool:
    """Only names with a hyphen or a year can be miswritten in the ways this rule knows."""
    return "-" in name or bool(re.search(r"\d{4}", name))


def name_pattern(names: dict[str, str]) -> re.Pattern | None:
    """One case-blind regex for every name, loose where writers slip: hyphens, an added plural
    's', a year in brackets."""
    if not names:
        return None
    bodies = []
    for index, name in enumerate(sorted(names, key=len, reverse=True)):
        parts = []
        for token in re.split(r"(\s+|-)", name):
            if not token or token.isspace():
                parts.append(r"\s+" if token else "")
            elif token == "-":
                parts.append(_SEPARATOR)
            elif token.isdigit() and len(token) == 4:
                parts.append(rf"\(?{token}\)?")
            else:
                parts.append(re.escape(token) + "s?")
        bodies.append(f"(?P<n{index}>{''.join(parts)})")
    # a name may be followed by a hyphenated suffix ("Wales Cooperative Centre-led")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?!\w)", re.IGNORECASE)


def name_spelling_rule(ctx: Context) -> None:
    """A known name written with another hyphenation, plural, capital inside a hyphenated word
    or bracketed year than its owner writes it."""
    k = ctx.knowledge
    pattern = k.name_pattern
    if pattern is None:
        return
    ordered = sorted(k.exact_names, key=len, reverse=True)
    seen: set[int] = set()
    for i, hit in enumerate(ctx.hits):
        if hit.kind != "term" or not ctx.written(i)[:1].isupper():
            continue
        lo = max(ctx.starts[i] - _REACH, 0)
        window = ctx.text[lo : ctx.ends[i] + _REACH]
        for m in pattern.finditer(window):
            start, end = lo + m.start(), lo + m.end()
            if start in seen or not (start <= ctx.starts[i] and ctx.ends[i] <= end):
                continue
            exact = ordered[int(m.lastgroup[1:])]
            written = m.group(0)
            if not written[:1].isupper() or not _miswritten(written, exact):
                continue
            seen.add(start)
            owner = k.exact_names[exact]
            whose = "its owner writes it" if owner == exact else f"{owner} writes it"
            ctx.add(
                "name-spelling",
                start,
                end,
                f"'{written}' is a name, and {whose} '{exact}'.",
                exact,
                None,
                (i,),
            )


def _miswritten(written: str, exact: str) -> bool:
    """Different in hyphens, letters, a bracketed year, or a capital inside a hyphenated word;
    a capital only at the start of a word (a heading's Title Case) is not a misspelling."""
    written = " ".join(written.split())  # a name wrapped across lines is the same name
    if written == exact:
        return False
    if written.casefold() != exact.casefold():
        return True
    return any(
        w != e and w[1:] != e[1:]
        for w, e in zip(written.split(), exact.split(), strict=False)
        if "-" in e
    )
