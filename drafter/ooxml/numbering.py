"""Word's automatic list numbers ("1.", "a)", "Question 3"), which are not in the text.

python-docx gives a paragraph's typed text only; a form whose questions are a numbered list
(as Word, pandoc and LibreOffice all write them) would lose its question numbers. This works
the labels out from numbering.xml the way Word shows them, for the common formats.
"""

from __future__ import annotations

from drafter.ooxml.ns import qn

_ABSTRACTNUM = qn("w:abstractNum")
_ABSTRACTNUMID = qn("w:abstractNumId")
_ILVL = qn("w:ilvl")
_LVL = qn("w:lvl")
_LVLOVERRIDE = qn("w:lvlOverride")
_NUM = qn("w:num")
_NUMID = qn("w:numId")
_NUMPR = qn("w:numPr")
_PPR = qn("w:pPr")
_STYLE = qn("w:style")
_STYLEID = qn("w:styleId")
_VAL = qn("w:val")

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in {"none", "bullet"}:
        return ""
    return str(n)  # decimal and the many decimal-like formats


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(_VAL) if child is not None else None


class Numbering:
    """Counts list items through a document and renders each one's label."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract = {}
            for absn in root.findall(_ABSTRACTNUM):
                lvls = {}
                for lvl in absn.findall(_LVL):
                    ilvl = int(lvl.get(_ILVL, "0"))
                    start = int(_val(lvl, "w:start") or "1")
                    lvls[ilvl] = (start, _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText"))
                abstract[absn.get(_ABSTRACTNUMID)] = lvls
            for num in root.findall(_NUM):
                lvls = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
                for override in num.findall(_LVLOVERRIDE):
                    ilvl = int(override.get(_ILVL, "0"))
                    start = _val(override, "w:startOverride")
                    if start is not None and ilvl in lvls:
                        lvls[ilvl] = (int(start), *lvls[ilvl][1:])
                self.levels[num.get(_NUMID)] = lvls
        for style in document.styles.element.findall(_STYLE):
            ppr = style.find(_PPR)
            numpr = ppr.find(_NUMPR) if ppr is not None else None
            if numpr is not None and _val(numpr, "w:numId"):
                self.style_num[style.get(_STYLEID)] = (
                    _val(numpr, "w:numId"),
                    int(_val(numpr, "w:ilvl") or "0"),
                )

    def label(self, p) -> str:
        """The label Word shows before paragraph `p` (a w:p element), or ''."""
        ppr = p.find(_PPR)
        numpr = ppr.find(_NUMPR) if ppr is not None else None
        num_id, ilvl = None, 0
        if numpr is not None:
            num_id = _val(numpr, "w:numId")
            ilvl = int(_val(numpr, "w:ilvl") or "0")
        elif ppr is not None and _val(ppr, "w:pStyle") in self.style_num:
            num_id, ilvl = self.style_num[_val(ppr, "w:pStyle")]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start = levels.get(ilvl, (1, "decimal", None))[0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        fmt, text = levels.get(ilvl, (1, "decimal", f"%{ilvl + 1}."))[1:]
        if fmt == "bullet" or text is None:
            return ""
        for level in range(ilvl + 1):
            lvl_start, lvl_fmt, _ = levels.get(level, (1, "decimal", None))
            value = counters.get(level, lvl_start)
            text = text.replace(f"%{level + 1}", _format(value, lvl_fmt))
        return text.strip()
