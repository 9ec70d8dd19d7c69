from django.urls import path

from . import api, views

app_name = "workspace"

urlpatterns = [
    path("work/", views.my_work, name="my-work"),
    path("matters/<int:pk>/", views.matter_detail, name="matter"),
    path("matters/<int:pk>/steps/<slug:name>/", views.matter_transition, name="transition"),
    path("matters/<int:pk>/comments/", views.matter_comment, name="comment"),
    path("matters/<int:pk>/approval/<slug:decision>/", views.matter_approval, name="approval"),
    path("clocks/<int:pk>/<slug:verb>/", views.clock_control, name="clock"),
    path("api/matters/", api.MatterList.as_view(), name="api-matters"),
    path("api/matters/<int:pk>/", api.MatterDetail.as_view(), name="api-matter"),
    path("api/my-work/", api.MyWork.as_view(), name="api-my-work"),
]
