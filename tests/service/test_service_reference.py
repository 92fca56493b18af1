"""The reference endpoints answer what the CLI prints: rules, explain, coverage, schema,
calendar; and the operations endpoints (health, readiness, OpenAPI)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from pingyin_rules.cli import main
from pingyin_rules.records import SECTIONS


def _printed(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/v1/health").json() == {"status": "ok"}
    ready = client.get("/v1/ready").json()
    assert ready["status"] == "ready" and ready["contexts"] == ["roster"] and ready["rules"] > 90


def test_the_openapi_document_names_every_endpoint(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["info"]["title"] == "pingyin-rules"
    paths = set(document["paths"])
    assert {"/v1/check", "/v1/validate/{kind}", "/v1/rules/{rule_id}", "/v1/articles/{article}",
            "/v1/calendar/add", "/v1/health", "/metrics"} <= paths  # fmt: skip
    body = document["paths"]["/v1/check"]["post"]["requestBody"]["content"]["application/json"]
    assert "case_text" in body["schema"]["properties"]
    # No Swagger page: it would load a CDN's scripts into the origin holding the token.
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_rules_equal_the_cli_json(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    expected = json.loads(_printed(capsys, "rules", "--format", "json", "--no-config"))
    assert client.get("/v1/rules").json() == expected


def test_a_rule_comes_with_its_explanation_in_both_languages(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = client.get("/v1/rules/art67.signing_authority").json()
    assert answer["rule"]["article"] == 67
    for lang in ("zh", "en"):
        printed = _printed(capsys, "explain", "art67.signing_authority", "--lang", lang)
        assert answer["explanation"][lang] + "\n" == printed


def test_an_unknown_rule_is_404_with_a_suggestion(client: TestClient) -> None:
    response = client.get("/v1/rules/art67.signing_authorty")
    assert response.status_code == 404
    assert "art67.signing_authority" in response.json()["message_en"]


def test_an_article_lists_its_rules_and_explains_it(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = client.get("/v1/articles/67").json()
    assert answer["title"] == "第六十七条" and "签发" in answer["text"]
    assert {r["rule_id"] for r in answer["rules"]} >= {"art67.signing_authority"}
    assert answer["explanation"]["zh"] + "\n" == _printed(capsys, "explain", "--article", "67")
    assert client.get("/v1/articles/85").status_code == 404
    assert client.get("/v1/articles/0").status_code == 404
    assert client.get("/v1/articles/abc").status_code == 422


def test_coverage_equals_the_cli_json(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = json.loads(_printed(capsys, "coverage", "--format", "json", "--no-config"))
    assert client.get("/v1/coverage").json() == expected


@pytest.mark.parametrize("name", ["case", *SECTIONS, "rule-file"])
def test_schemas_equal_the_cli(
    client: TestClient, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert client.get(f"/v1/schemas/{name}").json() == json.loads(_printed(capsys, "schema", name))


def test_schema_names_and_an_unknown_schema(client: TestClient) -> None:
    assert "documents" in client.get("/v1/schemas").json()
    assert client.get("/v1/schemas/document").status_code == 404


def test_calendar_add_is_the_cli_calendar_add(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = client.get("/v1/calendar/add", params={"date": "2026-09-28", "days": 10}).json()
    assert answer["due"] == "2026-10-16"
    for lang in ("zh", "en"):
        printed = _printed(capsys, "calendar", "add", "2026-09-28", "10", "--lang", lang)
        assert answer["text"][lang] + "\n" == printed
    zero = client.get("/v1/calendar/add", params={"date": "2026-10-01", "days": 0}).json()
    assert zero["due"] == "2026-10-01"


def test_working_days_between_two_dates(client: TestClient) -> None:
    answer = client.get(
        "/v1/calendar/working-days", params={"start": "2026-09-28", "end": "2026-10-16"}
    ).json()
    assert answer["working_days"] == 10
    assert {"date": "2026-10-01", "reason": "国庆节"} in answer["skipped"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v1/calendar/add?date=2026-02-30&days=1", "date"),
        ("/v1/calendar/add?date=2026-09-28&days=-1", "days"),
        ("/v1/calendar/add?date=2026-09-28", "days"),
        ("/v1/calendar/working-days?start=2026-09-28&end=someday", "end"),
    ],
)
def test_bad_calendar_parameters_are_422_naming_the_parameter(
    client: TestClient, path: str, field: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == field and " / " in error["reason"]


def test_a_date_outside_the_calendar_is_422(client: TestClient) -> None:
    response = client.get("/v1/calendar/add", params={"date": "1900-01-01", "days": 1})
    assert response.status_code == 422 and response.json()["error"] == "calendar_range"


def test_unknown_paths_and_methods(client: TestClient) -> None:
    missing = client.get("/v2/check")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    wrong = client.get("/v1/check")
    assert wrong.status_code == 405 and wrong.json()["error"] == "method_not_allowed"
