import re

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.checkins.models import CheckIn, Draft

pytestmark = pytest.mark.django_db


def save_quick(client, **extra):
    data = {"pleasantness": "2", "energy": "1", "label-1-word": "calm", "note": "fine"}
    data.update(extra)
    return client.post(reverse("checkins:quick"), data)


@pytest.mark.parametrize("name", ["index", "quick", "full", "timeline", "calendar"])
def test_it_shows_every_page(person_client, name):
    response = person_client.get(reverse(f"checkins:{name}"))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["index", "quick", "full", "timeline", "calendar"])
def test_it_asks_strangers_to_log_in(client, name):
    response = client.get(reverse(f"checkins:{name}"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_explains_an_empty_start(person_client):
    body = person_client.get(reverse("checkins:index")).content.decode()
    assert "No check-ins yet" in body


def test_it_saves_a_quick_check_in(person_client, person):
    response = save_quick(person_client)
    checkin = CheckIn.objects.get(owner=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("checkins:detail", args=[checkin.public_id]) + "?saved=new"
    assert checkin.kind == "quick" and checkin.note == "fine"
    assert checkin.labels.get().word == "calm"
    page = person_client.get(response["Location"]).content.decode()
    assert "calm" in page and "Pleasant, high energy" in page and "Thank you for checking in" in page


def test_it_saves_a_full_check_in_with_body_ratings_and_context(person_client, person):
    response = person_client.post(reverse("checkins:full"), {
        "body-chest": ["tightness", "heat"], "body-chest-intensity": "7",
        "pleasantness": "-3", "energy": "3",
        "label-1-word": "anxious", "label-1-intensity": "6", "label-1-confidence": "70",
        "label-2-word": "wound up", "label-2-own": "on",
        "rating-sad": "2", "rating-happy": "",
        "doing": "working", "with_whom_own": "my manager", "need": "a break",
    })
    assert response.status_code == 302
    checkin = CheckIn.objects.get(owner=person)
    assert checkin.kind == "full"
    assert sorted(checkin.sensations.values_list("quality", flat=True)) == ["heat", "tightness"]
    assert checkin.sensations.first().intensity == 7
    assert [lab.text for lab in checkin.labels.all()] == ["anxious", "wound up"]
    assert {r.emotion: r.value for r in checkin.ratings.all()} == {"sad": 2}
    assert checkin.with_whom_own == "my manager"


def test_it_explains_every_bad_answer_and_stores_nothing(person_client):
    response = person_client.post(reverse("checkins:full"), {
        "pleasantness": "9", "energy": "1", "label-1-word": "zzzq",
        "body-chest": ["tightness", "bogus"], "note": "x" * 6000,
    })
    assert response.status_code == 422
    body = response.content.decode()
    assert "Nothing was saved yet" in body
    assert "from -5 to 5" in body and "zzzq" in body and "bogus" in body and "5,000" in body
    assert 'href="#label-1-word"' in body and 'href="#body-r-chest"' in body
    assert not CheckIn.objects.exists()


def test_it_suggests_words_without_saving(person_client):
    response = person_client.post(reverse("checkins:full"), {
        "action": "suggest", "pleasantness": "-3", "energy": "3",
        "body-chest": ["tightness"], "body-chest-intensity": "7", "not_sure": "on",
    })
    assert response.status_code == 200
    assert "Some words that might fit" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_it_offers_help_after_a_worrying_note(person_client):
    response = save_quick(person_client, note="I want to kill myself")
    page = person_client.get(response["Location"]).content.decode()
    assert "See who you can talk to now" in page


def test_it_edits_and_clears_the_edit_draft(person_client, person):
    save_quick(person_client)
    checkin = CheckIn.objects.get()
    url = reverse("checkins:edit", args=[checkin.public_id])
    assert 'value="calm"' in person_client.get(url).content.decode()
    Draft.objects.create(owner=person, key=f"edit-{checkin.public_id}", payload="{}")
    response = person_client.post(url, {"label-1-word": "relaxed", "version": "0"})
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.kind == "quick" and checkin.labels.get().word == "relaxed"
    assert checkin.pleasantness is None
    assert not Draft.objects.exists()


def test_it_asks_before_deleting(person_client):
    save_quick(person_client)
    checkin = CheckIn.objects.get()
    url = reverse("checkins:delete", args=[checkin.public_id])
    assert "cannot be undone" in person_client.get(url).content.decode()
    assert CheckIn.objects.exists()
    assert person_client.post(url).status_code == 302
    assert not CheckIn.objects.exists()


def test_it_lists_newest_first_and_pages(person_client, person):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    CheckIn.objects.bulk_create(
        CheckIn(owner=person, occurred_at=now - timedelta(hours=i), kind="quick") for i in range(45)
    )
    timeline = reverse("checkins:timeline")
    first = person_client.get(timeline).content.decode()
    assert first.count('class="entry card"') == 20 and "Page 1" in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = person_client.get(timeline + "?page=3").content.decode()
    assert last.count('class="entry card"') == 5 and "Page 3" in last
    assert 'rel="prev"' in last and 'rel="next"' not in last
    # Past the end (say, after deleting old check-ins) leads back to the newest page.
    assert person_client.get(timeline + "?page=4").url == timeline
    assert person_client.get(timeline + "?page=nonsense").status_code == 200


def test_it_keeps_the_timeline_to_a_few_queries(person_client, person, django_assert_max_num_queries):
    for _ in range(25):
        save_quick(person_client)
    with django_assert_max_num_queries(10):
        person_client.get(reverse("checkins:timeline"))


def test_it_counts_check_ins_per_day_on_the_calendar(person_client):
    from django.utils import timezone

    save_quick(person_client)
    save_quick(person_client)
    today = timezone.localdate()
    body = person_client.get(reverse("checkins:calendar_month", args=[today.year, today.month])).content.decode()
    assert "2 check-ins" in body
    assert f"?day={today:%Y-%m-%d}" in body
    day_page = person_client.get(reverse("checkins:timeline") + f"?day={today:%Y-%m-%d}").content.decode()
    assert "2 check-ins" in day_page
    assert person_client.get(reverse("checkins:calendar_month", args=[2025, 13])).status_code == 404


def test_it_autosaves_and_returns_drafts(person_client):
    url = reverse("checkins:draft", args=["checkin-full"])
    assert person_client.get(url).status_code == 404
    response = person_client.put(url, data='{"fields": {"note": ["half a thought"]}}',
                                 content_type="application/json")
    assert response.status_code == 200
    assert person_client.get(url).json()["payload"]["fields"]["note"] == ["half a thought"]
    page = person_client.get(reverse("checkins:full")).content.decode()
    assert "half a thought" in re.search(r'id="server-draft"[^>]*>(.*?)</script>', page).group(1)
    assert person_client.put(url, data="{nope", content_type="application/json").status_code == 422
    assert person_client.delete(url).status_code == 200
    assert not Draft.objects.exists()


def test_it_keeps_drafts_private(person_client, other_person, client):
    Draft.objects.create(owner=other_person, key="checkin-full", payload='{"secret": 1}')
    assert person_client.get(reverse("checkins:draft", args=["checkin-full"])).status_code == 404


def test_it_suggests_words_as_json(person_client):
    response = person_client.post(reverse("checkins:suggest"), data={
        "sensations": [{"region": "chest", "quality": "tightness", "intensity": 8}],
        "pleasantness": -3, "energy": 3,
    }, content_type="application/json")
    words = [s["word"] for s in response.json()["suggestions"]]
    assert words and all(isinstance(w, str) for w in words)
    assert person_client.post(reverse("checkins:suggest"), data="[]",
                              content_type="application/json").status_code == 400


def test_it_lets_a_person_choose_the_feelings_to_rate(person_client, person):
    url = reverse("checkins:ratings")
    assert "grateful" in person_client.get(url).content.decode()
    bad = person_client.post(url, {"emotion": ["calm", "flibber"]})
    assert bad.status_code == 422 and "flibber" in bad.content.decode()
    assert person_client.post(url, {"emotion": ["calm", "Worried", "lonely"]}).status_code == 302
    page = person_client.get(reverse("checkins:full")).content.decode()
    assert 'name="rating-worried"' in page and 'name="rating-happy"' not in page
    person_client.post(reverse("checkins:full"), {"rating-worried": "4"})
    assert CheckIn.objects.get().ratings.get().emotion == "worried"
    person_client.post(url, {"action": "default"})
    assert 'name="rating-happy"' in person_client.get(reverse("checkins:full")).content.decode()


def test_each_body_region_keeps_its_side(person_client, person):
    response = person_client.post(reverse("checkins:full"), {
        "body-chest": ["tightness"], "body-chest-intensity": "6", "body-chest-side": "left",
        "body-belly": ["churning"], "body-belly-side": "",
    })
    assert response.status_code == 302
    checkin = CheckIn.objects.get(owner=person)
    assert dict(checkin.sensations.values_list("region", "side")) == {"chest": "left", "belly": ""}
    edit = person_client.get(reverse("checkins:edit", args=[checkin.public_id])).content.decode()
    assert 'name="body-chest-side" value="left" checked' in edit
    assert 'name="body-belly-side" value="" checked' in edit
    assert "marked: tightness, left side" in edit
    timeline = person_client.get(reverse("checkins:timeline")).content.decode()
    assert "Chest and heart (left): tightness" in timeline
    assert "Chest and heart (left): tightness" in checkin.body_summary


def test_an_unknown_side_is_explained_and_nothing_is_stored(person_client):
    response = person_client.post(reverse("checkins:full"), {
        "body-chest": ["tightness"], "body-chest-side": "middle-ish",
    })
    assert response.status_code == 422
    assert "Side must be left, right, or empty for both." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_sensations_saved_with_different_sides_are_flagged_not_guessed(person_client, person):
    from feelmap.checkins.models import BodySensation

    checkin = CheckIn.objects.create(owner=person, kind="full", occurred_at=timezone.now())
    BodySensation.objects.create(checkin=checkin, region="hands", quality="tingling", side="left")
    BodySensation.objects.create(checkin=checkin, region="hands", quality="cold", side="right")
    edit = person_client.get(reverse("checkins:edit", args=[checkin.public_id])).content.decode()
    assert "saved with different sides" in edit
    assert 'name="body-hands-side" value="" checked' in edit


def test_the_body_map_tag_shows_marks_sides_and_prefix(person_client, person):
    from django.template import Context, Template

    from feelmap.checkins.components import bodymap_context

    def body_map(bodymap):
        return Template("{% load body_map %}{% body_map bodymap %}").render(
            Context({"bodymap": bodymap}))

    blank = body_map(bodymap_context("body"))
    assert 'name="body-chest"' in blank and " checked>" not in blank.replace('value="" checked>', "")
    marked = body_map(bodymap_context("body", {"chest": (["tightness"], 4, {"right"})}))
    assert 'name="body-chest" value="tightness" checked' in marked
    assert 'name="body-chest-side" value="right" checked' in marked
    assert 'name="before-body-chest"' in body_map(bodymap_context("before-body"))


# --- bad input found by probing (issue 12): a clear answer, never a 500 --------------------

NESTED = "[" * 5000 + "]" * 5000


def test_thousands_of_nested_brackets_are_refused_plainly(person_client):
    suggest = person_client.post(reverse("checkins:suggest"), data=NESTED,
                                 content_type="application/json")
    assert suggest.status_code == 400
    draft = person_client.put(reverse("checkins:draft", args=["checkin-full"]), data=NESTED,
                              content_type="application/json")
    assert draft.status_code == 422 and "nested" in draft.json()["detail"]
    deep = "[" * 50 + "]" * 50  # valid JSON, but no form's state looks like this
    draft = person_client.put(reverse("checkins:draft", args=["checkin-full"]), data=deep,
                              content_type="application/json")
    assert draft.status_code == 422
    assert not Draft.objects.exists()


def test_a_draft_with_a_lone_surrogate_or_control_characters_is_kept_cleaned(person_client):
    url = reverse("checkins:draft", args=["checkin-quick"])
    response = person_client.put(url, data='{"note": "half\\ud800 a\\u0000 thought\\u202e"}',
                                 content_type="application/json")
    assert response.status_code == 200, response.content
    assert person_client.get(url).json()["payload"] == {"note": "half a thought"}


def test_suggestions_take_a_note_with_a_lone_surrogate(person_client):
    response = person_client.post(reverse("checkins:suggest"),
                                  data='{"note": "tight chest\\ud800 and worried"}',
                                  content_type="application/json")
    assert response.status_code == 200


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2025-02-30", "soon"])
def test_an_impossible_day_on_the_timeline_is_explained(person_client, day):
    response = person_client.get(reverse("checkins:timeline") + f"?day={day}")
    assert response.status_code == 400
    assert "That is not a day we can show" in response.content.decode()


def test_a_note_with_a_nul_or_direction_override_is_stored_without_them(person_client):
    save_quick(person_client, note="before\x00\u202e after")
    assert CheckIn.objects.get().note == "before after"


def test_the_database_refuses_a_check_in_before_2000(person):
    from datetime import UTC, datetime

    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(owner=person, occurred_at=datetime(1999, 12, 31, tzinfo=UTC))
