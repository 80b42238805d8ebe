"""The eleven emotion families, in the order the wheel, the vocabulary file and the suggestion
engine use. A word's family is one of these keys (body states have their own key, "body")."""

from __future__ import annotations

FAMILY_KEYS: tuple[str, ...] = (
    "joy",
    "calm",
    "love",
    "interest",
    "surprise",
    "sadness",
    "fear",
    "anger",
    "disgust",
    "shame",
    "numb",
)
