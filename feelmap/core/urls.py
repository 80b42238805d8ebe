from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.crisis, name="crisis"),
    path("healthz", views.healthz, name="healthz"),
    path("soon/<slug:section>/", views.coming, name="coming"),
]
