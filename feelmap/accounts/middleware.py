import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

AUTH_AT = "feelmap_auth_at"


class SessionLimitsMiddleware:
    """Ends a session once it is older than the absolute limit, whatever the activity.

    The idle limit is SESSION_COOKIE_AGE, renewed on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(AUTH_AT)
            now = time.time()
            if started is None:
                request.session[AUTH_AT] = now
            elif now - started > settings.FEELMAP_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(reverse("accounts:login") + "?expired=1")
        return self.get_response(request)
