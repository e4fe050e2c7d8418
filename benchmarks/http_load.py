"""Concurrent HTTP load for the performance suite: timed requests from client threads."""

import http.client
import json
import threading
import time
from dataclasses import dataclass
from typing import Any

from benchmarks.figures import HOST, BenchError, Result
from benchmarks.targets import Target


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None


def load(port: int, target: Target, total: int, concurrency: int) -> Result:
    """`total` GETs of `target` from `concurrency` threads, one connection each.
    Connections ask for keep-alive; gunicorn's sync workers close after each response,
    and http.client then reconnects, so each timed request includes a loopback connect."""
    request = Request("GET", target.path, target.headers)
    return drive(port, target, [request] * total, concurrency, {200})


def drive(
    port: int, target: Target, requests: list[Request], concurrency: int, expected: set[int]
) -> Result:
    """Send `requests` in order from `concurrency` threads; every answer must be one of
    the `expected` statuses."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    lock = threading.Lock()
    issued = [0]
    received = [0]
    total = len(requests)

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=300)
        mine: list[float] = []
        codes: dict[int, int] = {}
        size = 0
        try:
            while True:
                with lock:
                    if issued[0] >= total:
                        break
                    request = requests[issued[0]]
                    issued[0] += 1
                started = time.perf_counter()
                conn.request(
                    request.method, request.path, body=request.body, headers=request.headers
                )
                response = conn.getresponse()
                body = response.read()
                mine.append((time.perf_counter() - started) * 1000)
                size += len(body)
                codes[response.status] = codes.get(response.status, 0) + 1
                if response.status not in expected and len(failures) < 3:
                    failures.append(f"HTTP {response.status}: {body[:300]!r}")
        except Exception as error:  # recorded, then reported after the threads join
            failures.append(f"{type(error).__name__}: {error}")
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)
                received[0] += size
                for code, n in codes.items():
                    statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    wall = time.perf_counter() - started
    result = Result(target, latencies, wall, statuses, received[0])
    if failures or result.count != total or not set(statuses) <= expected:
        raise BenchError(
            f"{target.path}: {result.count}/{total} requests, statuses {statuses}; "
            + "; ".join(failures[:3])
        )
    return result


def submission_requests(info: dict[str, Any], submitters: list[dict[str, Any]]) -> list[Request]:
    """One POST per submitter: its own token, idempotency key and answers."""
    path = info["questionnaire"]["submit_path"]
    return [
        Request(
            "POST",
            path,
            {
                "Authorization": f"Bearer {submitter['token']}",
                "Idempotency-Key": submitter["key"],
                "Content-Type": "application/json",
            },
            json.dumps({"answers": submitter["answers"]}).encode(),
        )
        for submitter in submitters
    ]
