# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv and install what they need; reruns are fast (stamp files).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
DEMO_DB ?= demo-output/demo.db

.PHONY: demo test install dev browser train-ner train-ner-neural train-topics clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml $(STAMP_RUN)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP_RUN)
dev: $(STAMP_DEV)

# Debian's Chromium for the browser tests (no browser download from the test tool).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will be skipped"; }

# The main job on the bundled sample (fictional articles written for marsad): analyse one
# scraped article, build an archive from the demo corpus (with its rendered pages), search it,
# then say how to browse it.
demo: $(STAMP_RUN)
	$(BIN)/marsad analyze marsad/samples/demo_article.txt
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/marsad ingest marsad/samples/demo_corpus.jsonl --db $(DEMO_DB) --workers 1
	$(BIN)/marsad search "تحلية المياه" --db $(DEMO_DB) --limit 5
	$(BIN)/marsad stories --db $(DEMO_DB) --top 5
	@echo
	@echo "Browse the demo archive:  $(BIN)/marsad serve --db $(DEMO_DB)   (then open http://127.0.0.1:8000)"

test: $(STAMP_DEV) browser
	$(BIN)/python -m pytest -q

# Rebuild the shipped models from ../shared (dev extra; minutes to tens of minutes on 2 cores).
train-ner: $(STAMP_DEV)
	$(BIN)/marsad train ner

# The neural half of the entity tagger (after train-ner: it reads the shipped lexicon);
# the train extra brings the CPU build of torch.
train-ner-neural: $(STAMP_DEV)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/marsad train ner-neural

train-topics: $(STAMP_DEV)
	$(BIN)/marsad train topics

clean-venv:
	rm -rf $(VENV)
