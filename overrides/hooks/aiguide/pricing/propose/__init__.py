"""Proposed price updates from public price datasets, for a person to review (scripts/propose_prices.py).

Modules, in data-flow order:
  datasets  read one dataset file (LLM Abacus prices.json, gufe-zeng/llm-price-cn data/prices.js) into
            plain figures in ¥ per 1M tokens, or reject it with a message naming the file and the entry;
  mapping   data/price-sources.yml: each dataset's origin and the reviewed map of its model ids to ours;
  diff      compare the figures with the data in force on the dataset's date → proposals and findings;
  edit      put the proposals into the YAML files as text, leaving every other byte as it was;
  report    the Markdown report (also the pull request's body).

Nothing here guesses: an unmapped model is listed, a figure that cannot be read exactly is listed, and
currencies are never converted.
"""
