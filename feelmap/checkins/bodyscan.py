"""The one-minute body scan offered when a feeling is hard to name."""

from __future__ import annotations

# (region to offer marks for, or None; text; seconds). About a minute in all.
SCAN_STEPS: tuple[dict, ...] = (
    {"region": None, "seconds": 8, "quick": (),
     "text": "Sit or stand however is comfortable. Let your breath be as it is. "
             "There is nothing to get right here."},
    {"region": "feet", "seconds": 9, "quick": ("pressure", "cold", "warmth", "restlessness"),
     "text": "Notice your feet. Pressure from the floor, warmth, cold, or nothing much: all of it counts."},
    {"region": "belly", "seconds": 10, "quick": ("churning", "emptiness", "tension", "butterflies"),
     "text": "Move your attention to your belly. Is it tight, soft, churning, empty, or quiet?"},
    {"region": "chest", "seconds": 10, "quick": ("tightness", "heaviness", "racing-heart", "warmth"),
     "text": "Now your chest and breathing. Is the breath short or long? Any tightness, heaviness or warmth?"},
    {"region": "shoulders", "seconds": 9, "quick": ("tension", "heaviness", "ache", "lightness"),
     "text": "Your shoulders. Are they raised or dropped, tense or loose?"},
    {"region": "jaw", "seconds": 8, "quick": ("tension", "tightness", "numbness", "heat"),
     "text": "Your jaw and face. Clenched, warm, tingling, or blank?"},
    {"region": None, "seconds": 6, "quick": (),
     "text": "That's it. Whatever you noticed, or didn't, is useful. Let's look for words that might fit."},
)
