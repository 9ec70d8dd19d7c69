from django.urls import path

from . import views

app_name = "identities"

urlpatterns = [
    path("<int:pk>/<slug:subject>/", views.reveal, name="reveal"),
    path("<int:pk>/<slug:subject>/<int:item>/", views.reveal, name="reveal-item"),
]
