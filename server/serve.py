"""Run the app under gunicorn: a real multi-worker server bound to the configured address."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from kg.settings import Settings
from server import create_app
from server.page_index_build import prepare_page_index

KEEPALIVE_SECONDS = 15


class PublisherServer(BaseApplication):  # type: ignore[misc]
    """gunicorn configured from our settings, serving `create_app(settings)`.

    The app is created once in the arbiter (preload), so a missing or broken build fails before any
    worker starts, and the release's page index is made before they start (once per release); each
    worker then opens its own read-only handle on the on-disk store.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.application = create_app(settings)
        prepare_page_index(self.application)
        super().__init__()

    def load_config(self) -> None:
        options: dict[str, Any] = {
            "bind": f"{self.settings.host}:{self.settings.port}",
            "workers": self.settings.workers,
            # One request at a time per worker, as sync workers, but connections are kept alive: a
            # client's next request skips the TCP handshake. Measured against sync workers and 2 or
            # 4 threads: as many pages a second at c=8 (a page is CPU), lookups as fast or faster
            # (docs/benchmark.md, What limits us).
            "worker_class": "gthread",
            "threads": 1,
            "keepalive": KEEPALIVE_SECONDS,
            "preload_app": True,
            "timeout": int(self.settings.query_timeout) + 15,
            "graceful_timeout": 10,
            "accesslog": "-",
            "limit_request_line": 8190,
        }
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def serve(settings: Settings) -> None:
    """Serve until interrupted."""
    PublisherServer(settings).run()
