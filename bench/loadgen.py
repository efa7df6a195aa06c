"""A small closed-loop HTTP/1.1 load generator on asyncio: no dependencies, little CPU.

`concurrency` connections each send one request, read the whole answer, and send
the next, for `seconds`. Throughput is answers per second; latency is measured
per request. Requests are pre-built bytes, so the generator spends its time in
the kernel, not in Python: on a 2-core machine it leaves most of the CPU to the
server it measures (docs/performance.md says how much it takes).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: int = 0

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if 200 <= status < 400)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def build_request(
    url: str, *, method: str = "POST", body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[str, int, bytes]:
    """(host, port, raw request bytes) for one keep-alive request."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Connection: keep-alive",
        f"Content-Length: {len(body)}",
    ]
    if body:
        lines.append("Content-Type: application/x-www-form-urlencoded")
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return host, port, ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """The status, and whether the server keeps the connection open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length, keep, chunked = None, lines[0].startswith("HTTP/1.1"), False
    for line in lines[1:]:
        name, _sep, value = line.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection":
            keep = value == "keep-alive" or (keep and value != "close")
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        keep = False
    return status, keep


@dataclass
class _Pace:
    """Open loop at `rate` requests a second: the n-th request is due at start + n / rate."""

    start: float
    rate: float
    sent: int = 0

    async def wait_turn(self) -> None:
        due = self.start + self.sent / self.rate
        self.sent += 1
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)


async def _worker(
    host: str,
    port: int,
    payloads: list[bytes],
    deadline: float,
    result: LoadResult,
    offset: int,
    pace: _Pace | None = None,
    stride: int = 1,
) -> None:
    writer = None
    i = offset
    while time.perf_counter() < deadline:
        try:
            if pace is not None:
                await pace.wait_turn()
                if time.perf_counter() >= deadline:
                    break
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            start = time.perf_counter()
            writer.write(payloads[i % len(payloads)])
            # Connection n sends payloads n, n + stride, ...: together they go through the
            # list once before any repeats (a repeated POST is an idempotent replay).
            i += stride
            await writer.drain()
            status, keep = await _read_response(reader)
            result.latencies_ms.append((time.perf_counter() - start) * 1000)
            result.statuses[status] += 1
            if not keep:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.01)
    if writer is not None:
        writer.close()


async def _run(
    host: str,
    port: int,
    payloads: list[bytes],
    *,
    concurrency: int,
    seconds: float,
    rate: float | None = None,
) -> LoadResult:
    start = time.perf_counter()
    result = LoadResult(seconds=seconds)
    deadline = start + seconds
    pace = _Pace(start, rate) if rate else None
    await asyncio.gather(
        *(
            _worker(host, port, payloads, deadline, result, n, pace, stride=concurrency)
            for n in range(concurrency)
        )
    )
    result.seconds = time.perf_counter() - start
    return result


def run_load(
    host: str,
    port: int,
    payloads: list[bytes],
    *,
    concurrency: int = 16,
    seconds: float = 10.0,
    rate: float | None = None,
) -> LoadResult:
    """Send `payloads` round-robin from `concurrency` connections for `seconds`.

    Closed loop by default (each connection sends its next request when the answer
    came); with `rate`, open loop at that many requests a second, as a client that
    does not wait for us would send them (the connections only bound how many are in
    flight: a server slower than `rate` is seen as fewer answers than asked).
    """
    return asyncio.run(
        _run(host, port, payloads, concurrency=concurrency, seconds=seconds, rate=rate)
    )
