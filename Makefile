# Two commands for a newcomer: `make run` (dashboard on the sample) and `make test` (whole suite).
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
PORT ?= 8501

.PHONY: run serve-replicas test test-stress bench system-deps sample clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) -m ogp_monitor seed
	$(PY) -m ogp_monitor password
	$(PY) -m streamlit run serve.py --server.port $(PORT) --server.address localhost

N ?= 2
serve-replicas: $(VENV)/.installed  # N dashboard processes behind nginx on $(PORT) (docs/operations.md)
	PY=$(PY) bash scripts/serve_replicas.sh $(N) $(PORT)

system-deps:
	bash scripts/install_system_deps.sh

test: $(VENV)/.dev-installed system-deps
	$(PY) -m pytest -n 2 --dist loadfile

test-stress: $(VENV)/.dev-installed system-deps
	$(PY) -m pytest -m stress

bench: $(VENV)/.dev-installed system-deps
	$(PY) bench/run.py

sample: $(VENV)/.installed
	$(PY) scripts/build_sample.py

clean:
	rm -rf $(VENV) .pytest_cache artifacts
