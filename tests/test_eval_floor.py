"""A floor under the precision check's accuracy: neither evaluation set may drop more than 0.02
below the figures committed in eval/figures.json (`make eval ARGS=--write` records new ones).

The real passages are other people's text and stay in ../shared/corpus: that part runs where
../shared exists (CI) and is skipped with a one-line reason in a user's clone.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SLACK = 0.02


@pytest.fixture(scope="module")
def measured():
    spec = importlib.util.spec_from_file_location("eval_score", ROOT / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = score  # its dataclasses look their module up by name
    spec.loader.exec_module(score)
    own, _, _, real, _ = score.measure()
    return score.figures(own, real)


@pytest.fixture(scope="module")
def committed():
    return json.loads((ROOT / "eval" / "figures.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("figure", ["precision", "recall"])
def test_our_own_sentences_hold_their_figures(measured, committed, figure):
    assert measured["own"][figure] >= committed["own"][figure] - SLACK


@pytest.mark.parametrize(
    "figure", ["precision", "recall", "cv_precision", "cv_recall", "span_recall"]
)
def test_real_passages_hold_their_figures(measured, committed, figure):
    if "real" not in measured:
        pytest.skip("../shared/corpus is not here (it is not part of the project)")
    assert measured["real"][figure] >= committed["real"][figure] - SLACK


def test_no_error_on_a_correct_tricky_passage(measured):
    if "real" not in measured:
        pytest.skip("../shared/corpus is not here (it is not part of the project)")
    assert measured["real"]["tricky_errors"] == 0


def test_a_rule_wrong_on_the_other_folds_is_switched_off_for_the_held_out_one():
    spec = importlib.util.spec_from_file_location("eval_score_cv", ROOT / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = score
    spec.loader.exec_module(score)
    real = score.RealScore()
    for fold in range(score.FOLDS):
        real.rows.append((fold, True, frozenset({"good"})))  # right every time
        real.rows.append((fold, False, frozenset({"noisy"})))  # a false alarm every time
    pooled, dropped = score.chosen_on_four_folds(real)
    assert all(off == ["noisy"] for off in dropped.values())
    assert (pooled.precision, pooled.recall) == (1.0, 1.0)


# the targets the check is held to (docs/precision.md), whatever the committed figures say
TARGETS = {"cv_precision": 0.95, "cv_recall": 0.85, "span_recall": 0.80}


@pytest.mark.parametrize(("figure", "target"), TARGETS.items())
def test_real_passages_meet_the_targets(measured, figure, target):
    if "real" not in measured:
        pytest.skip("../shared/corpus is not here (it is not part of the project)")
    assert measured["real"][figure] >= target


@pytest.mark.parametrize(("figure", "target"), [("precision", 0.95), ("recall", 0.85)])
def test_our_own_sentences_meet_the_targets(measured, figure, target):
    assert measured["own"][figure] >= target
