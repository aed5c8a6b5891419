"""Run a benchmark against a throwaway test database seeded with the demo site."""

import contextlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


@contextlib.contextmanager
def demo_database():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", stdout=io.StringIO())
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def timed(function, runs: int) -> tuple[float, float]:
    """Median and 95th percentile milliseconds of `runs` calls, after one to warm up."""
    function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


def timed_get(client, url: str, params: dict, runs: int) -> tuple[float, float]:
    """`timed` for a page that must answer 200 every time."""

    def get():
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)

    return timed(get, runs)
