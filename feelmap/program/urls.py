from django.urls import path

from . import views

app_name = "program"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("stop/", views.stop, name="stop"),
    path("day/", views.day, name="day"),
    path("week/", views.week_move, name="week"),
    path("booster/", views.booster, name="booster"),
    path("understand/", views.understanding, name="understanding"),
    path("understand/pairs/", views.pairs, name="pairs"),
    path("understand/<slug:slug>/", views.page, name="page"),
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/feed/", views.feed_rotate, name="feed_rotate"),
    path("reminders/feed/<str:token>.ics", views.feed, name="feed"),
]
