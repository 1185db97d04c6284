"""Timing a piece of work in-process, the same way in every benchmark."""

import time


def timed(function, runs):
    """(the last result, a list of ``runs`` durations in seconds) of ``function``, after one
    call that warms the caches, as a page that has been opened before."""
    function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return result, timings
