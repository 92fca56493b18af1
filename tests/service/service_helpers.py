"""Helpers for the service tests (a module of its own: conftest files are not importable)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from pingyin_rules.pack.yaml_source import load_yaml_text
from pingyin_rules.service.app import create_app
from pingyin_rules.service.settings import Settings

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
COMPLIANT = EXAMPLES / "compliant" / "2026-11-county-government.yaml"
# The officials and departments every document of the compliant example names.
ROSTER_FILE = COMPLIANT
ON = "2026-11-24"


def make_client(**settings: Any) -> TestClient:
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False)


def case_data(path: Path) -> Any:
    """A YAML case file as the CLI reads it (YAML 1.2: `on:` is a key), as JSON would send it."""
    data = load_yaml_text(path.read_text(encoding="utf-8"), str(path))
    return json.loads(json.dumps(data, default=_iso, ensure_ascii=False))


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value))


def curl_example() -> str:
    """The curl example of docs/service.md, between its CI markers, without the fences."""
    text = (ROOT / "docs" / "service.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- ci: curl example.*?-->\n```sh\n(.*?)```\n<!-- ci: end -->", text, re.S)
    assert block is not None, "docs/service.md has lost its CI-run curl example"
    return block.group(1)
