"""Worker processes for CPU work on untrusted input (photos, imported PDFs), bounded in memory and in time.

Decoding a crafted image or rendering a crafted PDF can cost gigabytes and seconds whatever the checks before it
found, so the work itself is bounded: each worker process runs with an address-space limit (``RLIMIT_AS``),
every call has a deadline after which its process is killed and replaced, and a worker that dies (out of
memory inside a C library, say) fails only the call it was running. Workers die with the server
(``PR_SET_PDEATHSIG``), so a killed server leaves none behind.

Functions must be module-level (they are pickled by reference) and take and return plain values. Domain errors
raised in a worker arrive as themselves; exceeding a limit raises ``WorkTooLarge``.
"""
import asyncio
import contextlib
import ctypes
import multiprocessing
import pickle
import queue
import resource
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from portal.core.errors import WorkTooLarge

T = TypeVar('T')
PR_SET_PDEATHSIG = 1
TASKS_PER_PROCESS = 500  # a long-lived process keeps its memory high-water mark; start afresh now and then


@dataclass(frozen=True)
class WorkLimits:
    processes: int
    memory_bytes: int
    seconds: float


class Workers:
    """A small pool of worker processes, started when first needed. Thread-safe; ``run`` is for the event loop,
    ``call`` blocks (threads, scripts)."""

    def __init__(self, limits: WorkLimits) -> None:
        self.limits = limits
        self._idle: queue.SimpleQueue[_Process] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False
        # Processes are started from one long-lived thread: the kernel's "die with the parent" signal fires when
        # the starting *thread* ends, and the threads that call ``call`` may be short-lived
        self._starter = ThreadPoolExecutor(1, thread_name_prefix='portal-worker-starter')

    async def run(self, function: Callable[..., T], *args: object, seconds: float | None = None) -> T:
        """``function(*args)`` in a worker process, awaited without blocking the event loop."""
        return await asyncio.to_thread(self.call, function, *args, seconds=seconds)

    def call(self, function: Callable[..., T], *args: object, seconds: float | None = None) -> T:
        """``function(*args)`` in a worker process; ``WorkTooLarge`` past the time or memory limit."""
        process = self._take()
        outcome = process.ask(function, args, seconds or self.limits.seconds)
        if process.alive and process.tasks < TASKS_PER_PROCESS and not self._closed:
            self._idle.put(process)
        else:
            self._retire(process)
        return outcome.value()

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their call returns)."""
        self._closed = True
        with contextlib.suppress(queue.Empty):
            while True:
                self._retire(self._idle.get_nowait())

    def _take(self) -> '_Process':
        while True:
            process = self._next()
            if process.alive:
                return process
            self._retire(process)

    def _next(self) -> '_Process':
        with contextlib.suppress(queue.Empty):
            return self._idle.get_nowait()
        with self._lock:
            starting = self._started < self.limits.processes
            self._started += starting
        if starting:
            return self._starter.submit(_Process, self.limits.memory_bytes).result()
        return self._idle.get()

    def _retire(self, process: '_Process') -> None:
        process.stop()
        with self._lock:
            self._started -= 1


@dataclass(frozen=True)
class _Outcome:
    result: Any = None
    error: BaseException | None = None

    def value(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.result


class _Process:
    """One worker process and the pipe to it; it runs one call at a time."""

    def __init__(self, memory_bytes: int) -> None:
        context = multiprocessing.get_context('spawn')  # forking a threaded server (and OpenCV) is unsafe
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, memory_bytes), daemon=True,
                                        name='portal-worker')
        self._process.start()
        child.close()
        self.tasks = 0

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def ask(self, function: Callable, args: tuple, seconds: float) -> _Outcome:
        self.tasks += 1
        try:
            self._pipe.send((function, args))
            if self._pipe.poll(seconds):
                return self._pipe.recv()
        except (EOFError, OSError):  # the process died during the call: out of memory in C code, a crash
            pass
        self.stop()
        return _Outcome(error=WorkTooLarge())

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=5)
        self._pipe.close()


def _serve(pipe: Connection, memory_bytes: int) -> None:
    """The worker's loop: limits first, then one call after the other until the pipe closes."""
    _die_with_parent()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which then stops its workers
    while True:
        try:
            function, args = pipe.recv()
        except (EOFError, OSError):
            return
        pipe.send(_outcome(function, args))


def _outcome(function: Callable, args: tuple) -> _Outcome:
    try:
        return _Outcome(result=function(*args))
    except MemoryError:
        return _Outcome(error=WorkTooLarge())
    except Exception as error:  # handed back to the caller, who decides; it must survive pickling
        return _Outcome(error=error if _pickles(error) else RuntimeError(repr(error)))


def _pickles(error: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes, just made)
    except Exception:
        return False
    return True


def _die_with_parent() -> None:
    """Linux: the kernel kills this process when the server dies, even by ``kill -9``."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL('libc.so.6', use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
