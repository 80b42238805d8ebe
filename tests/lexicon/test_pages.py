"""The vocabulary pages under /words/, and the pure helpers behind them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.text import slugify

from feelmap.lexicon.views import (
    describe_affect,
    family_trees,
    felt_in_body,
    grid_point,
    word_for_slug,
    word_slug,
    words_by_level,
    words_by_quadrant,
)
from feelmap.lexicon.vocabulary import FAMILY_KEYS, load_vocabulary

VOCAB = load_vocabulary()


# ---------------------------------------------------------------- pure helpers


def test_it_makes_the_same_slug_as_the_templates_for_every_word():
    for w in VOCAB.words:
        assert word_slug(w.word) == slugify(w.word), w.word


def test_it_finds_every_word_by_its_slug():
    for w in VOCAB.words:
        assert word_for_slug(VOCAB, word_slug(w.word)) == (w, True)


def test_it_finds_a_form_but_marks_it_for_a_redirect():
    found, exact = word_for_slug(VOCAB, "anger")
    assert found is not None and found.word == "angry" and not exact


def test_it_finds_a_hyphenated_word_and_a_word_with_spaces():
    assert word_for_slug(VOCAB, "self-conscious")[0].word == "self-conscious"
    assert word_for_slug(VOCAB, "shut-down")[0].word == "shut down"
    assert word_for_slug(VOCAB, "Shut-Down")[0].word == "shut down"


def test_it_finds_nothing_for_an_unknown_slug():
    assert word_for_slug(VOCAB, "floobish") == (None, False)


@pytest.mark.parametrize(
    ("p", "e", "expected"),
    [
        (-3, 3, "unpleasant, high energy"),
        (4, -4, "very pleasant, very low energy"),
        (0, 0, "neither pleasant nor unpleasant, medium energy"),
        (-5, -2, "very unpleasant, low energy"),
        (2, 4.5, "pleasant, very high energy"),
    ],
)
def test_it_describes_the_grid_position_in_words(p, e, expected):
    assert describe_affect(p, e) == expected


def test_it_places_grid_points_inside_the_square_with_energy_upwards():
    assert grid_point(0, 0) == (50, 50)
    x, y = grid_point(5, 5)
    assert 90 <= x < 100 and 0 < y <= 10
    x, y = grid_point(-5, -5)
    assert 0 < x <= 10 and 90 <= y < 100


def test_it_groups_family_words_by_level_in_order():
    groups = words_by_level(VOCAB.words_in_family("sadness"))
    assert [g["level"] for g in groups] == [1, 2, 3]
    assert [w.word for w in groups[0]["words"]] == ["sad"]


def test_it_builds_a_tree_that_holds_every_word_of_the_family_once():
    def walk(branch, seen):
        seen.append(branch.word.word)
        for child in branch.children:
            assert child.word.level > branch.word.level
            walk(child, seen)
        return seen

    for key in (*FAMILY_KEYS, "body"):
        trees = family_trees(VOCAB, key)
        seen: list[str] = []
        for tree in trees:
            assert tree.word.level == 1
            walk(tree, seen)
        assert trees[0].word.word == VOCAB.family(key).word
        assert sorted(seen) == sorted(w.word for w in VOCAB.words_in_family(key))


def test_it_puts_every_word_in_exactly_one_quadrant():
    quadrants = words_by_quadrant(VOCAB)
    assert len(quadrants) == 4
    words = [w.word for q in quadrants for w in q["words"]]
    assert sorted(words) == sorted(w.word for w in VOCAB.words)
    for q in quadrants:
        assert q["label"] and q["hint"] and q["words"]


@pytest.mark.parametrize(("query", "label"), [("tight", "tightness"), ("heavy", "heaviness"),
                                              ("tingly", "tingling"), ("chest", "chest and heart")])
def test_it_finds_words_through_a_body_word(query, label):
    found = felt_in_body(VOCAB, query)
    assert found is not None and label in found["labels"] and found["words"]


def test_it_does_not_match_body_words_on_a_tiny_overlap():
    assert felt_in_body(VOCAB, "he") is None
    assert felt_in_body(VOCAB, "zebra") is None


# ---------------------------------------------------------------- pages


@pytest.mark.django_db
@pytest.mark.parametrize("logged_in", [False, True])
def test_it_shows_every_family_with_its_words_by_level(client, person, logged_in):
    if logged_in:
        client.force_login(person)
    response = client.get(reverse("lexicon:index"))
    assert response.status_code == 200
    text = response.content.decode()
    for fam in VOCAB.families:
        assert fam.description in text
        assert reverse("lexicon:family", args=[fam.key]) in text
    assert "Common words" in text and "Nuanced words" in text
    # The main nav is only for a signed-in person.
    assert ('aria-label="Main"' in text) is logged_in


@pytest.mark.django_db
def test_it_shows_a_family_as_a_drill_down(client):
    response = client.get(reverse("lexicon:family", args=["numb"]))
    assert response.status_code == 200
    text = response.content.decode()
    for w in VOCAB.words_in_family("numb"):
        assert f'href="/words/{word_slug(w.word)}/"' in text


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_family(client):
    assert client.get("/words/family/glee/").status_code == 404


@pytest.mark.django_db
def test_it_lists_words_in_the_four_quadrants_with_words_not_only_colours(client):
    response = client.get(reverse("lexicon:quadrants"))
    text = response.content.decode()
    for label in ["Pleasant, high energy", "Pleasant, low energy",
                  "Unpleasant, high energy", "Unpleasant, low energy"]:
        assert label in text
    assert 'href="/words/furious/"' in text


@pytest.mark.django_db
def test_it_shows_a_word_with_everything_about_it(client):
    word = VOCAB.get("anxious")
    response = client.get(reverse("lexicon:word", args=["anxious"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert word.definition in text
    assert word.example.replace("'", "&#x27;") in text
    assert describe_affect(word.pleasantness, word.energy) in text
    assert "Fear" in text
    for n in word.neighbours:
        assert n.difference.replace("'", "&#x27;") in text
        assert f'href="/words/{word_slug(n.word)}/"' in text
    parent = VOCAB.parent_of(word)
    assert f'href="/words/{word_slug(parent)}/"' in text
    assert "How it differs" in text
    assert "Chest and heart" in text or "Stomach" in text or "Shoulders" in text


@pytest.mark.django_db
def test_it_shows_children_on_a_family_word_page(client):
    text = client.get("/words/sad/").content.decode()
    for child in VOCAB.children("sad"):
        assert f'href="/words/{word_slug(child.word)}/"' in text


@pytest.mark.django_db
def test_it_serves_words_with_spaces_by_slug(client):
    response = client.get("/words/shut-down/")
    assert response.status_code == 200
    assert "Shut down" in response.content.decode()


@pytest.mark.django_db
def test_it_sends_another_form_to_the_word_page(client):
    response = client.get("/words/anger/")
    assert response.status_code == 301
    assert response["Location"] == "/words/angry/"


@pytest.mark.django_db
def test_it_answers_a_friendly_404_for_an_unknown_word(client):
    response = client.get("/words/floobish/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "floobish" in text
    assert "yours to use" in text
    assert 'action="/words/search/"' in text


@pytest.mark.django_db
def test_it_searches_with_a_plain_get_form(client):
    response = client.get(reverse("lexicon:search"), {"q": "furi"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="/words/furious/"' in text
    assert VOCAB.get("furious").definition in text


@pytest.mark.django_db
def test_it_shows_the_search_form_without_a_query(client):
    text = client.get(reverse("lexicon:search")).content.decode()
    assert 'name="q"' in text and "No words match" not in text


@pytest.mark.django_db
def test_it_explains_an_empty_search_and_offers_ways_on(client):
    text = client.get(reverse("lexicon:search"), {"q": "qwertyzzz"}).content.decode()
    assert "No words match" in text
    assert "?q=tight" in text  # try a body word
    assert reverse("lexicon:family", args=["calm"]) in text  # or browse a family


@pytest.mark.django_db
def test_it_offers_words_felt_in_the_body_for_a_body_word(client):
    text = client.get(reverse("lexicon:search"), {"q": "tight"}).content.decode()
    assert "tightness" in text
    assert "/words/" in text


@pytest.mark.django_db
def test_it_survives_a_very_long_or_odd_query(client):
    for q in ["x" * 5000, "😶‍🌫️", "<script>alert(1)</script>", "  "]:
        response = client.get(reverse("lexicon:search"), {"q": q})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


@pytest.mark.django_db
def test_it_shows_body_states_apart_from_the_families(client):
    text = client.get(reverse("lexicon:index")).content.decode()
    assert 'id="body-states"' in text and "not feelings" in text
    assert 'href="/words/tired/"' in text
    body = client.get(reverse("lexicon:family", args=["body"])).content.decode()
    assert "states of the body, not feelings" in body
    for w in VOCAB.body_states:
        assert f'href="/words/{word_slug(w.word)}/"' in body


@pytest.mark.django_db
def test_it_says_a_body_state_is_not_a_feeling_and_how_it_differs(client):
    text = client.get("/words/tired/").content.decode()
    assert "is a body state, not a feeling" in text
    assert 'href="/words/numb/"' in text  # the neighbour note: tired or numb?
    assert client.get("/words/exhaustion/").status_code == 301


@pytest.mark.django_db
@pytest.mark.parametrize("word", ["hopeless", "despairing", "worthless"])
def test_it_shows_a_kind_note_and_the_way_to_help_beside_heavy_words(client, word):
    text = client.get(f"/words/{word}/").content.decode()
    assert VOCAB.get(word).note in text.replace("&#x27;", "'")
    assert 'href="/help/"' in text and "see who you can talk to now" in text


@pytest.mark.django_db
def test_it_finds_a_body_state_in_search_and_labels_it(client):
    text = client.get(reverse("lexicon:search"), {"q": "tired"}).content.decode()
    assert 'href="/words/tired/"' in text
    assert "a body state, not a feeling" in text
