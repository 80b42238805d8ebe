"""The authorization matrix, part "people" (anonymous, the owner, another person, an unlinked
clinician), and the checks that hold the parts together. The machinery and the rules are in
tests/core/authz_matrix.py; the other parts are test_authz_matrix_<part>.py."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.urls import get_resolver

from tests.core.authz_matrix import (
    API_PAGES,
    MARKER,
    PARAM,
    PARTS,
    ROLES,
    _fills,
    _walk,
    api_routes,
    check_role,
    page_routes,
    part_of,
    roles_in,
)

# django_db on the tests makes pytest-django create the test database; the module fixture
# then holds its own transaction around them all.
pytestmark = pytest.mark.django_db

PART = "people"


def test_every_role_is_in_exactly_one_part_and_every_part_runs():
    assert sorted(r for part in PARTS for r in roles_in(part)) == sorted(ROLES)
    assert all(part_of(role) in PARTS for role in ROLES)
    assert all(roles_in(part) for part in PARTS)
    modules = sorted(Path(__file__).parent.glob("test_authz_matrix*.py"))
    run = [importlib.import_module(f"tests.core.{m.stem}").PART for m in modules]
    assert sorted(run) == sorted(PARTS), "each part needs exactly one test_authz_matrix module"


def test_every_parameter_can_be_filled(world, document):
    missing = []
    for route in page_routes() + api_routes(document):
        try:
            _fills(route, world)
        except LookupError as exc:
            missing.append(str(exc))
    assert missing == []


def test_the_api_table_matches_the_openapi_document(document):
    """Every API URL Django serves is in the document, so the API matrix misses none."""
    served = {"/" + p for p, ns, _ in _walk(get_resolver()) if ns == "api"}
    documented = {re.sub(r"\{(\w+)\}", r"<\1>", p) for p in document["paths"]}
    served = {PARAM.sub(lambda m: f"<{m.group(2)}>", p) for p in served}
    assert served - documented <= {"/" + p for p in API_PAGES}


def test_the_owner_has_every_kind_of_record(world):
    for app in ("checkins", "journal", "practices", "saying", "assessments", "heartbeat",
                "safety", "program", "accounts"):
        assert world.ids_by_app.get(app), f"the owner has no {app} record to try doors with"
    assert any(MARKER in s for s in world.secrets)


@pytest.mark.parametrize("role", roles_in(PART))
def test_the_matrix(world, document, role):
    check_role(world, document, role)
