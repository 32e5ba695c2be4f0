#!/usr/bin/env python3
"""Benchmark: loading and validating a 2,000-entry library, whole process.

Generates libraries of 500 and 2,000 concept entries (each like a bundled entry: sources,
several designations, relations, a Welsh term, examples) in a temporary folder, then times
whole `python` processes (median of BENCH_RUNS):

- reference: a process that imports drafter.library and loads nothing;
- `load_library` of the bundled library plus the generated layer, with the parsed-library
  cache off and on (on: second and later runs hit the cache);
- `drafter snippets validate --library DIR`, cache off and on.

Reported as ratios: load(2,000) / load(500) after subtracting the reference (linear means
about 4), and cached / uncached load.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

ENTRY = """\
# generated entry {n}
id: gen-{n}
kind: concept
version: 1
status: vetted
vetted_by: Bench Maintainer
vetted_on: 2026-11-26
review_by: 2027-11-26
subject: bench-{group}
short: A generated concept number {n} used to measure loading.
response_definition: >-
  Generated concept {n} is owned and controlled by its members.
definition: |
  Generated concept {n} is owned and controlled by its members. It exists so that the
  benchmark has realistic text to parse: a paragraph of a few lines, as in the bundled
  library, with enough words to be typical of a vetted definition.
sources:
  - title: Generated source {n}
    kind: academic
    publisher: Bench
    year: 2026
    url: "https://example.invalid/{n}"
    ref: 1
  - {{title: Second generated source {n}, kind: press, publisher: Bench, year: 2025}}
terms:
  - text: generated term {n}
    status: preferred
  - text: gen term {n}
    status: admitted
    kind: short-form
  - text: generatedterm{n}
    status: deprecated
    use_instead: generated term {n}
relations:
  broader: [{broader}]
  contrast: [{contrast}]
distinguish:
  - "Other generated concepts: different numbers."
translations:
  cy:
    - text: term cynhyrchedig {n}
      part_of_speech: noun
      status: unverified
examples:
  must_flag: [A generatedterm{n} appears here.]
  must_pass: [A generated term {n} appears here.]
"""


def generate(folder: Path, count: int) -> Path:
    terms = folder / "terms"
    terms.mkdir(parents=True)
    for n in range(count):
        broader = "co-operative"
        partner = n + 1 if n % 2 == 0 else n - 1
        if partner >= count:
            partner = n - 1
        (terms / f"gen-{n}.yaml").write_text(
            ENTRY.format(n=n, group=n % 10, broader=broader, contrast=f"gen-{partner}"),
            encoding="utf-8",
        )
    return folder


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0,):
        raise SystemExit(f"benchmark command failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    return elapsed


def median(args: list[str], env: dict, runs: int = RUNS) -> float:
    return statistics.median(timed(args, env) for _ in range(runs))


LOAD = (
    "import sys; from pathlib import Path; "
    "from drafter.library import load_library, resolve_library_dirs; "
    "lib = load_library(resolve_library_dirs([Path(sys.argv[1])])); "
    "assert len(lib.concepts) > 20"
)
REFERENCE = "import drafter.library, drafter.library.loader, msgspec"


def main() -> int:
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        tmp_path = Path(tmp)
        small = generate(tmp_path / "lib500", 500)
        large = generate(tmp_path / "lib2000", 2000)
        base_env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
        off = {**base_env, "DRAFTER_NO_CACHE": "1"}
        ref = median([py, "-c", REFERENCE], off)
        load_small = median([py, "-c", LOAD, str(small)], off)
        load_large = median([py, "-c", LOAD, str(large)], off)
        timed([py, "-c", LOAD, str(large)], base_env)  # fill the cache (bundled and generated)
        cached_large = median([py, "-c", LOAD, str(large)], base_env)
        validate = [py, "-m", "drafter", "snippets", "validate", "--library", str(large), "-q"]
        validate_large = median(validate, off, runs=max(1, RUNS // 2))
        validate_cached = median(validate, base_env, runs=max(1, RUNS // 2))
    per_small = load_small - ref
    per_large = load_large - ref
    print(f"reference process (imports only):   {ref * 1000:7.0f} ms")
    print(f"load 500 entries (no cache):        {load_small * 1000:7.0f} ms")
    print(f"load 2,000 entries (no cache):      {load_large * 1000:7.0f} ms")
    print(f"load 2,000 entries (cache hit):     {cached_large * 1000:7.0f} ms")
    print(f"validate 2,000 entries (no cache):  {validate_large * 1000:7.0f} ms")
    print(f"validate 2,000 entries (cache hit): {validate_cached * 1000:7.0f} ms")
    print(f"linearity: (2,000 - ref) / (500 - ref) = {per_large / per_small:4.2f} (linear: ~4)")
    print(f"cache: cached / uncached load of 2,000 = {cached_large / load_large:4.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
