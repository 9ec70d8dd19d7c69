from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("work/", views.my_work, name="my-work"),
    path("matters/<int:pk>/", views.matter_detail, name="matter"),
    path("matters/<int:pk>/steps/<slug:name>/", views.matter_transition, name="transition"),
    path("matters/<int:pk>/comments/", views.matter_comment, name="comment"),
    path("clocks/<int:pk>/<slug:verb>/", views.clock_control, name="clock"),
]
