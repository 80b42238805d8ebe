from django.urls import path

from . import views

app_name = "lexicon"
# The index ("" , name "index") lists the person's own words too, so core serves it: it is
# added in front of these in feelmap/urls.py.
urlpatterns = [
    path("quadrants/", views.quadrants, name="quadrants"),
    path("search/", views.search, name="search"),
    path("family/<slug:key>/", views.family, name="family"),
    # Last, so the fixed pages above win over a word of the same name.
    path("<str:slug>/", views.word, name="word"),
]
