# Two commands do all set-up on a fresh machine: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-py312-stamp

.PHONY: run test bench lint clean

$(STAMP): pyproject.toml
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
		|| { rm -rf $(VENV) && python=$$(scripts/find-python.sh) && "$$python" -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# Bytecode as a wheel install has it (pip compiles on install): where PYTHONDONTWRITEBYTECODE
# is set, every start would otherwise compile the package again (about 50 ms a command).
BYTECODE := $(BIN)/python -m compileall -q aeo_assess

run: $(STAMP)
	@$(BYTECODE)
	$(BIN)/aeo-assess

lint: $(STAMP)
	$(BIN)/ruff check aeo_assess tests benchmarks
	$(BIN)/mypy --strict aeo_assess
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(STAMP)
	@$(BYTECODE)
	$(BIN)/python benchmarks/run.py

.PHONY: screenshots
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
