from django.urls import path

from . import views

app_name = "portability"
urlpatterns = [
    path("", views.data, name="index"),
    path("download/<str:fmt>/", views.download, name="download"),
    path("import/", views.import_view, name="import"),
    path("delete/", views.delete, name="delete"),
]
