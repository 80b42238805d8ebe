"""Hypothesis over the import door of the API: random mutations of a real export of every kind.

A person with every kind of data (the demo generators, three days) is exported through
GET /api/v1/account/export; each example mutates that file (a field deleted, a value of another
type, a huge string, a list reordered, a record duplicated, the file cut short; one to three at
once, anywhere in the document) and uploads it to POST /api/v1/account/import for another
person. Whatever the mutation, the answer is 200 or a clear refusal (422 with one sentence per
problem, or 413), never a 5xx; a refusal leaves every row of the importer unchanged, and a file
that was accepted, sent again, adds nothing.

tests/portability covers single fields of check-ins through `import_file`; this covers every
kind and every field through the API. FUZZ_IMPORT_EXAMPLES raises the number of files (25).
"""

from __future__ import annotations

import copy
import json
import os
import random

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from feelmap.accounts.models import ApiToken
from tests.digest import person_digest

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_IMPORT_EXAMPLES", "25"))
MUTATIONS = ("delete", "retype", "huge", "reorder", "duplicate", "truncate")

OTHER_TYPES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(["", "\x00", "\ud800", "9" * 400, "2026-02-30T25:00:00Z"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _nodes(value, path=()) -> list[tuple]:
    """Every place in the document: the path of keys and indexes to it."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _nodes(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _nodes(inner, (*path, index))
    return found


def _parent(doc, path):
    for step in path[:-1]:
        doc = doc[step]
    return doc


def _mutate(doc, kind: str, path: tuple, draw) -> None:
    parent, last = _parent(doc, path), path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "retype":
        parent[last] = draw(OTHER_TYPES)
    elif kind == "huge":
        parent[last] = draw(st.sampled_from(["x", "é", "\u202e", " "])) * draw(
            st.integers(10_000, 2_000_000))
    elif kind in ("reorder", "duplicate"):
        target = parent if isinstance(parent, list) else parent[last]
        if isinstance(target, list) and target:
            if kind == "reorder":
                random.Random(draw(st.integers(0, 1000))).shuffle(target)
            else:
                target.append(copy.deepcopy(target[draw(st.integers(0, len(target) - 1))]))
        elif isinstance(target, dict):  # a record's keys in another order: still the record
            items = list(target.items())
            random.Random(draw(st.integers(0, 1000))).shuffle(items)
            target.clear()
            target.update(items)


@pytest.fixture
def exported(person) -> bytes:
    from feelmap.core.management.commands.demo import DEMO_PARTS
    from feelmap.journal import services as journal
    from feelmap.journal.schemas import JournalEntryIn
    from feelmap.safety.plan import empty_plan
    from feelmap.safety.services import save_plan

    rng = random.Random(3)
    for dotted in DEMO_PARTS:
        __import__(dotted, fromlist=["generate"]).generate(
            person, days=3, per_day=1, rng=rng, progress=lambda *a: None)  # days=1 is today 20:15
    journal.create_entry(owner=person, data=JournalEntryIn(title="Rain", body="A grey walk."))
    plan = empty_plan()
    plan[next(iter(plan))] = ["Walk to the river"]
    save_plan(person, plan, shared=False, based_on=None)
    client = Client()
    client.force_login(person)
    response = client.get("/api/v1/account/export?format=json")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_mutated_exports_are_imported_whole_or_refused_with_nothing_changed(
        exported, other_person):
    document = json.loads(exported)
    kinds_in_file = [k for k, rows in document["data"].items() if rows]
    assert len(kinds_in_file) >= 8, kinds_in_file  # the file has every kind worth mutating
    nodes = _nodes(document)
    api = Client()
    _token, raw = ApiToken.issue(other_person)
    api.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    seen: dict[str, int] = {}

    def upload(data: bytes):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return api.post("/api/v1/account/import",
                        {"file": SimpleUploadedFile("export.json", data, "application/json")})

    @given(data=st.data())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def check(data):
        doc = copy.deepcopy(document)
        chosen = data.draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3),
                           label="mutations")
        cut = None
        for kind in chosen:
            if kind == "truncate":
                cut = data.draw(st.integers(0, len(exported) - 2), label="cut")
                continue
            places = _nodes(doc) or nodes
            path = places[data.draw(st.integers(0, len(places) - 1), label="where")]
            _mutate(doc, kind, path, data.draw)
        sent = json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
        if cut is not None:
            sent = sent[:cut]
        with transaction.atomic():  # each file meets the same empty account
            before = person_digest(other_person)
            response = upload(sent)
            status = response.status_code
            seen[str(status)] = seen.get(str(status), 0) + 1
            assert status in (200, 413, 422), (chosen, status, response.content[:300])
            if status != 200:
                body = response.json()
                problems = body.get("problems") or [m for ms in body.get("fields", {}).values()
                                                    for m in ms]
                assert problems and all(isinstance(p, str) and p.strip() for p in problems)
                assert person_digest(other_person) == before, (chosen, problems[:3])
            else:
                again = upload(sent)
                assert again.status_code == 200, again.content[:300]
                assert not any(again.json()["added"].values()), (chosen, again.json())
            transaction.set_rollback(True)

    check()
    assert seen.get("422"), seen  # the mutations did reach the refusals
