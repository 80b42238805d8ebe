from django.urls import include, path

from feelmap.api.urls import api
from feelmap.core.views import words as words_index
from feelmap.lexicon.urls import urlpatterns as lexicon_urls

# /words/ is the lexicon's, but its index also shows the words this person has started using,
# which only core may read (lexicon knows no person's data).
words_urls = ([path("", words_index, name="index"), *lexicon_urls], "lexicon")

urlpatterns = [
    path("", include("feelmap.core.urls")),
    path("accounts/", include("feelmap.accounts.urls")),
    path("words/", include(words_urls)),
    path("checkin/", include("feelmap.checkins.urls")),
    path("journal/", include("feelmap.journal.urls")),
    path("practice/", include("feelmap.practices.urls")),
    path("measures/", include("feelmap.assessments.urls")),
    path("safety/", include("feelmap.safety.urls")),
    path("api/v1/", api.urls),
]

handler404 = "feelmap.core.views.not_found"
handler500 = "feelmap.core.views.server_error"
handler403 = "feelmap.core.views.forbidden"
