"""What the crisis page shows: resources for the chosen or guessed locale, and, for a signed-in
person, their own safety plan and a gentle word when a questionnaire answer brought them here.

This page must always render: a broken override file falls back to the shipped resources and
a problem reading the person's own plan only hides the plan, never the help.
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)

# Questionnaires whose safety question redirects here after submitting (see assessments.views).
SAFETY_SOURCES = {"phq9": "PHQ-9"}


def _locale_from_browser(request) -> str:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip()
        if "-" in tag or "_" in tag:
            return tag
    return ""


def _resources(locale: str):
    from feelmap.safety.resources import (
        ResourcesFileError,
        all_locales,
        resolve_locale,
        resources_for,
    )

    override = settings.FEELMAP_CRISIS_RESOURCES_FILE or None
    try:
        return (
            resources_for(locale or None, override_path=override),
            all_locales(override_path=override),
            resolve_locale(locale or None, override_path=override),
        )
    except ResourcesFileError:
        logger.exception("The configured crisis resources file is unusable; using the shipped one.")
        return resources_for(locale or None), all_locales(), resolve_locale(locale or None)


def _personal(request, came_from: str) -> dict:
    """The signed-in person's safety plan and latest result; empty on any problem."""
    user = request.user
    if not user.is_authenticated:
        return {}
    found: dict = {}
    try:
        from feelmap.assessments.models import AssessmentResponse
        from feelmap.safety.models import SafetyPlan
        from feelmap.safety.plan import SECTIONS

        plan = SafetyPlan.objects.filter(owner=user).first()
        if plan is not None:
            sections = plan.sections
            found["my_plan"] = [(s, sections[s.key]) for s in SECTIONS if sections.get(s.key)]
        if came_from:
            found["latest_result"] = (
                AssessmentResponse.objects.completed()
                .filter(owner=user, instrument=came_from)
                .order_by("-completed_at")
                .first()
            )
    except Exception:  # the help on this page matters more than the extras
        logger.exception("Could not load the person's safety plan for the crisis page.")
    return found


def crisis_context(request) -> dict:
    from feelmap.safety.plan import SECTIONS

    chosen = request.GET.get("locale", "")
    browser = _locale_from_browser(request)
    locale = chosen or settings.FEELMAP_CRISIS_LOCALE or browser
    resources, locales, resolved = _resources(locale)
    # Say where the country came from, so a person whose browser language does not match where
    # they are (English (US) in Australia) knows to change it.
    if chosen:
        how = "chosen"
    elif settings.FEELMAP_CRISIS_LOCALE:
        how = "configured"
    elif browser:
        how = "browser"
    else:
        how = "default"
    came_from = request.GET.get("from", "")
    came_from = came_from if came_from in SAFETY_SOURCES else ""
    return {
        "resources": resources,
        "locales": locales,
        "locale": resolved,
        "locale_name": dict(locales).get(resolved, resolved),
        "locale_how": how,
        "international": resolved == locales[0][0],
        "came_from": SAFETY_SOURCES.get(came_from, ""),
        "plan_sections": SECTIONS,
        **_personal(request, came_from),
    }
