"""Score the precision check on eval/corpus.yaml: precision and recall per rule and overall.

Passage level: a passage counts as flagged for a rule when the check reports at least one
unsuppressed finding of that rule in it. Overall, a passage is flagged when it has any
finding. Document-level rules (undefined-terms, glossary-missing) are left out: one passage
is not a document. Run with `make eval`; `--verbose` lists every miss and false alarm.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from drafter.library import load_library  # noqa: E402
from drafter.precision import check_text  # noqa: E402
from drafter.yamlio import load_yaml  # noqa: E402

DOCUMENT_RULES = {"undefined-terms", "glossary-missing"}


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(HERE / "corpus.yaml"))
    parser.add_argument("--library", action="append", default=[], help="extra library folder")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()

    from drafter.library import resolve_library_dirs

    library = load_library(resolve_library_dirs([Path(p) for p in args.library]))
    items = load_yaml(Path(args.corpus))
    tp, fp, fn = Counter(), Counter(), Counter()
    overall = Counter()
    for item in items:
        text, label, expected = item["text"], item["label"], item.get("rule")
        found = {
            f.rule
            for f in check_text(text, library)
            if not f.suppressed and f.rule not in DOCUMENT_RULES
        }
        flagged = bool(found)
        imprecise = label == "imprecise"
        if flagged:
            overall["tp" if imprecise else "fp"] += 1
        else:
            overall["fn" if imprecise else "tn"] += 1
        for rule in found:
            if rule == expected:
                tp[rule] += 1
            else:
                fp[rule] += 1
                if args.verbose:
                    print(f"FALSE ALARM [{rule}] ({label}) {text}")
        if expected and expected not in found:
            fn[expected] += 1
            if args.verbose:
                print(f"MISSED [{expected}] {text}  (found: {sorted(found) or 'nothing'})")

    rules = sorted(set(tp) | set(fp) | set(fn))
    print(f"{'rule':18} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for rule in rules:
        p = ratio(tp[rule], tp[rule] + fp[rule])
        r = ratio(tp[rule], tp[rule] + fn[rule])
        print(f"{rule:18} {p:9.3f} {r:7.3f} {tp[rule]:4} {fp[rule]:4} {fn[rule]:4}")
    p = ratio(overall["tp"], overall["tp"] + overall["fp"])
    r = ratio(overall["tp"], overall["tp"] + overall["fn"])
    print(
        f"{'overall (passage)':18} {p:9.3f} {r:7.3f} {overall['tp']:4} {overall['fp']:4} "
        f"{overall['fn']:4}   ({len(items)} passages, {overall['tn']} correctly passed)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
