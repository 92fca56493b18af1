"""`pingyin-rules serve` as an operator starts it: a real process on a free port, the curl
example of docs/service.md run against it (as CI runs it), the body limit checked on the
wire before the body is sent, several workers, and starts that are refused."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from service_helpers import COMPLIANT, ROOT, curl_example


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra}


def _start(*argv: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pingyin_rules.cli", "serve", "--no-config",
         "--port", str(port), *argv],
        env=env or _environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"serve exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{base}/v1/ready", timeout=2) as answer:
                if json.load(answer)["status"] == "ready":
                    return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail("serve did not become ready in 90 s")


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)  # as Ctrl-C or systemd's stop: uvicorn shuts down
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    process, base = _start("--context", f"roster={COMPLIANT}", "--max-body-kb", "64")
    try:
        yield base
    finally:
        output = _stop(process)
        # Record content is never logged: not a title, not a name from the requests.
        assert "供热价格" not in output and "刘强" not in output, output


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_curl_example_of_the_docs(server: str) -> None:
    result = subprocess.run(
        ["bash", "-c", curl_example()], env=_environment(BASE=server),
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    failing = [v for v in report["verdicts"] if v["status"] == "fail"]
    assert [v["rule_id"] for v in failing] == ["art67.signing_authority"]
    assert failing[0]["remedy"]["zh"] == "须报请县长重新签发后方可印发。"


def test_validation_against_the_named_context(server: str) -> None:
    body = json.dumps({"context_name": "roster", "on": "2026-11-24", "record": {
        "id": "QJ-1", "official": "lq", "kind": "leave", "start": "2026-12-01",
        "end": "2026-12-03", "outside_county": False}}).encode()  # fmt: skip
    request = urllib.request.Request(f"{server}/v1/validate/absence", data=body)
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 200
        assert json.load(answer)["verdicts"]


def _raw(base: str, head: bytes, body: bytes = b"") -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(head + body)
        received = b""
        while b"\r\n\r\n" not in received or not received.rstrip().endswith(b"}"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
        return received


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(server: str) -> None:
    head = (b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 104857600\r\n\r\n")  # fmt: skip
    answer = _raw(server, head, b'{"case": ')  # 100 MiB announced, 9 bytes sent
    assert answer.startswith(b"HTTP/1.1 413")
    assert "请求体过大".encode() in answer


def test_a_chunked_body_is_refused_once_it_passes_the_limit(server: str) -> None:
    head = (b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")  # fmt: skip
    chunk = b"x" * 40_000
    body = b"%x\r\n%s\r\n" % (len(chunk), chunk) * 2  # 80 KB over a 64 KiB limit; never ended
    assert _raw(server, head, body).startswith(b"HTTP/1.1 413")


def test_several_workers_share_the_work_and_add_up_their_metrics() -> None:
    process, base = _start("--workers", "2")
    try:
        for _ in range(6):
            with urllib.request.urlopen(f"{base}/v1/rules/art69.policy_length", timeout=30):
                pass
        with urllib.request.urlopen(f"{base}/metrics", timeout=30) as answer:
            text = answer.read().decode()
    finally:
        _stop(process)
    counted = [
        float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
        if line.startswith("pingyin_rules_requests_total{") and "/v1/rules/{rule_id}" in line
    ]  # fmt: skip
    assert sum(counted) == 6.0, text


def _refused(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pingyin_rules.cli", "serve", "--no-config", *argv],
        env=env or _environment(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_context_file_with_errors_stops_the_start(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text("officials:\n  - {id: lm, name: 李明, role: 县长X}\n", encoding="utf-8")
    result = _refused("--context", f"roster={roster}", "--port", str(_free_port()))
    assert result.returncode == 2
    assert "roster" in result.stderr and "role" in result.stderr


def test_a_token_variable_that_is_not_set_stops_the_start() -> None:
    env = {k: v for k, v in _environment().items() if k != "PINGYIN_RULES_NO_SUCH_TOKEN"}
    result = _refused("--token-env", "PINGYIN_RULES_NO_SUCH_TOKEN", env=env)
    assert result.returncode == 2 and "PINGYIN_RULES_NO_SUCH_TOKEN" in result.stderr
