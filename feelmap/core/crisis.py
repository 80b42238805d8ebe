"""Which crisis resources to show: chosen locale, configured default, or the browser's."""

from django.conf import settings


def _locale_from_browser(request) -> str:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip()
        if "-" in tag or "_" in tag:
            return tag
    return ""


def crisis_context(request) -> dict:
    from feelmap.safety.resources import all_locales, resources_for

    override = settings.FEELMAP_CRISIS_RESOURCES_FILE or None
    chosen = request.GET.get("locale", "")
    locale = chosen or settings.FEELMAP_CRISIS_LOCALE or _locale_from_browser(request)
    resources = resources_for(locale or None, override_path=override)
    return {
        "resources": resources,
        "locales": all_locales(override_path=override),
        "locale": locale,
    }
