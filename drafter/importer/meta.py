"""The consultation's title, reference, consulting body and closing date, from its blocks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from drafter.importer.blocks import Block

_REFERENCE = re.compile(
    r"\b(?:consultation\s+)?(?:reference(?:\s+number)?|ref\.?|cyfeirnod)\s*(?:no\.?\s*)?[:\-]?\s*"
    r"([A-Z][A-Za-z]{0,9}[-/ ]?\d[\w/.-]*\w|\d[\w/.-]*\w)",
    re.I,
)
_DEADLINE = re.compile(
    r"\b(closing date|deadline|closes? on|respon\w+ (?:should be \w+ )?(?:by|before)|"
    r"respond by|by no later than|return\w* (?:[\w ]{0,20} )?by)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s*,?\s+(\d{4})\b",
    re.I,
)
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


def find_meta(blocks: list[Block], core_title: str = "", fallback: str = "") -> Meta:
    meta = Meta()
    texts = [b for b in blocks if not b.empty]
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
    for b in texts:
        m = _REFERENCE.search(b.text)
        if m:
            meta.reference = m.group(1).strip()
            break
    for b in texts:
        for label in _DEADLINE.finditer(b.text):
            date = _DATE.search(b.text, label.end(), label.end() + 80)
            if date:
                try:
                    meta.deadline = dt.datetime.strptime(
                        " ".join(date.groups()).title(), "%d %B %Y"
                    ).date()
                except ValueError:
                    continue
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
