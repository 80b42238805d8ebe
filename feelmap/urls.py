from django.urls import include, path

from feelmap.api.urls import api

urlpatterns = [
    path("", include("feelmap.core.urls")),
    path("accounts/data/", include("feelmap.portability.urls")),
    path("accounts/", include("feelmap.accounts.urls")),
    path("words/", include("feelmap.lexicon.urls")),
    path("checkin/", include("feelmap.checkins.urls")),
    path("journal/", include("feelmap.journal.urls")),
    path("practice/", include("feelmap.practices.urls")),
    path("heartbeat/", include("feelmap.heartbeat.urls")),
    path("say/", include("feelmap.saying.urls")),
    path("measures/", include("feelmap.assessments.urls")),
    path("safety/", include("feelmap.safety.urls")),
    path("path/", include("feelmap.program.urls")),
    path("insights/", include("feelmap.insights.urls")),
    path("care/", include("feelmap.care.urls")),
    path("api/v1/", api.urls),
]

# Under /api/ these answer JSON; elsewhere they hand over to the site's own pages.
handler400 = "feelmap.api.errors.bad_request"
handler404 = "feelmap.api.errors.not_found"
handler500 = "feelmap.api.errors.server_error"
handler403 = "feelmap.api.errors.forbidden"
