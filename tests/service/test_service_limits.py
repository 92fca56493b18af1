"""Bad input and limits: 422 with located, bilingual errors for what cannot be read; 413
with the reason for what is too large; never a traceback or a bare 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from service_helpers import COMPLIANT, ON, case_data, make_client


@pytest.fixture(scope="module")
def small() -> Iterator[TestClient]:
    """A service with small limits: 2 KiB bodies, cases of at most 5 records."""
    with make_client(max_body_bytes=2048, max_records=5) as client:
        yield client


def _post(client: TestClient, body: bytes | str, path: str = "/v1/check") -> Any:
    return client.post(path, content=body, headers={"Content-Type": "application/json"})


def test_malformed_json_is_422_with_its_line(client: TestClient) -> None:
    response = _post(client, '{"on": "2026-11-24",\n "case": {\n  "officials": [}\n}')
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_json"
    [error] = body["errors"]
    assert error["reason"].startswith("第3行：JSON格式有误 / line 3: invalid JSON")
    assert error.get("line", 3) == 3


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"", "empty"),
        (b"   ", "empty"),
        (b'{"case": {}, "case": {}}', "duplicate key 'case'"),
        ('{"case": "甲"}'.encode("gbk"), "UTF-8"),
        (b"[1, 2]", "JSON object"),
    ],
)
def test_bodies_that_are_not_a_request_are_422(client: TestClient, body: bytes, said: str) -> None:
    response = _post(client, body)
    assert response.status_code == 422
    assert said in json.dumps(response.json(), ensure_ascii=False)


def test_text_that_cannot_be_encoded_costs_only_its_record(client: TestClient) -> None:
    data = case_data(COMPLIANT)
    data["documents"][0]["title"] = "\ud800"
    body = json.dumps({"case": data, "on": ON})  # ASCII: the lone surrogate as "\ud800"
    response = _post(client, body)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "title" and "\\ud800" in error["reason"]
    assert response.json()["verdicts"]


def test_a_body_over_the_limit_is_413_from_its_length(small: TestClient) -> None:
    response = _post(small, json.dumps({"case": {"case": "x" * 4000}}))
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert "2 KiB" in response.json()["message_en"]
    assert response.headers["connection"] == "close"


def test_a_streamed_body_is_refused_once_it_passes_the_limit(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield b'{"case": {"case": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}}'

    response = small.post("/v1/check", content=chunks())
    assert response.status_code == 413


@pytest.mark.parametrize("depth", [101, 100_000])
def test_json_nested_too_deep_is_413(client: TestClient, depth: int) -> None:
    body = '{"case": {"officials": ' + "[" * depth + "]" * depth + "}}"
    response = _post(client, body)
    assert response.status_code == 413
    assert "100" in response.json()["message"]


def test_nesting_within_the_limit_is_read(client: TestClient) -> None:
    body = '{"case": {"officials": ' + "[" * 90 + "]" * 90 + "}}"
    assert _post(client, body).status_code == 422  # read: the record is wrong, not the JSON


def test_too_many_records_is_413_before_any_is_read(small: TestClient) -> None:
    officials = [{"id": f"o{i}", "name": "x", "role": "deputy_head"} for i in range(6)]
    response = small.post("/v1/check", json={"case": {"officials": officials}})
    assert response.status_code == 413
    assert "6" in response.json()["message"] and "5" in response.json()["message_en"]
    context = small.post(
        "/v1/validate/document", json={"record": {}, "context": {"officials": officials}}
    )
    assert context.status_code == 413 and "context" in context.json()["message_en"]


def test_a_period_too_long_is_413_with_the_cli_reason(client: TestClient) -> None:
    data = case_data(COMPLIANT)
    data["period"] = {"start": "0001-01-01", "end": "9999-12-31"}
    response = client.post("/v1/check", json={"case": data, "on": ON})
    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["field"] == "period" and "longer than 10 years" in error["reason"]


def test_a_period_that_cannot_be_read_is_an_input_error(client: TestClient) -> None:
    data = case_data(COMPLIANT)
    data["period"] = {"start": "2026-01-01", "end": "someday"}
    response = client.post("/v1/check", json={"case": data, "on": ON})
    assert response.status_code == 422
    assert any(e["field"] == "period.end" for e in response.json()["errors"])


def test_yaml_text_that_expands_too_far_is_413(client: TestClient) -> None:
    # Eight levels of ten aliases each: 10**8 values from a few hundred bytes.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    response = client.post("/v1/check", json={"case_text": "\n".join(lines)})
    assert response.status_code == 413


def test_aliases_cannot_expand_a_case_text_past_what_it_could_hold_written_out(
    client: TestClient,
) -> None:
    # 2,000 merged copies of one meeting, each naming a 60-name alias: ~130,000 values from
    # 77 KB, more than that text could hold written out (a review found 6 s and 495 MB for a
    # larger one, within the 2 MiB body limit).
    names = "[" + ", ".join(f"o{i}" for i in range(60)) + "]"
    lines = [f"people: &p {names}", "base: &m {kind: executive, title: 会议, date: 2026-11-10}",
             "meetings:"]  # fmt: skip
    lines += [f"  - {{<<: *m, id: M{i}, attendees: *p}}" for i in range(2000)]
    text = "\n".join(lines)
    assert len(text) < 80_000
    response = client.post("/v1/check", json={"case_text": text})
    assert response.status_code == 413
    assert "expands too far" in response.json()["message_en"]


def test_yaml_nested_past_the_readers_own_limit_is_413_not_invalid_yaml(
    client: TestClient,
) -> None:
    text = "officials: " + "[" * 1001 + "]" * 1001
    response = client.post("/v1/check", json={"case_text": text})
    assert response.status_code == 413


def test_a_number_too_long_to_read_is_its_fields_error(client: TestClient) -> None:
    # More digits than Python reads: a 500 with a traceback in the log, before.
    digits = "9" * 5000
    body = ('{"context_name": "roster", "record": {"id": "D", "title": "关于X的通知", '
            f'"issuer": "department", "kind": "formal", "body_length": {digits}}}}}')  # fmt: skip
    response = _post(client, body, "/v1/validate/document")
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "body_length" and "whole number" in error["reason"]
    assert _post(client, f'{{"case_text": "x: 1", "on": {digits}}}').status_code == 422
