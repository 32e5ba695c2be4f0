"""`drafter snippets init DIR`: the files an organisation library repository starts with."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError
from drafter.fsutil import atomic_write_text

README = """\
# Our drafter library

This folder holds our organisation's own entries for drafter (the consultation response
drafter): terms, organisations and reusable passages that add to, or replace by id, the bundled
vetted library, and our own positions. The format is described in drafter's
`docs/library-format.md`.

## Using it

    drafter render answers.yaml --library {name}
    export DRAFTER_LIBRARY=$PWD        # or: list it under `library:` in drafter's config file

## Maintaining it

- One YAML file per entry: `terms/<id>.yaml`, `organisations/<id>.yaml`, `passages/<id>.yaml`,
  `positions/<id>.yaml`.
- A position is our own view: it needs no source, but it needs `approved_by` before it is
  vetted. Draft positions from answers we have already given:

      drafter snippets harvest past-answers.yaml --library .
- Write definitions in your own words, cite every source and say what kind it is, and never
  present an unverified Welsh term as verified (`status: unverified`).
- `response_definition` is what a response prints: one or two timeless sentences. Caveats and
  reminders to yourselves go in `notes`, which is never printed; a fact true on a date goes in
  `dated_facts` with `as_of` and `valid_until`.
- New entries start as `status: draft`. After checking one against its sources:

      drafter snippets review <id> --by "Your Name" --library .

- Before every commit (pre-commit runs this for you after `pre-commit install`):

      drafter snippets validate --library .

- Entries whose review date has passed: `drafter snippets due --library .`
"""

EXAMPLE = """\
# An example entry: copy it, change it, and delete this one. Comments like this one are kept
# when `drafter snippets review` updates the file.
id: example-housing-co-operative
kind: concept
version: 1
status: draft
subject: co-operatives
short: A one-line definition that a reader can take in at a glance.
# what a response prints: one or two timeless sentences, no notes to yourselves
response_definition: >-
  An example housing co-operative is a co-operative whose members are its tenants.
definition: |
  The definition in your own words. Say who owns and controls it, and how it differs from the
  terms it is most often confused with.
# caveats and reminders for whoever maintains the entry: never printed in a response
notes: |
  Replace this example with an entry of your own.
sources:
  # kind: legislation, regulator, official-guidance, sector-body, academic or press
  # (a response cites the best two, primary first); add `url:` with the address you read
  - title: The source you checked
    kind: sector-body
    publisher: Who published it
    year: 2026
terms:
  - text: example housing co-operative
    status: preferred
relations:
  broader: [co-operative]
examples:
  must_pass:
    - An example housing co-operative is owned by its tenant-members.
"""

PRE_COMMIT = """\
# Runs `drafter snippets validate` on this library before every commit.
# Set up once: pip install pre-commit && pre-commit install
repos:
  - repo: local
    hooks:
      - id: drafter-snippets-validate
        name: drafter snippets validate
        entry: drafter snippets validate --library . --quiet
        language: system
        pass_filenames: false
        files: \\.ya?ml$
"""


def scaffold(directory: Path, *, force: bool = False) -> list[Path]:
    """Write the starter files of an organisation library; refuses a non-empty folder unless
    forced.
    """
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()) and not force:
        raise InputError(
            "folder is not empty; use --force to add the starter files", path=directory
        )
    files = {
        directory / "README.md": README.format(name=directory.name or "."),
        directory / "terms" / "example-housing-co-operative.yaml": EXAMPLE,
        directory / ".pre-commit-config.yaml": PRE_COMMIT,
    }
    for path in files:
        if path.exists() and not force:
            raise InputError("already exists; use --force to replace it", path=path)
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        written.append(atomic_write_text(path, text, force=force))
    (directory / "organisations").mkdir(exist_ok=True)
    (directory / "passages").mkdir(exist_ok=True)
    (directory / "positions").mkdir(exist_ok=True)
    return written
