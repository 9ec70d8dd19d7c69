from django.urls import path

from . import views

app_name = "retrials"

urlpatterns = [
    path("", views.retrial_list, name="list"),
    path("new/", views.retrial_new, name="new"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("<int:pk>/evidence/<int:item>/remove/", views.evidence_remove, name="evidence-remove"),
]
