"""Executors for experiments: a process pool, inline, a guarded Dask executor, BLAS limits."""

from __future__ import annotations

import contextlib
import gc
import importlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import (
    Executor,
    Future,
    InvalidStateError,
    ProcessPoolExecutor,
)
from types import TracebackType
from typing import Any

from ..errors import CollectiveEconError, MissingDependencyError
from ..params import _whole
from ..resources import cap_workers

__all__ = [
    "NO_WORKERS_TIMEOUT",
    "ClusterError",
    "DaskExecutor",
    "dask_executor",
    "limit_blas_threads",
    "process_pool",
]

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


PARENT_POLL_SECONDS = 0.25
"""How often a pool worker checks that its parent process is still alive, seconds."""


def _worker_init(parent: int | None = None, method: str = "fork") -> None:
    """A pool worker's ``initializer``: BLAS limited, Ctrl-C left to the parent, dies with it.

    SIGINT is ignored (a Ctrl-C in the terminal reaches the whole process group: the main
    process handles it and stops the pool, and the workers print no traceback); SIGTERM
    gets its default action back (a forked worker would inherit the command line's handler,
    which raises in the worker and prints its traceback). A daemon
    thread exits the worker (``os._exit``) within :data:`PARENT_POLL_SECONDS` of its parent
    dying, even by ``kill -9``: the parent cannot stop its workers then, and a worker that
    outlived it would hold the caller's pipes open forever. ``parent`` is the pool owner's
    process id, taken before the fork, and ``method`` the start method: a worker forked or
    spawned by a parent that died before the worker started exits at once; one started by
    a fork server watches the fork server (which exits with the owner). POSIX only (on
    Windows the parent id is never reassigned; no check).
    """
    limit_blas_threads()
    with contextlib.suppress(ValueError, OSError, AttributeError):  # no such signal here
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not a handler inherited by fork
    if os.name != "posix":
        return
    direct = parent is not None and method in ("fork", "spawn")
    watched = parent if direct and parent is not None else os.getppid()
    threading.Thread(
        target=_exit_with_parent, args=(watched,), daemon=True, name="parent-watchdog"
    ).start()


def _exit_with_parent(parent: int, poll: float = PARENT_POLL_SECONDS) -> None:
    """Exit this process as soon as its parent ``parent`` has died (it was re-parented)."""
    while os.getppid() == parent:
        time.sleep(poll)
    os._exit(1)  # the parent is gone: nobody will read this worker's results


class _Pool(ProcessPoolExecutor):
    """A process pool that stops its workers at once when its ``with`` block raises.

    On Ctrl-C (or any error) the tasks still running are worth nothing: their results would
    not be committed. ``shutdown(wait=True)`` would wait for them; this pool terminates the
    workers instead, so an interrupted command returns promptly.
    """

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        if exc_type is None:
            return super().__exit__(exc_type, exc, tb)
        processes = list((getattr(self, "_processes", None) or {}).values())
        results = getattr(self, "_result_queue", None)  # (shutdown drops the pool's reference)
        # A task being written to the workers when they stop (a task holds the community,
        # more than a pipe's buffer) blocks the pool's feeder thread for ever, and the pool
        # joins that thread when it breaks, and the interpreter at exit: not waited for.
        calls = getattr(self, "_call_queue", None)
        if calls is not None:
            with contextlib.suppress(Exception):
                calls.cancel_join_thread()
        self.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.terminate()
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.join(5)
        # A worker stopped while sending a result leaves half a message in the result pipe,
        # and the pool's manager thread would wait for the rest for ever (and the
        # interpreter for it at exit). With every worker gone, closing this process's copy
        # of the pipe's write end turns that wait into end-of-file: the pool breaks, cleanly.
        writer = getattr(results, "_writer", None)
        if writer is not None and not any(p.is_alive() for p in processes):
            with contextlib.suppress(Exception):
                writer.close()
        return None


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each with BLAS limited to one thread.

    Each worker ignores SIGINT (the parent handles Ctrl-C) and exits within
    :data:`PARENT_POLL_SECONDS` of its parent dying, however it died; leaving the
    ``with`` block by an exception terminates the workers instead of waiting for them.

    ``workers`` above the machine's cores (:func:`collective_econ.resources.cpu_count`)
    starts that many workers only, with a note on standard error: more processes than
    cores make nothing faster and, by the thousand, take a shared machine down.
    """
    n, _ = cap_workers(_whole(workers, "workers", 1, "process_pool"))
    context = multiprocessing.get_context()
    return _Pool(
        max_workers=n,
        mp_context=context,
        initializer=_worker_init,
        initargs=(os.getpid(), context.get_start_method()),
    )


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


# -- Dask ----------------------------------------------------------------------------------------
NO_WORKERS_TIMEOUT = 60.0
"""Seconds a Dask executor waits with tasks pending and no worker before it gives up."""


class ClusterError(CollectiveEconError, RuntimeError):
    """A Dask cluster failed: a malformed or unreachable address, or every worker lost."""


class DaskExecutor(Executor):
    """A Dask client's executor that gives up when the cluster has no worker for too long.

    Dask keeps tasks waiting for as long as the scheduler has no worker to run them (a
    cluster whose workers were all lost would hang the experiment, the progress bar
    frozen). A watchdog thread asks the scheduler for its workers every ``poll`` seconds
    while tasks are pending; when there has been none (or the scheduler could not be
    reached) for ``no_workers_timeout`` seconds, every pending task fails with one
    :class:`ClusterError`. :func:`~collective_econ.runs.experiment.run_experiment` has
    committed every finished run by then, so ``resume=True`` finishes the experiment.

    Parameters
    ----------
    client : distributed.Client
        A connected client (see :func:`dask_executor` to connect from an address).
    no_workers_timeout : float
        Seconds without any worker, while tasks wait, before giving up (> 0).
    poll : float
        Seconds between two checks of the scheduler's workers (> 0).
    """

    def __init__(
        self,
        client: Any,
        *,
        no_workers_timeout: float = NO_WORKERS_TIMEOUT,
        poll: float = 1.0,
    ) -> None:
        self._client = client  # read by run_experiment to size its batches (_workers)
        self._inner = client.get_executor()
        self.no_workers_timeout = _seconds(no_workers_timeout, "no_workers_timeout")
        self.poll = _seconds(poll, "poll")
        self._pending: set[Future[Any]] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._watchdog = threading.Thread(
            target=self._watch, daemon=True, name="collective-econ-dask-watchdog"
        )
        self._watchdog.start()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Submit ``fn(*args, **kwargs)`` to the cluster; its future fails if no worker is left."""
        inner = self._inner.submit(fn, *args, **kwargs)
        outer: Future[Any] = Future()
        with self._lock:
            self._pending.add(outer)

        def settle(src: Future[Any]) -> None:
            with self._lock:
                self._pending.discard(outer)
            with contextlib.suppress(InvalidStateError):  # the watchdog failed it first
                if src.cancelled():
                    outer.cancel()
                elif (err := src.exception()) is not None:
                    outer.set_exception(err)
                else:
                    outer.set_result(src.result())

        def cancel_inner(fut: Future[Any]) -> None:
            if fut.cancelled():
                inner.cancel()

        outer.add_done_callback(cancel_inner)
        inner.add_done_callback(settle)
        return outer

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop the watchdog and the client's executor (the client stays open)."""
        self._closed.set()
        if cancel_futures:
            for fut in self._take_pending():
                fut.cancel()
        self._inner.shutdown(wait=wait)

    def _take_pending(self) -> list[Future[Any]]:
        with self._lock:
            pending, self._pending = list(self._pending), set()
        return pending

    def worker_memory_limits(self) -> dict[str, float]:
        """Each worker's memory limit, bytes, by address (0: the worker has none).

        Read from the scheduler (``Client.scheduler_info``); an empty mapping when it
        cannot be reached or reports no worker. ``run_experiment`` checks one run's
        estimated memory against the smallest limit before submitting anything: each
        worker holds one run at a time, in its own memory, not this machine's.
        """
        try:
            workers = self._client.scheduler_info().get("workers", {})
        except Exception:  # the scheduler cannot be reached: the watchdog reports it
            return {}
        return {
            str(addr): float(info.get("memory_limit") or 0.0) for addr, info in workers.items()
        }

    def _workers_now(self) -> int:
        try:
            return len(self._client.nthreads())
        except Exception:  # the scheduler cannot be reached: no worker either
            return 0

    def _watch(self) -> None:
        idle_since: float | None = None
        while not self._closed.wait(self.poll):
            with self._lock:
                busy = bool(self._pending)
            if not busy:
                idle_since = None
                continue
            if idle_since is None:
                idle_since = time.monotonic()
            if self._workers_now():
                idle_since = None
                continue
            if time.monotonic() - idle_since >= self.no_workers_timeout:
                self._fail_pending()
                idle_since = None

    def _fail_pending(self) -> None:
        scheduler = getattr(self._client, "scheduler", None)
        where = getattr(scheduler, "address", None) or "the scheduler"
        message = (
            f"the Dask cluster at {where} has had no worker for {self.no_workers_timeout:g} s "
            "while runs were waiting (every worker lost?)"
        )
        for fut in self._take_pending():
            with contextlib.suppress(InvalidStateError):
                fut.set_exception(ClusterError(message))


def _seconds(value: float, name: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = float("nan")
    if not seconds > 0 or seconds == float("inf"):
        raise ClusterError(
            f"DaskExecutor.{name} must be a finite number of seconds > 0, got {value!r}"
        )
    return seconds


@contextlib.contextmanager
def dask_executor(
    address: str,
    *,
    security: Any = None,
    timeout: float | None = None,
    no_workers_timeout: float = NO_WORKERS_TIMEOUT,
) -> Iterator[DaskExecutor]:
    """Connect to the Dask scheduler at ``address``; yield a :class:`DaskExecutor`.

    Trust: the scheduler and its workers unpickle and run the tasks this process sends,
    and this process unpickles what comes back, so whoever controls the scheduler can run
    code on the workers and here. Only connect to schedulers you control; across a network
    use ``tls://`` with certificates (``security``, or the ``distributed.comm.tls``
    section of the Dask config, which the client reads when ``security`` is None).

    Parameters
    ----------
    address : str
        The scheduler's address, ``tcp://host:port`` or ``tls://host:port``.
    security : distributed.Security, optional
        TLS settings (certificates, ``require_encryption``), passed to ``Client``.
    timeout : float, optional
        Seconds to wait for the connection (default: Dask's
        ``distributed.comm.timeouts.connect``, 30 s).
    no_workers_timeout : float
        Seconds with runs waiting and no worker before giving up (:class:`DaskExecutor`).

    Raises
    ------
    MissingDependencyError
        ``distributed`` is not installed.
    ClusterError
        The address is malformed, or the scheduler cannot be reached (one line).
    """
    try:
        distributed = importlib.import_module("distributed")
    except ImportError:
        raise MissingDependencyError(
            "a Dask scheduler needs Dask: pip install 'collective_econ[dask]'"
        ) from None
    if not isinstance(address, str) or not address.strip():
        raise ClusterError(f"a Dask scheduler address such as tcp://host:8786, got {address!r}")
    kwargs: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
    if security is not None:
        kwargs["security"] = security
    # a Client left half-built by an earlier failed connection is collected here, not by a
    # garbage collection inside the next Client's start (its __del__ then waits on the
    # event-loop lock that start holds: distributed deadlocks)
    gc.collect()
    try:
        client = distributed.Client(address, **kwargs)
    except (ValueError, TypeError) as err:
        raise ClusterError(
            f"malformed Dask scheduler address {address!r} (expected tcp://host:port or "
            f"tls://host:port): {_first_line(err)}"
        ) from None
    except (OSError, TimeoutError) as err:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {_first_line(err)}"
        ) from None
    executor = DaskExecutor(client, no_workers_timeout=no_workers_timeout)
    try:
        yield executor
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        with contextlib.suppress(Exception):
            client.close()


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
