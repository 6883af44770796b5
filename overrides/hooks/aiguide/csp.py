"""The Content-Security-Policy of every page, as a `<meta http-equiv>` (GitHub Pages sends no custom
headers), written right after `<meta charset>` so that it governs every script of the page.

Scripts run only from the site itself, plus the page's own inline scripts, each allowed by the
SHA-256 of its exact text: Material's (`__md_scope`, the palette, the anchor fix), ours in
overrides/main.html and aiguide/a11y.py. The hashes are computed here from the finished page, so a
changed script is never blocked by a stale hash and an injected one never matches. One policy per
page: a page allows exactly the scripts it carries (Material's `__md_scope` script differs with the
page's depth, so a site-wide list would allow each page several scripts it does not have).

- `'wasm-unsafe-eval'`: search is Pagefind, which compiles its WebAssembly in a worker and, when
  the worker cannot start or answer within 5 s (slow phones and networks), in the page itself; that
  fallback needs it. It allows WebAssembly only, not `eval` of JavaScript.
- Styles: only the site's stylesheets (`'self'`). The built pages have no `style` attribute or
  `<style>` element, and the scripts set styles through the CSSOM (`element.style.x = …`), which a
  policy does not restrict; so no `'unsafe-inline'` for styles either.
- Images: the site's files and `data:` (Material's icons are data-URI SVGs in its stylesheet).
- `frame-ancestors` cannot be set from a `<meta>` (browsers ignore it there), so it is not written.

Under `mkdocs serve` (scripts/serve.sh) the server injects its live-reload script into every page it
sends, different on each request, so no hash can allow it: there script-src allows inline scripts
(`'unsafe-inline'`, in place of the hashes, which would make browsers ignore it). A built site never
has this.
"""

from __future__ import annotations

import base64
import hashlib
import re

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),  # + the page's inline scripts' hashes
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

_CHARSET_META = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC_ATTR = re.compile(r"(?:^|\s)src\s*=", re.I)
_TYPE_ATTR = re.compile(r"""(?:^|\s)type\s*=\s*["']?([^"'\s>]*)""", re.I)
# Types a browser runs as script (an empty or missing type too); anything else, such as the JSON
# data blocks `type="application/json"`, is data, which a policy does not govern.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                 "application/ecmascript"}


class PolicyError(ValueError):
    """A page the policy cannot be written into."""


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    scripts = []
    for match in _SCRIPT.finditer(page_html):
        attrs = match.group(1)
        kind = _TYPE_ATTR.search(attrs)
        if not _SRC_ATTR.search(attrs) and (kind.group(1).lower() if kind else "") in _SCRIPT_TYPES:
            scripts.append(match.group(2))
    return scripts


def script_hash(text: str) -> str:
    """The CSP source expression for an inline script: `'sha256-…'` of its UTF-8 text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_for(page_html: str, live_reload: bool = False) -> str:
    """The page's policy: POLICY with the page's inline scripts' hashes in script-src (or, for the
    live-reload server, any inline script)."""
    if live_reload:
        inline = ("'unsafe-inline'",)
    else:
        inline = tuple(sorted({script_hash(text) for text in inline_scripts(page_html)}))
    directives = {**POLICY, "script-src": POLICY["script-src"] + inline}
    return "; ".join(" ".join((name, *sources)) for name, sources in directives.items())


def add_policy(page_html: str, page_name: str, live_reload: bool = False) -> str:
    """The page with its policy as the first element after `<meta charset>`."""
    if 'http-equiv="Content-Security-Policy"' in page_html:
        raise PolicyError(f"{page_name}: already has a Content-Security-Policy; expected the one aiguide/csp.py writes")
    charset = _CHARSET_META.search(page_html)
    if not charset:
        raise PolicyError(f'{page_name}: no <meta charset="utf-8"> to write the Content-Security-Policy after '
                          "(overrides/main.html writes one in the site_meta block)")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page_html, live_reload)}">'
    return page_html[:charset.end()] + "\n  " + meta + page_html[charset.end():]
