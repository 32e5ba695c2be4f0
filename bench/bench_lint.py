"""Benchmark of the precision check (issue 5).

Generates a 1,000-concept library (about 3,000 designations, plus organisations) and a 20 MB
text, then reports:
- matching throughput (fold + Aho-Corasick scan) in MB/s, and the whole check in MB/s;
- the ratio against `grep -F -i -c -f designations.txt` on the same text in the same run;
- how matching time grows with text size (5, 10, 20 MB) and with library size (100, 1,000,
  3,000 concepts);
- whole-process `drafter lint` on a 100,000-word text (bundled library, and the generated one).
Figures go to stdout and to bench/out/lint.json. `--quick` uses smaller sizes.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from drafter.library import Library  # noqa: E402
from drafter.library.schema import Concept, Organisation  # noqa: E402
from drafter.model import to_data, validate  # noqa: E402
from drafter.precision import check_text  # noqa: E402
from drafter.precision.knowledge import Knowledge  # noqa: E402
from drafter.precision.normalise import fold  # noqa: E402

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "vu",
    "za",
    "ze",
    "zi",
    "zo",
    "zu",
]  # noqa: E501
FILLER = [
    "the",
    "council",
    "will",
    "support",
    "local",
    "care",
    "providers",
    "across",
    "wales",
    "and",
    "the",
    "health",
    "board",
    "should",
    "publish",
    "its",
    "plan",
    "for",
    "services",
    "in",
    "every",
    "county",
    "so",
    "that",
    "people",
    "who",
    "use",
    "care",
    "can",
    "take",
    "part",
    "in",
    "decisions",
    "about",
    "what",
    "matters",
    "to",
    "them",
]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_library(concepts: int, rng: random.Random) -> Library:
    """A synthetic library: 3 designations per concept, contrasts, one org per 10 concepts."""
    library = Library()
    ids = [f"c{i:05d}" for i in range(concepts)]
    for i, cid in enumerate(ids):
        terms = [
            {"text": f"{word(rng)} {word(rng)}"},
            {"text": f"{word(rng)}-{word(rng)}", "status": "admitted"},
            {"text": word(rng) + word(rng), "status": "deprecated", "kind": "variant"},
        ]
        library.concepts[cid] = validate(
            {
                "id": cid,
                "version": 1,
                "status": "vetted",
                "subject": "bench",
                "short": "s",
                "definition": "d",
                "terms": terms,
                "relations": {
                    "contrast": [ids[(i + 1) % concepts]],
                    "broader": [ids[i // 10]] if i >= 10 else [],
                },
                "needs_qualifier": "name the model" if i % 7 == 0 else None,
            },
            Concept,
        )
    for i in range(concepts // 10):
        library.organisations[f"o{i:05d}"] = validate(
            {
                "id": f"o{i:05d}",
                "kind": "organisation",
                "version": 1,
                "status": "vetted",
                "name": f"{word(rng).title()} {word(rng).title()} Limited",
                "description": "d",
                "is": [ids[i]],
                "is_not": [ids[(i + 1) % concepts]],
            },
            Organisation,
        )
    return library


def designations(library: Library) -> list[str]:
    out = [t.text for c in library.concepts.values() for t in c.terms]
    out += [n for o in library.organisations.values() for n in (o.name, *o.aliases)]
    return out


def make_text(library: Library, size: int, rng: random.Random) -> str:
    """English-like filler with a designation or name every ~25 words, and some frames."""
    terms = designations(library)
    orgs = [o.name for o in library.organisations.values()]
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = [rng.choice(FILLER) for _ in range(rng.randint(10, 30))]
        roll = rng.random()
        if roll < 0.5:
            sentence.insert(rng.randrange(len(sentence)), rng.choice(terms))
        elif roll < 0.6:
            sentence += [rng.choice(terms), "such as", rng.choice(terms)]
        elif roll < 0.65:
            sentence = [rng.choice(orgs), "is a", rng.choice(terms), *sentence]
        line = " ".join(sentence).capitalize() + ". "
        parts.append(line)
        length += len(line)
    return "".join(parts)[:size]


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def matching(knowledge: Knowledge, text: str) -> int:
    folded = fold(text)
    return len(knowledge.matcher.scan(folded.text, text, folded.original))


def write_library(library: Library, folder: Path) -> None:
    """The generated library as YAML files, for the whole-process run."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    for table, sub in ((library.concepts, "terms"), (library.organisations, "organisations")):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for entry in table.values():
            data = to_data(entry, omit_defaults=True)
            with open(folder / sub / f"{entry.id}.yaml", "w", encoding="utf-8") as handle:
                yaml.dump(data, handle)


def main() -> int:
    quick = "--quick" in sys.argv
    mb = 1_000_000
    big = (4 if quick else 20) * mb
    rng = random.Random(20261126)
    results: dict[str, object] = {}
    library = make_library(1000, rng)
    knowledge = Knowledge(library)
    results["designations"] = len(knowledge.matcher.keys)
    text = make_text(library, big, rng)
    size_mb = len(text.encode()) / mb

    t_match = timed(lambda: matching(knowledge, text))
    results["matching_MB_per_s"] = round(size_mb / t_match, 1)
    t_check = timed(lambda: check_text(text, library), repeat=1)
    results["check_MB_per_s"] = round(size_mb / t_check, 1)
    results["findings"] = len(check_text(text, library))

    tmp = Path(tempfile.mkdtemp(prefix="bench-lint-"))
    try:
        (tmp / "text.txt").write_text(text, encoding="utf-8")
        (tmp / "designations.txt").write_text("\n".join(designations(library)) + "\n")
        if shutil.which("grep"):
            grep = [
                "grep",
                "-F",
                "-i",
                "-c",
                "-f",
                str(tmp / "designations.txt"),
                str(tmp / "text.txt"),
            ]
            t_grep = timed(lambda: subprocess.run(grep, capture_output=True, check=False))
            results["grep_seconds"] = round(t_grep, 3)
            results["matching_seconds"] = round(t_match, 3)
            results["matching_vs_grep"] = round(t_match / t_grep, 2)

        # growth with text size (same library)
        per_size = {}
        for part in (0.25, 0.5, 1.0):
            chunk = text[: int(len(text) * part)]
            per_size[f"{len(chunk) / mb:.0f}MB"] = round(
                timed(lambda c=chunk: matching(knowledge, c)), 3
            )
        results["matching_seconds_by_text_size"] = per_size
        # growth with library size (same 25% of the text)
        chunk = text[: len(text) // 4]
        per_lib = {}
        for concepts in (100, 1000, 3000):
            lib_n = make_library(concepts, random.Random(concepts))
            chunk_n = make_text(lib_n, len(chunk), random.Random(1))
            k_n = Knowledge(lib_n)
            per_lib[f"{concepts} concepts"] = round(
                timed(lambda k=k_n, c=chunk_n: matching(k, c)), 3
            )
        results["matching_seconds_by_library_size"] = per_lib

        # whole process: `drafter lint` on a 100,000-word text
        words = text.split()[:100_000]
        essay = tmp / "essay.txt"
        essay.write_text(" ".join(words), encoding="utf-8")
        bundled = [sys.executable, "-m", "drafter", "lint", "--fail-on", "never", str(essay)]
        t_pass = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
        t_bundled = timed(lambda: subprocess.run(bundled, capture_output=True, cwd=ROOT))
        results["python_startup_seconds"] = round(t_pass, 3)
        results["lint_100k_words_bundled_library_seconds"] = round(t_bundled, 3)
        gen = tmp / "library"
        write_library(library, gen)
        generated = [*bundled, "--library", str(gen)]
        t_gen = timed(lambda: subprocess.run(generated, capture_output=True, cwd=ROOT), repeat=1)
        results["lint_100k_words_1000_concept_library_seconds"] = round(t_gen, 3)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    results["text_MB"] = round(size_mb, 1)
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"  {key:{width}}  {value}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "lint.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
