import uuid
from datetime import UTC, datetime

from django.template import Context, Template

ROW = {"public_id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
       "occurred_at": datetime(2026, 3, 2, 9, 15, tzinfo=UTC), "kind": "Quick check-in",
       "words": "calm (3/10)", "affect": "", "body": ""}


def checkin_entries(rows, heading=None):
    call = "{% checkin_entries rows %}" if heading is None else "{% checkin_entries rows heading=h %}"
    return Template("{% load checkin_entries %}" + call).render(Context({"rows": rows, "h": heading}))


def test_every_value_is_escaped():
    row = dict(ROW, words='<script>alert("x")</script> & more', body="Chest: 'tight'")
    html = checkin_entries([row], heading=2)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html
    assert "Chest: &#x27;tight&#x27;" in html


def test_a_card_links_to_the_check_in_and_says_when(settings):
    settings.TIME_ZONE = "UTC"
    html = checkin_entries([ROW])
    assert 'href="/checkin/12345678-1234-5678-1234-567812345678/"' in html
    assert ">Monday 2 March 2026, 09:15</a>" in html


def test_optional_facts_appear_only_when_present():
    plain = checkin_entries([ROW])
    assert "<dt>Grid</dt>" not in plain and "<dt>Body</dt>" not in plain
    full = checkin_entries([dict(ROW, affect="Pleasant, calm (2, −1)", body="Chest: warmth")])
    assert "<dt>Grid</dt><dd>Pleasant, calm (2, −1)</dd>" in full
    assert "<dt>Body</dt><dd>Chest: warmth</dd>" in full


def test_the_heading_level_follows_the_page_and_stays_in_range():
    assert '<h2 class="entry-title">' in checkin_entries([ROW], heading=2)
    assert '<h3 class="entry-title">' in checkin_entries([ROW])
    assert '<h6 class="entry-title">' in checkin_entries([ROW], heading=9)
    assert checkin_entries([]).strip() == ""
