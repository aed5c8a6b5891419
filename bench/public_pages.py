"""Public pages under load: the site, production settings, against a minimal Django view.

Starts, in one run and on this machine only (127.0.0.1):
  - the site under production settings (PostgreSQL, Redis, gunicorn with the project's
    gunicorn.conf.py: two sync workers), seeded with the demo site;
  - the same site with the page cache off (FAMILY_VOICE_PAGE_CACHE_SECONDS=0), so every
    request renders the page ("cold"; the cached footer and help numbers stay warm, as
    after an editor publishes a page);
  - bench/minimal_site.py, one Django view returning the home page's bytes, under the same
    gunicorn settings.
Then, for each public page type, it loads the site and the minimal view in turn, several
rounds each, with the same concurrency, and reports requests per second as a share of
the minimal view's, server CPU per request (every gunicorn process of that server, read
from /proc, reaped workers included), p99 latency, and SQL queries cold and warm. Last,
200 phone visitors walk home -> town page -> "ask for help" for 60 seconds.

The load generator is Python threads with http.client, one new connection per request
(gunicorn's sync workers close each connection). It shares the two cores with the
servers, PostgreSQL and Redis; its own CPU per request is reported so the figures can be
read with that in mind. Every loop stops at a count and at a deadline, and everything the
script started is stopped, its database dropped and its Redis database emptied.

    .venv/bin/python bench/public_pages.py   (or `make bench`)

Environment: BENCH_DATABASE (default family_voice_bench_public), BENCH_REDIS_URL (default
redis://127.0.0.1:6379/14), BENCH_SECONDS (each window, 4), BENCH_ROUNDS (3),
BENCH_CONCURRENCY (8), BENCH_SOAK_SECONDS (60), BENCH_SOAK_VISITORS (200).
"""

import http.client
import json
import logging
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = ROOT / ".venv" / "bin"

DATABASE = os.environ.get("BENCH_DATABASE", "family_voice_bench_public")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
SOAK_SECONDS = float(os.environ.get("BENCH_SOAK_SECONDS", "60"))
SOAK_VISITORS = int(os.environ.get("BENCH_SOAK_VISITORS", "200"))
# No loop may run away: a window stops at its deadline or at this many requests.
MAX_REQUESTS_PER_WINDOW = 200_000
REQUEST_TIMEOUT = 30
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "User-Agent": "family-voice-bench"}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Goals (the issue): cached pages at half the minimal view's rate or better; a cold home
# page in at most 6 queries and 10 ms of server CPU.
GOAL_SHARE = 0.5
GOAL_COLD_QUERIES = 6
GOAL_COLD_CPU_MS = 10.0

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "WEB_CONCURRENCY": "2",
    }
)


# --- Servers --------------------------------------------------------------------------


def process_tree_cpu_seconds(master_pid: int) -> float:
    """CPU time of a gunicorn master and all its workers, living or reaped."""
    total = 0
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        pid = int(stat_file.parent.name)
        ppid = int(fields[1])
        if pid == master_pid:
            # utime, stime, and cutime, cstime: the workers it has already reaped.
            total += sum(int(v) for v in fields[11:15])
        elif ppid == master_pid:
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen

    def cpu(self) -> float:
        return process_tree_cpu_seconds(self.process.pid)


def start_gunicorn(name: str, app: str, env: dict, log: Path, chdir: Path = ROOT) -> Server:
    from tests.portal.servers import free_port, start

    port = free_port()
    args = [
        str(VENV_BIN / "gunicorn"),
        *("-c", str(ROOT / "gunicorn.conf.py")),
        *("--chdir", str(chdir)),
        *("--bind", f"127.0.0.1:{port}"),
        app,
    ]
    return Server(name, port, start(args, env=env, log=log))


def wait_ready(server: Server, path: str) -> None:
    from tests.portal.servers import wait_until

    def ready() -> bool:
        try:
            return get(server.port, path)[0] == 200
        except OSError:
            return False

    wait_until(ready, timeout=90, what=server.name)


def get(port: int, path: str) -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


# --- Load -----------------------------------------------------------------------------


@dataclass
class Window:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.server_cpu / self.requests if self.requests else 0.0

    @property
    def client_cpu_ms(self) -> float:
        return 1000 * self.client_cpu / self.requests if self.requests else 0.0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(server: Server, paths: list[str], *, seconds: float, concurrency: int) -> Window:
    """`concurrency` threads, each requesting `paths` in turn until the deadline."""
    window = Window()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    budget = [MAX_REQUESTS_PER_WINDOW]

    def visitor() -> None:
        latencies, errors, step = [], 0, 0
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path = paths[step % len(paths)]
            step += 1
            started = time.monotonic()
            try:
                status, _body, _headers = get(server.port, path)
                errors += status != 200
            except OSError:
                errors += 1
            latencies.append(time.monotonic() - started)
        with lock:
            window.latencies.extend(latencies)
            window.errors += errors

    threads = [threading.Thread(target=visitor, daemon=True) for _ in range(concurrency)]
    cpu_before, client_before, started = server.cpu(), time.process_time(), time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 5)
    window.seconds = time.monotonic() - started
    window.server_cpu = server.cpu() - cpu_before
    window.client_cpu = time.process_time() - client_before
    window.requests = len(window.latencies)
    return window


def merged(windows: list[Window]) -> Window:
    total = Window()
    for w in windows:
        total.requests += w.requests
        total.errors += w.errors
        total.seconds += w.seconds
        total.server_cpu += w.server_cpu
        total.client_cpu += w.client_cpu
        total.latencies.extend(w.latencies)
    return total


# --- The site, in this process: database, demo content, query counts -------------------


def psql(sql: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(sql)


def build_site() -> dict[str, str]:
    """Migrate and seed the bench database; the public page of each type, by name."""
    import django
    from django.core.management import call_command
    from django.test import override_settings

    django.setup()
    # This process only builds the site and counts queries: its access lines are noise.
    # The servers log every request as production does.
    logging.getLogger("portal.access").setLevel(logging.WARNING)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    with override_settings(FAMILY_VOICE_DEMO_DATA_ALLOWED=True):
        call_command("seed_demo", verbosity=0)

    from wagtail.models import Locale

    from cms import models

    english = Locale.objects.get(language_code="en")
    pages = {"home": "/"}
    for name, model in [
        ("town page", models.LocalityPage),
        ("standard page", models.StandardPage),
        ("get help now", models.GetHelpNowPage),
        ("you said, we did", models.YouSaidWeDidPage),
        ("journey start", models.RequestHelpPage),
        ("feedback start", models.FeedbackPage),
    ]:
        page = model.objects.live().filter(locale=english).order_by("path").first()
        if page is not None:
            pages[name] = page.url
    return pages


def count_queries(pages: dict[str, str]) -> dict[str, dict[str, int]]:
    """Queries per page: cold after a publish, cold after a settings change, and warm."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.page_cache import page_cache_invalidate

    client = Client(HTTP_HOST="127.0.0.1")
    counts: dict[str, dict[str, int]] = {}

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, secure=True)
        assert response.status_code == 200, (path, response.status_code)
        return len(captured)

    for name, path in pages.items():
        client.get(path, secure=True)  # the site's first visit makes its settings rows
        page_cache_invalidate(chrome=True)
        fully_cold = queries(path)
        page_cache_invalidate()
        cold = queries(path)
        warm = queries(path)
        counts[name] = {"cold": cold, "cold_after_settings_change": fully_cold, "warm": warm}
    connection.close()
    cache.close()
    return counts


# --- The run --------------------------------------------------------------------------


def main() -> int:
    import redis

    from tests.portal.servers import clean_environ, stop

    workdir = Path(tempfile.mkdtemp(prefix="family-voice-bench-"))
    log = workdir / "servers.log"
    servers: list[Server] = []
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    try:
        print(f"database {DATABASE}, Redis {REDIS_URL}; building the demo site", flush=True)
        pages = build_site()
        queries = count_queries(pages)

        env = clean_environ(
            **{k: os.environ[k] for k in os.environ if k.startswith(("DJANGO_", "DATABASE_"))},
            REDIS_URL=REDIS_URL,
            WEB_CONCURRENCY="2",
        )
        site = start_gunicorn("site", "portal.wsgi:application", env, log)
        servers.append(site)
        cold = start_gunicorn(
            "site, page cache off",
            "portal.wsgi:application",
            {**env, "FAMILY_VOICE_PAGE_CACHE_SECONDS": "0"},
            log,
        )
        servers.append(cold)
        wait_ready(site, "/")
        wait_ready(cold, "/")
        page_file = workdir / "home.html"
        page_file.write_bytes(get(site.port, "/")[1])
        minimal = start_gunicorn(
            "minimal view",
            "minimal_site:application",
            {**clean_environ(), "WEB_CONCURRENCY": "2", "BENCH_PAGE_FILE": str(page_file)},
            log,
            chdir=ROOT / "bench",
        )
        servers.append(minimal)
        wait_ready(minimal, "/")
        for path in pages.values():
            for server in (site, cold):
                for _ in range(4):  # every worker has loaded its templates and settings
                    get(server.port, path)

        print(
            f"{ROUNDS} rounds of {SECONDS:.0f} s per server and page, {CONCURRENCY} connections",
            flush=True,
        )
        results = {}
        for name, path in pages.items():
            runs: dict[str, list[Window]] = {"site": [], "minimal": [], "cold": []}
            for _ in range(ROUNDS):
                runs["site"].append(load(site, [path], seconds=SECONDS, concurrency=CONCURRENCY))
                runs["minimal"].append(
                    load(minimal, ["/"], seconds=SECONDS, concurrency=CONCURRENCY)
                )
                if name == "home":
                    runs["cold"].append(
                        load(cold, [path], seconds=SECONDS, concurrency=CONCURRENCY)
                    )
            results[name] = {key: merged(windows) for key, windows in runs.items() if windows}

        print(f"soak: {SOAK_VISITORS} phone visitors for {SOAK_SECONDS:.0f} s", flush=True)
        walk = [pages["home"], pages["town page"], pages["journey start"]]
        soak = load(site, walk, seconds=SOAK_SECONDS, concurrency=SOAK_VISITORS)
        return report(pages, queries, results, soak)
    finally:
        from django.db import connection

        connection.close()
        for server in servers:
            stop(server.process)
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)


def report(pages, queries, results, soak: Window) -> int:
    rows = []
    header = (
        f"{'page':<18} {'req/s':>7} {'minimal':>8} {'share':>6} {'CPU ms':>7} "
        f"{'min CPU':>8} {'p99 ms':>7} {'q cold':>6} {'q warm':>6} {'errors':>6}"
    )
    print("\n" + header)
    for name, runs in results.items():
        site, minimal = runs["site"], runs["minimal"]
        share = site.rps / minimal.rps if minimal.rps else 0.0
        row = {
            "page": name,
            "url": pages[name],
            "rps": round(site.rps, 1),
            "minimal_rps": round(minimal.rps, 1),
            "share_of_minimal": round(share, 3),
            "server_cpu_ms_per_request": round(site.cpu_ms, 2),
            "minimal_cpu_ms_per_request": round(minimal.cpu_ms, 2),
            "p99_ms": round(1000 * percentile(site.latencies, 0.99), 1),
            "client_cpu_ms_per_request": round(site.client_cpu_ms, 2),
            "errors": site.errors + minimal.errors,
            "queries": queries[name],
        }
        rows.append(row)
        print(
            f"{name:<18} {site.rps:7.0f} {minimal.rps:8.0f} {share:6.0%} {site.cpu_ms:7.2f} "
            f"{minimal.cpu_ms:8.2f} {row['p99_ms']:7.1f} {queries[name]['cold']:6} "
            f"{queries[name]['warm']:6} {row['errors']:6}"
        )
        if "cold" in runs:
            uncached = runs["cold"]
            row["uncached"] = {
                "rps": round(uncached.rps, 1),
                "share_of_minimal": round(uncached.rps / minimal.rps, 3) if minimal.rps else 0,
                "server_cpu_ms_per_request": round(uncached.cpu_ms, 2),
                "p99_ms": round(1000 * percentile(uncached.latencies, 0.99), 1),
                "errors": uncached.errors,
            }
            print(
                f"{name + ', uncached':<18} {uncached.rps:7.0f} {minimal.rps:8.0f} "
                f"{uncached.rps / minimal.rps:6.0%} {uncached.cpu_ms:7.2f} {minimal.cpu_ms:8.2f} "
                f"{row['uncached']['p99_ms']:7.1f} {'':6} {'':6} {uncached.errors:6}"
            )
    client_ms = statistics.median(r["client_cpu_ms_per_request"] for r in rows)
    print(
        "\nq cold: a page's first rendering after an editor publishes (settings fragments "
        "cached);\nafter a settings change every page also reads the settings again: "
        + ", ".join(f"{r['page']} {r['queries']['cold_after_settings_change']}" for r in rows)
    )
    print(f"load generator's own CPU: {client_ms:.2f} ms per request (median), same 2 cores")

    soak_row = {
        "visitors": SOAK_VISITORS,
        "seconds": round(soak.seconds, 1),
        "requests": soak.requests,
        "rps": round(soak.rps, 1),
        "errors": soak.errors,
        "p95_ms": round(1000 * percentile(soak.latencies, 0.95), 1),
        "p99_ms": round(1000 * percentile(soak.latencies, 0.99), 1),
        "server_cpu_ms_per_request": round(soak.cpu_ms, 2),
    }
    print(
        f"soak: {soak_row['requests']} requests in {soak_row['seconds']} s "
        f"({soak_row['rps']}/s), {soak_row['errors']} errors, p95 {soak_row['p95_ms']} ms, "
        f"p99 {soak_row['p99_ms']} ms"
    )

    home = next(r for r in rows if r["page"] == "home")
    cached = [r for r in rows if r["queries"]["warm"] == 0]
    goals = {
        "cached pages at >= 50% of the minimal view": all(
            r["share_of_minimal"] >= GOAL_SHARE for r in cached
        ),
        "cold home page <= 6 queries": home["queries"]["cold"] <= GOAL_COLD_QUERIES,
        "cold home page <= 10 ms CPU": home["uncached"]["server_cpu_ms_per_request"]
        <= GOAL_COLD_CPU_MS,
        "soak: no errors": soak.errors == 0,
    }
    print("\n" + "\n".join(f"{'met ' if ok else 'MISSED'}  {goal}" for goal, ok in goals.items()))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "public_pages.json").write_text(
        json.dumps({"pages": rows, "soak": soak_row, "goals": goals}, indent=2)
    )
    # Timings on a shared machine vary: only what cannot vary fails the run.
    failed = soak.errors or home["queries"]["cold"] > GOAL_COLD_QUERIES
    failed = failed or any(r["errors"] for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
