# gwr-analysis: `make help` lists the targets. Two commands on a fresh machine:
#   make report   executes the notebooks and renders reports/html/ (the main job)
#   make test     lint + the whole test suite (unit, doctests, notebooks under nbval)
# Both bootstrap .venv from requirements/lock.txt on first use (python3, pip and make only).

.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))

.PHONY: help install test unit lint notebooks report lab data evaluate benchmark lock clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml requirements/lock.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(STAMP) ## Create .venv and install the pinned environment (requirements/lock.txt)

lint: $(STAMP) ## Ruff (lint) and mypy (types) on src/, tests/ and scripts
	$(BIN)/ruff check src tests evaluation benchmarks scripts
	$(BIN)/mypy

unit: $(STAMP) ## Unit tests and doctests only (fast)
	$(BIN)/pytest -q

test: lint $(STAMP) ## Lint, then every test: unit, doctests and the notebooks under strict nbval
	$(BIN)/pytest -q
	$(if $(NOTEBOOKS),$(BIN)/pytest -q --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider $(NOTEBOOKS))

notebooks: $(STAMP) ## Re-execute the notebooks in place (commit their outputs)
	$(BIN)/python -m analysis.render --execute-only $(NOTEBOOKS)

report: $(STAMP) ## Execute the notebooks and render the HTML report in reports/html/
	$(BIN)/python -m analysis.render $(NOTEBOOKS)

lab: $(STAMP) ## Start JupyterLab on notebooks/ with the project's .venv kernel (gwr-analysis)
	$(BIN)/python -m ipykernel install --sys-prefix --name gwr-analysis --display-name "Python (gwr-analysis)"
	$(BIN)/jupyter lab --notebook-dir notebooks

data: $(STAMP) ## Write the figures table and structure frames to data/processed/
	$(BIN)/python -m analysis extract data/raw/*.txt --format csv -o data/processed/figures.csv

evaluate: $(STAMP) ## Score extraction against the hand-checked figures in evaluation/
	$(BIN)/python evaluation/evaluate.py

benchmark: $(STAMP) ## Run the benchmarks (pytest-benchmark)
	$(BIN)/pytest -q benchmarks --benchmark-enable --benchmark-only

lock: ## Re-resolve dependencies into requirements/lock.txt (needs the network)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[parquet,dask,notebooks,dev]'
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements/lock.txt
	rm -rf .lock-venv

clean: ## Remove generated files (keeps .venv)
	rm -rf reports/html data/processed/*.csv data/processed/*.parquet .pytest_cache .ruff_cache .mypy_cache
