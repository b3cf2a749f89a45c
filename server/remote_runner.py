"""The endpoint's queries sent to a remote store, within the time limit the store and the HTTP wait both keep."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import BadInputError, StoreError, StoreSwitchingError
from kg.remote_store import RemoteStore
from server.graph import GraphService
from server.sparql_child import QueryAnswer, QueryJob, write_result


@dataclass
class RemoteQueryRunner:
    """Runs each job on this process's connection to the remote store (no query child is needed:
    the store stops a query at the limit, and the connection gives up a few seconds after it)."""

    graph: GraphService
    timeout: float

    def run(self, job: QueryJob) -> QueryAnswer:
        """The store's answer to `job`, written as the job asks; 400 for a bad query, 503 when the
        store is unreachable, failing or past the time limit. A store in the middle of a switch
        raises StoreSwitchingError, answered by the app's handler (503 with Retry-After)."""
        store = self.graph.store
        assert isinstance(store, RemoteStore)
        try:
            result = store.run(
                job.query,
                default_graphs=job.default_graphs,
                named_graphs=job.named_graphs,
                base_iri=job.base_iri,
                timeout=self.timeout,
            )
        except BadInputError as error:
            return QueryAnswer.failure(400, str(error))
        except StoreSwitchingError:
            raise
        except StoreError as error:
            return QueryAnswer.failure(503, str(error))
        return write_result(result, job)

    @property
    def child_pid(self) -> int | None:
        """No child process: queries run in the store."""
        return None

    def stop(self) -> None:
        """Close this process's connection to the store."""
        self.graph.store.close()
