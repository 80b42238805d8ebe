"""Another person's check-in answers 404 on every page and API route."""

import pytest
from django.urls import reverse

from feelmap.checkins.models import CheckIn
from feelmap.checkins.services import checkin_create
from feelmap.checkins.validation import validate_checkin

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(other_person):
    from django.utils import timezone

    data, _ = validate_checkin({"labels": ["sad"], "note": "theirs"}, now=timezone.now())
    return checkin_create(owner=other_person, data=data)


@pytest.mark.parametrize("name", ["detail", "edit", "delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_hides_another_persons_check_in_on_every_page(person_client, theirs, name, method):
    url = reverse(f"checkins:{name}", args=[theirs.public_id])
    response = getattr(person_client, method)(url, {"label-1-word": "calm"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.labels.get().word == "sad"


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_it_hides_another_persons_check_in_in_the_api(person_client, theirs, method):
    url = f"/api/v1/checkins/{theirs.public_id}"
    response = getattr(person_client, method)(url, data={"note": "mine now"},
                                              content_type="application/json")
    assert response.status_code == 404
    assert CheckIn.objects.get().note == "theirs"


def test_it_leaves_others_out_of_lists(person_client, theirs):
    assert "theirs" not in person_client.get(reverse("checkins:timeline")).content.decode()
    assert person_client.get("/api/v1/checkins").json()["count"] == 0
