# Two commands set everything up on a fresh machine:
#   make demo   — install, then mine the sample corpus into outputs/
#   make test   — install (with test extras), then run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test lexicon bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

demo: install
	$(BIN)/dudao mine corpus/docs --out outputs/ || test $$? -eq 1
	$(BIN)/python -c "import pandas as pd; print(pd.read_parquet('outputs/findings.parquet')[['kind','place','metric','category','value','text']].head(12).to_string())"

test: install-test
	$(BIN)/pytest -q

lexicon: install
	$(BIN)/python scripts/build_place_lexicon.py

clean:
	rm -rf outputs/*.parquet outputs/*.csv outputs/*.duckdb outputs/.cache
