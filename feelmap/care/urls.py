from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("", views.index, name="index"),
    path("code/", views.new_code, name="new_code"),
    path("join/", views.join, name="join"),
    path("links/<uuid:link_id>/sharing/", views.grants, name="grants"),
    path("links/<uuid:link_id>/end/", views.revoke, name="revoke"),
    path("people/<uuid:person_id>/", views.person, name="person"),
    path("people/<uuid:person_id>/report.pdf", views.report, name="report"),
    path("people/<uuid:person_id>/<slug:kind>/", views.shared, name="shared"),
]
