"""Virtuoso 7 from Debian's packages: its own config on loopback, a temporary database, bulk-loaded TriG."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.http_client import HttpClient, Reply
from bench.peers.base import PeerStartError, answers, free_port, wait_until
from bench.peers.processes import ServerProcess, launch, terminate

PACKAGE = "virtuoso-opensource-7-bin"
SERVER = "virtuoso-t"
ISQL = "isql-vt"
UNION_GRAPH = "urn:bench:union"
START_SECONDS = 120.0
LOAD_SECONDS = 3600.0
BUFFERS_PER_TRIPLE = (
    0.1  # 8 kB pages: 100000 (800 MB) at 1M triples; Virtuoso's guide: 170000 per 2 GB
)

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 20
CheckpointInterval = 0
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {data_dir}
MaxQueryMem = 2G

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 10
MaxClientConnections = 10
KeepAliveTimeout = 10
MaxKeepAlives = 10

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""

# rdf_loader_run() puts the session's logging back as it found it, so the union's one INSERT runs
# without the transaction log again: with it, its after-image outgrows Virtuoso's limit at 10M triples
# ("SR325: Transaction aborted because it's log after image size went above the limit").
LOAD_SCRIPT = """\
log_enable(2, 1);
ld_dir('{data_dir}', '{file_name}', '{union}');
rdf_loader_run();
SELECT concat('LOAD', '-ERROR ', ll_file, ': ', ll_error) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;
log_enable(2, 1);
INSERT SOFT DB.DBA.RDF_QUAD (G, S, P, O)
  SELECT iri_to_id('{union}'), S, P, O FROM DB.DBA.RDF_QUAD WHERE id_to_iri(G) LIKE '{base}%';
checkpoint;
"""


@dataclass
class VirtuosoClient:
    """Virtuoso's /sparql; the default graph is the union graph, except for queries that name graphs.

    Virtuoso's `define input:default-graph-uri` also empties the named graphs (as FROM does), so a
    query with GRAPH is sent as it is: it reads only the named graphs it names.
    """

    http: HttpClient

    def query(self, sparql: str, accept: str) -> Reply:
        if "GRAPH" not in sparql:
            sparql = f"define input:default-graph-uri <{UNION_GRAPH}>\n{sparql}"
        return self.http.query(sparql, accept)

    def get(self, path: str, accept: str) -> Reply:
        return Reply(404, b"Virtuoso serves no pages of ours")

    def close(self) -> None:
        self.http.close()


def ensure_installed() -> None:
    """Install Debian's Virtuoso 7 if its server is missing; PeerStartError if that cannot be done."""
    if shutil.which(SERVER) and shutil.which(ISQL):
        return
    if shutil.which("apt-get") is None:
        raise PeerStartError(
            "virtuoso", f"{SERVER} is not installed and there is no apt-get to install {PACKAGE}"
        )
    install = subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", PACKAGE],
        capture_output=True,
        text=True,
        check=False,
    )
    if install.returncode != 0 or not shutil.which(SERVER):
        last = (install.stderr or install.stdout).strip().splitlines()[-1:] or ["no output"]
        raise PeerStartError(
            "virtuoso", f"apt-get install {PACKAGE} failed ({last[0]}); run apt-get update first?"
        )


@dataclass(frozen=True)
class VirtuosoServer:
    """A running virtuoso-t: its process, its SPARQL (HTTP) and SQL ports on 127.0.0.1, its log."""

    process: subprocess.Popen[bytes]
    http_port: int
    sql_port: int
    log: Path

    @property
    def sparql_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"


def start_server(
    directory: Path, buffers: int = 20_000, data_dir: Path | None = None, name: str = "virtuoso"
) -> VirtuosoServer:
    """Install Virtuoso if needed, start it on free loopback ports with its database in `directory`
    (DBA password `dba`), and wait until /sparql answers; PeerStartError if it cannot."""
    ensure_installed()
    sql_port, http_port = free_port(), free_port()
    ini = INI.format(
        db=directory, sql_port=sql_port, http_port=http_port, buffers=buffers,
        dirty=buffers * 3 // 4, data_dir=data_dir or directory,
    )  # fmt: skip
    (directory / "virtuoso.ini").write_text(ini, encoding="utf-8")
    log = directory / "server.log"
    process = launch([SERVER, "-f", "-c", "virtuoso.ini"], log, cwd=directory)
    probe = f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D"
    try:
        wait_until(lambda: answers(probe), lambda: process.poll() is None, START_SECONDS, name, log)
    except PeerStartError:
        terminate(process)
        raise
    return VirtuosoServer(process, http_port, sql_port, log)


@dataclass
class Virtuoso(ServerProcess):
    """virtuoso-t in the foreground with a config of its own, on free loopback ports."""

    base: str
    triples: int = 1_000_000
    name: str = "virtuoso"
    label: str = "Virtuoso 7"
    max_triples: int | None = None
    skip_reason: str = ""
    http_port: int = 0

    def start(self, data: Path) -> float:
        self._directory = Path(tempfile.mkdtemp(prefix="bench-virtuoso-"))
        began = time.monotonic()
        buffers = max(20_000, int(self.triples * BUFFERS_PER_TRIPLE))
        server = start_server(self._directory, buffers, data.resolve().parent, self.name)
        self._process, self.http_port = server.process, server.http_port
        self._bulk_load(data, server.sql_port)
        return time.monotonic() - began

    def _bulk_load(self, data: Path, sql_port: int) -> None:
        assert self._directory is not None
        script = LOAD_SCRIPT.format(
            data_dir=data.resolve().parent, file_name=data.name, union=UNION_GRAPH, base=self.base
        )
        path = self._directory / "load.sql"
        path.write_text(script, encoding="utf-8")
        try:
            run = subprocess.run(
                [ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", str(path)],
                capture_output=True, text=True, timeout=LOAD_SECONDS, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise PeerStartError(
                self.name, f"bulk load still running after {LOAD_SECONDS:.0f} s"
            ) from None
        output = run.stdout + run.stderr
        if (
            run.returncode != 0
            or "*** Error" in output
            or "LOAD-ERROR" in output.replace("'LOAD-ERROR'", "")
        ):
            lines = [
                line for line in output.splitlines() if "Error" in line or "LOAD-ERROR" in line
            ]
            raise PeerStartError(
                self.name, f"bulk load failed: {' | '.join(lines[:3]) or output[-300:]}"
            )

    def connect(self) -> VirtuosoClient:
        if not self.http_port:
            raise PeerStartError(self.name, "not started")
        return VirtuosoClient(HttpClient(self.http_port))
