# Sourced by serve.sh and test.sh: create .venv once and install the pinned dependencies.
# EXTRAS=test adds what the tests need.
python3 -m venv .venv
spec="."
[ -n "${EXTRAS:-}" ] && spec=".[${EXTRAS}]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$spec"
