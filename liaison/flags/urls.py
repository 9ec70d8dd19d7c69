from django.urls import path

from . import views

app_name = "flags"

urlpatterns = [
    path("", views.flag_list, name="list"),
    path("raise/<int:matter>/", views.flag_new, name="raise"),
]
