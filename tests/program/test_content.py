"""The content files load, every link goes somewhere or says "coming", and nothing overclaims."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from feelmap.program import content

pytestmark = pytest.mark.django_db


def _all_text() -> str:
    return " ".join(p.model_dump_json() for p in content.load_pages().pages) + \
        content.load_path().model_dump_json() + content.load_reasons().model_dump_json()


def test_the_content_files_load_and_cover_every_stage_in_eight_weeks():
    path = content.load_path()
    assert len(path.weeks) == 8
    assert [s.key for s in path.stages] == ["body", "grid", "first_words", "precise_words",
                                            "saying", "sharing"]
    for week in path.weeks:
        assert week.practice.minutes <= 15 and week.with_someone.text
    slugs = {p.slug for p in content.load_pages().pages}
    assert {"alexithymia", "numbness-as-protection", "three-stations", "pairs"} <= slugs
    assert all(p.sources for p in content.load_pages().pages)


def test_a_feature_not_built_yet_is_coming_not_a_dead_link(client, monkeypatch):
    assert content.feature_link("sharing") == "/care/"  # sharing exists now
    # A feature whose page does not exist (yet) gives no link at all, never a dead one.
    from django import urls

    real = urls.reverse

    def without_care(name, *args, **kwargs):
        if name == "care:index":
            raise urls.NoReverseMatch(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(urls, "reverse", without_care)
    assert content.feature_link("sharing") is None
    for week in content.load_path().weeks:
        for practice in content.options(week.number):
            url = content.feature_link(practice.feature)
            if url is not None:
                assert url.startswith("/")


def test_every_existing_link_answers(person_client):
    for key in content.load_path().features:
        url = content.feature_link(key)
        if url is not None:
            assert person_client.get(url).status_code == 200, (key, url)


@override_settings(ROOT_URLCONF="tests.program.urls_with_care")
def test_a_feature_links_as_soon_as_its_page_exists():
    assert content.feature_link("sharing") == "/care/"
    assert content.feature_link("saying") == "/say/"


def test_nothing_overclaims_or_diagnoses():
    text = _all_text().lower()
    for banned in ("rewir", "cure", "treats alexithymia", "treat alexithymia", "you have alexithymia",
                   "you are alexithymic", "heal your brain", "guarantee"):
        assert banned not in text, banned
    # "diagnos…" appears only to say Feelmap does not diagnose.
    for found in re.finditer(r"[^.]*diagnos[^.]*\.", text):
        assert "not" in found.group(0), found.group(0)


def test_the_understanding_pages_render_with_their_sources(person_client):
    index = person_client.get(reverse("program:understanding"))
    assert index.status_code == 200
    for page in content.load_pages().pages:
        response = person_client.get(reverse("program:page", args=[page.slug]))
        body = response.content.decode()
        assert response.status_code == 200
        assert "Sources" in body and page.sources[0].citation.split("(")[0].strip() in body
    assert person_client.get(reverse("program:page", args=["nothing-here"])).status_code == 404


def test_the_three_stations_page_ties_each_station_to_a_check_in_step(person_client):
    body = person_client.get(reverse("program:page", args=["three-stations"])).content.decode()
    for station, step in (("reporting station", "body map"), ("interpretation hub", "grid"),
                          ("meaning maker", "words")):
        assert station in body.lower() and step in body.lower()


def test_a_broken_weeks_file_is_refused_with_every_problem_named():
    import json

    from feelmap.lib.content import ContentError, parse_content

    raw = json.loads((content.DATA / "weeks.json").read_text())
    raw["weeks"][1]["number"] = 5
    raw["weeks"][2]["practice"]["feature"] = "nowhere"
    raw["weeks"][3]["practice"]["minutes"] = "ten"
    with pytest.raises(ContentError) as caught:
        parse_content(content.Path_, raw, source="weeks.json", nouns={"weeks": "week"})
    text = str(caught.value)
    assert "week 4, practice, minutes: must be a whole number." in text
    raw["weeks"][3]["practice"]["minutes"] = 10
    with pytest.raises(ContentError) as caught:
        parse_content(content.Path_, raw, source="weeks.json", nouns={"weeks": "week"})
    text = str(caught.value)
    assert "numbered 1, 2, 3" in text and "unknown feature 'nowhere'" in text
