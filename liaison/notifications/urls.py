from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", views.mark_read, name="mark-read"),
    path("inbox/read-all/", views.mark_all_read, name="mark-all-read"),
]
