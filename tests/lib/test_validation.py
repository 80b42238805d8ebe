"""The shared validation building blocks: moments in range, clean text, errors by field."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from feelmap.lib.validation import (
    CleanText,
    InputSchema,
    Moment,
    check_moment,
    clean_text,
    errors_by_field,
    validate,
)


class Sample(InputSchema):
    at: Moment
    note: CleanText = ""


NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_moment_in_range_is_returned_in_utc():
    local = datetime(2026, 6, 1, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    assert check_moment(local, now=NOW) == datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(minutes=30))),
        datetime(1999, 12, 31, 23, 59, tzinfo=UTC),
        NOW + timedelta(minutes=6),
        datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-14))),
    ],
)
def test_moment_out_of_range_is_refused(value):
    with pytest.raises(ValueError):
        check_moment(value, now=NOW)


def test_naive_moment_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        check_moment(datetime(2026, 1, 1), now=NOW)


def test_year_one_with_offset_is_a_field_error_not_a_crash():
    obj, errors = validate(Sample, {"at": "0001-01-01T00:00:00+00:30"})
    assert obj is None
    assert list(errors) == ["at"]


def test_clean_text_removes_controls_overrides_and_surrogates_but_keeps_lines():
    assert clean_text("a\x00b\u202ec\ud800d\te\r\nf") == "abcd\te\nf"


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError) as info:
        Sample.model_validate({"at": "2026-01-01T00:00:00Z", "extra": 1})
    assert errors_by_field(info.value) == {"extra": ["Extra inputs are not permitted"]}


def test_schema_cleans_text():
    obj, errors = validate(Sample, {"at": "2026-01-01T00:00:00Z", "note": "  hi\x07 "})
    assert errors == {}
    assert obj is not None and obj.note == "hi"
