"""A password hasher for the test suite only: Django's Argon2id, with the smallest cost argon2
allows instead of production's 100 MiB and two passes (about 0.2 s of CPU for every account a
test makes or signs in to). Hashes are still argon2id strings that Django's argon2 hasher
verifies (the cost is read from each hash). tests/accounts/test_password_hashing.py checks the
production settings keep Django's Argon2id with its own cost."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB: argon2's minimum for one lane
    parallelism = 1
