"""Production hashes passwords with Django's Argon2id at Django's own cost; the suite uses a
cheap Argon2id (tests/hashers.py) so that making accounts does not dominate its time."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher, identify_hasher
from django.urls import reverse

import feelmap.settings as production
from feelmap.accounts.models import User

PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_production_hashes_with_djangos_argon2id_first():
    assert production.PASSWORD_HASHERS == PRODUCTION_HASHERS
    assert Argon2PasswordHasher.memory_cost >= 19 * 1024 and Argon2PasswordHasher.time_cost >= 2
    assert PBKDF2PasswordHasher.iterations >= 600_000


def test_an_account_made_with_the_production_hashers_stores_argon2id_at_full_cost(db, settings, client):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = User.objects.create_user(username="fern", password="a slow green hill 7")
    hasher = identify_hasher(user.password)
    assert type(hasher) is Argon2PasswordHasher
    assert "$argon2id$" in user.password
    assert f"m={Argon2PasswordHasher.memory_cost},t={Argon2PasswordHasher.time_cost}" in user.password
    login = reverse("accounts:login")
    wrong = client.post(login, {"username": "fern", "password": "a slow green hill 8"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = client.post(login, {"username": "fern", "password": "a slow green hill 7"})
    assert right.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_the_suites_quick_hash_is_still_argon2id(db):
    user = User.objects.create_user(username="moss", password="a quick grey stone 3")
    assert user.password.startswith("argon2$argon2id$")
    assert "m=8,t=1,p=1" in user.password
    assert user.check_password("a quick grey stone 3")
