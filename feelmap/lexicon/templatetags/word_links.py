"""`{% url 'lexicon:word' word|word_slug %}`: the address of a vocabulary word's page."""

from django import template

from feelmap.lexicon.views import word_slug as slug_of

register = template.Library()


@register.filter
def word_slug(word: str) -> str:
    return slug_of(str(word))
