from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("<int:pk>/document.<slug:fmt>", views.document, name="document"),
]
