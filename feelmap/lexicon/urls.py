from django.urls import path

from . import views

app_name = "lexicon"
urlpatterns = [
    path("", views.index, name="index"),
    path("quadrants/", views.quadrants, name="quadrants"),
    path("search/", views.search, name="search"),
    path("family/<slug:key>/", views.family, name="family"),
    # Last, so the fixed pages above win over a word of the same name.
    path("<str:slug>/", views.word, name="word"),
]
