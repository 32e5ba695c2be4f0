"""A floor under the precision check's accuracy: neither evaluation set may lose more than 0.02
precision or recall against the figures committed in eval/figures.json (`make eval --write`)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SLACK = 0.02


def _score_module():
    spec = importlib.util.spec_from_file_location("eval_score", ROOT / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


score = _score_module()
COMMITTED = json.loads((ROOT / "eval" / "figures.json").read_text())


@pytest.fixture(scope="module")
def library():
    from drafter.library import load_library

    return load_library()


def _assert_floor(name: str, passages, library) -> None:
    score.check_all(passages, library)
    now = score.figures(passages)
    for part in ("whole", "cv"):
        for measure in ("precision", "recall"):
            floor = COMMITTED[name][part][measure] - SLACK
            assert now[part][measure] >= floor, (name, part, measure, now[part][measure], floor)
    assert now["span_recall"] >= COMMITTED[name]["span_recall"] - SLACK
    # error means beyond reasonable doubt: never more of them on correct-but-tricky passages
    assert now["tricky_error_false_alarms"] <= COMMITTED[name]["tricky_error_false_alarms"]


def test_own_corpus_keeps_its_precision_and_recall(library):
    _assert_floor("corpus", score.load_corpus(), library)


@pytest.mark.skipif(not score.REAL.exists(), reason="the real-text set lives in ../shared (CI)")
def test_real_text_keeps_its_precision_and_recall(library):
    _assert_floor("real", score.load_real(), library)


def test_folds_are_grouped_by_document_and_stable():
    passages = [score.Passage(f"p{i}", "x", False, doc=f"d{i // 3}") for i in range(30)]
    by_doc = {}
    for p in passages:
        by_doc.setdefault(p.doc, set()).add(score.fold_of(p.doc))
    assert all(len(folds) == 1 for folds in by_doc.values())
    assert score.fold_of("wcc-senedd-2021-priorities") == score.fold_of(
        "wcc-senedd-2021-priorities"
    )
    assert len({score.fold_of(d) for d in by_doc}) > 1
