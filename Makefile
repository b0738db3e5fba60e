# Cairn: `make run` serves the demo, `make test` runs every test, `make lint` checks style, types and layers.
.PHONY: run test test-fast e2e lint format bench totp setup clean messages

run:
	@scripts/run.sh

test:
	@scripts/test.sh

# Without the browser tests, for a quick loop.
test-fast:
	@scripts/test.sh -m "not e2e" $(ARGS)

e2e:
	@scripts/test.sh -m e2e

lint:
	@scripts/setup.sh dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	.venv/bin/lint-imports

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Times the busiest pages against /healthz with 200 extra demo clients.
bench:
	@scripts/setup.sh dev
	.venv/bin/python scripts/bench.py

totp:
	@.venv/bin/python manage.py demo_totp

setup:
	@scripts/setup.sh dev

# Cairn's words for the sign-in library (sentence case): rebuild the .mo after editing the .po.
messages:
	msgfmt -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po

clean:
	rm -rf .venv var test-results .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
