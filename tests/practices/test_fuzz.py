"""Random input to every journal and practice write, then every page of that person: no 5xx.

Dates from year 1 to 9999 with any offset, numbers far outside any bound, booleans where
numbers go, text with controls, direction overrides and lone surrogates, deep lists.
"""

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db


def _moment(args):
    when, minutes = args
    try:
        return when.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat()
    except ValueError:
        return when.isoformat()


moments = st.tuples(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.integers(min_value=-14 * 60 + 1, max_value=14 * 60 - 1),
).map(_moment)
texts = st.text(
    alphabet=st.characters(codec=None, categories=None, exclude_categories=()), max_size=40
) | st.sampled_from(["\ud800", "a\u202eb", "\x00", "sad", "box", "music-hum", "new"])
scalars = (
    st.none() | st.booleans() | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False) | texts | moments
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(texts, inner, max_size=3), max_leaves=6)

JOURNAL_FIELDS = ["prompt_id", "title", "body", "steps", "labels", "minutes_spent", "written_at"]
DRAFT_FIELDS = ["key", "prompt_id", "title", "body", "steps", "labels", "label_sources",
                "minutes_spent"]
SESSION_FIELDS = ["kind", "pattern", "minutes", "scan", "activity_id", "started_at", "ended_at",
                  "completed_at", "what_noticed", "nothing_noticed", "quiet_regions",
                  "before_checkin"]


def payloads(fields, base):
    """A valid payload with a few fields replaced by anything (or an unknown field added)."""
    changes = st.dictionaries(st.sampled_from(fields) | texts, values, max_size=4)
    return changes.map(lambda c: {**base, **c})


PAGES = ["/", "/journal/", "/journal/write/", "/practice/", "/api/v1/journal/entries",
         "/api/v1/practices/sessions", "/api/v1/practices/plan"]


def _post(client, url, payload, method="post"):
    body = json.dumps(payload)
    return getattr(client, method)(url, body, content_type="application/json")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entry=payloads(JOURNAL_FIELDS, {"body": "I felt sad.", "labels": ["sad"]}),
       draft=payloads(DRAFT_FIELDS, {"body": "half"}),
       session=payloads(SESSION_FIELDS, {"kind": "senses", "activity_id": "music-hum"}),
       text=values)
def test_random_writes_never_give_a_server_error_and_every_page_still_loads(
    person_client, entry, draft, session, text
):
    answers = [
        _post(person_client, "/api/v1/journal/entries", entry),
        _post(person_client, "/journal/draft", draft),
        _post(person_client, "/journal/analyse", {"text": text, "labels": text}),
        _post(person_client, "/api/v1/practices/sessions", session),
    ]
    for response, url in ((answers[0], "/api/v1/journal/entries"),
                          (answers[-1], "/api/v1/practices/sessions")):
        if response.status_code == 201:
            again = entry if "journal" in url else session
            answers.append(_post(person_client, f"{url}/{response.json()['id']}", again,
                                 method="patch"))
    for response in answers:
        assert response.status_code < 500, (response.request, response.content[:300])
    for url in PAGES:
        assert person_client.get(url).status_code == 200, url
