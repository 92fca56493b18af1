"""Load on the HTTP service (issue 11): one-document validation against a roster loaded at
start-up, at 1, 8 and 64 concurrent clients on 127.0.0.1.

    python benchmarks/bench_service.py [--clients 1,8,64] [--seconds 5] [--workers 1]
                                       [--log-level info]
    python benchmarks/bench_service.py --url http://127.0.0.1:8080   # a server already running

Starts `pingyin-rules serve --host 127.0.0.1 --port N --context county=<the bundled example
roster>` (needs the server extra), waits for /v1/ready, then for each level runs that many
clients for `--seconds`, each a closed loop on its own keep-alive connection:
`POST /v1/validate/document` with `{"record": ..., "context_name": "county", "on": ...}`,
alternately a document that complies and one signed by the wrong leader (four failing
verdicts, each with its message and remedy). The clients are asyncio streams speaking
HTTP/1.1 themselves (no dependency), in one thread of this process: on a 2-core machine the
server has the other core.

Prints, per level: requests per second, p50, p99 and max latency (from sending the request to
reading the whole body), and errors (a connection failure, a timeout, or an answer other than
200 with a JSON report). Issue 11's targets, p99 <= 20 ms at 8 clients and no error at 64, are
printed, never asserted: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = ROOT / "examples" / "compliant" / "2026-11-county-government.yaml"
ON = "2026-11-24"
PATH = "/v1/validate/document"

# Two documents about to be signed, named by the roster's ids (李明 lm county head, 刘强 lq
# deputy head in charge of 住建局 zjj, 周敏 zm office deputy director in charge of drafting).
COMPLIANT = {
    "id": "PZF-2026-90", "title": "平阴县人民政府关于做好城区燃气安全隐患排查整治工作的通知",
    "issuer": "county_government", "kind": "formal", "department": "zjj",
    "reviewed_by": "lq", "checked_by": "zm", "signed_by": "lm", "signed_on": "2026-11-25",
    "pre_issue_reports": [{"to": "lq", "on": "2026-11-18"}, {"to": "lm", "on": "2026-11-18"}],
    "disclosure": "proactive", "policy_interpretation_attached": True,
}  # fmt: skip
WRONG_SIGNER = {**COMPLIANT, "id": "PZF-2026-91", "signed_by": "lq", "pre_issue_reports": []}
BODIES = [
    json.dumps({"record": record, "context_name": "county", "on": ON}, ensure_ascii=False).encode()
    for record in (COMPLIANT, WRONG_SIGNER)
]


@dataclass
class Level:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def _request(host: str, port: int, body: bytes) -> bytes:
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunks.append(await reader.readexactly(size + 2))
            if size == 0:
                return status, b"".join(chunks)
    raise ValueError("response without a length")


async def _client(host: str, port: int, level: Level, stop: float, offset: int) -> None:
    requests = [_request(host, port, body) for body in BODIES]
    reader = writer = None
    n = offset
    while time.perf_counter() < stop:
        if writer is None:
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
            except (TimeoutError, OSError):
                level.error("connect")
                await asyncio.sleep(0.01)
                continue
        assert reader is not None
        start = time.perf_counter()
        try:
            writer.write(requests[n % len(requests)])
            status, body = await asyncio.wait_for(_read_response(reader), 10)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            level.error(type(exc).__name__)
            writer.close()
            reader = writer = None
            continue
        elapsed = time.perf_counter() - start
        n += 1
        if status != 200 or not body.startswith(b"{") or b'"verdicts"' not in body:
            level.error(f"HTTP {status}")
            continue
        level.latencies.append(elapsed)
    if writer is not None:
        writer.close()


async def _run_level(host: str, port: int, clients: int, seconds: float) -> Level:
    level = Level(clients, seconds)
    stop = time.perf_counter() + seconds
    await asyncio.gather(*(_client(host, port, level, stop, i) for i in range(clients)))
    return level


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base: str, process: subprocess.Popen[bytes] | None, log: Path | None) -> dict:
    deadline = time.monotonic() + 90
    while True:
        if process is not None and process.poll() is not None:
            shown = log.read_text(errors="replace")[-2000:] if log else ""
            sys.exit(f"the server exited with {process.returncode}:\n{shown}")
        try:
            with urllib.request.urlopen(f"{base}/v1/ready", timeout=2) as response:
                ready: dict = json.load(response)
                return ready
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                sys.exit(f"{base} was not ready within 90 s")
            time.sleep(0.2)


def _warm_up(base: str) -> None:
    """One request of each body: the roster is bound for the evaluation day on the first."""
    for body in BODIES:
        request = urllib.request.Request(
            base + PATH, data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            report = json.load(response)
    fails = sorted({v["rule_id"] for v in report["verdicts"] if v["status"] == "fail"})
    print(f"wrong-signer document: {len(report['verdicts'])} verdicts, failing {', '.join(fails)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip  # noqa: E501
    parser.add_argument("--clients", default="1,8,64", help="concurrency levels (1,8,64)")
    parser.add_argument("--seconds", type=float, default=5.0, help="per level (5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds at 8 clients first (1)")
    parser.add_argument("--workers", type=int, default=1, help="serve --workers (1)")
    parser.add_argument(
        "--log-level", default="info",
        help="serve --log-level (info, the service's default: one access line a request)",
    )  # fmt: skip
    parser.add_argument("--url", help="a server already running (with a context named county)")
    args = parser.parse_args()
    levels = [int(n) for n in args.clients.split(",") if n.strip()]

    process = None
    log = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        log = Path(tempfile.mkstemp(prefix="bench-service-", suffix=".log")[1])
        command = [
            sys.executable, "-m", "pingyin_rules.cli", "serve", "--no-config",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
            "--log-level", args.log_level, "--context", f"county={CONTEXT}",
        ]  # fmt: skip
        env = {**os.environ, "PINGYIN_RULES_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")}
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env
        )
    try:
        started = time.perf_counter()
        ready = _wait_ready(base, process, log)
        print(f"server {base}: {ready.get('rules')} rules, contexts {ready.get('contexts')}, "
              f"ready in {time.perf_counter() - started:.1f} s; workers {args.workers}, "
              f"log level {args.log_level if not args.url else '?'}; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before the run "
              "(anything else running shares the cores)")  # fmt: skip
        _warm_up(base)
        split = urlsplit(base)
        host, port_number = split.hostname or "127.0.0.1", split.port or 80
        if args.warmup > 0:
            asyncio.run(_run_level(host, port_number, 8, args.warmup))
        results = [
            asyncio.run(_run_level(host, port_number, n, args.seconds)) for n in levels
        ]
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    print(f"\nPOST {PATH} (context by name), {args.seconds:g} s per level, keep-alive")
    print(f"{'clients':>7}  {'requests':>8}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}  "
          f"{'max ms':>7}  {'mean ms':>7}  errors")  # fmt: skip
    for r in results:
        done = len(r.latencies)
        mean = statistics.fmean(r.latencies) if r.latencies else 0.0
        errors = sum(r.errors.values())
        kinds = ", ".join(f"{k}: {v}" for k, v in sorted(r.errors.items()))
        detail = f" ({kinds})" if errors else ""
        print(f"{r.clients:>7}  {done:>8}  {done / r.seconds:>7.0f}  "
              f"{r.percentile(50) * 1e3:>7.2f}  {r.percentile(99) * 1e3:>7.2f}  "
              f"{max(r.latencies, default=0) * 1e3:>7.2f}  {mean * 1e3:>7.2f}  "
              f"{errors}{detail}")  # fmt: skip

    by_clients = {r.clients: r for r in results}
    print("\ntargets (issue 11; reported, not asserted):")
    if 8 in by_clients:
        p99 = by_clients[8].percentile(99) * 1e3
        print(f"  p99 <= 20 ms at 8 clients: {p99:.2f} ms, {'met' if p99 <= 20 else 'NOT met'}")
    if 64 in by_clients:
        errors = sum(by_clients[64].errors.values())
        print(f"  no error at 64 clients: {errors} errors, {'met' if errors == 0 else 'NOT met'}")


if __name__ == "__main__":
    main()
