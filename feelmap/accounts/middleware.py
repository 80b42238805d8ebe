import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from feelmap.lib.days import person_zone

AUTH_AT = "feelmap_auth_at"
SEEN_AT = "feelmap_seen_at"
# The idle limit is renewed at most this often, so a busy page does not write (and fsync)
# the session row on every request.
RENEW_EVERY_SECONDS = 60


# Django makes session keys of 32 of these characters. Anything else in the cookie (a NUL
# byte, say, which PostgreSQL refuses in text) is no session, not an error.
SESSION_KEY_SHAPE = re.compile(r"[a-z0-9]{8,64}")


class SessionCookieShapeMiddleware:
    """Before SessionMiddleware: a session cookie that cannot be a session key is dropped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = settings.SESSION_COOKIE_NAME
        if name in request.COOKIES and not SESSION_KEY_SHAPE.fullmatch(request.COOKIES[name]):
            del request.COOKIES[name]
        return self.get_response(request)


class SessionLimitsMiddleware:
    """Idle and absolute session limits.

    Idle: the session expires SESSION_COOKIE_AGE after it was last renewed; activity renews
    it at most once a minute. Absolute: a session older than FEELMAP_SESSION_ABSOLUTE_SECONDS
    ends whatever the activity.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = time.time()
            started = session.get(AUTH_AT)
            if started is None:
                session[AUTH_AT] = now
            elif now - started > settings.FEELMAP_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(reverse("accounts:login") + "?expired=1")
            if now - session.get(SEEN_AT, 0) > RENEW_EVERY_SECONDS:
                session[SEEN_AT] = now  # marks the session modified, so its expiry moves on
        return self.get_response(request)


# What a clinician who must set up two-step sign-in can still open.
TWO_STEP_OPEN = {"accounts:two_step_setup", "accounts:logout", "core:crisis", "core:healthz"}


class TwoStepRequiredMiddleware:
    """In clinic mode a signed-in clinician without two-step sign-in reaches only its set-up
    page (and signing out, the crisis page): every other page sends them there first, and the
    API (signed in through the browser) answers 403. API tokens are a separate credential,
    made on a page behind this rule, so they are not checked here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.FEELMAP_TWO_STEP_FOR_CLINICIANS:
            user = getattr(request, "user", None)
            if (user is not None and user.is_authenticated and user.is_clinician
                    and not request.path_info.startswith(settings.STATIC_URL)):
                from .twofactor import is_on

                try:
                    name = resolve(request.path_info).view_name
                except Resolver404:
                    name = ""
                if name not in TWO_STEP_OPEN and not is_on(user):
                    if request.path_info.startswith("/api/"):
                        return JsonResponse({"detail": "Set up two-step sign-in first "
                                             "(/accounts/two-step/setup/)."}, status=403)
                    setup = reverse("accounts:two_step_setup")
                    return redirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class PersonTimeZoneMiddleware:
    """After AuthenticationMiddleware: a signed-in person's pages use their own time zone
    (`User.time_zone`, chosen on the Reminders page), so the dates and times they see and the
    times they type are on their own clock. Without a choice, the server's zone, as before.
    Code about a person's day that may run outside their request (the reminder worker, a
    clinician's view of the person) asks `feelmap.lib.days.person_today` instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "time_zone", ""):
            timezone.activate(person_zone(user))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
