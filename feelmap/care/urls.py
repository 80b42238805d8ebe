from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("", views.index, name="index"),
    path("code/", views.new_code, name="new_code"),
    path("join/", views.join, name="join"),
    path("links/<uuid:link_id>/sharing/", views.grants, name="grants"),
    path("links/<uuid:link_id>/end/", views.revoke, name="revoke"),
    path("links/<uuid:link_id>/entries/<uuid:record_id>/", views.share_entry, name="share_entry"),
    path("links/<uuid:link_id>/style/undo/", views.undo_style, name="undo_style"),
    path("feedback/<slug:kind>/<uuid:record_id>/<uuid:link_id>/reply/", views.reply, name="reply"),
    path("feedback/<slug:kind>/<uuid:record_id>/<uuid:link_id>/delete/", views.delete_thread,
         name="delete_thread"),
    path("assignments/<uuid:assignment_id>/done/", views.assignment_done, name="assignment_done"),
    path("assignments/<uuid:assignment_id>/end/", views.end_assignment, name="end_assignment"),
    path("flags/seen/", views.flags_seen, name="flags_seen"),
    path("people/<uuid:person_id>/", views.person, name="person"),
    path("people/<uuid:person_id>/report.pdf", views.report, name="report"),
    path("people/<uuid:person_id>/assign/", views.assign, name="assign"),
    path("people/<uuid:person_id>/style/", views.set_style, name="set_style"),
    path("people/<uuid:person_id>/flags/<slug:flag>/seen/", views.flag_seen, name="flag_seen"),
    path("people/<uuid:person_id>/<slug:kind>/", views.shared, name="shared"),
    path("people/<uuid:person_id>/<slug:kind>/<uuid:record_id>/", views.record, name="record"),
]
