"""The clinician's PDF progress report: only the sections of shared kinds, 404 without a
live link, every report audited."""

from __future__ import annotations

import re

import pytest

from feelmap.care.models import AuditEntry
from feelmap.care.services import revoke
from tests.pdf_tools import pdf_pages, pdf_text
from tests.portability.conftest import add_every_kind

from .conftest import link

pytestmark = pytest.mark.django_db

URL = "/care/people/{}/report.pdf?start=2026-01-01"


def _text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", " ", pdf_text(response.content))


@pytest.fixture
def rich(person):
    add_every_kind(person, days=40)
    return person


def test_only_shared_kinds_make_sections(client, rich, clinician):
    link(rich, clinician, ["questionnaires"])
    client.force_login(clinician)
    page = client.get(f"/care/people/{rich.public_id}/").content.decode()
    assert "Download the progress report" in page
    text = _text(client.get(URL.format(rich.public_id)))
    assert f"Progress report: {rich.shown_name}" in text
    assert "Questionnaires" in text and "PHQ-9" in text
    for absent in ("Words used", "Granularity", "Body atlas", "Practices", "check-ins on"):
        assert absent not in text, absent
    assert "(clinician)" in text and "not a diagnosis" in text


def test_check_ins_shared_give_the_check_in_sections(client, rich, clinician):
    link(rich, clinician, ["checkins", "practices"])
    client.force_login(clinician)
    text = _text(client.get(URL.format(rich.public_id)))
    for present in ("Check-ins", "Words used", "Granularity", "Body atlas", "Practices",
                    "Before and after"):
        assert present in text, present
    assert "Questionnaires" not in text


def test_every_report_is_audited_per_kind(client, rich, clinician):
    link(rich, clinician, ["questionnaires", "checkins", "saying"])
    client.force_login(clinician)
    before = AuditEntry.objects.filter(person=rich, action="read").count()
    client.get(URL.format(rich.public_id))
    reads = AuditEntry.objects.filter(person=rich, action="read").order_by("id")[before:]
    assert sorted(e.kind for e in reads) == ["checkins", "questionnaires"]
    assert all(e.detail.startswith("PDF report, 01 January 2026 to") for e in reads)
    assert all(e.actor_id == clinician.pk for e in reads)


@pytest.mark.parametrize("case", ["no link", "revoked", "nothing for a report", "another person"])
def test_no_report_without_a_live_grant(client, rich, clinician, other_person, case):
    if case == "revoked":
        made = link(rich, clinician, ["checkins"])
        revoke(rich, made)
    elif case == "nothing for a report":
        link(rich, clinician, ["safety_plan", "saying"])
    elif case == "another person":
        link(other_person, clinician, ["checkins"])
    client.force_login(clinician)
    assert client.get(URL.format(rich.public_id)).status_code == 404
    assert not AuditEntry.objects.filter(person=rich, action="read").exists()


def test_the_person_themself_cannot_use_the_viewer_route(client, rich):
    client.force_login(rich)
    assert client.get(URL.format(rich.public_id)).status_code == 404


def test_a_bad_period_is_explained(client, rich, clinician):
    link(rich, clinician, ["checkins"])
    client.force_login(clinician)
    response = client.get(f"/care/people/{rich.public_id}/report.pdf?start=2026-03-02&end=2026-03-01")
    assert response.status_code == 422
    assert "The end date comes before the start date." in response.content.decode()


def test_report_pages_and_footer(client, rich, clinician):
    link(rich, clinician, ["insights"])
    client.force_login(clinician)
    response = client.get(URL.format(rich.public_id))
    pages = pdf_pages(response.content)
    assert f"Page {pages} of {pages}" in _text(response)
