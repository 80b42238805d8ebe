"""The real URLs plus a stand-in "care" page, to show a link appears once its page exists."""

from django.http import HttpResponse
from django.urls import include, path

from feelmap.urls import urlpatterns as real

care = ([path("", lambda request: HttpResponse("care"), name="index")], "care")
urlpatterns = [*real, path("care/", include(care))]
