"""Scaffolding for tests of a repair migration: go back to the schema before it, store the bad
rows that schema allowed, then migrate forward (always, so later tests find the full schema)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(target: tuple[str, str]) -> Apps:
    """Migrate the test database to `target` (app, migration); the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_latest() -> None:
    """Migrate the test database forward to every app's last migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def data_versions(user_model: Any) -> dict[int, int]:
    """Everyone's data_version by user pk (the insights read again for a person whose is raised)."""
    return dict(user_model.objects.values_list("pk", "data_version"))


@dataclass
class Migrated:
    apps: Apps


@contextmanager
def across_migration(before: tuple[str, str], after: tuple[str, str]) -> Iterator[Migrated]:
    """Inside: `.apps` holds the models at `before`. On leaving (even on a failure): migrated to
    `after`, and `.apps` holds the models there; then on to every app's last migration, so the
    tests after this one find the whole schema even when later migrations exist."""
    state = Migrated(migrate_to(before))
    try:
        yield state
    finally:
        state.apps = migrate_to(after)
        migrate_to_latest()
