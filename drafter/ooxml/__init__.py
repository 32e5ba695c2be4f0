"""The one Word (.docx) layer: every command that reads or edits a .docx goes through here.

Split as python-docx splits oxml, parts and API:

- `ns`: namespaces, `qn`, and the one XML parser (no entities, no DTDs, no network).
- `package`: the zip package: the one "is this a Word package" check, size and zip-bomb
  limits, opening with python-docx, and the writer's lxml-only `Package` (render needs no
  python-docx, whose import costs more than the writing).
- `reference`: what a reference document may lend a response (its look, nothing else).
- `blocks`: the one walker, yielding `Block`s (paragraphs, table cells, content controls,
  headers and footers, with style, list numbers, emphasis and check boxes).
- `numbering`: Word's automatic list labels, which are not in the text.
- `comments`: Word comments anchored on exact characters (`lint --annotate`).
- `forms`: the few edits form filling makes (tick a box, write into a cell or a control).
"""
