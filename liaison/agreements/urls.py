from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("new/", views.agreement_new, name="new"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/liaison/<int:organisation>/", views.liaison_name, name="liaison"),
]
