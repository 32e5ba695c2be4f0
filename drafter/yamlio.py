"""Read YAML files into plain data, and turn parse or schema errors into file:line messages.

The fast path uses ruamel's safe loader. Only when a file fails its schema do we parse it a
second time with the round-trip loader, which knows the line of every key, so the message can
point at the offending field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from drafter.errors import InputError


def _safe_yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    return yaml


_SAFE = None


def _pure_yaml():
    """ruamel's pure-Python safe loader: slower, but accepts what libyaml rejects (e.g. a
    `?` inside a flow mapping's plain scalar, or a lone-surrogate escape)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True)


# every YAML file drafter reads is small: a long answers file is well under 1 MB, and no
# drafter structure nests more than a handful of levels. Beyond these caps the file is
# refused before parsing: deep nesting would exhaust the parser's stack (a crash, no message)
MAX_YAML_BYTES = 16 * 1024 * 1024
MAX_YAML_DEPTH = 100


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; raise InputError naming the file and line on any problem."""
    from drafter.fsutil import read_user_bytes

    path = Path(path)
    return parse_yaml(read_user_bytes(path, limit=MAX_YAML_BYTES), path)


def parse_yaml(raw: bytes | str, path: Path) -> Any:
    """Parse YAML text (the one place every YAML file is parsed), refusing oversized or
    over-deep documents first."""
    global _SAFE
    from ruamel.yaml import YAMLError

    from drafter.fsutil import too_large

    if len(raw) > MAX_YAML_BYTES:
        raise too_large(
            len(raw.encode("utf-8") if isinstance(raw, str) else raw), MAX_YAML_BYTES, path
        )
    if isinstance(raw, bytes):
        from drafter.fsutil import decode_utf8

        raw = decode_utf8(raw, path, kind="YAML")
    _check_depth(raw, path)
    if _SAFE is None:
        _SAFE = _safe_yaml()
    try:
        try:
            return _SAFE.load(raw)
        except YAMLError:  # the C parser (libyaml) is stricter than ruamel's own: ask that
            return _pure_yaml().load(raw)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"malformed YAML: {_one_line(problem)}", path=path, line=line) from None
    except ValueError as exc:  # the safe loader builds dates itself: 2026-13-45 lands here
        if "digits" in str(exc):  # an integer longer than Python converts (over 4,300 digits)
            found = re.search(r"\d{4300,}", raw)
            line = raw.count("\n", 0, found.start()) + 1 if found else None
            raise InputError("a number is too long to read", path=path, line=line) from None
        line, value = _bad_date(raw)
        shown = f" {value}" if value else ""
        raise InputError(f"invalid date{shown} ({exc})", path=path, line=line) from None


_PREFIX = None


def _could_nest_deeply(text: str) -> bool:
    """A cheap bound: nesting needs a `[` or `{` per flow level, or two columns of indent,
    `- ` or `? ` per block level. Only a file past that bound is scanned exactly."""
    global _PREFIX
    import re

    if text.count("[") + text.count("{") > MAX_YAML_DEPTH:
        return True
    if _PREFIX is None:
        _PREFIX = re.compile(rf"^[ \t?:-]{{{MAX_YAML_DEPTH // 2},}}", re.MULTILINE)
    return _PREFIX.search(text) is not None


def _check_depth(text: str, path: Path) -> None:
    """InputError if the document nests deeper than MAX_YAML_DEPTH, found from the parser's
    events (a loop with its own stack, so depth cannot crash it) before any node is built."""
    if not _could_nest_deeply(text):
        return
    from ruamel.yaml import YAML, YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent

    depth = 0
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise InputError(
                        f"nested too deeply (more than {MAX_YAML_DEPTH} levels)",
                        path=path,
                        line=line,
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, StreamEndEvent):
                return
    except YAMLError:  # malformed: the real parse reports it with its line
        return


def _one_line(problem: str, limit: int = 160) -> str:
    """The parser's problem as one short line: a duplicate key's message quotes both values
    whole, which for a multi-line answer runs over many lines."""
    import re

    duplicate = re.match(r'found duplicate key "((?:[^"\\]|\\.)*)"', problem)
    if duplicate:
        return f'the key "{duplicate[1]}" appears twice'
    text = " ".join(problem.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bad_date(text: str) -> tuple[int | None, str | None]:
    """Line and text of the first date-shaped value that is not a real date."""
    import datetime as dt
    import re

    for number, row in enumerate(text.splitlines(), start=1):
        for found in re.finditer(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.:-])", row):
            try:
                dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                return number, found.group(0)
    return None, None


def line_of(path: Path, location: tuple[str | int, ...]) -> int | None:
    """Best-effort line number (1-based) of a key path such as ('questions', 3, 'text')."""
    from ruamel.yaml import YAML

    try:
        node = YAML(typ="rt").load(Path(path).read_text(encoding="utf-8"))
    except Exception:  # the fast loader accepted it; never fail while reporting another error
        return None
    line = None
    for key in location:
        try:
            if isinstance(key, int) and hasattr(node, "lc") and isinstance(node, list):
                line = node.lc.item(key)[0] + 1
                node = node[key]
            elif hasattr(node, "lc") and key in node:
                line = node.lc.key(key)[0] + 1
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def dump_yaml(data: Any, header: str = "") -> str:
    """YAML text the way drafter writes every file a person may edit (answers, question sets,
    the user's settings): block style, lines up to 100 wide, after `header` (comment lines)."""
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 100
    out = StringIO()
    out.write(header)
    yaml.dump(data, out)
    return out.getvalue()
