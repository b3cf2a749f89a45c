"""HTTP to a SPARQL store: queries on a kept-alive connection, updates with optional digest/basic auth."""

from __future__ import annotations

import http.client
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from kg.errors import BadInputError, StoreError

MESSAGE_LIMIT = 400
# Virtuoso echoes each dataset IRI of a query in a response header (X-SPARQL-named-graph); a release
# has a graph per article, far more than the 100 headers http.client accepts by default.
MAX_HEADERS = 1_000_000
USER_AGENT = "revolving-door-kg"
QUERY_ECHO = (
    "\nSPARQL query:"  # Virtuoso repeats the whole query (and its dataset) after its message
)


@dataclass(frozen=True)
class StoreReply:
    """A store's answer: status, content type (without parameters), headers we read, and the body."""

    status: int
    content_type: str
    body: bytes
    sql_state: str = ""


@dataclass(frozen=True)
class StoreEndpoint:
    """Where a remote SPARQL store answers: its query URL, its update URL, the credentials for
    updates, and its Graph Store Protocol URL if loading should use it."""

    query_url: str
    update_url: str
    user: str = ""
    password: str = field(default="", repr=False)
    gsp_url: str = ""

    @property
    def label(self) -> str:
        """How messages name the store (the query URL; never the password)."""
        return self.query_url


def endpoint_of(
    store: str, update: str = "", user: str = "", password: str = "", gsp: str = ""
) -> StoreEndpoint | None:
    """The remote store the `store` setting names, or None for the embedded store."""
    if not store.startswith(("http://", "https://")):
        return None
    return StoreEndpoint(store, update or store, user, password, gsp)


def store_message(body: bytes) -> str:
    """The store's own error text on one line, cut short."""
    text = body.decode("utf-8", errors="replace").split(QUERY_ECHO)[0]
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


@dataclass
class QueryConnection:
    """One kept-alive HTTP connection to the query URL, reopened once when the store has closed it."""

    url: str
    timeout: float
    _connection: http.client.HTTPConnection | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def post(
        self, form: list[tuple[str, str]], accept: str, timeout: float | None = None
    ) -> StoreReply:
        """POST a form (the SPARQL protocol's query via POST); StoreError when the store cannot answer."""
        body = urllib.parse.urlencode(form).encode("utf-8")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": accept,
            "User-Agent": USER_AGENT,
        }
        allow_many_headers()
        with self._lock:
            for attempt in (1, 2):
                connection = self._open(timeout)
                try:
                    connection.request("POST", self._path(), body=body, headers=headers)
                    response = connection.getresponse()
                    data = response.read()
                except TimeoutError:
                    self.close()
                    raise StoreError(
                        f"the store at {self.url} did not answer within {timeout or self.timeout:g} s"
                    ) from None
                except (http.client.HTTPException, OSError) as error:
                    self.close()
                    if attempt == 2 or isinstance(error, ConnectionRefusedError):
                        raise StoreError(
                            f"the store at {self.url} is unreachable: {error}"
                        ) from None
                    continue
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
                return StoreReply(
                    response.status,
                    content_type.lower(),
                    data,
                    response.getheader("X-SQL-State") or "",
                )
        raise AssertionError("unreachable")

    def _open(self, timeout: float | None) -> http.client.HTTPConnection:
        if self._connection is None:
            parts = urllib.parse.urlsplit(self.url)
            kind = (
                http.client.HTTPSConnection
                if parts.scheme == "https"
                else http.client.HTTPConnection
            )
            self._connection = kind(parts.netloc, timeout=self.timeout)
        self._connection.timeout = timeout or self.timeout
        if self._connection.sock is not None:
            self._connection.sock.settimeout(self._connection.timeout)
        return self._connection

    def _path(self) -> str:
        parts = urllib.parse.urlsplit(self.url)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def allow_many_headers() -> None:
    """Let http.client read a response with as many headers as Virtuoso echoes dataset IRIs."""
    http.client._MAXHEADERS = max(http.client._MAXHEADERS, MAX_HEADERS)  # type: ignore[attr-defined]


def post_update(endpoint: StoreEndpoint, update: str, timeout: float) -> None:
    """Send one SPARQL 1.1 Update request; StoreError with the store's message if it is refused."""
    body = urllib.parse.urlencode({"update": update}).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT}
    send(
        endpoint, urllib.request.Request(endpoint.update_url, body, headers, method="POST"), timeout
    )


def send(endpoint: StoreEndpoint, request: urllib.request.Request, timeout: float) -> None:
    """Send a write to the store with its credentials; StoreError (or BadInputError for a 400) that
    names the URL and says what the store said."""
    url = request.full_url.split("?")[0]
    try:
        with _update_opener(endpoint).open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        message = store_message(error.read())
        if error.code in (401, 403) or "permission" in message.lower():
            raise StoreError(
                f"the store at {url} refused the update ({error.code}): check store_update"
                " (Virtuoso: its /sparql-auth URL), store_gsp, store_user and store_password;"
                f" it says: {message}"
            ) from None
        if error.code == 400:
            raise BadInputError(f"the store at {url} rejected an update: {message}") from None
        raise StoreError(f"the store at {url} failed an update ({error.code}): {message}") from None
    except TimeoutError:
        raise StoreError(
            f"the store at {url} did not finish an update within {timeout:g} s"
        ) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise StoreError(f"the store at {url} is unreachable: {reason}") from None


def post_graph(endpoint: StoreEndpoint, graph: str, ntriples: bytes, timeout: float) -> None:
    """Add N-Triples to `graph` by the Graph Store Protocol (POST); StoreError if it is refused."""
    url = f"{endpoint.gsp_url}?{urllib.parse.urlencode({'graph': graph})}"
    headers = {"Content-Type": "application/n-triples", "User-Agent": USER_AGENT}
    send(endpoint, urllib.request.Request(url, ntriples, headers, method="POST"), timeout)


def _update_opener(endpoint: StoreEndpoint) -> urllib.request.OpenerDirector:
    if not endpoint.user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in (endpoint.update_url, endpoint.gsp_url):
        if url:
            passwords.add_password(None, url, endpoint.user, endpoint.password)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords),
        urllib.request.HTTPBasicAuthHandler(passwords),
    )
