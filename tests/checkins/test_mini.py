import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from feelmap.checkins.mini import mini_context, save_mini
from feelmap.checkins.models import CheckIn

pytestmark = pytest.mark.django_db


def _request(person, data):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/practice/x/", data)
    request.user = person
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_it_renders_a_mini_check_in_for_another_page():
    html = render_to_string("checkins/_mini.html", mini_context(kind="practice-before"))
    assert 'name="pleasantness"' in html and 'name="label-1-word"' in html
    assert 'id="naming-data"' in html and 'name="note"' in html


def test_it_saves_a_mini_check_in_of_the_given_kind(person):
    checkin, errors = save_mini(_request(person, {"pleasantness": "1", "energy": "-2",
                                                  "label-1-word": "calm"}), kind="practice-after")
    assert errors == {} and checkin.kind == "practice-after"
    assert checkin.labels.get().word == "calm"


def test_it_keeps_answers_and_explains_mistakes(person):
    request = _request(person, {"pleasantness": "8", "energy": "0", "label-1-word": "calm"})
    checkin, errors = save_mini(request, kind="practice-before")
    assert checkin is None and "pleasantness" in errors
    html = render_to_string("checkins/_mini.html", mini_context(request.POST, errors))
    assert "from -5 to 5" in html and 'value="calm"' in html
    assert not CheckIn.objects.exists()
