"""`{% vocabulary_wheel %}`: the feelings wheel of the whole vocabulary, every word a link to
its page (lexicon/wheel.py). The same for everyone, so it is drawn once per process."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from feelmap.lexicon.views import word_slug
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.lexicon.wheel import WheelWord, wheel_svg

register = template.Library()


@lru_cache(maxsize=4)
def _drawn(chart_id: str, version: int) -> str:  # noqa: ARG001 - a new vocabulary, a new drawing
    vocabulary = load_vocabulary()
    words = [WheelWord(w.word, w.family, w.level, vocabulary.parent_of(w))
             for w in vocabulary.words]
    return wheel_svg(
        words, [(f.key, f.label) for f in vocabulary.families], uses={}, new=frozenset(),
        url=lambda word: reverse("lexicon:word", args=[word_slug(word)]),
        title="The whole feelings wheel", chart_id=chart_id,
        description=(f"All {len(words)} feeling words: families in the middle, common words "
                     "around them, nuanced words outside. Each word is a link: choosing one "
                     "puts it in your next free word box (without scripts, it opens the "
                     "word's page)."),
    )


@register.simple_tag
def vocabulary_wheel(chart_id: str = "whole-wheel") -> SafeString:
    return mark_safe(_drawn(chart_id, id(load_vocabulary())))  # noqa: S308 - escaped in wheel_svg  # nosec B308 B703
