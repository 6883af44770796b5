#!/usr/bin/env python3
"""Read public price datasets (LLM Abacus prices.json, gufe-zeng/llm-price-cn data/prices.js), compare
them with data/vendors.yml and report proposed changes per platform; --write inserts them into the data
files for review. The review routine: docs-dev/propose-prices.md.

    .venv/bin/python scripts/propose_prices.py abacus=prices.json gufe=prices.js [--commit abacus=SHA] [--write]

Exit status: 0 after reporting (proposals are information, not an error); 2 when a dataset, the
mapping (data/price-sources.yml) or the data is invalid — then nothing is written.
"""

from __future__ import annotations

import sys

from aiguide.pricing.propose.cli import main  # installed with the project (scripts/_venv.sh)

if __name__ == "__main__":
    sys.exit(main())
