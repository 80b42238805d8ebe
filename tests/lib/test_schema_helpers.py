"""The small helpers apps build their schemas, forms and lists from."""

from datetime import UTC, datetime
from typing import Annotated

import pytest
from django import forms
from pydantic import Field

from feelmap.lib.forms import SchemaErrorsForm
from feelmap.lib.validation import NOT_BOOL_OR_FLOAT, CleanText, InputSchema, said, validate


class Sample(InputSchema):
    minutes: Annotated[int, Field(ge=1, le=10), NOT_BOOL_OR_FLOAT, said("From 1 to 10, please.")]
    title: Annotated[CleanText, Field(max_length=3), said("Short, please.",
                                                            only=("string_too_long", "too_long"))] = ""


@pytest.mark.parametrize("value", [True, 2.0, 2.5, "2.0", "", "x", 0, 11, "99999999999999999999"])
def test_whole_numbers_refuse_booleans_floats_and_odd_text_with_one_message(value):
    obj, errors = validate(Sample, {"minutes": value})
    assert obj is None and errors == {"minutes": ["From 1 to 10, please."]}


@pytest.mark.parametrize(("value", "expected"), [(3, 3), ("3", 3), (" 10 ", 10)])
def test_whole_numbers_read_form_text(value, expected):
    obj, errors = validate(Sample, {"minutes": value})
    assert errors == {} and obj is not None and obj.minutes == expected


def test_said_only_replaces_the_named_problems():
    _, errors = validate(Sample, {"minutes": 1, "title": "long"})
    assert errors == {"title": ["Short, please."]}
    _, errors = validate(Sample, {"minutes": 1, "title": 5})
    assert errors["title"] != ["Short, please."]


def test_bounds_stay_in_the_json_schema():
    props = Sample.model_json_schema()["properties"]
    assert (props["minutes"]["minimum"], props["minutes"]["maximum"]) == (1, 10)
    assert props["title"]["maxLength"] == 3


class NoteForm(SchemaErrorsForm):
    field_for = {"steps": "note"}
    note = forms.CharField(required=False)


def test_schema_errors_form_places_messages_and_keeps_what_was_typed():
    form = NoteForm({"note": "typed"})
    form.show({"note": ["Say more."], "steps.0": ["Too long."], "other": ["Odd."]})
    assert form.errors["note"] == ["Say more.", "Too long."]
    assert form.non_field_errors() == ["Odd."]
    assert form["note"].value() == "typed"


@pytest.mark.django_db
def test_readable_page_skips_only_the_rows_that_cannot_be_read(person):
    from django.db import connection

    from feelmap.journal.models import JournalEntry
    from feelmap.lib.readable import readable_page

    made = [JournalEntry.objects.create(owner=person, body=f"entry {i}",
                                        written_at=datetime(2024, 1, i + 1, tzinfo=UTC))
            for i in range(4)]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE journal_journalentry SET body = 'fernet:broken' WHERE id = %s",
                       [made[1].pk])
    rows = readable_page(JournalEntry.objects.filter(owner=person).order_by("written_at"), 0, 3)
    assert [r.body for r in rows] == ["entry 0", "entry 2"]
    rows = readable_page(JournalEntry.objects.filter(owner=person).order_by("written_at"), 2, 5)
    assert [r.body for r in rows] == ["entry 2", "entry 3"]
