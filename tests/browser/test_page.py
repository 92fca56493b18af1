"""The clerk's page in a real browser (issue 11): a started `pingyin-rules serve` with the
county roster, headless Chromium (Debian's `chromium`, driven by Playwright), a document
filled in by its labels the way a clerk would, 检查 pressed, the verdicts read off the page.

Skips, with the reason, when the Playwright driver or Chromium is missing (`.ci/browser-deps`
installs both) or the service's extra is not installed. Screenshots and the server's log go to
`$PINGYIN_RULES_ARTIFACTS` (default: `test-artifacts/` at the top of the checkout).

    PINGYIN_RULES_CHROMIUM=/path/to/chromium      # another browser binary
    PINGYIN_RULES_TEST_SERVER=http://127.0.0.1:8080  # an already running server instead
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.pack.yaml_source import load_yaml_text

ROOT = Path(__file__).resolve().parents[2]
CONTEXT_FILE = ROOT / "examples" / "compliant" / "2026-11-county-government.yaml"
ARTIFACTS = Path(os.environ.get("PINGYIN_RULES_ARTIFACTS") or ROOT / "test-artifacts")
VIOLATIONS = ROOT / "examples" / "violations" / "documents.yaml"
ON = "2026-11-24"

# Chromium as this machine's probe starts it: no sandbox as root, and no background
# connections (the network is closed; Chromium would retry them at every start).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip

try:
    import playwright.sync_api as playwright_api
except ImportError as exc:  # not installed, or installed without what it needs
    pytest.skip(
        f"the Playwright driver does not import ({exc}): pip install playwright "
        "(bash .ci/browser-deps does)",
        allow_module_level=True,
    )
expect = playwright_api.expect


def _chromium() -> str:
    chosen = os.environ.get("PINGYIN_RULES_CHROMIUM")
    candidates = [chosen] if chosen else ["/usr/bin/chromium"] + [
        shutil.which(n) for n in ("chromium", "chromium-browser")
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    where = f"$PINGYIN_RULES_CHROMIUM={chosen}" if chosen else "/usr/bin/chromium nor on PATH"
    pytest.skip(
        f"Chromium not found ({where}): install Debian's chromium package "
        "(bash .ci/browser-deps does, where apt is available)"
    )


def _service_importable() -> None:
    try:
        importlib.import_module("pingyin_rules.service.app")
    except ImportError as exc:
        pytest.skip(
            f"the HTTP service does not import ({exc}): pip install -e '.[server]' to test "
            "the page"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 2.0) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _start_server(
    artifacts: Path, name: str, *extra: str, env: dict[str, str] | None = None
) -> Iterator[str]:
    """`pingyin-rules serve` on a free port with the county roster, as an operator starts it;
    its output goes to the artifacts. Yields the base URL once /v1/ready answers."""
    _service_importable()
    port = _free_port()
    command = [
        sys.executable, "-m", "pingyin_rules.cli", "serve", "--no-config", "--host", "127.0.0.1",
        "--port", str(port), "--context", f"county={CONTEXT_FILE}", *extra,
    ]  # fmt: skip
    log_path = artifacts / f"{name}.log"
    with log_path.open("wb") as log:
        environment = {**os.environ, **(env or {})}
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=environment
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                if process.poll() is not None:
                    pytest.fail(
                        f"the server exited with {process.returncode} before it was ready:\n"
                        + log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
                    )
                try:
                    ready = _get(f"{base}/v1/ready")
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        pytest.fail(f"the server did not answer /v1/ready within 90 s ({log_path})")
                    time.sleep(0.2)
            assert "county" in ready["contexts"], ready
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def server(artifacts: Path) -> Iterator[str]:
    """The base URL of a server with the county roster (or $PINGYIN_RULES_TEST_SERVER)."""
    external = os.environ.get("PINGYIN_RULES_TEST_SERVER")
    if external:
        yield external.rstrip("/")
        return
    yield from _start_server(artifacts, "browser-test-server")


TOKEN = "clerk-page-test-token"


@pytest.fixture(scope="module")
def token_server(artifacts: Path) -> Iterator[str]:
    """A server that asks for a bearer token (`serve --token-env`)."""
    yield from _start_server(
        artifacts, "browser-test-token-server", "--token-env", "PINGYIN_RULES_TEST_TOKEN",
        env={"PINGYIN_RULES_TEST_TOKEN": TOKEN},
    )  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    with playwright_api.sync_playwright() as p:
        try:
            launched = p.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
        except playwright_api.Error as exc:
            pytest.skip(f"Chromium at {executable} did not start: {exc}")
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page that records every request it makes (all must go to the server)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    page.script_errors = []
    page.on("pageerror", lambda exc: page.script_errors.append(str(exc)))
    page.failed = []
    page.on(
        "response",
        lambda r: page.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    yield page
    context.close()


def _open(page: Any, server: str, query: str = "") -> None:
    page.goto(f"{server}/{query}")
    page.wait_for_selector("body[data-ready='true']")
    # The rosters are read from the server once the page is up.
    page.wait_for_function("document.querySelector('#context').value === 'county'")


def _fill_document(page: Any, **values: str) -> None:
    """Fill the document form by its labels, as a clerk (or a screen reader user) finds it."""
    fields = {
        "id": ("公文编号", False),
        "title": ("标题", False),
        "department": ("主办部门", True),
        "checked_by": ("审核人（分管文字工作的办公室副主任）", True),
        "reviewed_by": ("审签人（分管副县长）", True),
        "signed_by": ("签发人", True),
        "signed_on": ("签发日期", True),
        "issued_on": ("印发日期", True),
    }
    for name, (label, exact) in fields.items():
        if name in values:
            page.get_by_label(label, exact=exact).fill(values[name])
    if "issuer" in values:
        page.get_by_label("发文名义").select_option(values["issuer"])
    if "kind" in values:
        page.get_by_label("文种").select_option(values["kind"])
    page.get_by_label("检查日期").fill(values.get("on", ON))


WRONG_SIGNER = {
    # A formal document in the county government's name: Art. 67(一) has the deputy head in
    # charge (刘强 for 住建局) review it and the county head (李明) sign it. Here 刘强 signs.
    "id": "PZF-2026-90",
    "title": "平阴县人民政府关于做好城区燃气安全隐患排查整治工作的通知",
    "issuer": "county_government",
    "kind": "formal",
    "department": "zjj",
    "checked_by": "zm",
    "reviewed_by": "lq",
    "signed_by": "lq",
    "signed_on": "2026-11-25",
}


def _press_check(page: Any) -> None:
    page.get_by_role("button", name="检查", exact=True).click()
    page.wait_for_selector("#outcome")


def _first_verdict_status(page: Any) -> str:
    return str(page.locator("#results-body li.verdict").first.get_attribute("data-status"))


def test_a_document_signed_by_the_wrong_leader_is_stopped(page: Any, server: str,
                                                          artifacts: Path) -> None:
    _open(page, server)
    assert page.get_by_role("heading", name="公文签发前检查").is_visible()
    _fill_document(page, **WRONG_SIGNER)
    _press_check(page)

    outcome = page.locator("#outcome").inner_text()
    assert outcome.startswith("不符合"), outcome
    card = page.locator('li.verdict[data-rule="art67.signing_authority"]')
    card.wait_for()
    assert card.get_attribute("data-status") == "fail"
    text = card.inner_text()
    assert "第六十七条（一）" in text  # the article cited in Chinese, with its item
    assert "应由县长签发" in text
    remedy = card.locator(".remedy").inner_text()
    assert "须报请县长重新签发后方可印发" in remedy, remedy
    # Failures first: the first verdict on the page is a failure, and the passes are folded.
    assert _first_verdict_status(page) == "fail"
    assert not page.locator("#passes").evaluate("d => d.open")

    # The explanation on demand: closed until asked for, then how the verdict was reached.
    details = card.locator("details.explain")
    assert not details.evaluate("d => d.open")
    details.locator("summary").click()
    expect(details).to_contain_text("公文签发权限")
    expect(details).to_contain_text("art67.signing_authority")
    page.screenshot(path=str(artifacts / "page-wrong-signer-zh.png"), full_page=True)

    # Switch to English: the same result, re-rendered, and the URL says so.
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"[?&]lang=en"))
    card = page.locator('li.verdict[data-rule="art67.signing_authority"]')
    expect(card.locator(".cite")).to_have_text("Art. 67 (1)")
    expect(card.locator(".remedy")).to_contain_text("Submit it to the county head for signature")
    page.screenshot(path=str(artifacts / "page-wrong-signer-en.png"), full_page=True)

    # Nothing but the server itself was asked for anything.
    assert page.requests and all(url.startswith(server + "/") for url in page.requests), (
        page.requests
    )
    assert page.script_errors == []
    assert page.failed == []


def test_english_from_the_query_string(page: Any, server: str) -> None:
    _open(page, server, "?lang=en")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("button", name="Check", exact=True).is_visible()
    assert page.get_by_role("link", name="中文").is_visible()
    assert page.get_by_label("Signed by", exact=True).is_visible()


def test_a_compliant_document_may_go_for_signature(page: Any, server: str,
                                                   artifacts: Path) -> None:
    _open(page, server)
    _fill_document(page, **{**WRONG_SIGNER, "signed_by": "lm"})
    page.get_by_label("公开属性").select_option("proactive")
    page.get_by_label("已同步报送政策解读材料").check()
    # Reported in writing to the deputy in charge and the county head, who agreed.
    page.get_by_label("汇报对象（第1次汇报）").fill("lq")
    page.get_by_label("汇报日期（第1次汇报）").fill("2026-11-18")
    page.get_by_role("button", name="添加一次汇报").click()
    page.get_by_label("汇报对象（第2次汇报）").fill("lm")
    page.get_by_label("汇报日期（第2次汇报）").fill("2026-11-18")
    _press_check(page)

    outcome = page.locator("#outcome").inner_text()
    page.screenshot(path=str(artifacts / "page-compliant-zh.png"), full_page=True)
    assert outcome.startswith("符合"), page.locator("#results-body").inner_text()
    assert page.locator('li.verdict[data-status="fail"]').count() == 0
    assert page.locator('#passes li[data-rule="art67.signing_authority"]').count() == 1


def test_bad_input_is_shown_by_its_field(page: Any, server: str, artifacts: Path) -> None:
    """Issued before it was signed: the server refuses the record (422) and the page names
    the field, in the clerk's words, instead of checking anything."""
    _open(page, server)
    _fill_document(page, **{**WRONG_SIGNER, "issued_on": "2026-11-20"})
    _press_check(page)
    assert page.locator("#outcome").inner_text().startswith("输入有误")
    errors = page.locator("#input-errors").inner_text()
    assert "签发日期" in errors or "印发日期" in errors, errors
    assert page.locator("li.verdict").count() == 0
    page.screenshot(path=str(artifacts / "page-bad-input-zh.png"), full_page=True)


def test_missing_number_is_caught_before_sending(page: Any, server: str) -> None:
    _open(page, server)
    _fill_document(page, **{k: v for k, v in WRONG_SIGNER.items() if k != "id"})
    sent = len(page.requests)
    page.get_by_role("button", name="检查", exact=True).click()
    page.wait_for_selector("#results-body .outcome.invalid")
    assert "请填写公文编号" in page.locator("#results-body").inner_text()
    assert page.get_by_label("公文编号").get_attribute("aria-invalid") == "true"
    expect(page.get_by_label("公文编号")).to_be_focused()  # where the clerk fixes it
    assert not [url for url in page.requests[sent:] if "/v1/validate" in url]


def test_a_yaml_case_file_pasted(page: Any, server: str, artifacts: Path) -> None:
    """The violations example pasted as it is (YAML): every failure of the file, failures
    first, each document's own Art. 67 item cited."""
    _open(page, server)
    page.get_by_label("提交案卷文件").check()
    page.get_by_label("或粘贴案卷内容").fill(VIOLATIONS.read_text("utf-8"))
    _press_check(page)
    expect(page.locator("#outcome")).to_contain_text("不符合")
    failing = page.locator(
        '#failures li.verdict[data-rule="art67.signing_authority"][data-status="fail"]'
    )
    expect(failing).to_have_count(2)  # PZF-2026-26 (item 一) and PZBF-2026-44 (item 七)
    expect(page.locator("#failures")).to_contain_text("第六十七条（七）")
    assert _first_verdict_status(page) == "fail"
    page.screenshot(path=str(artifacts / "page-case-file-zh.png"), full_page=True)


def test_a_json_case_file_uploaded(page: Any, server: str, tmp_path: Path) -> None:
    """A JSON export uploaded as a file: its name is the source the verdicts name."""
    # Read as the project reads case files (YAML 1.2: `on:` is a key, not true).
    case = load_yaml_text(VIOLATIONS.read_text("utf-8"), str(VIOLATIONS))
    upload = tmp_path / "documents-export.json"
    upload.write_text(json.dumps(case, ensure_ascii=False, default=_iso), "utf-8")
    _open(page, server)
    page.get_by_label("提交案卷文件").check()
    page.get_by_label("选择案卷文件（YAML 或 JSON）").set_input_files(str(upload))
    expect(page.get_by_label("或粘贴案卷内容")).not_to_have_value("")
    _press_check(page)
    failing = page.locator('#failures li.verdict[data-rule="art67.signing_authority"]')
    expect(failing).to_have_count(2)
    expect(failing.first.locator(".remedy")).to_contain_text("须报请县长审定")


def test_the_token_a_clerk_enters_is_sent(browser: Any, token_server: str) -> None:
    """With a token configured, the page asks for it on the first 401 and then sends it."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{token_server}/")
        token_field = page.get_by_label("访问令牌")
        expect(token_field).to_be_visible()  # shown once the rosters answered 401
        token_field.fill(TOKEN)
        token_field.press("Tab")  # change: the rosters are read again, with the token
        page.wait_for_function("document.querySelector('#context').value === 'county'")
        _fill_document(page, **WRONG_SIGNER)
        _press_check(page)
        card = page.locator('#failures li.verdict[data-rule="art67.signing_authority"]')
        expect(card.locator(".remedy")).to_contain_text("须报请县长重新签发后方可印发")
    finally:
        context.close()


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
