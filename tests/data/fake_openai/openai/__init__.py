"""A stand-in for the `openai` package, standard library only, for tests/test_quickstart.py.

It sends what the real client sends for `OpenAI(base_url=…, api_key=…).chat.completions.create(model=…,
messages=…)`: a POST of a JSON body {"model", "messages"} to base_url + "/chat/completions" (the real
client adds the slash: base_url "…/v1" and "…/v1/" both give "…/v1/chat/completions") with the headers
`Authorization: Bearer <api_key>` and `Content-Type: application/json`. The answer is read back as
`response.choices[0].message.content`. Nothing else of the client is imitated.
"""

from __future__ import annotations

import json
import urllib.request
from types import SimpleNamespace


class _Completions:
    def __init__(self, client: "OpenAI") -> None:
        self._client = client

    def create(self, *, model: str, messages: list[dict], **extra) -> SimpleNamespace:
        body = json.dumps({"model": model, "messages": messages, **extra}).encode("utf-8")
        request = urllib.request.Request(
            self._client.base_url.rstrip("/") + "/chat/completions", data=body, method="POST",
            headers={"Authorization": f"Bearer {self._client.api_key}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            data = json.load(answer)
        choices = [SimpleNamespace(message=SimpleNamespace(**c["message"])) for c in data["choices"]]
        return SimpleNamespace(choices=choices)


class OpenAI:
    def __init__(self, *, base_url: str, api_key: str) -> None:
        self.base_url, self.api_key = base_url, api_key
        self.chat = SimpleNamespace(completions=_Completions(self))
