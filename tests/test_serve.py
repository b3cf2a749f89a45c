"""`kg serve` under gunicorn: one request at a time per worker, connections kept alive between requests."""

from __future__ import annotations

import http.client
from urllib.parse import urlparse


def test_a_connection_is_kept_alive_between_requests(live_server: str) -> None:
    address = urlparse(live_server)
    assert address.hostname is not None and address.port is not None
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", "/health")
        first = connection.getresponse()
        first.read()
        assert first.status == 200 and not first.will_close
        opened = connection.sock
        connection.request("GET", "/sparql?query=ASK%7B%7D", headers={"Accept": "application/json"})
        second = connection.getresponse()
        second.read()
        assert second.status == 200
        assert connection.sock is opened  # the same TCP connection answered both
    finally:
        connection.close()
