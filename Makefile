# Two commands for users: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench translations clean check-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app

# The type check first: app/, storage/ and search/ (configured in pyproject.toml).
test: $(STAMP)
	$(PY) -m mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench

translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -extensions py -no-obsolete -locations none ui app/messages.py -ts resources/translations/kanttekening_nl.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/kanttekening_nl.ts -qm resources/translations/kanttekening_nl.qm
	$(VENV)/bin/pyside6-lupdate -extensions py -no-obsolete -locations none -pluralonly ui -ts resources/translations/kanttekening_en.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/kanttekening_en.ts -qm resources/translations/kanttekening_en.qm

clean:
	rm -rf $(VENV) build *.egg-info
