"""The authorization matrix, part "grants": one viewer per care kind, linked with that kind
only, trying the care routes (tests/core/authz_matrix.py)."""

from __future__ import annotations

import pytest

from tests.core.authz_matrix import check_role, roles_in

pytestmark = pytest.mark.django_db

PART = "grants"


@pytest.mark.parametrize("role", roles_in(PART))
def test_the_matrix(world, document, role):
    check_role(world, document, role)
