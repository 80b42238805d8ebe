"""`{% practice_history user %}`: the practice page's history of sessions, in words.

The page wraps it in `{% cache %}` keyed by `feelmap.lib.person_cache.person_key` (person and
data version, which every practice and check-in write raises), so a view with nothing changed
neither reads the sessions and their check-ins nor renders them.
"""

from __future__ import annotations

from typing import Any

from django import template

from feelmap.lib.readable import readable_page

from .. import services
from ..models import PracticeSession

register = template.Library()

HISTORY_LIMIT = 30


@register.inclusion_tag("practices/_history.html")
def practice_history(user: Any) -> dict[str, Any]:
    # One unreadable session must not hide all the others.
    sessions = readable_page(PracticeSession.objects.history(user), 0, HISTORY_LIMIT)
    return {"history": [services.describe(s) for s in sessions]}
