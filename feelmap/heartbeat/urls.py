from django.urls import path

from . import views

app_name = "heartbeat"
urlpatterns = [
    path("", views.index, name="index"),
    path("count/", views.count, name="count"),
    path("guess/", views.guess, name="guess"),
    path("discriminate/", views.discriminate, name="discriminate"),
    path("file/", views.file_upload, name="file"),
    path("sessions/<uuid:public_id>/", views.session_detail, name="session"),
    path("sessions/<uuid:public_id>/delete/", views.delete, name="delete"),
]
