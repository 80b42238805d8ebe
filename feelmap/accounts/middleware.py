import re
import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

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
