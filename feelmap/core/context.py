from functools import lru_cache

from django.urls import NoReverseMatch, reverse

# The daily loop, in order. Each entry names the URL of the area that owns it; an area that
# is not built yet falls back to an honest "on its way" page.
NAV = [
    ("checkin", "Check in", "checkins:index"),
    ("journal", "Journal", "journal:index"),
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


def feelmap(request):
    nav = [
        {"key": key, "label": label, "url": _nav_url(key, name)}
        for key, label, name in NAV
    ]
    path = request.path
    for item in nav:
        item["current"] = item["url"] != "/" and path.startswith(item["url"])
    return {"nav": nav}
