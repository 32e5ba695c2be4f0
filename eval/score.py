"""Score the precision check on both evaluation sets (`make eval`).

- `eval/corpus.yaml`: sentences written for this project, each labelled precise or imprecise
  and, when imprecise, with the rule that should catch it. A passage counts as flagged when it
  has any finding (suggestions included), as it always has.
- `../shared/corpus/term-usage-real.jsonl`: real public passages labelled by two readers (see
  that folder's README). A passage counts as flagged when it has a finding at warning or
  above: a suggestion is style, not a claim that the text is wrong. Scored passage by passage,
  per issue kind, span by span, and in five folds grouped by source document.

Document-level rules (undefined-terms, glossary-missing) are left out: one passage is not a
document. `--verbose` lists every false alarm and miss. `--write` stores the figures in
eval/figures.json, the floor that tests/test_eval_floor.py holds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from drafter.library import load_library, resolve_library_dirs  # noqa: E402
from drafter.precision import DOCUMENT_RULES, SEVERITY_RANK, check_text  # noqa: E402
from drafter.yamlio import load_yaml  # noqa: E402

OWN_SET = HERE / "corpus.yaml"
REAL_SET = ROOT.parent / "shared" / "corpus" / "term-usage-real.jsonl"
FIGURES = HERE / "figures.json"
FOLDS = 5
STRONG = SEVERITY_RANK["warning"]


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


@dataclass
class Tally:
    """Passage-level counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, flagged: bool, imprecise: bool) -> None:
        if flagged:
            self.tp += imprecise
            self.fp += not imprecise
        else:
            self.fn += imprecise
            self.tn += not imprecise

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)


@dataclass
class RealScore:
    """Everything `make eval` reports on the real set."""

    passages: Tally = field(default_factory=Tally)
    folds: list[Tally] = field(default_factory=lambda: [Tally() for _ in range(FOLDS)])
    kinds: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    spans_found: int = 0
    spans: int = 0
    strong_findings: int = 0
    strong_inside: int = 0  # inside a flag, or in a passage labelled imprecise
    tricky_errors: list[str] = field(default_factory=list)
    # (fold, imprecise, rules with a warning or error) per passage, for choosing rules by fold
    rows: list[tuple[int, bool, frozenset[str]]] = field(default_factory=list)
    false_alarms: list[tuple[dict, list]] = field(default_factory=list)
    misses: list[tuple[dict, list]] = field(default_factory=list)


def fold_of(doc: str) -> int:
    """A stable fold for a source document: every passage of one document in one fold."""
    return int(hashlib.sha256(doc.encode("utf-8")).hexdigest(), 16) % FOLDS


def findings(text: str, library) -> list:
    return [
        f for f in check_text(text, library) if not f.suppressed and f.rule not in DOCUMENT_RULES
    ]


def flag_spans(item: dict) -> list[tuple[int, int]]:
    """Where each `flag` substring stands in the passage (the first place it does)."""
    spans = []
    for flag in item["flag"]:
        at = item["text"].find(flag)
        if at >= 0:
            spans.append((at, at + len(flag)))
    return spans


def score_real(items: Iterable[dict], library) -> RealScore:
    score = RealScore()
    for item in items:
        found = findings(item["text"], library)
        strong = [f for f in found if SEVERITY_RANK[f.severity] >= STRONG]
        imprecise = not item["precise"]
        flagged = bool(strong)
        score.passages.add(flagged, imprecise)
        score.folds[fold_of(item["doc"])].add(flagged, imprecise)
        score.rows.append((fold_of(item["doc"]), imprecise, frozenset(f.rule for f in strong)))
        for kind in item["issues"] or ["(precise)"]:
            score.kinds[kind].add(flagged, imprecise)
        spans = flag_spans(item)
        score.spans += len(spans)
        score.spans_found += sum(
            any(f.start < hi and lo < f.end for f in strong) for lo, hi in spans
        )
        for f in strong:
            score.strong_findings += 1
            score.strong_inside += imprecise and (
                not spans or any(f.start < hi and lo < f.end for lo, hi in spans)
            )
        if item["tricky"] and any(f.severity == "error" for f in strong):
            score.tricky_errors.append(item["id"])
        if flagged and not imprecise:
            score.false_alarms.append((item, strong))
        elif imprecise and not flagged:
            score.misses.append((item, found))
    return score


def score_own(items: list[dict], library, verbose: bool) -> tuple[Tally, dict[str, Counter]]:
    overall = Tally()
    per_rule: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        text, expected = item["text"], item.get("rule")
        rules = {f.rule for f in findings(text, library)}
        overall.add(bool(rules), item["label"] == "imprecise")
        for rule in rules:
            per_rule[rule]["tp" if rule == expected else "fp"] += 1
            if rule != expected and verbose:
                print(f"  FALSE ALARM [{rule}] ({item['label']}) {text}")
        if expected and expected not in rules:
            per_rule[expected]["fn"] += 1
            if verbose:
                print(f"  MISSED [{expected}] {text}  (found: {sorted(rules) or 'nothing'})")
    return overall, per_rule


def print_own(overall: Tally, per_rule: dict[str, Counter], count: int) -> None:
    print(f"\n== eval/corpus.yaml ({count} passages written for this project; any finding)")
    print(f"{'rule':18} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for rule in sorted(per_rule):
        c = per_rule[rule]
        p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
        print(f"{rule:18} {p:9.3f} {r:7.3f} {c['tp']:4} {c['fp']:4} {c['fn']:4}")
    print(
        f"{'overall (passage)':18} {overall.precision:9.3f} {overall.recall:7.3f} "
        f"{overall.tp:4} {overall.fp:4} {overall.fn:4}"
    )


def quote(item: dict, found: list) -> str:
    lines = [f"  {item['id']} [{item['doc']}] {item['text'][:220]}"]
    if item["flag"]:
        lines.append(f"      should flag: {item['flag']}")
    for f in found:
        lines.append(f"      {f.severity} {f.rule}: “{f.text}”")
    return "\n".join(lines)


def chosen_on_four_folds(score: RealScore) -> tuple[Tally, dict[int, list[str]]]:
    """Cross-validation of the one choice made from data: which rules to trust. For each fold,
    a rule whose warnings and errors on the other four folds fell on precise passages more
    often than not is switched off, and the fold is scored with the rest; the five held-out
    tallies are pooled. (The rules and cues themselves were written by people who had read
    the whole set; docs/precision.md says how that is kept honest.)"""
    pooled, dropped = Tally(), {}
    for k in range(FOLDS):
        fired, right = defaultdict(int), defaultdict(int)
        for fold, imprecise, rules in score.rows:
            if fold != k:
                for rule in rules:
                    fired[rule] += 1
                    right[rule] += imprecise
        off = {rule for rule in fired if right[rule] * 2 < fired[rule]}
        dropped[k] = sorted(off)
        for fold, imprecise, rules in score.rows:
            if fold == k:
                pooled.add(bool(rules - off), imprecise)
    return pooled, dropped


def print_real(score: RealScore, count: int, verbose: bool) -> None:
    t = score.passages
    print(f"\n== real passages ({count}, ../shared/corpus; warning and above)")
    print(f"passage level   precision {t.precision:.3f}  recall {t.recall:.3f}  ", end="")
    print(f"(tp {t.tp}, fp {t.fp}, fn {t.fn}, tn {t.tn})")
    ps = [f.precision for f in score.folds]
    rs = [f.recall for f in score.folds]
    print(
        f"held-out folds  precision {min(ps):.3f}–{max(ps):.3f} (mean {sum(ps) / FOLDS:.3f})  "
        f"recall {min(rs):.3f}–{max(rs):.3f} (mean {sum(rs) / FOLDS:.3f})  "
        f"({FOLDS} folds grouped by source document)"
    )
    cv, dropped = chosen_on_four_folds(score)
    off = "; ".join(f"fold {k}: {', '.join(v)}" for k, v in dropped.items() if v) or "none"
    print(
        f"rules chosen on 4 folds, scored on the 5th (pooled): precision {cv.precision:.3f}  "
        f"recall {cv.recall:.3f}  (rules switched off: {off})"
    )
    print(
        f"span level      recall {ratio(score.spans_found, score.spans):.3f} "
        f"({score.spans_found} of {score.spans} flagged substrings overlapped)  "
        f"precision {ratio(score.strong_inside, score.strong_findings):.3f} "
        f"({score.strong_inside} of {score.strong_findings} warnings/errors inside a flag)"
    )
    print(f"errors on tricky (correct) passages: {len(score.tricky_errors)} {score.tricky_errors}")
    print(f"{'issue kind':22} {'recall':>7} {'caught':>7}")
    for kind in sorted(score.kinds):
        k = score.kinds[kind]
        if kind == "(precise)":
            print(f"{'(precise passages)':22} {'':>7} {k.tn:>3} of {k.tn + k.fp} passed")
        else:
            print(f"{kind:22} {k.recall:7.3f} {k.tp:>3} of {k.tp + k.fn}")
    if verbose:
        by_kind: dict[str, list] = defaultdict(list)
        for item, found in score.false_alarms:
            by_kind["tricky" if item["tricky"] else "plain"].append((item, found))
        for kind, rows in sorted(by_kind.items()):
            print(f"\nFALSE ALARMS ({kind} precise passages)")
            print("\n".join(quote(item, found) for item, found in rows))
        by_kind = defaultdict(list)
        for item, found in score.misses:
            by_kind[",".join(item["issues"])].append((item, found))
        for kind, rows in sorted(by_kind.items()):
            print(f"\nMISSES ({kind})")
            print("\n".join(quote(item, found) for item, found in rows))


def figures(own: Tally, real: RealScore | None) -> dict:
    result = {"own": {"precision": round(own.precision, 3), "recall": round(own.recall, 3)}}
    if real is not None:
        folds = real.folds
        result["real"] = {
            "precision": round(real.passages.precision, 3),
            "recall": round(real.passages.recall, 3),
            "fold_precision_mean": round(sum(f.precision for f in folds) / FOLDS, 3),
            "fold_recall_mean": round(sum(f.recall for f in folds) / FOLDS, 3),
            "cv_precision": round(chosen_on_four_folds(real)[0].precision, 3),
            "cv_recall": round(chosen_on_four_folds(real)[0].recall, 3),
            "span_recall": round(ratio(real.spans_found, real.spans), 3),
            "tricky_errors": len(real.tricky_errors),
        }
    return result


def load_real(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def measure(real_path: Path = REAL_SET, extra_libraries: Iterable[Path] = ()):
    """(own tally, per-rule counts, own item count, real score or None, real item count)."""
    library = load_library(resolve_library_dirs(list(extra_libraries)))
    own_items = load_yaml(OWN_SET)
    own, per_rule = score_own(own_items, library, verbose=False)
    real = real_items = None
    if real_path.is_file():
        real_items = load_real(real_path)
        real = score_real(real_items, library)
    return own, per_rule, len(own_items), real, len(real_items or ())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default=str(REAL_SET), help="the real-passage set (.jsonl)")
    parser.add_argument("--library", action="append", default=[], help="extra library folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="list false alarms, misses")
    parser.add_argument("--write", action="store_true", help="store the figures as the floor")
    args = parser.parse_args()

    own, per_rule, own_count, real, real_count = measure(
        Path(args.real), [Path(p) for p in args.library]
    )
    if args.verbose:
        library = load_library(resolve_library_dirs([Path(p) for p in args.library]))
        score_own(load_yaml(OWN_SET), library, verbose=True)
    print_own(own, per_rule, own_count)
    if real is None:
        print(f"\n== real passages: skipped ({args.real} is not here; it lives in ../shared)")
    else:
        print_real(real, real_count, args.verbose)
    if args.write:
        FIGURES.write_text(json.dumps(figures(own, real), indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {FIGURES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
