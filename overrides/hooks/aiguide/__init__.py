"""The guide's build-time code: data models, renderers and exports used by the MkDocs hooks.

Data flow: data/*.yml → validated model (pydantic) → pure render functions per language →
thin hooks in overrides/hooks/*.py → pages and downloads in the built site.
"""

from pathlib import Path

# The project root (the folder of mkdocs.yml): overrides/hooks/aiguide/ → three levels up.
ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
