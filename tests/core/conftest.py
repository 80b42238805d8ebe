"""Fixtures of the authorization matrix (tests/core/authz_matrix.py), one world per module."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.core.authz_matrix import owner_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The owner's world, built once for the module's tests inside a transaction of its own
    that is rolled back at the end (each request runs in a savepoint, also rolled back)."""
    with django_db_blocker.unblock(), owner_world() as built:
        yield built


@pytest.fixture(scope="module")
def document(world):
    client = Client()
    client.force_login(world.owner)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()
