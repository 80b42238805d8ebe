"""The real URLs plus a stand-in "saying" page, to show links appear once a page exists."""

from django.http import HttpResponse
from django.urls import include, path

from feelmap.urls import urlpatterns as real

saying = ([path("", lambda request: HttpResponse("say"), name="index")], "saying")
urlpatterns = [*real, path("say/", include(saying))]
