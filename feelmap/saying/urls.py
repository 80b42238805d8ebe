from django.urls import path

from . import views

app_name = "saying"
urlpatterns = [
    path("", views.index, name="index"),
    path("scenario/<slug:scenario_id>/", views.roleplay, name="roleplay"),
    path("build/", views.build, name="build"),
    path("cues/", views.cues, name="cues"),
    path("history/", views.history, name="history"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/delete/", views.delete, name="delete"),
]
