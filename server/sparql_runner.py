"""Run queries in a child process of this worker, and kill it when a query outlives its time limit.

pyoxigraph cannot cancel a running query and a Python thread cannot be killed; a process can. Each
gunicorn worker starts its own child lazily (after the fork), reuses it for every query, and replaces
it after a timeout or a crash.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass, field
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path

from server import sparql_child
from server.sparql_child import QueryAnswer, QueryJob

CHILD_SCRIPT = Path(sparql_child.__file__).resolve()
START_SECONDS = 10.0


class ChildStartError(Exception):
    """The query child could not start (its message says why)."""


@dataclass
class _Child:
    """A running query child and our end of its connection."""

    process: subprocess.Popen[bytes]
    connection: Connection
    ready: bool = False

    def stop(self) -> None:
        """Kill the child at once (the work it was doing stops) and reap it."""
        self.process.kill()
        self.process.wait()
        self.connection.close()


@dataclass
class QueryRunner:
    """The query child of this process: started on first use, reused, replaced when killed."""

    store_dir: Path
    prefixes: dict[str, str]
    timeout: float
    _child: _Child | None = field(default=None, repr=False)
    _owner_pid: int = field(default_factory=os.getpid, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def run(self, job: QueryJob) -> QueryAnswer:
        """The child's answer to `job`; 503 when it ran past the time limit (the child is then killed)."""
        self._forget_inherited_child()
        with self._lock:
            try:
                child = self._ready_child()
            except ChildStartError as error:
                return QueryAnswer.failure(503, str(error))
            try:
                child.connection.send(asdict(job))
                if child.connection.poll(self.timeout):
                    return QueryAnswer(**child.connection.recv())
            except (EOFError, OSError):
                self._replace_child()
                return QueryAnswer.failure(
                    500, "the query process stopped unexpectedly; it has been restarted"
                )
            self._replace_child()
            return QueryAnswer.failure(
                503,
                f"the query ran longer than the {self.timeout:g} s limit (setting query_timeout)"
                " and was stopped; narrow it down or add a LIMIT",
            )

    @property
    def child_pid(self) -> int | None:
        """The pid of the current child, if one is running (for tests and logs)."""
        return None if self._child is None else self._child.process.pid

    def stop(self) -> None:
        """Kill the child, if any."""
        with self._lock:
            if self._child is not None and self._owner_pid == os.getpid():
                self._child.stop()
            self._child = None

    def _forget_inherited_child(self) -> None:
        """After a fork, the child and the lock belong to the parent process: start afresh."""
        if self._owner_pid != os.getpid():
            self._child = None
            self._lock = threading.Lock()
            self._owner_pid = os.getpid()

    def _ready_child(self) -> _Child:
        if self._child is None or self._child.process.poll() is not None:
            self._child = self._start_child()
        if not self._child.ready:
            self._wait_until_ready(self._child)
        return self._child

    def _replace_child(self) -> None:
        """Kill the current child and start the next one now, so it is ready for the next query."""
        if self._child is not None:
            self._child.stop()
        self._child = self._start_child()

    def _start_child(self) -> _Child:
        ours, theirs = Pipe(duplex=True)
        process = subprocess.Popen(
            [
                sys.executable,
                "-I",
                str(CHILD_SCRIPT),
                str(theirs.fileno()),
                str(self.store_dir),
                json.dumps(self.prefixes),
                str(os.getpid()),
            ],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        theirs.close()
        return _Child(process=process, connection=ours)

    def _wait_until_ready(self, child: _Child) -> None:
        """Read the child's greeting: it has opened the store, or says why it could not."""
        try:
            greeting = child.connection.recv() if child.connection.poll(START_SECONDS) else None
        except (EOFError, OSError):
            greeting = None
        if not isinstance(greeting, dict) or not greeting.get("ready"):
            reason = greeting.get("message") if isinstance(greeting, dict) else None
            child.stop()
            self._child = None
            raise ChildStartError(
                f"the query process could not start: {reason or 'it exited before it was ready'}"
            )
        child.ready = True
