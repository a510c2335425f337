"""Executors for experiments: a process pool, inline, and BLAS limits."""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Callable
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
)
from typing import Any

from ..params import _whole

__all__ = ["limit_blas_threads", "process_pool"]

_BLAS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def limit_blas_threads() -> None:
    """Limit BLAS and OpenMP thread pools to one thread (a process pool's ``initializer``).

    With threadpoolctl installed the limit holds at once; without it this sets
    ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS`` and
    ``BLIS_NUM_THREADS`` to 1, which binds libraries loaded afterwards only.
    """
    os.environ.update(dict.fromkeys(_BLAS, "1"))
    with contextlib.suppress(ImportError):
        importlib.import_module("threadpoolctl").threadpool_limits(1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each with BLAS limited to one thread."""
    n = _whole(workers, "workers", 1, "process_pool")
    return ProcessPoolExecutor(max_workers=n, initializer=limit_blas_threads)


class _Inline(Executor):
    """The serial executor: runs each task when it is submitted, in this process."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except Exception as err:
            fut.set_exception(err)
        return fut


def _workers(executor: Executor) -> int:
    n = getattr(executor, "_max_workers", None)  # process and thread pools
    client = getattr(executor, "_client", None)  # distributed's ClientExecutor
    if isinstance(n, int):
        return n
    try:
        return max(1, sum(client.nthreads().values())) if client is not None else 1
    except Exception:  # best effort only: a guess never changes results
        return os.cpu_count() or 2
