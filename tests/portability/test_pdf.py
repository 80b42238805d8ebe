"""The PDF summary: generated, read back with poppler (text, pages, PNG), checked for its
sections and for figures taken from the data; and downloaded from the page, the CLI and the API."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from feelmap.assessments.models import AssessmentResponse
from feelmap.checkins.models import CheckIn
from feelmap.heartbeat.models import HeartbeatSession
from feelmap.insights.report import Period, summary_pdf
from tests.pdf_tools import pdf_pages, pdf_png_stats, pdf_text

from .conftest import add_every_kind

pytestmark = pytest.mark.django_db


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def rich(person):
    add_every_kind(person, days=75)
    return person


def _period() -> Period:
    today = timezone.localdate()
    return Period(min(today - timedelta(days=90), date(2026, 1, 1)), today)


def test_the_summary_has_every_section_and_the_datas_own_figures(rich):
    period = _period()
    data = summary_pdf(rich, period, made_by="Wren")
    assert data.startswith(b"%PDF-")
    text = _squash(pdf_text(data))
    for heading in ("Your Feelmap summary", "Check-ins", "Words used", "Granularity",
                    "Body atlas", "Questionnaires", "Practices", "Heartbeat tasks"):
        assert heading in text, heading
    assert f"Period: {period.start:%d %B %Y} to {period.end:%d %B %Y}" in text
    zone = timezone.get_current_timezone()
    in_period = [c for c in CheckIn.objects.filter(owner=rich)
                 if period.start <= timezone.localtime(c.occurred_at, zone).date() <= period.end]
    days = len({timezone.localtime(c.occurred_at, zone).date() for c in in_period})
    assert f"{len(in_period)} check-ins on {days} of the {period.days} days" in text
    # The latest PHQ-9 total is printed as a figure and in its table.
    phq = (AssessmentResponse.objects.completed().filter(owner=rich, instrument="phq9")
           .order_by("completed_at").last())
    assert phq is not None
    assert f"latest {phq.total:g}" in text
    # The heartbeat task of the fixture, with its accuracy.
    beat = HeartbeatSession.objects.get(owner=rich)
    assert f"accuracy {beat.accuracy:.2f}" in text
    # Each chart is followed by its numbers: the granularity table's header and a window row.
    assert "Window Unpleasant feelings Pleasant feelings" in text
    # Footer on every page, with the page count that pdfinfo reads.
    pages = pdf_pages(data)
    assert pages >= 3
    assert text.count("It is not a diagnosis") == pages
    assert f"Page {pages} of {pages}" in text
    assert "Made by Wren with Feelmap on" in text


def test_the_pages_are_drawn_not_blank(rich):
    data = summary_pdf(rich, _period(), made_by="Wren")
    for page in range(1, min(pdf_pages(data), 4) + 1):
        inked, colours = pdf_png_stats(data, page)
        assert inked > 0.02, f"page {page} looks blank"
        assert colours > 8, f"page {page} has no drawing"


def test_a_period_without_data_says_so(rich):
    data = summary_pdf(rich, Period(date(2001, 1, 1), date(2001, 1, 31)), made_by="Wren")
    text = _squash(pdf_text(data))
    assert "No check-ins in this period." in text
    assert "No questionnaires were completed in this period." in text
    assert "Heartbeat tasks" not in text  # only when there are any
    assert pdf_pages(data) == 1


def test_download_from_the_page(person_client, rich):
    page = person_client.get("/accounts/data/").content.decode()
    assert 'action="/accounts/data/download/pdf/"' in page
    start = (timezone.localdate() - timedelta(days=30)).isoformat()
    response = person_client.get(f"/accounts/data/download/pdf/?start={start}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    body = b"".join(response.streaming_content)
    assert "Your Feelmap summary" in pdf_text(body)


def test_a_bad_period_is_explained_on_the_page(person_client, rich):
    response = person_client.get("/accounts/data/download/pdf/?start=2026-05-02&end=2026-05-01")
    assert response.status_code == 422
    assert "The end date comes before the start date." in response.content.decode()
    response = person_client.get("/accounts/data/download/pdf/?start=1999-12-31")
    assert response.status_code == 422
    assert "from the year 2000" in response.content.decode()


def test_cli_export_pdf(rich, tmp_path):
    target = tmp_path / "summary.pdf"
    call_command("export", rich.username, "--format", "pdf", "-o", str(target),
                 "--start", "2026-01-01")
    text = _squash(pdf_text(target.read_bytes()))
    assert "Period: 01 January 2026 to" in text
    assert "(feelmap export)" in text


def test_api_export_pdf(rich, client):
    from feelmap.accounts.models import ApiToken

    _token, raw = ApiToken.issue(rich, "test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = client.get("/api/v1/account/export?format=pdf&start=2026-01-01", **headers)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert "Heartbeat tasks" in pdf_text(b"".join(response.streaming_content))
    bad = client.get("/api/v1/account/export?format=pdf&start=2026-02-01&end=2026-01-01",
                     **headers)
    assert bad.status_code == 422
