"""POST /v1/check: the report `pingyin-rules check --format json` gives, with 422 when
some input could not be read (the valid records still judged)."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from service_helpers import COMPLIANT, EXAMPLES, ON, case_data, make_client

from pingyin_rules.cli import main

EXIT = "x-pingyin-rules-exit-code"


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(["check", *argv, "--format", "json", "--on", ON, "--no-config"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "path", [COMPLIANT, EXAMPLES / "violations" / "documents.yaml"], ids=lambda p: p.name
)
def test_a_check_equals_the_cli_json_report(
    client: TestClient, capsys: pytest.CaptureFixture[str], path: Any
) -> None:
    code, expected = _cli_json(capsys, str(path))
    # `source` is the label the CLI takes from the path: subjects then match byte for byte.
    response = client.post(
        "/v1/check", json={"case": case_data(path), "on": ON, "source": str(path)}
    )
    assert response.status_code == 200
    assert response.json() == expected
    assert response.headers[EXIT] == str(code)


def test_without_a_source_subjects_are_the_records(client: TestClient) -> None:
    response = client.post("/v1/check", json={"case": case_data(COMPLIANT), "on": ON})
    assert response.json()["ok"] is True
    subjects = {v["subject"] for v in response.json()["verdicts"]}
    assert "document:PZF-2026-21" in subjects and not any("#" in s for s in subjects)


def test_explain_adds_the_explanations_in_the_language_asked(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    path = EXAMPLES / "violations" / "documents.yaml"
    _, expected = _cli_json(capsys, str(path), "--explain")
    body = {"case": case_data(path), "on": ON, "explain": True, "source": str(path)}
    assert client.post("/v1/check", json=body).json() == expected
    english = client.post("/v1/check", json={**body, "lang": "en"}).json()
    steps = english["verdicts"][0]["explanation"]
    assert steps and steps[0].startswith("Rule") and steps != expected["verdicts"][0]["explanation"]


def test_fail_on_warning_changes_the_exit_code_header_not_the_report(client: TestClient) -> None:
    data = case_data(EXAMPLES / "violations" / "documents.yaml")
    error = client.post("/v1/check", json={"case": data, "on": ON})
    warning = client.post("/v1/check", json={"case": data, "on": ON, "fail_on": "warning"})
    assert error.json() == warning.json()
    assert error.headers[EXIT] == warning.headers[EXIT] == "1"


def test_input_errors_give_422_with_the_report_and_the_valid_records_judged(
    client: TestClient,
) -> None:
    data = case_data(COMPLIANT)
    data["documents"][0]["signer"] = data["documents"][0].pop("signed_by")
    response = client.post("/v1/check", json={"case": data, "on": ON})
    assert response.status_code == 422
    assert response.headers[EXIT] == "2"
    report = response.json()
    assert report["ok"] is False
    [error] = [e for e in report["errors"] if e["field"] == "signer"]
    assert error["record"] == f"document:{data['documents'][0]['id']}"
    assert (
        "没有“signer”这个字段" in error["reason"] and "did you mean 'signed_by'" in error["reason"]
    )
    assert report["verdicts"] and report["summary"]["pass"] > 0  # the other records judged


def test_case_text_is_read_as_the_file_and_its_errors_carry_lines(client: TestClient) -> None:
    text = COMPLIANT.read_text(encoding="utf-8").replace("signed_by: lm", "signer: lm", 1)
    response = client.post("/v1/check", json={"case_text": text, "on": ON})
    assert response.status_code == 422
    [error] = [e for e in response.json()["errors"] if e["field"] == "signer"]
    line = text.splitlines().index(next(x for x in text.splitlines() if "signer: lm" in x)) + 1
    assert error["reason"].startswith(f"第{line}行")
    assert error.get("line", line) == line


def test_case_text_that_is_not_yaml_is_an_input_error(client: TestClient) -> None:
    response = client.post("/v1/check", json={"case_text": "officials: [\n  {id: lm", "on": ON})
    assert response.status_code == 422
    assert "YAML" in response.json()["errors"][0]["reason"]


def test_a_case_without_records_is_refused_as_the_cli_refuses_an_empty_file(
    client: TestClient,
) -> None:
    response = client.post("/v1/check", json={"case": {"case": "空"}})
    assert response.status_code == 422
    assert response.json()["error"] == "no_records"


@pytest.mark.parametrize(
    ("body", "field", "said"),
    [
        ({"case": {}, "on": "2026-13-01"}, "on", "2026-13-01"),
        ({"case": {}, "fail_on": "never"}, "fail_on", "never"),
        ({"case": {}, "explian": True}, "explian", "did you mean 'explain'"),
        ({"case": []}, "case", "mapping"),
        ({"on": ON}, None, "case_text"),
        ({"case": {}, "case_text": "x"}, None, "case_text"),
    ],
)
def test_request_fields_are_validated_field_by_field(
    client: TestClient, body: dict[str, Any], field: str | None, said: str
) -> None:
    response = client.post("/v1/check", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    [error] = response.json()["errors"]
    assert error["field"] == field and said in error["reason"] and " / " in error["reason"]


def test_pack_parameters_from_a_request_are_refused_unless_the_operator_allows_them(
    client: TestClient,
) -> None:
    data = case_data(EXAMPLES / "violations" / "documents.yaml")
    body = {"case": data, "on": ON, "set": {"art69.policy_length:limit": 4000}}
    refused = client.post("/v1/check", json=body)
    assert refused.status_code == 403 and refused.json()["error"] == "pack_requests_refused"
    with make_client(allow_pack_requests=True) as allowing:
        before = allowing.post("/v1/check", json={"case": data, "on": ON}).json()
        after = allowing.post("/v1/check", json=body).json()
        unknown = allowing.post("/v1/check", json={**body, "set": {"art69.policy_lenght:x": 1}})

    def length(report: dict[str, Any]) -> set[str]:
        return {v["status"] for v in report["verdicts"] if v["rule_id"] == "art69.policy_length"}

    assert "fail" in length(before) and "fail" not in length(after)
    assert unknown.status_code == 422 and "did you mean" in unknown.json()["message_en"]
