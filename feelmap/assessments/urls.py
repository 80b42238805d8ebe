from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("schedule/", views.schedule_settings, name="schedule"),
    path("r/<uuid:public_id>/", views.result, name="result"),
    path("<slug:key>/", views.take, name="take"),
    path("<slug:key>/autosave/", views.autosave, name="autosave"),
    path("<slug:key>/history/", views.history, name="history"),
]
