from django.urls import path

from . import views

app_name = "checkins"
urlpatterns = [
    path("", views.index, name="index"),
    path("quick/", views.quick, name="quick"),
    path("full/", views.full, name="full"),
    path("timeline/", views.timeline, name="timeline"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<int:year>/<int:month>/", views.calendar, name="calendar_month"),
    path("draft/<str:key>/", views.draft, name="draft"),
    path("suggest/", views.suggest, name="suggest"),
    path("suggest/contrast/", views.contrast, name="suggest-contrast"),
    path("ratings/", views.ratings, name="ratings"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/delete/", views.delete, name="delete"),
]
