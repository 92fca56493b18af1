"""POST /v1/validate/{kind}: one record in a context, as `validate(record, checker=bound)`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from service_helpers import COMPLIANT, ON, ROSTER_FILE, case_data, make_client

from pingyin_rules import bind, validate
from pingyin_rules.case_files import build_case
from pingyin_rules.records import Document


def _fails(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {v["rule_id"]: v for v in report["verdicts"] if v["status"] == "fail"}


def test_a_document_signed_by_the_wrong_leader_fails_art67_with_its_remedy(
    client: TestClient, document: dict[str, Any]
) -> None:
    response = client.post(
        "/v1/validate/document", json={"record": document, "context_name": "roster", "on": ON}
    )
    assert response.status_code == 200
    assert response.headers["x-pingyin-rules-exit-code"] == "1"
    report = response.json()
    assert report["ok"] is False and not report["errors"]
    failing = _fails(report)
    assert set(failing) == {"art67.signing_authority"}
    verdict = failing["art67.signing_authority"]
    assert verdict["subject"] == "document:PZF-2026-90"
    assert verdict["remedy"]["zh"] == "须报请县长重新签发后方可印发。"


def test_the_report_is_the_library_validation_against_the_bound_context(
    client: TestClient, document: dict[str, Any]
) -> None:
    loaded = build_case(case_data(COMPLIANT), "roster")
    assert loaded.case is not None
    bound = bind(loaded.case, on=dt.date(2026, 11, 24))
    expected = validate(Document.model_validate(document), checker=bound).to_dict()
    named = client.post(
        "/v1/validate/document", json={"record": document, "context_name": "roster", "on": ON}
    )
    sent = client.post(
        "/v1/validate/document",
        json={"record": document, "context": case_data(COMPLIANT), "on": ON},
    )
    assert named.json() == sent.json() == expected


def test_a_signed_document_by_the_county_head_passes(
    client: TestClient, document: dict[str, Any]
) -> None:
    document["signed_by"] = "lm"
    response = client.post(
        "/v1/validate/document", json={"record": document, "context_name": "roster", "on": ON}
    )
    assert response.status_code == 200 and response.json()["ok"] is True
    assert response.headers["x-pingyin-rules-exit-code"] == "0"


def test_a_bad_record_gets_422_with_the_fields_in_chinese_and_english(
    client: TestClient, document: dict[str, Any]
) -> None:
    document["signer"] = document.pop("signed_by")
    document["issuer"] = "县政府X"
    response = client.post(
        "/v1/validate/document", json={"record": document, "context_name": "roster", "on": ON}
    )
    assert response.status_code == 422
    assert response.headers["x-pingyin-rules-exit-code"] == "2"
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert set(errors) == {"signer", "issuer"}
    assert errors["signer"]["record"] == "document:PZF-2026-90"
    assert errors["signer"]["reason"] == (
        "没有“signer”这个字段，是不是“signed_by”或“signed_on”？ / "
        "there is no field 'signer'; did you mean 'signed_by' or 'signed_on'?"
    )
    assert "county_government" in errors["issuer"]["reason"]
    assert response.json()["verdicts"] == []


def test_references_are_checked_against_the_context(
    client: TestClient, document: dict[str, Any]
) -> None:
    document["signed_by"] = "nobody"
    document["department"] = "no-such-department"
    response = client.post(
        "/v1/validate/document", json={"record": document, "context_name": "roster", "on": ON}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "signed_by" in fields


def test_chinese_names_for_codes_are_read_as_in_case_files(
    client: TestClient, document: dict[str, Any]
) -> None:
    document["issuer"], document["kind"] = "县政府", "正式公文"
    response = client.post(
        "/v1/validate/document", json={"record": document, "context_name": "roster", "on": ON}
    )
    assert response.status_code == 200, response.json()["errors"]


def test_a_context_with_errors_is_reported_and_the_record_still_judged(
    client: TestClient, document: dict[str, Any]
) -> None:
    context = case_data(COMPLIANT)
    context["meetings"][0]["chiar"] = "lm"
    response = client.post(
        "/v1/validate/document", json={"record": document, "context": context, "on": ON}
    )
    assert response.status_code == 422
    [error] = [e for e in response.json()["errors"] if e["field"] == "chiar"]
    assert error["file"] == "context" and error["record"] == "meeting:CW-2026-31"
    assert "art67.signing_authority" in _fails(response.json())


def test_an_official_replaces_the_one_of_its_id(client: TestClient) -> None:
    record = {"id": "lq", "name": "刘强", "role": "deputy_head", "portfolio": ["zjj", "jtj"],
              "backup_partner": "zl"}  # fmt: skip
    response = client.post(
        "/v1/validate/official", json={"record": record, "context_name": "roster", "on": ON}
    )
    assert response.status_code == 200, response.json()["errors"]


def test_an_unknown_kind_is_404_and_says_which_kinds_there_are(client: TestClient) -> None:
    response = client.post("/v1/validate/documents", json={"record": {}})
    assert response.status_code == 404
    assert "document" in response.json()["message"] and "documents" in response.json()["message_en"]


def test_an_unknown_context_name_is_named(client: TestClient, document: dict[str, Any]) -> None:
    response = client.post(
        "/v1/validate/document", json={"record": document, "context_name": "rooster"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "unknown_context"
    assert "roster" in response.json()["message_en"]


def test_context_and_context_name_together_are_refused(
    client: TestClient, document: dict[str, Any]
) -> None:
    body = {"record": document, "context": {}, "context_name": "roster"}
    response = client.post("/v1/validate/document", json=body)
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"


def test_without_a_context_officials_are_unknown(
    client: TestClient, document: dict[str, Any]
) -> None:
    response = client.post("/v1/validate/document", json={"record": document, "on": ON})
    assert response.status_code == 422
    assert any("not on the roster" in e["reason"] for e in response.json()["errors"])


def test_a_named_context_is_bound_once_per_date(
    client: TestClient, document: dict[str, Any]
) -> None:
    state = client.app.state.service  # type: ignore[attr-defined]
    body = {"record": document, "context_name": "roster", "on": "2026-11-25"}
    first = client.post("/v1/validate/document", json=body).json()
    bound = state.bound_context("roster", dt.date(2026, 11, 25))
    second = client.post("/v1/validate/document", json=body).json()
    assert first == second
    assert state.bound_context("roster", dt.date(2026, 11, 25)) is bound


def test_contexts_lists_the_named_contexts(client: TestClient) -> None:
    [entry] = client.get("/v1/contexts").json()
    loaded = build_case(case_data(COMPLIANT), "roster")
    assert loaded.case is not None
    assert entry == {"name": "roster", "records": sum(1 for _ in loaded.case.records())}


def test_a_validation_can_be_explained_in_either_language(
    client: TestClient, document: dict[str, Any]
) -> None:
    body = {"record": document, "context_name": "roster", "on": "2026-11-25", "explain": True}
    zh = client.post("/v1/validate/document", json=body).json()
    en = client.post("/v1/validate/document", json={**body, "lang": "en"}).json()
    plain = client.post("/v1/validate/document", json={**body, "explain": False}).json()
    assert all(v["explanation"] for v in zh["verdicts"])
    assert all("explanation" not in v for v in plain["verdicts"])
    first_zh, first_en = zh["verdicts"][0]["explanation"], en["verdicts"][0]["explanation"]
    assert first_zh != first_en and len(first_zh) == len(first_en)


def test_a_contexts_officials_and_departments_are_listed_for_pick_lists(
    client: TestClient,
) -> None:
    detail = client.get("/v1/contexts/roster").json()
    loaded = build_case(case_data(COMPLIANT), "roster")
    assert loaded.case is not None
    assert [o["id"] for o in detail["officials"]] == sorted(o.id for o in loaded.case.officials)
    lm = next(o for o in detail["officials"] if o["id"] == "lm")
    assert lm == {"id": "lm", "name": "李明", "title": "县长", "role": "county_head"}
    assert {"id": "zjj", "name": "县住房和城乡建设局"} in detail["departments"]
    missing = client.get("/v1/contexts/nobody")
    assert missing.status_code == 404 and "nobody" in missing.text


def test_a_context_sent_again_is_read_and_bound_once(
    client: TestClient, document: dict[str, Any]
) -> None:
    state = client.app.state.service  # type: ignore[attr-defined]
    context = case_data(COMPLIANT)
    body = {"record": document, "context": context, "on": "2026-11-26"}
    before = len(state.inline)
    first = client.post("/v1/validate/document", json=body).json()
    second = client.post("/v1/validate/document", json=body).json()
    assert first == second and len(state.inline) == before + 1
    context["officials"][0]["name"] = "李明明"  # other content: bound on its own
    client.post("/v1/validate/document", json=body)
    assert len(state.inline) == before + 2


def test_requests_for_other_days_cannot_push_out_todays_binding(document: dict[str, Any]) -> None:
    # Each new date binds the whole context again (a full check); with one shared cache, 32 of
    # them evicted today's binding and the next ordinary request paid for a bind (1.1 s).
    with make_client(contexts={"roster": str(ROSTER_FILE)}, bound_cache=2) as client:
        state = client.app.state.service  # type: ignore[attr-defined]
        today = dt.date.today()
        todays = state.bound_context("roster", today)
        for day in ("2031-01-01", "2031-01-02", "2031-01-03"):
            body = {"record": document, "context_name": "roster", "on": day}
            assert client.post("/v1/validate/document", json=body).status_code == 200
            body = {"record": document, "on": day}  # no context: an empty one, bound per day
            assert client.post("/v1/validate/document", json=body).status_code in (200, 422)
        assert state.is_bound("roster", today)
        assert state.bound_context("roster", today) is todays
        assert len(state.other_days) == 2
