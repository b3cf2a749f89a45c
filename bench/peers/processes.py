"""Start a peer's server process in its own session, and stop it with all its children."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench.processes import NO_MEMORY, Memory, memory_of_tree

STOP_SECONDS = 20.0


def launch(
    command: list[str], log: Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Run `command` in a new session (its own process group), output to `log`."""
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def terminate(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group we started, then SIGKILL it if it has not exited in time."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        process.wait()


@dataclass
class ServerProcess:
    """What a peer that runs a server keeps: its process and its temporary directory, both gone at stop."""

    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False, kw_only=True)
    _directory: Path | None = field(default=None, repr=False, kw_only=True)

    def memory(self) -> Memory:
        return NO_MEMORY if self._process is None else memory_of_tree(self._process.pid)

    def stop(self) -> None:
        if self._process is not None:
            terminate(self._process)
            self._process = None
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None
