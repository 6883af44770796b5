# Sourced by serve.sh and test.sh: create .venv once and install the pinned dependencies.
# EXTRAS=test adds what the tests need.
python3 -m venv .venv
spec="."
[ -n "${EXTRAS:-}" ] && spec=".[${EXTRAS}]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$spec"
# Compile the hook modules once. Python would cache them itself, but not where PYTHONDONTWRITEBYTECODE is
# set (some CI machines, this project's own sandbox): then every build recompiled ~40 ms of hook code.
.venv/bin/python -m compileall -q overrides/hooks
