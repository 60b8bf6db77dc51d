"""Load test of the web app and API: 50 concurrent clients on loopback for a bounded time.

The server runs in its own process (``marsad serve`` as a uvicorn subprocess); this process
is the load generator (asyncio with a minimal keep-alive HTTP/1.1 client; closed loop by
default: each client sends its next request as soon as the previous answer arrives, no think
time; ``--rate`` switches to an open loop at a fixed offered rate).  Two scenarios, each for --duration
seconds after a short warm-up:

- search: ``GET /api/search?q=…`` and ``GET /search?q=…`` (HTML), queries from a fixed list
  of common news words and of the archive's top entity names;
- article: ``GET /articles/{id}`` (HTML, with "read also") and ``GET /api/articles/{id}``, ids
  drawn uniformly from ``--articles`` ids sampled from the whole archive.  With the default
  5,000 ids (10,000 distinct answers) most requests miss the server's response cache during a
  run, so this measures rendering; ``--articles 500`` models a working set of popular articles.

Reports requests/s, p50/p95/p99 latency and errors per scenario and per endpoint.

    python benchmarks/bench_web.py --db saudinewsnet.db            # build it with `marsad ingest`
    python benchmarks/bench_web.py --db saudinewsnet.db --json out.json

Target (issue 5): p95 <= 100 ms for both scenarios at 50 clients, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# Common words of Arabic news (our own list): single words, two-word phrases, one boolean query.
QUERIES = [
    "السعودية", "الرياض", "وزير", "الملك", "مجلس الوزراء", "الاقتصاد", "النفط", "أسعار النفط", "التعليم",
    "الصحة", "وزارة الصحة", "المملكة", "اليمن", "الحوثيين", "إيران", "الاتفاق النووي", "سوق الأسهم",
    "الهلال", "النصر", "كرة القدم", "المرور", "الأمطار", "جدة", "مكة المكرمة", "الحج", "رمضان", "العيد",
    "الإرهاب", "داعش", "الأمن", "الشورى", "البطالة", "الإسكان", "الطيران", "الاستثمار", "البنك",
    "\"خادم الحرمين الشريفين\"", "النفط OR الغاز", "سوريا", "مصر",
]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    db: str, workers: int, cache_entries: int | None = None, own_session: bool = False
) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port), "--workers", str(workers)]
    env = dict(os.environ)
    if cache_entries is not None:
        env["MARSAD_SERVE_CACHE"] = str(cache_entries)
    # own_session: the server in a session of its own, as when started from its own terminal;
    # where the kernel groups CPU time by session (autogroup), it then gets its own share
    # instead of splitting this load generator's
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=own_session
    )
    base = f"http://127.0.0.1:{port}"
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("server exited: " + proc.stderr.read().decode(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if json.load(r).get("archive"):
                    return proc, base
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 60 s")


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by process ``pid`` and its descendants (Linux
    /proc; None elsewhere).  Descendants that already exited are not counted."""
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (name) "
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        if p in stats:
            total += stats[p][1]
        todo.extend(c for c, (ppid, _) in stats.items() if ppid == p)
    return total


def sample_targets(db: str, n_articles: int, seed: int) -> tuple[list[str], list[str]]:
    from marsad.store import open_store

    rng = random.Random(seed)
    with open_store(db, readonly=True, create=False) as store:
        ids = [summary.id for summary in store.latest(limit=1_000_000)]
        names = [e.name for e in store.entities(top=40)]
    if not ids:
        raise SystemExit(f"{db}: the archive is empty (run `marsad ingest … --db {db}` first)")
    rng.shuffle(ids)
    queries = QUERIES + [f'"{n}"' for n in names if n]
    return ids[:n_articles], queries


class Connection:
    """One keep-alive HTTP/1.1 connection with a minimal client.

    A hand-written client keeps the load generator's own CPU use small: on a 2-core machine
    a general-purpose async client would take much of the CPU the server is measured with.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n"
        self.writer.write(request.encode("ascii"))
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            raise ConnectionError("connection closed by server") from None
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        close = False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value.strip())
            elif name == "connection" and value.strip().lower() == "close":
                close = True
            elif name == "transfer-encoding":
                raise ConnectionError("chunked responses are not expected from this server")
        body = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except ConnectionError:
                pass
        self.reader = self.writer = None


async def run_scenario(
    base: str, make_request, clients: int, duration: float, warmup: float, rate: float | None, server_pid: int | None = None
) -> dict:
    """Closed loop (each client sends its next request when the answer arrives) or, with
    ``rate``, an open loop where requests are started on a fixed schedule of ``rate`` per second
    spread over the clients (a client that falls behind sends at once: latency then includes
    the wait for a free client, as a real user would see it)."""
    host, port = base.removeprefix("http://").split(":")
    results: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    error_samples: list[str] = []
    loop_start = time.perf_counter()
    record_from = loop_start + warmup
    stop_at = record_from + duration

    async def client_loop(cid: int) -> None:
        rng = random.Random(cid)
        conn = Connection(host, int(port))
        n = 0
        try:
            while True:
                if rate:
                    scheduled = loop_start + (cid + n * clients) / rate
                    n += 1
                    delay = scheduled - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                else:
                    scheduled = time.perf_counter()
                if time.perf_counter() >= stop_at:
                    return
                label, url = make_request(rng)
                t0 = time.perf_counter()
                try:
                    status, body = await conn.get(url)
                    ok = status == 200
                    if not ok and len(error_samples) < 5:
                        error_samples.append(f"{status} {url}: {body[:200].decode(errors='replace')}")
                except (ConnectionError, OSError, ValueError) as exc:
                    ok = False
                    if len(error_samples) < 5:
                        error_samples.append(f"{type(exc).__name__}: {exc} {url}")
                done = time.perf_counter()
                # open loop: measured from the scheduled start (includes queueing behind this client)
                elapsed = done - (scheduled if rate else t0)
                if t0 >= record_from:
                    results.setdefault(label, []).append(elapsed)
                    if not ok:
                        errors[label] = errors.get(label, 0) + 1
        finally:
            await conn.close()

    cpu: dict[str, float | None] = {}

    async def cpu_marks() -> None:
        # CPU used by the server (all its processes) and by this load generator while measuring
        await asyncio.sleep(max(0.0, record_from - time.perf_counter()))
        cpu["server0"] = tree_cpu_seconds(server_pid) if server_pid else None
        cpu["client0"] = time.process_time()

    marks = asyncio.ensure_future(cpu_marks())
    await asyncio.gather(*(client_loop(i) for i in range(clients)))
    await marks
    wall = max(1e-9, time.perf_counter() - record_from)
    server_cpu = tree_cpu_seconds(server_pid) if server_pid else None
    client_cpu = time.process_time() - cpu["client0"]
    all_lat = [x for v in results.values() for x in v]
    summary = {
        "mode": f"open loop at {rate:g} req/s" if rate else "closed loop (no think time)",
        "requests": len(all_lat),
        "requests_per_s": round(len(all_lat) / wall, 1),
        "p50_ms": round(percentile(all_lat, 0.50) * 1000, 1),
        "p95_ms": round(percentile(all_lat, 0.95) * 1000, 1),
        "p99_ms": round(percentile(all_lat, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(all_lat) * 1000, 1) if all_lat else None,
        "errors": sum(errors.values()),
        # CPU per answered request while measuring: the server's (all worker processes) and
        # this load generator's; server CPU / wall is how many cores the server got
        "server_cpu_ms_per_request": (
            round((server_cpu - cpu["server0"]) * 1000 / max(1, len(all_lat)), 3)
            if server_cpu is not None and cpu.get("server0") is not None else None
        ),
        "server_cores_used": (
            round((server_cpu - cpu["server0"]) / wall, 2)
            if server_cpu is not None and cpu.get("server0") is not None else None
        ),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / max(1, len(all_lat)), 3),
        "by_endpoint": {
            label: {
                "requests": len(v),
                "p50_ms": round(percentile(v, 0.5) * 1000, 1),
                "p95_ms": round(percentile(v, 0.95) * 1000, 1),
                "errors": errors.get(label, 0),
            }
            for label, v in sorted(results.items())
        },
    }
    if error_samples:
        summary["error_samples"] = error_samples
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="archive to serve (e.g. built from SaudiNewsNet with `marsad ingest`)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=20.0, help="measured seconds per scenario")
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    ap.add_argument("--articles", type=int, default=5000, help="distinct article ids to sample")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rate", type=float, default=None,
                    help="open loop: offered requests/s spread over the clients (default: closed loop, as fast as served)")
    ap.add_argument("--cache-entries", type=int, default=None,
                    help="server response cache size per process (0: off, to measure rendering alone)")
    ap.add_argument("--scenario", choices=("search", "article", "both"), default="both")
    ap.add_argument("--own-session", action="store_true",
                    help="start the server in a session of its own (its own CPU share where the kernel groups by session)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    ids, queries = sample_targets(args.db, args.articles, args.seed)
    proc, base = start_server(args.db, args.workers, args.cache_entries, args.own_session)
    try:
        def search_request(rng: random.Random) -> tuple[str, str]:
            q = rng.choice(queries)
            if rng.random() < 0.5:
                return "GET /api/search", "/api/search?" + urlencode({"q": q})
            return "GET /search (html)", "/search?" + urlencode({"q": q})

        def article_request(rng: random.Random) -> tuple[str, str]:
            art = quote(rng.choice(ids))
            if rng.random() < 0.5:
                return "GET /articles/{id} (html)", f"/articles/{art}"
            return "GET /api/articles/{id}", f"/api/articles/{art}"

        report = {
            "db": os.path.basename(args.db),
            "articles_sampled": len(ids),
            "clients": args.clients,
            "duration_s": args.duration,
            "server_workers": args.workers,
            "server_cache_entries": args.cache_entries,
            "server_own_session": args.own_session,
            "load_average_before": os.getloadavg()[0],
            "cpu_count": os.cpu_count(),
            "scenarios": {},
        }
        for name, fn in (("search", search_request), ("article", article_request)):
            if args.scenario not in (name, "both"):
                continue
            report["scenarios"][name] = asyncio.run(
                run_scenario(base, fn, args.clients, args.duration, args.warmup, args.rate, proc.pid)
            )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    report["load_average_after"] = os.getloadavg()[0]
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, s in report["scenarios"].items():
        verdict = "meets" if s["p95_ms"] <= 100 and s["errors"] == 0 else "misses"
        print(
            f"{name:8s} {s['requests_per_s']:8.1f} req/s  p50 {s['p50_ms']:6.1f} ms  p95 {s['p95_ms']:6.1f} ms  "
            f"errors {s['errors']}  server {s['server_cpu_ms_per_request']} ms CPU/req on {s['server_cores_used']} cores  "
            f"({verdict} the p95 <= 100 ms target)",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
