"""Impact: which answers files, and which of their questions, use a library entry: quote it
(a passage or position), adapted it, or asked for its definition in the glossary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError


@dataclass(frozen=True)
class Use:
    path: Path
    question: str
    how: str  # "quotes v3", "adapted from v2", "defines"


def answers_files(folder: Path) -> list[Path]:
    """Every YAML file under `folder` that is an answers file (has `consultation` and
    `answers`), in name order; other YAML files (question sets, library entries) are skipped."""
    from drafter.yamlio import load_yaml

    out = []
    for path in sorted([*Path(folder).rglob("*.yaml"), *Path(folder).rglob("*.yml")]):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            data = load_yaml(path)
        except (DrafterError, OSError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and "answers" in data and "consultation" in data:
            out.append(path)
    return out


def uses_of(entry_id: str, paths: Iterable[Path]) -> list[Use]:
    """Each question of each answers file that uses `entry_id`."""
    from drafter.answers import load_answers

    found = []
    for path in paths:
        answers = load_answers(path)
        for number, answer in answers.answers.items():
            for part in answer.parts():
                pin = part.pin
                if pin is not None and pin.id == entry_id:
                    version = f" v{pin.version}" if pin.version else " (not pinned)"
                    found.append(Use(path, number, f"quotes {pin.kind}{version}"))
                elif part.adapted_from is not None and part.adapted_from.id == entry_id:
                    found.append(Use(path, number, f"adapted from {part.adapted_from.label}"))
            if entry_id in answer.define:
                found.append(Use(path, number, "asks for its glossary definition"))
    return found
