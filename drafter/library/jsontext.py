"""JSON carried inside an exchange file (a CSV column, a TBX note): read with bounds, so a
hostile cell is one clear problem, never a crash."""

from __future__ import annotations

import json

MAX_DEPTH = 20  # no library field nests anywhere near this


def load_json_text(text: str) -> object:
    """The JSON value in `text`; ValueError with a short reason if it is malformed, nests
    too deeply or holds a number too long to read."""
    depth = deepest = 0
    for char in text:  # brackets inside strings count too: a bound, not the exact depth
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise ValueError("nested too deeply for a library field")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(exc.msg) from None
    except ValueError as exc:  # an integer longer than Python will convert
        raise ValueError(str(exc).split(";")[0].split(":")[0].strip()) from None
