"""A keep-alive HTTP client for one thread (http.client), reconnecting when the server closed the connection."""

from __future__ import annotations

import http.client
import urllib.parse
from dataclasses import dataclass, field

RECOVERABLE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class Reply:
    """What a peer answered: status, body and content type (an error's body is its message)."""

    status: int
    body: bytes
    content_type: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class HttpClient:
    """GET requests to one loopback server over one persistent connection."""

    port: int
    sparql_path: str = "/sparql"
    timeout: float = 60.0
    host: str = "127.0.0.1"
    _connection: http.client.HTTPConnection | None = field(default=None, repr=False)

    def query(self, sparql: str, accept: str) -> Reply:
        """A SPARQL query by the protocol's GET form."""
        return self.get(f"{self.sparql_path}?{urllib.parse.urlencode({'query': sparql})}", accept)

    def get(self, path: str, accept: str) -> Reply:
        """GET a path; one retry when a reused connection turns out to be closed."""
        try:
            return self._get_once(path, accept)
        except RECOVERABLE:
            self.close()
            return self._get_once(path, accept)

    def _get_once(self, path: str, accept: str) -> Reply:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
        self._connection.request("GET", path, headers={"Accept": accept})
        response = self._connection.getresponse()
        body = response.read()
        if response.will_close:
            self.close()
        return Reply(response.status, body, response.getheader("Content-Type", ""))

    def download(self, path: str, chunk: int = 1 << 16) -> tuple[int, int]:
        """GET a large file, reading and dropping it chunk by chunk: (status, bytes received)."""
        self.close()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request("GET", path, headers={"Accept": "*/*"})
            response = connection.getresponse()
            size = 0
            while data := response.read(chunk):
                size += len(data)
            return response.status, size
        finally:
            connection.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
