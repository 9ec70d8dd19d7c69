from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_new, name="new"),
    path("<int:pk>/petitioner/", views.petitioner, name="petitioner"),
    path("figures/", views.figures, name="figures"),
]
