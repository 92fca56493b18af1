"""The bearer token, the metrics, and the page routes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from service_helpers import ON, make_client

from pingyin_rules.cli.errors import UsageError
from pingyin_rules.service import pages

TOKEN_ENV = "PINGYIN_RULES_TEST_TOKEN"


@pytest.fixture(scope="module")
def guarded() -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TOKEN_ENV, "s3cret-token")
        with make_client(token_env=TOKEN_ENV) as client:
            yield client


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/v1/rules"), ("post", "/v1/check"), ("post", "/v1/validate/document"),
     ("get", "/v1/contexts"), ("get", "/v1/calendar/add?date=2026-09-28&days=1")],
)  # fmt: skip
def test_without_the_token_the_api_is_401(guarded: TestClient, method: str, path: str) -> None:
    response = guarded.request(method, path, json={})
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")
    wrong = guarded.request(method, path, json={}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_with_the_token_it_answers(guarded: TestClient) -> None:
    headers = {"Authorization": "Bearer s3cret-token"}
    assert guarded.get("/v1/rules", headers=headers).status_code == 200
    body = {"case": {"officials": [{"id": "lm", "name": "李明", "role": "county_head"}]}}
    assert guarded.post("/v1/check", json=body, headers=headers).status_code == 200


@pytest.mark.parametrize("path", ["/v1/health", "/v1/ready", "/metrics", "/openapi.json"])
def test_probes_metrics_and_the_schema_stay_open(guarded: TestClient, path: str) -> None:
    assert guarded.get(path).status_code == 200


def test_a_token_variable_that_is_unset_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with pytest.raises(UsageError, match=TOKEN_ENV):
        make_client(token_env=TOKEN_ENV)


def _samples(text: str, name: str) -> list[tuple[dict[str, str], float]]:
    """(labels, value) of each sample of a metric in Prometheus' text format."""
    found = []
    for line in text.splitlines():
        match = re.fullmatch(re.escape(name) + r"\{(.*)\} (\S+)", line)
        if match:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
            found.append((labels, float(match.group(2))))
    return found


def test_metrics_count_requests_by_route_and_verdicts_by_rule_and_status(
    document: dict[str, Any],
) -> None:
    with make_client() as client:
        body = {"record": document, "context": {"officials": [
            {"id": "lm", "name": "李明", "role": "county_head"},
            {"id": "lq", "name": "刘强", "role": "deputy_head", "portfolio": ["zjj"]},
            {"id": "zm", "name": "周敏", "role": "office_deputy_director"}]}, "on": ON}  # fmt: skip
        for _ in range(3):
            assert client.post("/v1/validate/document", json=body).status_code == 200
        client.get("/v1/rules/art67.signing_authority")
        client.get("/v1/rules/no.such_rule")
        client.get("/openapi.json")
        client.get("/no/such/path")
        text = client.get("/metrics").text
    verdicts = _samples(text, "pingyin_rules_verdicts_total")
    assert ({"rule_id": "art67.signing_authority", "status": "fail"}, 3.0) in verdicts
    requests = _samples(text, "pingyin_rules_requests_total")
    validated = {"route": "/v1/validate/{kind}", "method": "POST", "status": "200"}
    assert (validated, 3.0) in requests
    # Routes are counted by their template, not by the ids in paths.
    missing = {"route": "/v1/rules/{rule_id}", "method": "GET", "status": "404"}
    assert (missing, 1.0) in requests
    assert not any("art67" in labels["route"] for labels, _ in requests)
    # A plain route counts under its path; only what no route takes is "unmatched".
    assert ({"route": "/openapi.json", "method": "GET", "status": "200"}, 1.0) in requests
    assert ({"route": "unmatched", "method": "GET", "status": "404"}, 1.0) in requests
    assert _samples(text, "pingyin_rules_request_duration_seconds_bucket")


def test_the_page_is_served_or_said_to_be_missing(client: TestClient) -> None:
    response = client.get("/", params={"lang": "en"})
    if (pages.PAGE_DIR / "index.html").is_file():
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
    else:
        assert response.status_code == 503 and "not installed" in response.text


def test_page_files_are_served_from_the_page_folder_only(
    client: TestClient, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "page"
    (folder / "css").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>检查</title>", encoding="utf-8")
    (folder / "css" / "page.css").write_text("body {}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    monkeypatch.setattr(pages, "PAGE_DIR", folder)
    assert "检查" in client.get("/").text
    assert client.get("/page/css/page.css").text == "body {}"
    for path in ["/page/../secret.txt", "/page/%2e%2e/secret.txt", "/page/css/../../secret.txt",
                 "/page/link.txt", "/page/css", "/page/", "/page/%2fetc%2fpasswd",
                 "/page/..%5csecret.txt", "/page/nothing.js"]:  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert "TOP-SECRET" not in response.text
    monkeypatch.setattr(pages, "PAGE_DIR", tmp_path / "missing")
    assert client.get("/").status_code == 503
