"""Fixtures for the service tests: an app with a roster loaded as a named context, and a
client for it. Each test module skips itself when the server extra is not installed, so
nothing here imports FastAPI at collection."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The service as started with `serve --context roster=examples/.../roster`."""
    from service_helpers import ROSTER_FILE, make_client

    with make_client(contexts={"roster": str(ROSTER_FILE)}) as client:
        yield client


@pytest.fixture()
def document() -> dict[str, Any]:
    """A formal document of the county government signed by a deputy head (Art. 67(1):
    the county head signs), otherwise in order, as the roster file has it."""
    return {
        "id": "PZF-2026-90", "title": "平阴县人民政府关于调整县城区供热价格的通知",
        "issuer": "county_government", "kind": "formal", "department": "zjj",
        "reviewed_by": "lq", "checked_by": "zm", "signed_by": "lq", "signed_on": "2026-11-20",
        "disclosure": "proactive", "policy_interpretation_attached": True,
        "pre_issue_reports": [{"to": "lq", "on": "2026-11-16", "written": True},
                              {"to": "lm", "on": "2026-11-16", "written": True}],
    }  # fmt: skip
