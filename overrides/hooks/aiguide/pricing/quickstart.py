"""`<!-- md:quickstart ID -->`: a platform's chat API called in a few lines, built from its `api:` block.

A Python call with the `openai` client and the same request with curl, the base URL, model and the
documentation it comes from (with its as-of date), in the page's language. The request shape (path,
model, `Authorization: Bearer` header) is what tests/test_quickstart.py checks against a local server;
the page says so: it is a checked request shape, not a live call.

Output is Markdown (two fenced code blocks, so Material highlights them and adds its copy button)
between HTML paragraphs; every string from the data is escaped for where it goes (HTML, a Python or
JSON string literal, a single-quoted shell word).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Callable

from aiguide import languages
from aiguide.labels import translator
from aiguide.shortcodes import Context

if TYPE_CHECKING:  # markers.py imports this module at startup: pydantic and the renderers load on first use
    from .model import Api, VendorData

# The openai client posts to BASE_URL + this path; an `api:` with another path needs another snippet.
OPENAI_CHAT_PATH = "/chat/completions"

LABELS = {
    "intro": ("用 OpenAI 兼容接口调用{v}的对话模型：接口地址 {url}，模型 {model}，API Key 从环境变量 {env} 读取。",
              "Call {v}'s chat models through its OpenAI-compatible API: endpoint {url}, model {model}, "
              "API key read from the environment variable {env}."),
    "python": ("Python（openai 客户端）", "Python (openai client)"),
    "install": ("先安装客户端：{cmd}。", "Install the client first: {cmd}."),
    "message": ("用一句话介绍你自己。", "Introduce yourself in one sentence."),
    "sources": ("接口地址和鉴权方式的出处：{links}。", "Where the endpoint and authentication come from: {links}."),
    "as_of": ("（截至 {d}）", " (as of {d})"),
    "undated": ("（未注明日期）", " (undated)"),
    "missing": ("本站的数据文件还没有记录{v}的 OpenAI 兼容接口（接口地址、模型名和出处），所以这里暂时没有经过核对的调用示例。",
                "The site's data file does not record {v}'s OpenAI-compatible API yet (endpoint, model name and "
                "source), so there is no checked call example here for now."),
    "api_docs": ("官方 API 文档：{links}。", "Official API docs: {links}."),
    "checked": ("这是经过核对的请求格式，不是实时调用：本站的测试只检查这两段代码发出的路径、模型名和 "
                "<code>Authorization: Bearer</code> 请求头与数据文件一致（对着本机的模拟服务器），"
                "不检查平台此刻是否可用，也不代表模型或价格没有变化。",
                "This is a checked request shape, not a live call: the site's tests check only that both "
                "snippets send the path, model name and <code>Authorization: Bearer</code> header the data "
                "file says (against a mock server on the test machine), not that the platform answers now "
                "or that the model and its price are unchanged."),
}
t = translator("quickstart", LABELS)


def _endpoint(api: Api) -> str:
    return api.base_url.rstrip("/") + api.chat_path


def _check(api: Api, vendor_id: str) -> None:
    if api.chat_path != OPENAI_CHAT_PATH:
        raise ValueError(f"platform {vendor_id!r}: the openai client sends requests to base_url + "
                         f"{OPENAI_CHAT_PATH}, but api.chat_path is {api.chat_path!r}")


def python_snippet(api: Api, lang: str) -> str:
    """A minimal chat call with the openai client (string literals written as JSON, valid Python)."""
    literal = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    return "\n".join([
        "import os",
        "",
        "from openai import OpenAI",
        "",
        "client = OpenAI(",
        f"    base_url={literal(api.base_url)},",
        f"    api_key=os.environ[{literal(api.key_env)}],",
        ")",
        "response = client.chat.completions.create(",
        f"    model={literal(api.model)},",
        f'    messages=[{{"role": "user", "content": {literal(t("message", lang))}}}],',
        ")",
        "print(response.choices[0].message.content)",
    ])


def _shell_quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def curl_snippet(api: Api, lang: str) -> str:
    """The same request with curl; the key stays in the environment ($KEY_ENV, expanded by the shell)."""
    body = json.dumps({"model": api.model, "messages": [{"role": "user", "content": t("message", lang)}]},
                      ensure_ascii=False)
    return "\n".join([
        f"curl {_shell_quoted(_endpoint(api))} \\",
        f'  -H "Authorization: Bearer ${api.key_env}" \\',
        '  -H "Content-Type: application/json" \\',
        f"  -d {_shell_quoted(body)}",
    ])


def _fenced(lang: str, title: str, code: str) -> str:
    # A fence longer than any run of backticks in the code, so no data string can close it.
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", code)), default=0))
    return f'{fence}{lang} title="{title}"\n{code}\n{fence}'


def quickstart(data: VendorData, vendor_id: str, lang: str) -> str:
    from . import money
    from .render import vendor_of
    from .words import esc, href, tx

    vendor = vendor_of(data, vendor_id)
    index = money.sources_by_id(data)
    sep, space = languages.language(lang).long_list_sep, languages.language(lang).join

    def cite(ids) -> str:
        links = []
        for sid in dict.fromkeys(ids):
            src = index[sid]
            date = money.claim_as_of(None, [sid], index).text()
            title = tx(src.title, lang)
            link = f'<a href="{href(src.url)}">{title}</a>' if src.url else title
            links.append(link + (t("as_of", lang, d=esc(date)) if date else t("undated", lang)))
        return sep.join(links)

    api = vendor.api
    if api is None:  # said on the page (tests/test_quickstart.py lists the platforms still without one)
        api_docs = [doc.source for doc in vendor.docs if doc.kind == "api"]
        more = space + t("api_docs", lang, links=cite(api_docs)) if api_docs else ""
        return f'<p class="aiguide-quickstart">{t("missing", lang, v=tx(vendor.name, lang))}{more}</p>'
    _check(api, vendor_id)
    intro = t("intro", lang, v=tx(vendor.name, lang), url=f"<code>{esc(_endpoint(api))}</code>",
              model=f"<code>{esc(api.model)}</code>", env=f"<code>{esc(api.key_env)}</code>")
    install = t("install", lang, cmd="<code>pip install openai</code>")
    return "\n\n".join([
        f'<p class="aiguide-quickstart">{intro}{space}{install}</p>',
        _fenced("python", t("python", lang), python_snippet(api, lang)),
        _fenced("bash", "curl", curl_snippet(api, lang)),
        f'<p class="aiguide-quickstart">{t("sources", lang, links=cite(api.sources))}</p>',
        f'<p class="aiguide-quickstart">{t("checked", lang)}</p>',
    ])


def _handler(args: list[str], ctx: Context) -> str:
    from . import state
    from .handlers import _args

    (vendor_id,) = _args(args, 1, "one platform id, e.g. <!-- md:quickstart qianfan -->")
    return quickstart(state.data(), vendor_id, ctx.lang)


HANDLERS: dict[str, Callable[[list[str], Context], str]] = {"quickstart": _handler}
