from functools import lru_cache

from django.urls import NoReverseMatch, reverse

# The daily loop, in order. Each entry names the URL of the area that owns it; an area that
# is not built yet falls back to an honest "on its way" page.
NAV = [
    ("checkin", "Check in", "checkins:index"),
    ("journal", "Journal", "journal:index"),
    ("say", "Say", "saying:index"),
    ("practice", "Practice", "practices:index"),
    ("measures", "Questionnaires", "assessments:index"),
    ("words", "Words", "lexicon:index"),
    ("insights", "Insights", "insights:index"),
    ("care", "Care", "care:index"),
]


@lru_cache(maxsize=32)  # URLs are fixed for the life of the process; reverse() is not free
def _nav_url(key: str, name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse("core:coming", args=[key])


def section_urls() -> dict[str, str]:
    """Each nav section's address by key ("checkin", "journal", ...)."""
    return {key: _nav_url(key, name) for key, _label, name in NAV}


def current_section(path: str) -> str:
    """The key of the nav item whose area holds this path, or ""."""
    for key, _label, name in NAV:
        url = _nav_url(key, name)
        if url != "/" and path.startswith(url):
            return key
    return ""


@lru_cache(maxsize=16)
def nav_html(current: str) -> str:
    """The main nav with `current` marked: the same markup for everyone, so each of its
    eight forms (one per section, and none) is rendered once per process."""
    from django.template.loader import render_to_string

    items = [{"label": label, "url": _nav_url(key, name), "current": key == current}
             for key, label, name in NAV]
    return render_to_string("feelmap/_nav.html", {"nav": items})


def feelmap(request):
    return {"nav_html": nav_html(current_section(request.path))}
