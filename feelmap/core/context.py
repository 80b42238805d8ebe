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
    ("path", "Your path", "program:index"),
    ("insights", "Insights", "insights:index"),
    ("care", "Care", "care:index"),
]


def _nav_url(key: str, name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse("core:coming", args=[key])


def built_sections() -> dict[str, bool]:
    """Which nav sections exist today ("insights": False while it is still being built), so a
    page can say what a feature does only once it does it, and call it coming until then."""
    built = {}
    for key, _label, name in NAV:
        try:
            reverse(name)
        except NoReverseMatch:
            built[key] = False
        else:
            built[key] = True
    return built


def section_urls() -> dict[str, str]:
    """Each nav section's address by key ("checkin", "journal", ...)."""
    return {key: _nav_url(key, name) for key, _label, name in NAV}


def current_section(path: str, urls: dict[str, str]) -> str:
    """The key of the nav item whose area holds this path, or ""."""
    for key, url in urls.items():
        if url != "/" and path.startswith(url):
            return key
    return ""


def feelmap(request):
    """The main nav (feelmap/_nav.html), with the section of this page marked; which
    sections exist; and this session's browser-storage id (see accounts.browser_store)."""
    from feelmap.accounts.browser_store import store_id

    urls = section_urls()
    current = current_section(request.path, urls)
    return {
        "nav": [{"label": label, "url": urls[key], "current": key == current}
                for key, label, _name in NAV],
        "built": built_sections(),
        "browser_store": store_id(request),
    }
