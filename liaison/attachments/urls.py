from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    path("matters/<int:matter_id>/attachments/", views.upload, name="upload"),
    path("attachments/<int:pk>/", views.download, name="download"),
]
