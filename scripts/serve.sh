#!/usr/bin/env bash
# Command 1 of 2: install the site's dependencies (pinned) into .venv and serve with live reload.
#   ./scripts/serve.sh                 → http://127.0.0.1:8000/ai-llm-guide/  (zh), …/en/ (en)
#   ./scripts/serve.sh -a 0.0.0.0:8000 → extra arguments go to `mkdocs serve`
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/_venv.sh
. scripts/_venv.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --livereload "$@"
