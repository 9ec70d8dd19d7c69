from django.urls import path

from . import views

app_name = "hearings"

urlpatterns = [
    path("", views.hearing_list, name="list"),
    path("new/", views.hearing_new, name="new"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/respond/", views.respond, name="respond"),
]
