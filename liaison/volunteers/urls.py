from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/confirm/", views.register_confirm, name="register-confirm"),
    path("me/", views.me, name="me"),
    path("me/roles/", views.roles, name="roles"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/join/", views.join, name="join"),
    path("organisations/leave/", views.leave, name="leave"),
    path("training/", views.training, name="training"),
    path("training/new/", views.training_new, name="training-new"),
    path("training/<int:pk>/", views.training_detail, name="training-detail"),
    path("training/<int:pk>/file/", views.training_file, name="training-file"),
]
