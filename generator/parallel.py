"""Independent jobs spread over the available cores, one forked process per core.

Fork, not spawn: the children inherit what the parent has loaded (the national model, read and
checked once) instead of loading it again, and the job may be a closure. Results travel back
pickled, so a job returns plain data (diagnostics, the built files' hashes), not a compiled model.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

_JOB: list[Callable] = []  # the job of the pool being run; a forked child finds it here


def workers(jobs: int) -> int:
    """Processes for `jobs` jobs: one per available core, at most one per job. One (no fork) where fork
    is missing, or from a threaded caller (typ serve): a fork copies other threads' locks in whatever
    state they are."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, jobs))


def _run(i: int):
    return _JOB[0](i)


def fork_map(job: Callable[[int], T], count: int) -> list[T]:
    """[job(0), ..., job(count - 1)], in that order, over `workers(count)` processes. An exception in a
    job is raised here, as the first failing job's."""
    n = workers(count)
    if n == 1:
        return [job(i) for i in range(count)]
    _JOB[:] = [job]
    try:
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(count)))
    finally:
        _JOB.clear()
