from django.urls import path

from . import views

app_name = "publicity"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="new"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_change, name="edit"),
    path("<int:pk>/material/<int:attachment>/", views.material_file, name="material"),
    path(
        "<int:pk>/material/<int:attachment>/remove/",
        views.material_delete,
        name="material-remove",
    ),
]
