"""Vendor facts and prices: data/vendors.yml → validated model → tables, in the page's language.

Modules, in data-flow order:
  model   pydantic models (the schema) and the cross-entry checks pydantic cannot express;
  load    YAML with line numbers → model, every problem turned into one readable message;
  money   pure arithmetic: unit normalization, ¥ per 10k characters, price on a date, staleness;
  render  pure functions (data, lang, …) → HTML for each `<!-- md:… -->` marker;
  table   a table as typed rows with their provenance (sources, date, confidence, staleness), rendered last;
  export  JSON, CSV and JSON Schema downloads;
  state   where the data file is, "today", and the once-per-build cache;
  handlers  the marker handlers markers.py registers (kept import-light on purpose).
"""

# The markers this package renders; markers.py registers a handler for each.
MARKERS = (
    "vendor-overview", "vendor-facts", "prices", "billing", "free-quota", "token-ratio",
    "price-history", "price-comparison", "downloads", "sources",
)
