"""Vendor facts and prices: data/vendors.yml → validated model → tables, in the page's language.

Modules, in data-flow order:
  model   pydantic models (the schema) and the cross-entry checks pydantic cannot express;
  load    YAML with line numbers → model, every problem turned into one readable message;
  money   pure arithmetic: unit normalization, ¥ per 10k characters, price on a date, staleness;
  query   the one answer to "what is on sale, at which rate, costing what, with which token ratio";
  words   the pricing label table and the formatting of single values (escaping, numbers, links);
  table   a table as typed rows with their provenance (sources, date, confidence, staleness), rendered last;
  render  pure functions (data, lang, …) → the tables and paragraphs of each `<!-- md:… -->` marker;
  export  JSON, CSV and JSON Schema downloads;
  state   where the data file is, "today", and the validated data (through aiguide/datafile.py's one cache);
  handlers  the marker handlers markers.py registers (kept import-light on purpose).
"""

# The markers this package renders; markers.py registers a handler for each.
MARKERS = (
    "vendor-overview", "vendor-facts", "prices", "billing", "free-quota", "token-ratio",
    "price-history", "price-comparison", "downloads", "sources",
)
