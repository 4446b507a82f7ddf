"""Running a job worker: as its own process (`sparrow worker`) or on a thread beside daphne (`sparrow up`).

Web code and jobs defer through Django's connection (so a job commits with its transaction);
the worker's own bookkeeping (fetching jobs, heartbeats, LISTEN/NOTIFY) needs an async pool,
so it gets an App of its own that shares the registered tasks but not Django's connector.
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import logging
import threading
from collections.abc import Iterable
from typing import Any

from procrastinate import App
from procrastinate.contrib.django import app as django_app
from procrastinate.contrib.django.django_connector import DjangoConnector

logger = logging.getLogger(__name__)

# After a crash of the embedded worker (database restarting, say) it starts again after this.
EMBEDDED_RESTART_SECONDS = 5.0


def tasks_import(modules: Iterable[str]) -> None:
    """Import modules whose tasks are not found by autodiscovery (plugins, the tests' probes)."""
    for module in modules:
        importlib.import_module(module)


def worker_app() -> App:
    """An App with the registered tasks and periodic schedules, on a pool of its own."""
    connector = django_app.connector
    if not isinstance(connector, DjangoConnector):
        raise RuntimeError("procrastinate's Django app is not ready: call django.setup() first")
    worker = App(
        connector=connector.get_worker_connector(),
        import_paths=django_app.import_paths,
        worker_defaults=django_app.worker_defaults,
        periodic_defaults=django_app.periodic_defaults,
    )
    worker.tasks = django_app.tasks
    # Periodic ticks are deferred by the worker itself: through its own pool, not through a
    # Django connection that would stay open on one of asgiref's threads for the process's life.
    for periodic in django_app.periodic_registry.periodic_tasks.values():
        task = copy.copy(periodic.task)
        task.blueprint = worker
        worker.periodic_registry.register_task(
            task=task,
            cron=periodic.cron,
            periodic_id=periodic.periodic_id,
            configure_kwargs=periodic.configure_kwargs,
        )
    return worker


async def _run(name: str, concurrency: int, queues: list[str] | None, signals: bool) -> None:
    app = worker_app()
    options: dict[str, Any] = {"name": name, "concurrency": concurrency, "install_signal_handlers": signals}
    if queues:
        options["queues"] = queues
    async with app.open_async():
        await app.run_worker_async(**options)


def worker_run(*, name: str = "worker", concurrency: int = 1, queues: list[str] | None = None) -> None:
    """Run a worker in the foreground until SIGINT/SIGTERM, which let running jobs finish."""
    asyncio.run(_run(name, concurrency, queues, signals=True))


class EmbeddedWorker:
    """A worker on a daemon thread with its own event loop, for the one-process `sparrow up`."""

    def __init__(self, *, concurrency: int = 1) -> None:
        self.concurrency = concurrency
        self._stopping = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._thread = threading.Thread(target=self._main, name="sparrow-worker", daemon=True)

    def start(self) -> EmbeddedWorker:
        self._thread.start()
        return self

    def _main(self) -> None:
        while not self._stopping.is_set():
            try:
                asyncio.run(self._serve())
            except Exception:  # jobs wait in the database; they run once the worker is back
                logger.exception("embedded job worker failed; restarting")
            self._stopping.wait(EMBEDDED_RESTART_SECONDS)

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.create_task(_run("embedded", self.concurrency, None, signals=False))
        try:
            await self._task
        except asyncio.CancelledError:
            if not self._stopping.is_set():
                raise

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to stop (running jobs are waited for) and wait up to `timeout` seconds.

        A job still running after that is left as it is: the recovery queues it again later.
        """
        self._stopping.set()
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()
