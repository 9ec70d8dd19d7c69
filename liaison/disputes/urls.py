from django.urls import path

from . import views

app_name = "disputes"

urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("raise/<int:matter>/", views.dispute_new, name="raise"),
]
