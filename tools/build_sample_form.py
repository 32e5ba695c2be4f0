#!/usr/bin/env python3
"""Build examples/sample-response-form.docx: a response form for the bundled sample
consultation, laid out as consulting bodies often lay theirs out, so a newcomer can try
`drafter consultations import` and `drafter render --into` on a real file.

Usage: python tools/build_sample_form.py [OUT]   (default: examples/sample-response-form.docx)

Every word comes from consultations/sample-social-care.yaml, whose questions are illustrative
and are not the wording of any official consultation. The zip is written with fixed
timestamps, so running it twice gives the same bytes (tests/test_sample_form.py compares).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.shared import Pt  # noqa: E402

from drafter.consultation import load_consultation  # noqa: E402

SAMPLE = ROOT / "consultations" / "sample-social-care.yaml"
DEFAULT_OUT = ROOT / "examples" / "sample-response-form.docx"
FIXED_TIME = (2026, 11, 26, 0, 0, 0)


def build() -> bytes:
    consultation = load_consultation(SAMPLE)
    d = docx.Document()
    d.core_properties.title = f"Response form: {consultation.title}"
    d.core_properties.author = "drafter (illustrative example)"
    # python-docx stamps the current time; a fixed date keeps the file reproducible
    import datetime as dt

    stamp = dt.datetime(*FIXED_TIME)
    d.core_properties.created = d.core_properties.modified = stamp
    d.styles["Normal"].font.name = "Liberation Sans"
    d.styles["Normal"].font.size = Pt(11)

    d.add_paragraph(consultation.title, style="Title")
    d.add_paragraph("Response form")
    d.add_paragraph(f"Consultation reference: {consultation.reference}")
    d.add_paragraph(f"Published by: {consultation.consulting_body}")
    d.add_paragraph(f"Closing date: {consultation.deadline:%-d %B %Y}")
    d.add_paragraph(consultation.source.note)

    d.add_heading("About you", level=1)
    details = d.add_table(rows=0, cols=2)
    details.style = "Table Grid"
    for label in ("Your name", "Organisation (if applicable)", "Email address", "Postal address"):
        details.add_row().cells[0].text = label
    row = details.add_row().cells
    row[0].text = "Please tick if you want your response kept confidential"
    row[1].text = "☐"
    d.add_paragraph()

    section = None
    for question in consultation.questions:
        if question.section and question.section != section:
            section = question.section
            d.add_heading(section, level=1)
        d.add_paragraph(f"Question {question.number}: {' '.join(question.text.split())}")
        if question.guidance:
            d.add_paragraph().add_run(" ".join(question.guidance.split())).italic = True
        if question.kind == "choice":
            for option in question.stances:
                d.add_paragraph(f"☐ {option}")
        elif question.stances:
            d.add_paragraph("    ".join(f"☐ {s}" for s in question.stances))
        if question.stances and question.takes_text:
            d.add_paragraph().add_run("Please explain your answer.").italic = True
        d.add_paragraph()
    d.add_paragraph("Thank you for responding.")

    raw = io.BytesIO()
    d.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same entries in the same order, with fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.write_bytes(build())
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv)
