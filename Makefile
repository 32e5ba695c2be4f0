# Every target creates .venv and installs what it needs on first use, so on a fresh machine
# `make demo` and `make test` are the whole set-up.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: demo test bench lint format clean eval docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m drafter render examples/answers-example.yaml --force -o build/demo/response.docx
	$(PY) -m drafter render examples/answers-example.yaml --force --format md -o build/demo/response.md
	$(PY) -m drafter render examples/answers-example.yaml --force --format txt -o build/demo/response.txt

# two workers for two cores: no test depends on another or on the order they run in
test: $(STAMP)
	$(PY) -m pytest -n 2

bench: $(STAMP)
	$(PY) bench/run.py

# precision and recall of the precision check on eval/corpus.yaml and the real passages in
# ../shared/corpus (whole set, five folds by document, spans); ARGS=-v lists false alarms and misses
eval: $(STAMP)
	$(PY) eval/score.py $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# docs/cli.md: every command's --help (a test fails while it is out of date)
docs: $(STAMP)
	$(PY) tools/cli_reference.py

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf build dist $(VENV)

# The interview on the bundled sample consultation. Answers are saved to
# build/draft/answers.yaml after every answer; run it again to go over them (they are offered
# as defaults), or `make draft ARGS=--resume` to carry on where you stopped.
DRAFT_DIR := build/draft
.PHONY: draft
draft: $(STAMP)
	@mkdir -p $(DRAFT_DIR)
	@DRAFTER_RESUME_COMMAND="make draft ARGS=--resume" $(PY) -m drafter draft --consultation sample-social-care \
		--answers $(DRAFT_DIR)/answers.yaml -o $(DRAFT_DIR)/response.docx $(ARGS) \
		|| [ $$? -eq 130 ]
