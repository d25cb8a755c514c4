# Two commands for users: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# QualCoder's own environment, for the test that runs its REFI-QDA importer
# (tests/export/test_qualcoder.py); never mixed with the app's.
QC_VENV := .venv-qualcoder
QC_STAMP := $(QC_VENV)/.installed
# pdf.js itself (pinned), for the test that checks fingerprints and quotes as
# Hypothesis's pdf.js viewer sees them (tests/export/test_pdfjs.py); skipped without npm.
PDFJS := .pdfjs
PDFJS_STAMP := $(PDFJS)/.installed

.PHONY: run test bench translations clean check-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m compileall -q app storage search ui
	touch $(STAMP)

$(QC_STAMP):
	$(PYTHON) -m venv $(QC_VENV)
	$(QC_VENV)/bin/python -m pip install --quiet PyQt6==6.11.0 PyQt6-Qt6==6.11.2 PyMuPDF==1.28.2 \
		openpyxl==3.1.5 lxml==6.1.3 Pillow==13.0.0
	touch $(QC_STAMP)

$(PDFJS_STAMP):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix $(PDFJS) pdfjs-dist@4.10.38 && touch $(PDFJS_STAMP); \
	else echo "npm is not installed: the pdf.js test will be skipped"; fi

run: $(STAMP)
	$(PY) -m app

# The type check first: app/, storage/ and search/ (configured in pyproject.toml).
test: $(STAMP) $(QC_STAMP) $(PDFJS_STAMP)
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
	rm -rf $(VENV) $(QC_VENV) $(PDFJS) build *.egg-info
