"""List numbering definitions (word/numbering.xml) shared by the writer and the reference builder.

Drafter owns two abstract numbering definitions, a bullet one and a decimal one, with fixed
ids. Every numbered list in a document gets its own w:num pointing at the decimal definition
with a startOverride, so each list restarts at 1 whatever the reference document defines.
"""

from __future__ import annotations

from drafter.ooxml.ns import nsdecls, qn
from drafter.ooxml.ns import parse as parse_xml

BULLET_ABSTRACT_ID = "9001"
DECIMAL_ABSTRACT_ID = "9002"
LEVELS = 3
_INDENT = 360  # twips per level step (a quarter inch)
_NUMBER_HANGING = 500  # room for "27." before the text (a quarter inch is too narrow)
_BULLETS = ("\u2022", "\u25e6", "\u25aa")
_DECIMAL = ("%1.", "%2.", "%3.")
_DECIMAL_FORMATS = ("decimal", "lowerLetter", "lowerRoman")


def _abstract_num(abstract_id: str, nsid: str, bullet: bool) -> str:
    levels = []
    hanging = _INDENT if bullet else _NUMBER_HANGING
    for level in range(LEVELS):
        left = _INDENT * (level + 1) + hanging
        if bullet:
            fmt, text = "bullet", _BULLETS[level]
            rpr = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>'
        else:
            fmt, text, rpr = _DECIMAL_FORMATS[level], _DECIMAL[level], ""
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>'
        )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="hybridMultilevel"/>'
        + "".join(levels)
        + "</w:abstractNum>"
    )


def ensure_abstract_nums(numbering) -> None:
    """Add drafter's bullet and decimal definitions to a w:numbering element if missing."""
    present = {el.get(qn("w:abstractNumId")) for el in numbering.findall(qn("w:abstractNum"))}
    first_num = numbering.find(qn("w:num"))
    for abstract_id, nsid, bullet in (
        (BULLET_ABSTRACT_ID, "6D0A1B01", True),
        (DECIMAL_ABSTRACT_ID, "6D0A1B02", False),
    ):
        if abstract_id in present:
            continue
        element = parse_xml(_abstract_num(abstract_id, nsid, bullet))
        # the schema wants every w:abstractNum before the first w:num
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)


def add_num(numbering, abstract_id: str, *, start: int | None = None) -> int:
    """A new w:num for `abstract_id` (restarting at `start` on every level); returns its id."""
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(ids, default=0) + 1
    overrides = ""
    if start is not None:
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start if lvl == 0 else 1}"/>'
            "</w:lvlOverride>"
            for lvl in range(LEVELS)
        )
    element = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f"{overrides}</w:num>"
    )
    tail = numbering.find(qn("w:numIdMacAtCleanup"))
    if tail is not None:
        tail.addprevious(element)
    else:
        numbering.append(element)
    return num_id
