"""Random dates, numbers and strings to every JSON write endpoint, then every page: no 5xx.

Issue 12: one request must never break a person's pages. The write endpoints come from the
OpenAPI document, so an endpoint added later is covered without touching this file. Each
generated body fills the declared fields with values of the declared type (dates from year 1
to 9999 with odd offsets, huge numbers, text with control characters and lone surrogates) or
of another type. After each round of writes every page of that person is loaded, and every
list and detail in the API is read back.

Run alone with `pytest -m fuzz tests/api/test_fuzz_writes.py`; FUZZ_WRITE_ROUNDS raises the
number of rounds (default 20, each about 10 writes and 60 reads).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from feelmap.accounts.models import ApiToken
from feelmap.assessments.instruments import KEYS

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

ROUNDS = int(os.environ.get("FUZZ_WRITE_ROUNDS", "20"))
WRITE_METHODS = {"post", "put", "patch"}
# Pages that are not "this person's pages": signing out, one-time links, the health probe.
SKIP_PAGES = ("accounts/logout/", "accounts/invite/", "healthz")
# HTML pages for one object, by the API collection its id came from.
DETAIL_PAGES = {
    "/api/v1/checkins": "/checkin/{id}/",
    "/api/v1/journal/entries": "/journal/{id}/",
    "/api/v1/practices/sessions": "/practice/sessions/{id}/",
    "/api/v1/assessments/responses": "/measures/r/{id}/",
}


def _document() -> dict:
    from feelmap.api.urls import api

    return api.get_openapi_schema()


DOCUMENT = _document()


def _write_operations() -> list[tuple[str, str, dict]]:
    found = []
    for path, methods in DOCUMENT["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if method in WRITE_METHODS and body:
                found.append((method, path, body["schema"]))
    return sorted(found, key=lambda found: (found[1], found[0]))


WRITES = _write_operations()


def _list_reads() -> list[str]:
    return sorted(
        path for path, methods in DOCUMENT["paths"].items()
        if "get" in methods and "{" not in path and not path.endswith("openapi.json")
    )


def _pages() -> list[str]:
    """Every page without parameters, plus each questionnaire's pages."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    pages = [
        "/" + path for path in walk(get_resolver().url_patterns)
        if "<" not in path and not path.startswith("api/") and not path.startswith(SKIP_PAGES)
    ]
    today = datetime.now(UTC)
    pages += [f"/measures/{key}/" for key in KEYS] + [f"/measures/{key}/history/" for key in KEYS]
    pages += [f"/checkin/calendar/{today.year}/{today.month}/", "/checkin/timeline/?day=2000-01-01"]
    return sorted(set(pages))


PAGES = _pages()


# --- values ------------------------------------------------------------------------------

ZONES = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-14)),
     timezone(timedelta(minutes=30)), timezone(timedelta(hours=5, minutes=45))]
)
ODD_DATES = st.sampled_from(
    ["0001-01-01T00:00:00+00:30", "9999-12-31T23:59:59-14:00", "1999-12-31T23:59:59Z",
     "2020-02-30T10:00:00Z", "2024-01-01", "2024-01-01T25:00:00Z", "", "now", "1e10"]
)
DATES = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=ZONES)
    .map(lambda moment: moment.isoformat()),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1), timezones=ZONES)
    .map(lambda moment: moment.isoformat()),
    ODD_DATES,
)
NUMBERS = st.one_of(
    st.integers(min_value=-10, max_value=110),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([2**63, -(2**63) - 1, 10**20, 1e308, -0.0, 0.5]),
)
ODD_STRINGS = st.sampled_from(
    ["\ud800", "a\udfffb", "\u202eevil", "nul\x00byte", "²", "1" * 5000, "[" * 5000,
     "<script>alert(1)</script>", "  ", "I want to end my life", "0", "true", "null"]
)
STRINGS = st.one_of(st.text(max_size=40), ODD_STRINGS, ODD_STRINGS)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, STRINGS, DATES)


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = DOCUMENT["components"]["schemas"][name]
    return schema


def values_for(schema: dict, depth: int = 0, *, tame: bool = False) -> st.SearchStrategy:
    """Values for one declared field: mostly plausible ones within its bounds (so writes get
    stored and later read back), often ones at or past its bounds, now and then another type.
    `tame`: plausible values only (the other fields of a body with one field under attack)."""
    schema = _resolve(schema)
    if depth > 4:
        return SCALARS
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return st.one_of([values_for(option, depth + 1, tame=tame) for option in options])
    kind = schema.get("type")
    plausible: st.SearchStrategy | None = None
    if "enum" in schema or "const" in schema:
        typed = st.sampled_from(schema.get("enum") or [schema["const"]])
    elif kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        typed = st.fixed_dictionaries(
            {k: values_for(v, depth + 1, tame=tame) for k, v in properties.items() if k in required},
            optional={
                k: values_for(v, depth + 1, tame=tame)
                for k, v in properties.items() if k not in required
            },
        )
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and not properties:
            keys = st.integers(1, 30).map(str)
            if not tame:
                keys = st.one_of(keys, keys, STRINGS)
            typed = st.dictionaries(keys, values_for(extra, depth + 1, tame=tame), max_size=30)
        if depth == 0 or tame:
            return typed
    elif kind == "array":
        typed = st.lists(values_for(schema.get("items", {}), depth + 1, tame=tame), max_size=5)
    elif kind == "string" and schema.get("format") in ("date-time", "date"):
        typed = DATES
        plausible = st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime.now() - timedelta(days=1),
            timezones=ZONES.filter(lambda zone: zone is not None),
        ).map(lambda moment: moment.isoformat())
    elif kind == "string":
        typed = STRINGS
        plausible = st.text(min_size=1, max_size=min(schema.get("maxLength", 40), 40))
    elif kind in ("integer", "number"):
        typed = NUMBERS
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None or high is not None:
            low = -1000 if low is None else low
            high = low + 1000 if high is None else high
            plausible = (
                st.integers(int(low), int(high)) if kind == "integer"
                else st.floats(low, high, allow_nan=False)
            )
    elif kind == "boolean":
        typed = st.booleans()
    else:
        return SCALARS
    plausible = plausible if plausible is not None else typed
    if tame:
        return plausible
    return st.one_of(plausible, plausible, typed, SCALARS)


@st.composite
def bodies(draw, schema: dict) -> dict:
    """Half the time anything goes in every field; otherwise one field is attacked and only the
    required others are sent, with plausible values, so the odd value meets the code past the
    other fields' checks (and may be stored)."""
    schema = _resolve(schema)
    properties = schema.get("properties", {})
    if not properties or draw(st.booleans()):
        return draw(values_for(schema))
    required = set(schema.get("required", []))
    attacked = draw(st.sampled_from(sorted(properties)))
    body = {}
    for key, field in properties.items():
        if key != attacked and key not in required:
            continue  # left out: fewer plausible-looking values that are still wrong
        body[key] = draw(values_for(field, 1, tame=key != attacked))
    return body


BODIES = {(method, path): bodies(schema) for method, path, schema in WRITES}


# --- the test ----------------------------------------------------------------------------


def _collection(path: str) -> str:
    return re.sub(r"/\{[^}]+\}.*$", "", path)


def _is_server_error(response) -> bool:
    return response.status_code >= 500


@pytest.fixture
def clients(person):
    api = Client()
    _token, raw = ApiToken.issue(person)
    api.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    pages = Client()
    pages.force_login(person)
    return api, pages


def test_the_write_endpoints_are_found_in_the_document():
    found = {(method, path) for method, path, _schema in WRITES}
    assert ("put", "/api/v1/safety/plan") in found
    assert ("post", "/api/v1/assessments/responses") in found
    assert len(found) >= 8
    assert "/measures/phq9/history/" in PAGES and "/safety/plan/" in PAGES


def test_random_writes_never_break_a_page(clients):
    api, pages = clients
    created: dict[str, list[str]] = {}

    @given(data=st.data())
    @settings(
        max_examples=ROUNDS,
        deadline=None,  # a round is ~65 requests; the round count bounds the time
        database=None,
        derandomize=True,  # the same rounds each run, so a failure can be replayed
        suppress_health_check=list(HealthCheck),
        # Rounds build on what earlier ones stored, so a failing round cannot be shrunk alone:
        # report it as found, with every broken request listed.
        phases=[Phase.explicit, Phase.generate],
    )
    def round_of_writes(data):
        for method, path, _schema in WRITES:
            target = path
            for name in re.findall(r"\{([^}]+)\}", path):
                known = created.get(_collection(path), [])
                pick = data.draw(st.integers(0, 10_000), label=name)
                chosen = known[pick % len(known)] if known else str(uuid.UUID(int=pick))
                target = target.replace("{" + name + "}", chosen)
            body = data.draw(BODIES[(method, path)], label=f"{method.upper()} {path}")
            response = getattr(api, method)(
                target, json.dumps(body), content_type="application/json"
            )
            if _is_server_error(response):
                broken.append(f"{method.upper()} {target} {body!r:.300} -> {response.status_code}")
            elif response.status_code in (200, 201) and "{" not in path:
                answer = response.json()
                if isinstance(answer, dict) and "id" in answer:
                    created.setdefault(path, []).append(answer["id"])
        reads = list(PAGES) + _list_reads()
        for collection, ids in created.items():
            reads += [f"{collection}/{i}" for i in ids[-3:]]
            if collection in DETAIL_PAGES:
                reads += [DETAIL_PAGES[collection].format(id=i) for i in ids[-3:]]
        for url in reads:
            client = api if url.startswith("/api/") else pages
            response = client.get(url)
            if _is_server_error(response):
                broken.append(f"GET {url} -> {response.status_code}")

    broken: list[str] = []
    round_of_writes()
    # Every 5xx of every round at once: one bad write often breaks several pages after it.
    assert not broken, "\n".join(dict.fromkeys(broken))
