"""`{% journal_list page entries %}`: one page of the journal's entries (or the first-visit words).

The page wraps it in `{% cache %}` keyed by `feelmap.lib.person_cache.person_key` (person, data
version, page number; every entry write raises the version), so a view with nothing changed
neither reads nor decrypts the entries.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page
from django.db.models import QuerySet

from feelmap.lib.readable import readable_page

from ..models import JournalEntry

register = template.Library()


@register.inclusion_tag("journal/_list.html")
def journal_list(page: Page, entries: QuerySet[JournalEntry]) -> dict[str, Any]:
    """`page` numbers the pages; its entries are read here from `entries`, the person's."""
    # One unreadable entry must not hide all the others.
    size = page.paginator.per_page
    page.object_list = readable_page(entries, (page.number - 1) * size, size)
    return {"page": page}
