"""The authorization matrix, part "linked": a clinician and a trusted person the owner linked
with every grant, and a clinician whose link ended (tests/core/authz_matrix.py)."""

from __future__ import annotations

import pytest

from tests.core.authz_matrix import (
    LINKED,
    VIEWER_ROUTES,
    _run,
    api_routes,
    check_role,
    page_routes,
    roles_in,
)

pytestmark = pytest.mark.django_db

PART = "linked"


@pytest.mark.parametrize("role", roles_in(PART))
def test_the_matrix(world, document, role):
    check_role(world, document, role)


def test_every_viewer_page_was_opened_by_someone_it_was_shared_with(world, document):
    """Runs after the matrix (file order): the viewer routes were really tried open."""
    present = {r.name for r in page_routes() + api_routes(document)} & set(VIEWER_ROUTES)
    assert {"care:person", "care:shared"} <= present
    for role in ("clinician_with_all", "trusted_with_all"):
        if not present <= world.viewer_opened:
            _run(world, role, [r for r in page_routes() + api_routes(document)
                               if r.name in present], document)
    assert world.viewer_opened == present
    assert not [p for p in world.problems if p.split(" ")[0] in LINKED]
