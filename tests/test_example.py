"""The bundled example answers: fictional, stamped, and exercising every answer kind."""

from __future__ import annotations

from drafter.answers import load_answers
from tests.render_helpers import EXAMPLE_ANSWERS, sample_consultation


def test_example_is_fictional_stamped_and_covers_every_kind():
    text = EXAMPLE_ANSWERS.read_text()
    assert "FICTIONAL" in text and "(fictional)" in text
    answers = load_answers(EXAMPLE_ANSWERS)
    consultation = sample_consultation()
    answers.check_against(consultation, EXAMPLE_ANSWERS)
    assert answers.question_fingerprints == {
        q.number: q.fingerprint() for q in consultation.questions
    }
    kinds_answered = {
        consultation.question(n).kind for n, a in answers.answers.items() if not a.no_response
    }
    assert kinds_answered == {"agree-scale", "yes-no", "choice", "free-text"}
    assert any(a.no_response for a in answers.answers.values())
    assert any(a.define for a in answers.answers.values())
    assert sum(bool(a.key_point) for a in answers.answers.values()) >= 3
    assert any("\n\n" in a.response for a in answers.answers.values())
    assert any("\n- " in a.response for a in answers.answers.values())
