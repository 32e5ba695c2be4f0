# Every target creates .venv and installs what it needs on first use, so on a fresh machine
# `make demo` and `make test` are the whole set-up.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: demo test bench lint format clean eval

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m drafter render examples/answers-example.yaml --force -o build/demo/response.docx
	$(PY) -m drafter render examples/answers-example.yaml --force --format md -o build/demo/response.md
	$(PY) -m drafter render examples/answers-example.yaml --force --format txt -o build/demo/response.txt

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run.py

# precision and recall of the precision check on eval/corpus.yaml (issue 5)
eval: $(STAMP)
	$(PY) eval/score.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf build dist $(VENV)
