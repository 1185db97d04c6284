"""gunicorn settings for the web container (docker/compose.yml).

Each worker process keeps its own Prometheus counters; with PROMETHEUS_MULTIPROC_DIR set
they write them to files there, /metrics adds them up (lms/metrics.py), and a process that
exits is marked dead so its gauges stop counting."""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_WORKERS", "3"))
accesslog = "-"


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
