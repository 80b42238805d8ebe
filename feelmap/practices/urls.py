from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("", views.index, name="index"),
    path("preferences/", views.preferences, name="preferences"),
    path("breathing/", views.breathing, name="breathing"),
    path("bodyscan/", views.bodyscan_start, name="bodyscan"),
    path("senses/", views.senses, name="senses"),
    path("senses/<slug:activity_id>/", views.activity, name="activity"),
    path("sessions/<uuid:public_id>/", views.session_detail, name="session"),
    path("sessions/<uuid:public_id>/breathe/", views.breathe, name="breathe"),
    path("sessions/<uuid:public_id>/scan/", views.scan, name="scan"),
    path("sessions/<uuid:public_id>/delete/", views.delete_session, name="delete"),
]
