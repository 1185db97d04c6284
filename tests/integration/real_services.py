"""Starting and stopping the real Redis from a test, and waiting for things to happen."""

import subprocess
import time
from contextlib import contextmanager
from urllib.parse import urlparse

from django.conf import settings


def wait_for(predicate, timeout=60, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


def _redis_address():
    url = urlparse(settings.REDIS_URL)
    return url.hostname, str(url.port or 6379)


def redis_answers():
    host, port = _redis_address()
    answer = subprocess.run(["redis-cli", "-h", host, "-p", port, "ping"], capture_output=True, text=True)
    return answer.stdout.strip() == "PONG"


@contextmanager
def redis_stopped():
    """Redis is down inside the block and up again (empty, as CI runs it) after it."""
    host, port = _redis_address()
    subprocess.run(["redis-cli", "-h", host, "-p", port, "shutdown", "nosave"], capture_output=True)
    wait_for(lambda: not redis_answers(), timeout=10, message="Redis to stop")
    try:
        yield
    finally:
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", host, "--port", port, "--save", "",
             "--appendonly", "no"],
            check=True, capture_output=True,
        )
        wait_for(redis_answers, timeout=10, message="Redis to start")
