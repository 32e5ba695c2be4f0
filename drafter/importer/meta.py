"""The consultation's title, reference, consulting body and closing date, from its blocks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from drafter.ooxml.blocks import Block

_REFERENCE = re.compile(
    r"\b(?:consultation\s+)?(?:reference(?:\s+number)?|ref\.?|cyfeirnod)\s*(?:no\.?\s*)?[:\-]?\s*"
    r"([A-Z][A-Za-z]{0,9}[-/ ]?\d(?:[\w/.-]*\w)?|\d(?:[\w/.-]*\w)?)",
    re.I,
)
_DEADLINE = re.compile(
    r"\b(closing date|deadline|closes? on|respon\w+ (?:should be \w+ )?(?:by|before)|"
    r"respond by|by no later than|return\w* (?:[\w ]{0,20} )?by)\b",
    re.I,
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# "14 March 2027", "14th Mar 2027", "March 14, 2027", "14/03/2027" (UK day first)
_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\.?,?\s+(\d{{4}})\b"
    rf"|\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    r"|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b",
    re.I,
)


def _parse_date(m: re.Match) -> dt.date | None:
    g = m.groups()
    try:
        if g[0]:
            day, month, year = int(g[0]), g[1], int(g[2])
        elif g[3]:
            day, month, year = int(g[4]), g[3], int(g[5])
        else:
            return dt.date(int(g[8]), int(g[7]), int(g[6]))
        number = dt.datetime.strptime(month[:3].title(), "%b").month
        return dt.date(year, number, day)
    except ValueError:
        return None


_BODY_LABEL = re.compile(
    r"^(?:consulting body|published by|issued by|lead (?:department|organisation)|"
    r"consultation by)\s*[:\-]\s*(.+)$",
    re.I,
)
_BODY_NAME = re.compile(
    r"\b(Welsh Government|Llywodraeth Cymru|Senedd Cymru|Welsh Parliament|"
    r"(?:[A-Z][a-z]+ ){1,5}(?:Council|Commission|Commissioner|Authority|Agency|Board))\b"
)


@dataclass
class Meta:
    title: str = ""
    reference: str | None = None
    deadline: dt.date | None = None
    consulting_body: str = ""
    unsure: dict[str, str] = field(default_factory=dict)


def find_meta(blocks: list[Block], extra: str = "", fallback: str = "") -> Meta:
    """Title, reference, closing date and consulting body. `extra` is the .docx core title
    on its first line, then the page headers' lines (searched after the body)."""
    meta = Meta()
    texts = [b for b in blocks if not b.empty]
    core_title, *header_lines = extra.split("\n")
    headers = [Block(text=line, where="page header") for line in header_lines]
    title_block = next((b for b in texts if b.title), None) or next(
        (b for b in texts if b.heading == 1), None
    )
    if title_block is not None:
        meta.title = title_block.text.strip()
    elif core_title.strip():
        meta.title = core_title.strip()
    elif texts and len(texts[0].text) < 200:
        meta.title = texts[0].text.strip()
        meta.unsure["title"] = "taken from the first line; no title style found"
    else:
        meta.title = fallback
        meta.unsure["title"] = "no title found; named after the file"
    for b in texts + headers:
        m = _REFERENCE.search(b.text)
        if m:
            meta.reference = m.group(1).strip()
            break
    for b in texts:
        for label in _DEADLINE.finditer(b.text):
            date = _DATE.search(b.text, label.end(), label.end() + 80)
            if date and _parse_date(date):
                meta.deadline = _parse_date(date)
                break
        if meta.deadline:
            break
    for b in texts:
        m = _BODY_LABEL.match(b.text.strip())
        if m:
            meta.consulting_body = m.group(1).strip()
            break
    if not meta.consulting_body:
        for b in texts[:15]:
            m = _BODY_NAME.search(b.text)
            if m:
                meta.consulting_body = m.group(1)
                meta.unsure["consulting_body"] = "a name seen near the top, not a labelled field"
                break
    if not meta.consulting_body:
        meta.consulting_body = "Not found in the document (edit this)"
        meta.unsure["consulting_body"] = "not found"
    return meta
