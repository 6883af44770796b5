#!/usr/bin/env bash
# Command 2 of 2: install everything the tests need, then run them all.
#   ./scripts/test.sh            → the whole suite
#   ./scripts/test.sh -k search  → extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test
# shellcheck source=scripts/_venv.sh
. scripts/_venv.sh

# A browser for the Playwright tests: Debian's Chromium where we may install it (CI, containers),
# otherwise Playwright's own build (a developer's laptop).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    .venv/bin/python -m playwright install chromium
  fi
fi
# Node packages the tests inject into pages (axe-core), pinned by tests/package-lock.json.
if [ -f tests/package-lock.json ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests --silent --no-audit --no-fund
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
