"""The path through pages and services: start, days, progress, moving, boosters, home plan."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.program import content, services, state
from feelmap.program.models import Booster, Enrollment, ProgramDay
from feelmap.program.schemas import DayDone
from feelmap.program.tailoring import Tailoring

from .helpers import answer

pytestmark = pytest.mark.django_db
START = Tailoring(1, (), ("no_results",))


def _do_days(user, first: date, count: int, step: int = 1):
    for i in range(count):
        run = services.active_enrollment(user)
        services.record_day(user, DayDone(practice=content.week(run.current_week).practice.key),
                            day=first + timedelta(days=i * step))


def test_the_path_page_offers_a_start_and_says_why(person_client):
    body = person_client.get(reverse("program:index")).content.decode()
    assert "Start the path" in body
    assert "haven&#x27;t answered the PAQ or the MAIA-2 yet" in body


def test_results_choose_where_it_starts_and_the_page_says_why(person_client, person):
    # Notices the body well (MAIA-2 answers high) and finds describing harder than identifying.
    answer(person, "maia2", lambda n: 5 if not 5 <= n <= 12 and n != 15 else 0)
    dif = {2, 8, 14, 20, 5, 11, 17, 23}
    answer(person, "paq", lambda n: 2 if n in dif else 6)
    chosen = state.tailoring_for(person)
    assert chosen.start_week == 3 and "describing" in chosen.emphasis
    response = person_client.post(reverse("program:start"), {"start_week": "3"})
    assert response.status_code == 302
    run = Enrollment.objects.get(owner=person)
    assert run.current_week == 3 and "describing" in run.emphasis
    body = person_client.get(reverse("program:index")).content.decode()
    assert "starts at the grid" in body and "putting feelings into words is harder" in body


def test_starting_twice_keeps_one_path(person_client, person):
    person_client.post(reverse("program:start"), {})
    response = person_client.post(reverse("program:start"), {}, follow=True)
    assert "already on the path" in response.content.decode()
    assert Enrollment.objects.filter(owner=person).count() == 1


def test_doing_a_day_shows_progress_and_once_a_day(person_client, person):
    person_client.post(reverse("program:start"), {})
    key = content.week(1).practice.key
    response = person_client.post(reverse("program:day"), {"practice": key, "note": "warm hands"},
                                  follow=True)
    body = response.content.decode()
    assert "Today&#x27;s practice is noted." in body
    assert "Today is noted" in body
    person_client.post(reverse("program:day"), {"practice": key, "tried_with_someone": "on"})
    day = ProgramDay.objects.get(owner=person)
    assert day.tried_with_someone and day.note == "warm hands"


def test_a_practice_from_another_week_is_refused_and_changes_nothing(person_client, person):
    person_client.post(reverse("program:start"), {})
    response = person_client.post(reverse("program:day"), {"practice": "i-feel"}, follow=True)
    assert "Choose one of this week" in response.content.decode()
    response = person_client.post(reverse("program:day"), {"practice": ""}, follow=True)
    assert "Choose which practice you did" in response.content.decode()
    assert not ProgramDay.objects.filter(owner=person).exists()


def test_five_days_move_on_missed_days_do_not(person):
    services.start_program(person, START)
    _do_days(person, date(2026, 1, 1), 4, step=3)  # spread out, with many missed days
    assert services.active_enrollment(person).current_week == 1
    _do_days(person, date(2026, 2, 20), 1)  # a month later: picks up in week 1
    assert services.active_enrollment(person).current_week == 2
    current = state.program_state(person, date(2026, 2, 21))
    assert current["weeks_done"] == 1 and current["practice_days"] == 5


def test_the_whole_path_finishes_and_boosters_come_due(person):
    services.start_program(person, START)
    first = date(2026, 1, 1)
    _do_days(person, first, 8 * 5)
    assert services.active_enrollment(person) is None
    run = Enrollment.objects.get(owner=person)
    finished = timezone.localdate(run.finished_at)
    due = {b.which: b for b in state.booster_list(person, finished + timedelta(days=30))}
    assert due["1m"].due_now and not due["3m"].due_now
    assert due["3m"].due_on == finished + timedelta(days=91)
    assert services.record_booster(person).which == "1m"
    assert services.record_booster(person).which == "3m"
    assert services.record_booster(person).which == "any"
    assert Booster.objects.filter(owner=person).count() == 3


def test_moving_and_leaving_are_the_persons_choice(person_client, person):
    person_client.post(reverse("program:start"), {})
    person_client.post(reverse("program:week"), {"direction": "next"})
    assert services.active_enrollment(person).current_week == 2
    person_client.post(reverse("program:week"), {"direction": "back"})
    response = person_client.post(reverse("program:week"), {"direction": "back"}, follow=True)
    assert "This is the first week." in response.content.decode()
    response = person_client.post(reverse("program:week"), {"direction": "sideways"}, follow=True)
    assert "next week or back" in response.content.decode()
    services.record_day(person, DayDone(practice=content.week(1).practice.key))
    person_client.post(reverse("program:stop"))
    assert services.active_enrollment(person) is None
    assert ProgramDay.objects.filter(owner=person).count() == 1  # what was done is kept


def test_words_newly_used_count_only_words_first_used_on_the_path(person):
    from feelmap.checkins.models import CheckIn, Label

    old = CheckIn.objects.create(owner=person, occurred_at=timezone.now() - timedelta(days=30))
    Label.objects.create(checkin=old, word="calm", family="calm")
    services.start_program(person, START, when=timezone.now() - timedelta(days=1))
    new = CheckIn.objects.create(owner=person, occurred_at=timezone.now())
    Label.objects.create(checkin=new, word="calm", family="calm")
    Label.objects.create(checkin=new, word="wistful", family="sadness")
    assert state.program_state(person)["words_newly_used"] == ["wistful"]


def test_the_home_plan_follows_the_path_only_while_it_is_active(person_client, person):
    body = person_client.get("/").content.decode()
    assert "Week 1" not in body
    services.start_program(person, START)
    body = person_client.get("/").content.decode()
    assert "Week 1: Noticing the body" in body
    assert "Whenever you are ready: today&#x27;s step of week 1." in body
    services.record_day(person, DayDone(practice=content.week(1).practice.key))
    assert "Whenever you are ready: today" not in person_client.get("/").content.decode()
    services.stop_program(person)
    assert "Week 1: Noticing the body" not in person_client.get("/").content.decode()


def test_structured_and_exploratory_styles_show_differently(person_client, person):
    from feelmap.practices.models import PracticePreferences

    services.start_program(person, START)
    body = person_client.get(reverse("program:index")).content.decode()
    assert "Choose what suits you today" in body  # exploratory is the default
    PracticePreferences.objects.create(owner=person, style="structured")
    body = person_client.get(reverse("program:index")).content.decode()
    assert "Choose what suits you today" not in body and "Open it" in body


def _without_care(monkeypatch):
    """As if the care pages did not exist yet (they were built after the path)."""
    from feelmap.program import content as program_content

    real = program_content.feature_link
    monkeypatch.setattr(program_content, "feature_link",
                        lambda key: None if key == "sharing" else real(key))


def test_the_with_someone_step_of_an_unbuilt_feature_says_coming(person_client, person,
                                                                 monkeypatch):
    services.start_program(person, START, start_week=8)
    body = person_client.get(reverse("program:index")).content.decode()
    # Sharing exists now: week 8 links to it, besides the nav's own Care link.
    linked = body.count('href="/care/"')
    assert linked >= 2 and "(practising this in Feelmap is coming)" not in body
    _without_care(monkeypatch)
    body = person_client.get(reverse("program:index")).content.decode()
    assert "(practising this in Feelmap is coming)" in body
    assert body.count('href="/care/"') < linked
    services.move_week(person, "back")  # week 7: saying it, which exists
    body = person_client.get(reverse("program:index")).content.decode()
    assert 'href="/say/"' in body and "(practising this in Feelmap is coming)" not in body


def test_the_booster_page_compares_with_the_first_time(person_client, person):
    answer(person, "paq", lambda n: 5, when=timezone.now() - timedelta(days=90))
    answer(person, "paq", lambda n: 3)
    body = person_client.get(reverse("program:booster")).content.decode()
    assert "Since your first time" in body
    assert person_client.post(reverse("program:booster")).status_code == 302
    assert Booster.objects.filter(owner=person, which="any").exists()


def test_pages_need_a_login(client):
    for name in ("program:index", "program:understanding", "program:reminders", "program:booster"):
        assert client.get(reverse(name)).status_code == 302


def test_one_persons_path_is_not_anothers(person, other_person, client):
    services.start_program(person, START)
    client.force_login(other_person)
    assert "Start the path" in client.get(reverse("program:index")).content.decode()
    assert state.program_state(other_person)["active"] is False


def test_words_newly_used_are_kept_until_the_persons_data_changes(person_client, person):
    """The answer is cached under `data_version`; every check-in write raises it (through
    `person_data_changed`, as the check-in services do), so a new word shows at once."""
    from feelmap.accounts.services import person_data_changed
    from feelmap.checkins.models import CheckIn, Label

    services.start_program(person, START, when=timezone.now() - timedelta(days=1))
    first = CheckIn.objects.create(owner=person, occurred_at=timezone.now())
    Label.objects.create(checkin=first, word="wistful", family="sadness")
    person_data_changed(person.pk)
    assert "newly used: wistful" in person_client.get(reverse("program:index")).content.decode()

    second = CheckIn.objects.create(owner=person, occurred_at=timezone.now())
    Label.objects.create(checkin=second, word="content", family="calm")
    # Written past the services: the version is unchanged, so the kept answer is shown.
    assert "newly used: wistful<" in person_client.get(reverse("program:index")).content.decode()
    person_data_changed(person.pk)
    body = person_client.get(reverse("program:index")).content.decode()
    assert "newly used: content, wistful" in body
