from django.urls import path

from . import views

app_name = "journal"
urlpatterns = [
    path("", views.index, name="index"),
    path("write/", views.write, name="write"),
    path("analyse", views.analyse, name="analyse"),
    path("draft", views.save_draft, name="draft"),
    path("draft/discard", views.discard_draft, name="discard_draft"),
    path("<uuid:public_id>/", views.entry, name="entry"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/delete/", views.delete, name="delete"),
    path("<uuid:public_id>/labels/", views.add_label, name="add_label"),
    path("<uuid:public_id>/labels/remove/", views.remove_label, name="remove_label"),
]
