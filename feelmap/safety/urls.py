from django.urls import path

from . import views

app_name = "safety"
urlpatterns = [
    path("", views.index, name="index"),
    path("plan/", views.plan, name="plan"),
    path("plan/autosave/", views.autosave, name="plan_autosave"),
]
